"""TEMPORARY old path of the window start-up, now reader.ui.window.launch; delete once
reader/cli/main.py imports run_window from there."""

from reader.ui.window.launch import run_window

__all__ = ["run_window"]
