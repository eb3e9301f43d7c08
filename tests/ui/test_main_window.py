"""The window on the indexed seeds: first start, views, counts, sorting, hiding read, opening, marking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.platform.settings import ReadMode
from reader.ui.window.main_window import MainWindow

NEWEST_DAY = "2024-11-20"
READ_TIMER_WAIT_MS = 300  # a 10 ms read timer fires well within this


def list_column(window: MainWindow, column: int) -> list[str]:
    proxy = window.paper_proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def sidebar_count(window: MainWindow, view: View) -> str:
    return window.sidebar_model.index_for_view(view).siblingAtColumn(1).data()


def select(window: MainWindow, view: View) -> None:
    assert window.sidebar.select_view(view)


def test_first_start_shows_newest_day_top_paper_with_focus_on_the_list(open_window) -> None:
    window = open_window()
    assert "Daily Papers" in window.windowTitle()
    assert window.sidebar.current_view() == View("day", NEWEST_DAY)
    top = max(window.library.papers(date=NEWEST_DAY), key=lambda paper: paper.votes or -1)
    assert window.paper_list.current_paper() == top
    assert window.detail.paper() == top
    assert QApplication.focusWidget() is window.paper_list
    assert window.paper_list.isColumnHidden(PaperTableModel.DATE)  # one day: no date column


def test_views_fill_the_list(open_window) -> None:
    window = open_window()
    select(window, View("all"))
    assert window.paper_proxy.rowCount() == 52
    assert not window.paper_list.isColumnHidden(PaperTableModel.DATE)
    assert len(set(list_column(window, PaperTableModel.DATE))) == 5
    select(window, View("day", "2024-04-02"))
    assert set(list_column(window, PaperTableModel.DATE)) == {"2024-04-02"}
    assert window.detail.paper().date == "2024-04-02"
    select(window, View("starred"))
    assert window.paper_proxy.rowCount() == 0
    assert window.detail.paper() is None


def test_sidebar_counts_follow_star_and_read_at_once(open_window, qtbot) -> None:
    window = open_window()
    assert sidebar_count(window, View("all")) == "52"
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "8/8"
    assert sidebar_count(window, View("starred")) == "0"
    qtbot.keyClick(window.paper_list, "s")
    assert sidebar_count(window, View("starred")) == "1"
    qtbot.keyClick(window.paper_list, "m")
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "7/8"
    assert sidebar_count(window, View("unread")) == "51"
    assert sidebar_count(window, View("latest")) == "7/8"
    assert window.sidebar.current_view() == View("day", NEWEST_DAY)  # counts changed, selection kept


def test_unread_titles_are_bold_and_a_star_shows(open_window, qtbot) -> None:
    window = open_window()
    title = window.paper_list.currentIndex().siblingAtColumn(PaperTableModel.TITLE)
    assert title.data(Qt.ItemDataRole.FontRole).bold()
    qtbot.keyClick(window.paper_list, "m")
    qtbot.keyClick(window.paper_list, "s")
    assert title.data(Qt.ItemDataRole.FontRole) is None
    assert title.siblingAtColumn(PaperTableModel.STAR).data() == "★"
    assert window.detail.star_button.isChecked()


def test_sort_by_votes_by_default_then_title_and_date(open_window) -> None:
    window = open_window()
    select(window, View("all"))
    votes = [int(v) if v != "–" else -1 for v in list_column(window, PaperTableModel.VOTES)]
    assert votes == sorted(votes, reverse=True)
    window.commands["sort_title"].trigger()
    titles = list_column(window, PaperTableModel.TITLE)
    assert titles == sorted(titles, key=str.casefold)
    window.commands["sort_date"].trigger()
    dates = list_column(window, PaperTableModel.DATE)
    assert dates == sorted(dates, reverse=True)
    assert window.commands["sort_date"].isChecked() and not window.commands["sort_votes"].isChecked()


def test_hide_read_hides_read_papers_but_not_the_one_being_read(open_window, qtbot) -> None:
    window = open_window()
    first = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "m")  # read
    window.commands["hide_read"].setChecked(True)
    assert window.paper_list.current_paper() == first  # still shown while it is current
    assert window.paper_proxy.rowCount() == 8
    qtbot.keyClick(window.paper_list, "j")
    assert window.paper_proxy.rowCount() == 7
    assert first.title not in list_column(window, PaperTableModel.TITLE)
    window.commands["hide_read"].setChecked(False)
    assert window.paper_proxy.rowCount() == 8


@pytest.mark.parametrize("gesture", ["enter", "double-click", "o"])
def test_enter_double_click_and_o_open_arxiv(open_window, qtbot, opened_urls, gesture) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    if gesture == "enter":
        qtbot.keyClick(window.paper_list, Qt.Key.Key_Return)
    elif gesture == "o":
        qtbot.keyClick(window.paper_list, "o")
    else:
        rect = window.paper_list.visualRect(window.paper_list.currentIndex())
        viewport = window.paper_list.viewport()
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # starts with a press
    assert opened_urls == [f"https://arxiv.org/abs/{paper.arxiv_id}"]
    assert paper.arxiv_id in window.statusBar().currentMessage()


def click_row(window: MainWindow, qtbot, row: int) -> None:
    index = window.paper_proxy.index(row, PaperTableModel.TITLE)
    qtbot.mouseClick(window.paper_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.paper_list.visualRect(index).center())


def test_paper_becomes_read_after_being_shown_for_a_moment(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.AFTER_DELAY, read_delay_s=0.2)
    paper = window.paper_list.current_paper()
    click_row(window, qtbot, 0)  # the reader chooses the paper the window started on
    assert not window.library.flags(paper.arxiv_id).read  # not at once
    qtbot.waitUntil(lambda: window.library.flags(paper.arxiv_id).read, timeout=5000)
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "7/8"


def test_moving_on_before_the_moment_leaves_a_paper_unread(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.AFTER_DELAY, read_delay_s=0.3)
    first = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "j")
    second = window.paper_list.current_paper()
    qtbot.waitUntil(lambda: window.library.flags(second.arxiv_id).read, timeout=5000)
    assert not window.library.flags(first.arxiv_id).read


def test_read_immediately_and_never(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    first = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "j")
    assert window.library.flags(window.paper_list.current_paper().arxiv_id).read  # chosen: read at once
    assert not window.library.flags(first.arxiv_id).read  # shown by the window at start: not read
    window.close()
    # With a moment of 10 ms, the wait below is long enough for the timer to mark a paper read ...
    window = open_window(seeded_data_dir, read_mode=ReadMode.AFTER_DELAY, read_delay_s=0.01)
    qtbot.keyClick(window.paper_list, "j")
    qtbot.wait(READ_TIMER_WAIT_MS)
    assert window.library.flags(window.paper_list.current_paper().arxiv_id).read
    window.close()
    # ... and with the same moment, "never" leaves the next paper unread through the same wait.
    window = open_window(seeded_data_dir, read_mode=ReadMode.NEVER, read_delay_s=0.01)
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    qtbot.wait(READ_TIMER_WAIT_MS)
    assert not window.library.flags(paper.arxiv_id).read


def test_m_marks_unread_again_and_the_timer_does_not_undo_it(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    assert window.library.flags(paper.arxiv_id).read
    qtbot.keyClick(window.paper_list, "m")
    assert not window.library.flags(paper.arxiv_id).read
    qtbot.keyClick(window.paper_list, "m")
    assert window.library.flags(paper.arxiv_id).read


def test_mark_day_as_read(open_window) -> None:
    window = open_window()
    window.commands["mark_day_read"].trigger()
    assert sidebar_count(window, View("day", NEWEST_DAY)) == "0/8"
    assert sidebar_count(window, View("day", "2024-04-02")) == "12/12"
    assert all(window.paper_model.flags_of(paper.arxiv_id).read for paper in window.paper_model.papers())


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_mark_all_as_read_asks_first(open_window, monkeypatch, answer) -> None:
    window = open_window()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text) or answer)
    window.commands["mark_all_read"].trigger()
    assert asked and "52" in asked[0]
    expected = "0" if answer == QMessageBox.StandardButton.Yes else "52"
    assert sidebar_count(window, View("unread")) == expected
    other = Library(window.library.data_dir)  # another process, like the CLI, sees it at once
    try:
        assert len(other.papers(unread=True)) == int(expected)
    finally:
        other.close()


def test_star_from_the_detail_pane_updates_list_and_counts(open_window) -> None:
    window = open_window()
    window.detail.star_button.click()
    paper = window.paper_list.current_paper()
    assert window.library.flags(paper.arxiv_id).starred
    assert window.paper_list.currentIndex().siblingAtColumn(PaperTableModel.STAR).data() == "★"
    assert sidebar_count(window, View("starred")) == "1"


def test_also_on_date_link_selects_that_day(open_window) -> None:
    window = open_window()
    window.detail.date_link_activated.emit("2024-07-04")
    assert window.sidebar.current_view() == View("day", "2024-07-04")
    assert window.paper_list.current_paper().date == "2024-07-04"
