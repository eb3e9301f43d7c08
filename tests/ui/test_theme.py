"""Light and dark: the detail pane's text stays readable (WCAG contrast) and follows a theme change."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette

from reader.ui.platform import theme
from reader.ui.platform.theme import Theme, contrast_ratio


def stylesheet_colours(html: str) -> dict[str, str]:
    """Colours of the detail document's own stylesheet, by selector."""
    css = re.search(r"<style[^>]*>(.*?)</style>", html, re.DOTALL)
    assert css is not None
    colours = {}
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css.group(1)):
        for prop, value in re.findall(r"(color|background-color)\s*:\s*(#[0-9a-fA-F]{6})", body):
            colours[f"{selector.strip()} {prop}"] = value.lower()
    return colours


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("chosen", [Theme.LIGHT, Theme.DARK])
def test_detail_pane_is_readable(chosen: Theme, restore_theme, qapp, open_window) -> None:
    theme.apply_theme(qapp, chosen)
    window = open_window()
    palette = theme.detail_palette(window.detail.browser.palette())
    assert theme.is_dark(window.detail.browser.palette()) == (chosen == Theme.DARK)
    html = render_of(window)
    colours = stylesheet_colours(html)
    background = colours["body background-color"]
    assert background == palette["background"]
    for role in ("body color", "a color", ".meta, .authors, .also, .source, .empty color"):
        assert contrast_ratio(colours[role], background) >= theme.WCAG_AA, role
    assert contrast_ratio(colours[".hit color"], colours[".hit background-color"]) >= theme.WCAG_AA
    assert contrast_ratio(colours[".media color"], colours[".media background-color"]) >= theme.WCAG_AA


def render_of(window) -> str:
    """The HTML the pane was last given (QTextBrowser.toHtml() rewrites the stylesheet away)."""
    paper = window.paper_list.current_paper()
    assert paper is not None
    from reader.ui.panes import paper_html

    return paper_html.render_paper_html(paper, window.paper_model.flags_of(paper.arxiv_id),
                                    palette=window.detail._palette_colours())


def test_switching_theme_rerenders_the_open_paper(restore_theme, qapp, open_window) -> None:
    theme.apply_theme(qapp, Theme.LIGHT)
    window = open_window()
    light_background = window.detail.browser.document().toHtml()
    theme.apply_theme(qapp, Theme.DARK)
    qapp.processEvents()
    dark_html = window.detail.browser.document().toHtml()
    assert dark_html != light_background
    dark_base = window.detail.browser.palette().color(QPalette.ColorRole.Base).name()
    assert theme.is_dark(window.detail.browser.palette())
    assert dark_base in dark_html.lower()


def test_system_theme_gives_the_platform_palette_back(restore_theme, qapp) -> None:
    theme.apply_theme(qapp, Theme.DARK)
    assert theme.is_dark(qapp.palette())
    theme.apply_theme(qapp, Theme.SYSTEM)
    assert not theme.is_dark(qapp.palette())  # the offscreen platform is light


def test_korean_font_prefers_noto_then_platform_fonts() -> None:
    assert theme.korean_font_family(["DejaVu Sans", "Malgun Gothic", "Noto Sans CJK KR"]) == "Noto Sans CJK KR"
    assert theme.korean_font_family(["Apple SD Gothic Neo", "Helvetica"]) == "Apple SD Gothic Neo"
    assert theme.korean_font_family(["DejaVu Sans"]) is None
