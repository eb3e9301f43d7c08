"""Counts that agree: the smart views count papers, not listings; every number says what it counts; a star
or read mark looks up only the papers it changed; a read-only library offers no marking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.platform.settings import ReadMode
from reader.ui.window.main_window import MainWindow

TWICE = "2501.00001"  # listed on both days


def write_digest(path: Path, date: str, numbers: tuple[int, ...]) -> None:
    path.write_text(f"## Daily Papers ({date})\n\n" + "".join(
        f"### [Paper {n}](https://arxiv.org/abs/2501.0000{n})\n\nVote: {10 - n}\n\nAuthors: Kim\n\n- 요약 {n}.\n\n"
        for n in numbers), encoding="utf-8")


@pytest.fixture
def two_days(tmp_path: Path) -> Path:
    """A data directory of two days, 2025-01-06 (papers 1, 2) and 2025-01-07 (papers 1, 3): 3 papers, 4 listings."""
    folder = tmp_path / "digests"
    folder.mkdir()
    write_digest(folder / "2025-01-06.md", "2025-01-06", (1, 2))
    write_digest(folder / "2025-01-07.md", "2025-01-07", (1, 3))
    data_dir = tmp_path / "data"
    library = Library(data_dir)
    try:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        library.update()
        assert len(library.rows()) == 4
    finally:
        library.close()
    return data_dir


def count(window: MainWindow, view: View) -> str:
    return window.sidebar_model.index_for_view(view).siblingAtColumn(1).data()


def tooltip(window: MainWindow, view: View) -> str:
    return window.sidebar_model.index_for_view(view).data(Qt.ItemDataRole.ToolTipRole)


def test_starred_and_unread_count_a_paper_listed_on_two_days_once(open_window, two_days: Path, qtbot) -> None:
    window = open_window(two_days)
    assert (count(window, View("all")), count(window, View("unread")), count(window, View("starred"))) == (
        "3", "3", "0")
    assert window.paper_list.current_paper().arxiv_id == TWICE  # the newest day's top paper
    qtbot.keyClick(window.paper_list, "s")
    assert count(window, View("starred")) == "1"  # one paper, though two listings of it are starred
    qtbot.keyClick(window.paper_list, "m")
    assert count(window, View("unread")) == "2"
    assert count(window, View("day", "2025-01-06")) == "1/2" and count(window, View("day", "2025-01-07")) == "1/2"
    window.sidebar.select_view(View("starred"))
    assert window.paper_proxy.rowCount() == 2  # the list shows both listings; the tooltip says why they differ
    for kind, number in (("all", 3), ("unread", 2), ("starred", 1)):
        text = tooltip(window, View(kind))
        assert "papers, not listings" in text and str(number) in text, kind


def test_every_sidebar_number_says_what_it_counts(open_window, two_days: Path) -> None:
    window = open_window(two_days)
    day = window.sidebar_model.index_for_view(View("day", "2025-01-07"))
    month = day.parent()
    year = month.parent()
    assert day.data(Qt.ItemDataRole.ToolTipRole) == "2 unread of 2 papers on this day"
    assert month.siblingAtColumn(1).data() == "4"  # the unread listings of its days
    assert month.data(Qt.ItemDataRole.ToolTipRole) == (
        "4 unread of 4 listings on these days (a paper listed on two days counts on each)")
    assert year.siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole) == month.data(Qt.ItemDataRole.ToolTipRole)
    assert "2 papers on this day" in tooltip(window, View("latest"))


def test_a_star_or_read_mark_looks_up_only_the_papers_it_changed(open_window, monkeypatch, qtbot) -> None:
    """all_flags() reads every flag (a million after an import); a toggle must not need it."""
    window = open_window()
    asked: list[list[str]] = []
    real_flags_of = window.library.flags_of
    monkeypatch.setattr(window.library, "all_flags", lambda: pytest.fail("all_flags() read for a toggle"))
    monkeypatch.setattr(window.library, "flags_of", lambda ids: asked.append(sorted(ids)) or real_flags_of(ids))
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    qtbot.keyClick(window.paper_list, "m")
    window.commands["mark_day_read"].trigger()
    window.commands["undo"].trigger()
    assert window.library.flags(paper.arxiv_id).starred and window.library.flags(paper.arxiv_id).read
    assert asked and all(len(ids) <= 8 for ids in asked)  # a paper, or the day's eight
    row = window.paper_list.currentIndex()
    assert row.siblingAtColumn(PaperTableModel.STAR).data() == "★"


@pytest.fixture
def read_only_dir(seeded_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data directory reported as not writable, as a read-only folder (or a mounted backup) would be."""
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(seeded_data_dir)):
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return seeded_data_dir


def test_a_read_only_library_offers_no_marks_and_says_why(open_window, read_only_dir: Path, qtbot) -> None:
    window = open_window(read_only_dir, read_mode=ReadMode.IMMEDIATELY)
    assert window.library.read_only
    note = window.statusBar().findChild(QLabel, "read_only_note")
    assert note is not None and note.isVisible() and "read-only" in note.text()
    window.statusBar().showMessage("Library up to date")  # a passing message never hides the warning
    assert note.isVisible() and not window.living.first_run_note.isVisible()
    window.statusBar().clearMessage()
    for name in ("toggle_star", "toggle_read", "mark_rest_of_day_read", "mark_day_read", "mark_all_read", "undo"):
        assert not window.commands[name].isEnabled(), name
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    qtbot.keyClick(window.paper_list, "j")  # chosen, and would be read at once
    assert window.library.all_flags() == {}
    window.paper_list.select_key(paper.key)
    star = window.detail.star_button  # the pane's button: not offered either, and it says why
    assert not star.isEnabled() and "read-only" in star.toolTip()
    star.click()
    assert not star.isChecked()
    assert window.library.all_flags() == {}
    assert window.commands["next_unread"].isEnabled() and window.commands["open_arxiv"].isEnabled()
