"""TEMPORARY old path of the paper HTML, now reader.ui.panes.paper_html; delete once
tests/unit/test_render.py imports from there."""

from reader.ui.panes.paper_html import render_paper_html, sanitize_html

__all__ = ["render_paper_html", "sanitize_html"]
