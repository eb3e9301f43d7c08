"""Read marks the reader can trust: only a paper the reader chose becomes read; Next Unread; starred kept.

Most tests read papers "immediately" (the preference), so a paper the window wrongly counted as chosen
would be read the moment it is selected, with nothing to wait for; each first shows that a chosen paper
is read under the same setting. One test goes through the real moment of the default setting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.platform.settings import ReadMode
from reader.ui.window.main_window import MainWindow

NEWEST_DAY = "2024-11-20"
MOMENT_S = 0.05
WAIT_MS = 600  # many times the moment: the chosen paper below is read well within it


def read_ids(window: MainWindow) -> set[str]:
    """What `daily-papers list --json` would show as read: the state file, opened anew."""
    other = Library(window.library.data_dir)
    try:
        return {arxiv_id for arxiv_id, flags in other.all_flags().items() if flags.read}
    finally:
        other.close()


def click_row(window: MainWindow, qtbot, row: int, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    index = window.paper_proxy.index(row, PaperTableModel.TITLE)
    qtbot.mouseClick(window.paper_list.viewport(), button, pos=window.paper_list.visualRect(index).center())


def type_query(window: MainWindow, qtbot, text: str) -> None:
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_bar.field, text)
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=3000)


def day_rows(data_dir: Path, date: str) -> list[str]:
    """The arXiv ids of a day in the list's default order (votes, highest first)."""
    library = Library(data_dir)
    try:
        rows = library.rows(date=date)
    finally:
        library.close()
    return [row.arxiv_id for row in sorted(rows, key=lambda row: -1 if row.votes is None else row.votes, reverse=True)]


# --- what the window selects by itself never marks -------------------------------------------------------


def test_selections_the_window_makes_never_mark_a_paper_read(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    assert window.paper_list.current_paper() is not None and window.detail.paper() is not None
    assert read_ids(window) == set()  # the paper shown at start
    window.sidebar.select_view(View("day", "2024-07-04"))  # a view change (a sidebar row)
    qtbot.keyClick(window.paper_list, "n")  # the next day: its top paper is selected for the reader
    qtbot.keyClick(window.paper_list, "p")
    window.detail.date_link_activated.emit("2024-08-22")  # an "also on" link
    type_query(window, qtbot, "model")  # search results while typing: the best match is shown
    assert window.detail.paper() == window.paper_list.current_paper()
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)  # back where the reader was
    window.commands["hide_read"].setChecked(True)
    window.commands["hide_read"].setChecked(False)
    window.sidebar.select_view(View("all"))
    window.commands["sort_title"].trigger()
    assert read_ids(window) == set()
    qtbot.keyClick(window.paper_list, "j")  # the reader's own step: read at once under this setting
    chosen = window.paper_list.current_paper()
    assert read_ids(window) == {chosen.arxiv_id}


def test_the_restored_paper_is_not_marked_read(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window(read_mode=ReadMode.NEVER)
    window.sidebar.select_view(View("day", "2024-07-04"))
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    window.close()
    again = open_window(seeded_data_dir, read_mode=ReadMode.IMMEDIATELY)
    assert again.paper_list.current_paper() == paper  # restored where the reader left off
    assert read_ids(again) == set()
    click_row(again, qtbot, again.paper_list.currentIndex().row())  # now the reader picks it
    assert read_ids(again) == {paper.arxiv_id}


def test_after_the_moment_only_the_chosen_paper_is_read(open_window, qtbot) -> None:
    """The person script's walk: wait, search, leave, next day: nothing read; j and wait: one paper."""
    window = open_window(read_mode=ReadMode.AFTER_DELAY, read_delay_s=MOMENT_S)
    qtbot.wait(WAIT_MS)
    type_query(window, qtbot, "model")
    qtbot.wait(WAIT_MS)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    qtbot.keyClick(window.paper_list, "n")
    qtbot.wait(WAIT_MS)
    assert read_ids(window) == set()
    qtbot.keyClick(window.paper_list, "j")
    chosen = window.paper_list.current_paper()
    qtbot.wait(WAIT_MS)  # the same wait as above ...
    assert read_ids(window) == {chosen.arxiv_id}  # ... is long enough for a chosen paper to be read


def test_a_reload_after_an_update_and_a_removed_paper_mark_nothing(open_window, tmp_path: Path, qtbot) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    digest = folder / "2025-01-07.md"

    def write_day(*numbers: int) -> None:
        digest.write_text("## Daily Papers (2025-01-07)\n\n" + "".join(
            f"### [Paper {n}](https://arxiv.org/abs/2501.0000{n})\n\nVote: {10 - n}\n\nAuthors: Kim\n\n- 요약 {n}.\n\n"
            for n in numbers), encoding="utf-8")

    write_day(1, 2, 3)
    library = Library(tmp_path / "data")
    library.set_seeds_hidden(True)
    library.add_sources([folder])
    library.update()
    library.close()
    window = open_window(tmp_path / "data", read_mode=ReadMode.IMMEDIATELY)
    assert window.paper_list.current_paper().arxiv_id == "2501.00001"
    with qtbot.waitSignal(window.updater.finished, timeout=120_000):
        window.start_update()  # nothing changed: the list is reloaded, the same paper selected again
    assert window.paper_list.current_paper().arxiv_id == "2501.00001"
    write_day(2, 3)  # the paper under the cursor goes away
    with qtbot.waitSignal(window.updater.finished, timeout=120_000):
        window.start_update()
    assert window.paper_list.current_paper().arxiv_id == "2501.00002"
    assert read_ids(window) == set()
    qtbot.keyClick(window.paper_list, "j")  # and the reader's step still reads
    assert read_ids(window) == {"2501.00003"}


# --- what the reader does marks ----------------------------------------------------------------------


def test_a_click_arrow_keys_and_enter_choose_a_paper(open_window, qtbot, opened_urls) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    papers = [paper.arxiv_id for paper in window.paper_model.papers()]
    click_row(window, qtbot, 0)  # a click on the paper already current chooses it too
    assert read_ids(window) == {papers[0]}
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Down)
    assert read_ids(window) == set(papers[:2])
    click_row(window, qtbot, 4)
    assert read_ids(window) == {*papers[:2], papers[4]}
    window.sidebar.select_view(View("day", "2024-07-04"))
    top = window.paper_list.current_paper()
    assert top.arxiv_id not in read_ids(window)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Return)  # Enter: opened on arXiv, and chosen
    assert opened_urls == [f"https://arxiv.org/abs/{top.arxiv_id}"]
    assert top.arxiv_id in read_ids(window)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints", "This plugin does not support raise",
                            "This plugin does not support grabbing")  # the offscreen platform, of the popup menu
def test_a_right_click_shows_the_paper_without_choosing_it(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    click_row(window, qtbot, 2, Qt.MouseButton.RightButton)  # the press, then the menu event it brings
    viewport = window.paper_list.viewport()
    at = window.paper_list.visualRect(window.paper_proxy.index(2, PaperTableModel.TITLE)).center()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at)))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.isVisible()  # the row's menu
    menu.close()
    assert window.paper_list.currentIndex().row() == 2
    assert window.detail.paper() == window.paper_list.current_paper()
    assert read_ids(window) == set()


def test_a_paper_chosen_then_left_before_the_moment_stays_unread(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.AFTER_DELAY, read_delay_s=0.3)
    first = window.paper_list.current_paper()
    click_row(window, qtbot, 0)
    window.sidebar.select_view(View("day", "2024-04-02"))  # away before the moment is over
    qtbot.keyClick(window.paper_list, "j")
    second = window.paper_list.current_paper()
    qtbot.waitUntil(lambda: second.arxiv_id in read_ids(window), timeout=5000)
    assert first.arxiv_id not in read_ids(window)


# --- Next Unread -------------------------------------------------------------------------------------------


def test_space_goes_to_the_next_unread_paper_then_to_the_next_day(open_window, seeded_data_dir: Path,
                                                                  qtbot) -> None:
    newest = day_rows(seeded_data_dir, NEWEST_DAY)
    library = Library(seeded_data_dir)
    library.set_read([newest[1], newest[2], newest[6], newest[7]])  # read before (say, on the command line)
    library.close()
    window = open_window(read_mode=ReadMode.NEVER)
    assert window.paper_list.current_paper().arxiv_id == newest[0]
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)
    assert window.paper_list.current_paper().arxiv_id == newest[3]  # read ones skipped
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)
    assert window.paper_list.current_paper().arxiv_id == newest[5]
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)  # no unread paper below: the next day's first unread
    next_day = window.sidebar_model.day_dates()[1]
    assert window.sidebar.current_view() == View("day", next_day)
    assert window.paper_list.current_paper().arxiv_id == day_rows(seeded_data_dir, next_day)[0]
    assert window.paper_list.hasFocus()


def test_next_unread_skips_read_days_wraps_round_and_says_when_there_is_none(open_window, seeded_data_dir: Path,
                                                                           qtbot) -> None:
    days = ["2024-11-20", "2024-08-22", "2024-08-01", "2024-07-04", "2024-04-02"]
    library = Library(seeded_data_dir)
    assert [day.date for day in library.days()] == days
    library.set_read(row.arxiv_id for row in library.rows() if row.date != "2024-08-22")
    library.close()
    window = open_window(read_mode=ReadMode.NEVER)
    window.sidebar.select_view(View("day", "2024-07-04"))
    window.commands["next_unread"].trigger()  # the days below are read: round from the newest, to 2024-08-22
    assert window.sidebar.current_view() == View("day", "2024-08-22")
    assert window.paper_list.current_paper().arxiv_id == day_rows(seeded_data_dir, "2024-08-22")[0]
    window.commands["mark_day_read"].trigger()
    window.commands["next_unread"].trigger()
    assert window.sidebar.current_view() == View("day", "2024-08-22")  # nowhere to go
    assert window.statusBar().currentMessage() == "No unread papers left"


def test_the_paper_next_unread_goes_to_is_chosen(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    first = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)
    second = window.paper_list.current_paper()
    assert second != first and read_ids(window) == {second.arxiv_id}
    window.sidebar.select_view(View("day", "2024-04-02"))
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Space)  # the top paper is unread but was not chosen: Space
    assert read_ids(window) == {second.arxiv_id, window.paper_list.current_paper().arxiv_id}  # skips past it
    assert window.paper_list.currentIndex().row() == 1


def test_space_types_a_space_in_the_search_field_and_presses_a_focused_button(open_window, qtbot,
                                                                             opened_urls) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    window.search_bar.focus()
    qtbot.keyClicks(window.search_bar.field, "a b")
    assert window.search_bar.field.text() == "a b"
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    window.detail.open_arxiv_button.setFocus()
    qtbot.keyClick(window.detail.open_arxiv_button, Qt.Key.Key_Space)
    assert opened_urls == [f"https://arxiv.org/abs/{paper.arxiv_id}"]
    assert window.paper_list.current_paper() == paper  # not Next Unread
    window.detail.browser.setFocus()
    qtbot.keyClick(window.detail.browser, Qt.Key.Key_Space)  # in the text: Next Unread
    assert window.paper_list.current_paper() != paper


# --- hidden read papers, starred ones kept --------------------------------------------------------------


def titles(window: MainWindow) -> list[str]:
    proxy = window.paper_proxy
    return [proxy.index(row, PaperTableModel.TITLE).data() for row in range(proxy.rowCount())]


def test_starred_papers_can_stay_listed_while_read_ones_are_hidden(open_window, seeded_data_dir: Path,
                                                                  qtbot) -> None:
    window = open_window(read_mode=ReadMode.NEVER)
    starred = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    qtbot.keyClick(window.paper_list, "m")
    qtbot.keyClick(window.paper_list, "j")
    plain_read = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "m")
    qtbot.keyClick(window.paper_list, "j")
    window.commands["hide_read"].setChecked(True)
    assert starred.title not in titles(window) and plain_read.title not in titles(window)
    window.commands["keep_starred"].setChecked(True)
    assert starred.title in titles(window) and plain_read.title not in titles(window)
    assert len(titles(window)) == 7
    window.close()

    again = open_window(seeded_data_dir)
    assert again.commands["keep_starred"].isChecked() and again.commands["hide_read"].isChecked()
    assert starred.title in titles(again) and plain_read.title not in titles(again)
    again.commands["keep_starred"].setChecked(False)
    assert starred.title not in titles(again)
