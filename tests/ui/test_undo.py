"""Edit > Undo and Redo (Ctrl+Z, Ctrl+Shift+Z) of stars and read marks: exactly the flags there were before."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.core.models import Flags
from reader.library import Library
from reader.ui.models.view import View
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NEWEST_DAY = "2024-11-20"


def state(data_dir: Path) -> dict[str, Flags]:
    """Every flag set, as another process (the command line) reads them."""
    other = Library(data_dir)
    try:
        return other.all_flags()
    finally:
        other.close()


def undo(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Z, CTRL)


def redo(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Z, CTRL | SHIFT)


def sidebar_count(window: MainWindow, view: View) -> str:
    return window.sidebar_model.index_for_view(view).siblingAtColumn(1).data()


@pytest.fixture
def flagged(seeded_data_dir: Path) -> dict[str, Flags]:
    """Some marks from before the window opened: a read paper and a starred one on the newest day, one elsewhere."""
    library = Library(seeded_data_dir)
    try:
        newest = [row.arxiv_id for row in library.rows(date=NEWEST_DAY)]
        other_day = [row.arxiv_id for row in library.rows(date="2024-04-02")]
        library.set_read([newest[3], other_day[0]])
        library.set_starred([newest[5]])
        return library.all_flags()
    finally:
        library.close()


def test_nothing_to_undo_at_start(open_window) -> None:
    window = open_window()
    assert not window.commands["undo"].isEnabled() and not window.commands["redo"].isEnabled()
    assert window.commands["undo"].text() == "&Undo"


def test_undo_and_redo_a_read_mark_of_one_paper(open_window, qtbot, seeded_data_dir: Path, flagged) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "m")
    assert state(seeded_data_dir)[paper.arxiv_id].read
    assert window.commands["undo"].text() == "&Undo Mark as Read"
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged
    assert window.paper_model.flags_of(paper.arxiv_id) == Flags()  # the list shows it unread again (bold)
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "7/8"
    assert window.commands["redo"].isEnabled() and not window.commands["undo"].isEnabled()
    assert window.commands["redo"].text() == "&Redo Mark as Read"
    redo(window, qtbot)
    assert state(seeded_data_dir)[paper.arxiv_id].read
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "6/8"


def test_undo_a_mark_unread(open_window, qtbot, seeded_data_dir: Path, flagged) -> None:
    window = open_window()
    read_one = next(arxiv_id for arxiv_id, flags in flagged.items() if flags.read)
    window.sidebar.select_view(View("all"))
    assert window.paper_list.select_key(next(p.key for p in window.paper_model.papers() if p.arxiv_id == read_one))
    qtbot.keyClick(window.paper_list, "m")  # unread now
    assert not state(seeded_data_dir).get(read_one, Flags()).read
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged


def test_undo_and_redo_mark_day_as_read(open_window, qtbot, seeded_data_dir: Path, flagged) -> None:
    window = open_window()
    window.commands["mark_day_read"].trigger()
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "0/8"
    assert window.commands["undo"].text() == f"&Undo Mark {NEWEST_DAY} as Read"
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged  # the paper read before stays read, the star stays
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "7/8"
    redo(window, qtbot)
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "0/8"
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged


def test_undo_and_redo_mark_all_as_read(open_window, qtbot, seeded_data_dir: Path, flagged, monkeypatch) -> None:
    window = open_window()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    window.commands["mark_all_read"].trigger()
    assert sidebar_count(window, View("unread")) == "0"
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged
    assert sidebar_count(window, View("unread")) == "50"
    redo(window, qtbot)
    assert sidebar_count(window, View("unread")) == "0"
    assert all(flags.read for flags in state(seeded_data_dir).values()) and len(state(seeded_data_dir)) == 52


def test_undo_and_redo_star_and_unstar(open_window, qtbot, seeded_data_dir: Path, flagged) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    assert state(seeded_data_dir)[paper.arxiv_id].starred
    assert window.commands["undo"].text() == "&Undo Star"
    undo(window, qtbot)
    assert state(seeded_data_dir) == flagged
    assert not window.detail.star_button.isChecked()  # the detail pane follows
    assert window.commands["toggle_star"].text() == "&Star"
    redo(window, qtbot)
    assert window.detail.star_button.isChecked() and window.commands["toggle_star"].text() == "Un&star"

    starred_one = next(arxiv_id for arxiv_id, flags in flagged.items() if flags.starred)
    assert window.paper_list.select_key(f"{NEWEST_DAY}/{starred_one}")
    qtbot.keyClick(window.paper_list, "s")  # unstar
    assert not state(seeded_data_dir).get(starred_one, Flags()).starred
    assert window.commands["undo"].text() == "&Undo Unstar"
    undo(window, qtbot)
    assert state(seeded_data_dir)[starred_one].starred
    undo(window, qtbot)  # the star before it
    assert state(seeded_data_dir) == flagged


def test_the_detail_panes_star_button_is_undone_too(open_window, qtbot, seeded_data_dir: Path) -> None:
    window = open_window()
    window.detail.star_button.click()
    assert window.commands["undo"].text() == "&Undo Star"
    undo(window, qtbot)
    assert state(seeded_data_dir) == {}
    assert not window.detail.star_button.isChecked()


def test_a_change_that_changes_nothing_is_not_recorded(open_window, qtbot) -> None:
    window = open_window()
    window.commands["mark_day_read"].trigger()
    window.commands["mark_day_read"].trigger()  # already read: nothing to take back
    undo(window, qtbot)
    assert not window.commands["undo"].isEnabled()
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "8/8"


def test_ctrl_z_in_the_search_field_undoes_the_typing_not_a_mark(open_window, qtbot, seeded_data_dir: Path) -> None:
    window = open_window()
    qtbot.keyClick(window.paper_list, "s")
    window.search_bar.focus()
    qtbot.keyClicks(window.search_bar.field, "ab")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Z, CTRL)
    assert window.search_bar.field.text() != "ab"
    assert any(flags.starred for flags in state(seeded_data_dir).values())
    window.commands["undo"].trigger()  # from the menu, it is the star's
    assert state(seeded_data_dir) == {}
