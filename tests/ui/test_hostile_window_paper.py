"""A huge paper reaches the window bounded (issue 12): the parser reads its summary up to MAX_SUMMARY_CHARS and says
so, so the window restores it at start without loading megabytes on the GUI thread, and shows it as bounded text."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.core import parse
from reader.library import Library
from reader.ui.models.view import View
from reader.ui.platform.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_digests  # noqa: E402 - the hostile corpus generator


def test_a_huge_paper_restored_at_start_is_shown_bounded(open_window, qtbot, tmp_path: Path) -> None:
    path, ids = hostile_digests.write_digest(tmp_path / "digests", {"huge": hostile_digests.huge_line(600_000)})
    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.add_sources([tmp_path / "digests"])
        library.update()
    settings = Settings(data_dir)
    settings.selected_view = View("day", hostile_digests.DATE).to_text()
    settings.selected_paper = f"{hostile_digests.DATE}/{ids['huge']}"
    settings.sync()
    window = open_window(data_dir)
    paper = window.paper_list.current_paper()
    assert paper.arxiv_id == ids["huge"]
    qtbot.waitUntil(lambda: not window.detail.is_formatting(), timeout=20_000)
    shown = window.detail.browser.toPlainText()
    assert window.detail.shown_key() == paper.key and "Shown as plain text" in shown
    assert len(shown) < parse.MAX_SUMMARY_CHARS + 2_000  # the summary as read, and the page around it
    problems = [problem for problem in window.library.problems() if problem.path == str(path)]
    assert [problem.code for problem in problems] == ["summary-too-long"]
