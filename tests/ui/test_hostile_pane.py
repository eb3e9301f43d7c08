"""Hostile summaries in the detail pane and the window: the page always belongs to the paper the buttons act
on, large summaries are formatted off the GUI thread within a time budget, a stale result is dropped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.models import Flags, Media, Paper, Section
from reader.core.parse import parse_digest
from reader.library import Library
from reader.ui.models.view import View
from reader.ui.panes.detail_pane import DetailPane
from reader.ui.platform.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_digests  # noqa: E402 - the hostile corpus generator

WAIT_MS = 20_000
# Sizes that trigger every bound while keeping the test quick (bench/gui_stall.py --hostile uses the full ones).
CASES = {
    "deep_bullets": lambda: hostile_digests.deep_bullets(800),
    "many_dashes": lambda: hostile_digests.many_dashes(600),
    "huge_line": lambda: hostile_digests.huge_line(300_000),
    "long_word": lambda: hostile_digests.huge_line(100_000, word="abcdefgh"),
    "many_headings": lambda: hostile_digests.many_headings(30_000),
    "many_brackets": lambda: hostile_digests.many_brackets(5_000),
    "html_script": hostile_digests.html_script,
    "rtl_override": hostile_digests.rtl_override,
    "control_characters": hostile_digests.control_characters,
}


def hostile_papers(cases: list[str]) -> dict[str, Paper]:
    text, ids = hostile_digests.digest_text({case: CASES[case]() for case in cases})
    papers = {paper.arxiv_id: paper for paper in parse_digest(text, "hostile.md").papers}
    return {case: papers[ids[case]] for case in cases}


def ordinary_paper(number: int = 1) -> Paper:
    return Paper(f"2401.{number:05d}", "2024-01-01", f"Ordinary {number}", f"https://arxiv.org/abs/2401.{number:05d}",
                 3, ("Kim",), sections=(Section(None, f"평범한 요약 {number}"),))


@pytest.fixture
def pane(qtbot) -> DetailPane:
    widget = DetailPane()
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def settled(qtbot, pane: DetailPane) -> str:
    qtbot.waitUntil(lambda: not pane.is_formatting(), timeout=WAIT_MS)
    return pane.browser.toPlainText()


@pytest.mark.parametrize("case", list(CASES))
def test_each_hostile_summary_shows_its_own_paper(qtbot, pane: DetailPane, opened_urls, case: str) -> None:
    paper = hostile_papers([case])[case]
    pane.show_paper(ordinary_paper())
    pane.show_paper(paper)
    assert pane.paper() == paper and pane.shown_key() == paper.key  # at once, even before the summary is done
    text = settled(qtbot, pane)
    assert pane.shown_key() == paper.key
    assert paper.arxiv_id in text and "Ordinary 1" not in text
    if case in ("deep_bullets", "many_dashes", "huge_line", "long_word", "many_headings", "many_brackets"):
        assert "Shown as plain text" in text
    qtbot.mouseClick(pane.open_arxiv_button, Qt.MouseButton.LeftButton)
    assert opened_urls == [f"https://arxiv.org/abs/{paper.arxiv_id}"]


def test_a_large_summary_is_formatted_off_the_gui_thread(qtbot, pane: DetailPane) -> None:
    paper = ordinary_paper()
    paper = Paper(**{**{name: getattr(paper, name) for name in paper.__slots__},
                     "sections": (Section(None, "**굵게** 그리고 " + "긴 요약 " * 1200),)})
    pane.show_paper(paper)
    assert pane.is_formatting() and "Formatting the summary…" in pane.browser.toPlainText()
    settled(qtbot, pane)
    assert "Formatting" not in pane.browser.toPlainText() and "<b>" not in pane.browser.toPlainText()
    assert pane.browser.toHtml().count("font-weight") >= 1  # formatted, not plain text
    pane.set_starred(True)  # a star re-renders the page, not the summary
    assert not pane.is_formatting() and "★ Starred" in pane.browser.toPlainText()


def test_a_star_while_formatting_keeps_the_job(qtbot, pane: DetailPane) -> None:
    pane._formatter.budget_s = 0.5
    paper = hostile_papers(["many_brackets"])["many_brackets"]
    pane.show_paper(paper)
    generation = pane._render_generation
    pane.set_starred(True)  # the page shows the star at once; the summary's job goes on
    assert "★ Starred" in pane.browser.toPlainText() and pane._render_generation == generation
    text = settled(qtbot, pane)
    assert "★ Starred" in text and "took too long" in text and pane.shown_key() == paper.key


def test_a_summary_past_its_time_budget_is_plain_text(qtbot, pane: DetailPane) -> None:
    pane._formatter.budget_s = 0.2  # Python-Markdown needs many seconds for 5,000 "[a"
    paper = hostile_papers(["many_brackets"])["many_brackets"]
    pane.show_paper(paper)
    text = settled(qtbot, pane)
    assert "Shown as plain text: took too long to format." in text
    assert pane.shown_key() == paper.key


def test_a_stale_result_is_dropped(qtbot, pane: DetailPane) -> None:
    slow = hostile_papers(["many_brackets"])["many_brackets"]
    pane._formatter.budget_s = 0.3
    pane.show_paper(slow)
    assert pane.is_formatting()
    pane.show_paper(ordinary_paper(2))  # before the slow one is done
    assert pane.shown_key() == ordinary_paper(2).key and not pane.is_formatting()
    qtbot.wait(800)  # past the slow job's budget: its result (plain text) arrives and must be dropped
    assert pane.shown_key() == ordinary_paper(2).key
    assert "Ordinary 2" in pane.browser.toPlainText() and slow.arxiv_id not in pane.browser.toPlainText()


def test_summary_images_never_load_only_the_thumbnail_may(qtbot, pane: DetailPane) -> None:
    requested: list[str] = []

    class Cache:
        class ready:  # noqa: N801 - a stand-in for the Signal
            @staticmethod
            def connect(_slot: object) -> None:
                pass

        def load_image(self, url: str) -> None:
            requested.append(url)

        def fetch(self, url: str) -> bool:
            return True

    thumbnail = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2401.00001.png"
    paper = Paper("2401.00001", "2024-01-01", "T", "https://arxiv.org/abs/2401.00001", 1,
                  media=Media("image", thumbnail), sections=(Section(None, "![a](http://127.0.0.1:9/a.png) ![b](https://evil.example/b.png)"),))
    pane.set_media_cache(Cache())  # type: ignore[arg-type]
    pane.set_allow_remote_images(True)
    pane.show_paper(paper, Flags())
    pane.browser.viewport().grab()
    pane.browser.setHtml('<img src="http://127.0.0.1:9/raw.png">')  # even raw HTML in the browser
    pane.browser.viewport().grab()
    assert set(requested) == {thumbnail}


# --- the window ---------------------------------------------------------------------------------------


@pytest.fixture
def hostile_data_dir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "digests"
    _path, ids = hostile_digests.write_digest(folder, {case: make() for case, make in CASES.items()}, normal_papers=2)
    data_dir = tmp_path / "data"
    library = Library(data_dir)
    try:
        library.add_sources([folder])
        library.update()
    finally:
        library.close()
    return data_dir, ids


def test_after_a_hostile_paper_the_pane_shows_the_lists_paper(open_window, qtbot, hostile_data_dir) -> None:
    data_dir, ids = hostile_data_dir
    window = open_window(data_dir)
    window.sidebar.select_view(View("day", hostile_digests.DATE))
    seen = set()
    for _step in range(window.paper_proxy.rowCount()):
        current = window.paper_list.current_paper()
        assert current is not None
        seen.add(current.arxiv_id)
        assert window.detail.paper() == current and window.detail.shown_key() == current.key
        qtbot.keyClick(window.paper_list, "j")
    assert set(ids.values()) <= seen
    qtbot.waitUntil(lambda: not window.detail.is_formatting(), timeout=WAIT_MS)
    current = window.paper_list.current_paper()
    assert window.detail.shown_key() == current.key and current.arxiv_id in window.detail.browser.toPlainText()


def test_a_hostile_paper_restored_at_start_is_shown_as_itself(open_window, qtbot, hostile_data_dir) -> None:
    data_dir, ids = hostile_data_dir
    settings = Settings(data_dir)
    settings.selected_view = View("day", hostile_digests.DATE).to_text()
    settings.selected_paper = f"{hostile_digests.DATE}/{ids['deep_bullets']}"
    settings.sync()
    window = open_window(data_dir)
    assert window.paper_list.current_paper().arxiv_id == ids["deep_bullets"]
    qtbot.waitUntil(lambda: not window.detail.is_formatting(), timeout=WAIT_MS)
    assert window.detail.shown_key() == window.paper_list.current_paper().key
    assert "Shown as plain text" in window.detail.browser.toPlainText()
    qtbot.keyClick(window.paper_list, "k")  # and the next paper replaces it
    hostile_key = f"{hostile_digests.DATE}/{ids['deep_bullets']}"
    assert window.detail.shown_key() == window.paper_list.current_paper().key != hostile_key
