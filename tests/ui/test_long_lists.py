"""Long smart views are read on a thread: the list on show stays until the rows come, the marks set meanwhile
are kept, a view left before its rows came is not listed. (The seeds are short: the threshold is lowered.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.window import listings
from reader.ui.window.main_window import MainWindow

NEWEST_DAY = "2024-11-20"


@pytest.fixture
def held_listings(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every smart view is read on a thread, which waits (its rows read, flags included) until the event is set."""
    release = threading.Event()
    read = listings.read_listing

    def read_then_wait(*args: object) -> listings.Listing:
        listing = read(*args)  # type: ignore[arg-type]
        release.wait(timeout=20)
        return listing

    monkeypatch.setattr(listings, "LIST_ON_THREAD", 1)
    monkeypatch.setattr(listings, "read_listing", read_then_wait)
    return release


def listed(window: MainWindow) -> list[str]:
    model = window.paper_model
    return [model.paper_at(row).key for row in range(model.rowCount())]


def test_all_papers_come_from_a_thread_while_the_day_stays_listed(open_window, seeded_data_dir: Path,
                                                                  held_listings: threading.Event, qtbot) -> None:
    window = open_window()
    day = listed(window)
    assert {key.partition("/")[0] for key in day} == {NEWEST_DAY}
    assert window.sidebar.select_view(View("all"))
    assert listed(window) == day  # nothing read on the GUI thread: the day stays until the rows come
    held_listings.set()
    with Library(seeded_data_dir) as library:
        every = library.rows()
    qtbot.waitUntil(lambda: len(listed(window)) == len(every) == 52)
    votes = [window.paper_model.paper_at(row).votes or -1 for row in range(52)]
    assert votes == sorted(votes, reverse=True)  # sorted on the thread in the reader's order
    assert window.paper_list.current_paper() is not None


def test_a_star_set_while_the_rows_are_read_is_shown_when_they_come(open_window, held_listings: threading.Event,
                                                                   qtbot) -> None:
    window = open_window()
    assert window.sidebar.select_view(View("unread"))
    starred = window.paper_list.current_paper()
    window.commands["toggle_star"].trigger()  # the thread has read the flags already: it waits with the old ones
    held_listings.set()
    qtbot.waitUntil(lambda: len(listed(window)) == 52)
    assert window.paper_model.flags_of(starred.arxiv_id).starred
    row = listed(window).index(starred.key)
    assert window.paper_model.index(row, PaperTableModel.STAR).data() == "★"


def test_a_paper_marked_not_interested_while_for_you_is_read_is_not_listed(open_window,
                                                                          held_listings: threading.Event,
                                                                          qtbot) -> None:
    window = open_window()
    assert window.sidebar.select_view(View("for_you"))
    dismissed = window.paper_list.current_paper()
    window.commands["not_interested"].trigger()
    held_listings.set()
    qtbot.waitUntil(lambda: len(listed(window)) == 51)
    assert dismissed.key not in listed(window)


def test_a_sort_chosen_while_the_rows_are_read_is_the_one_they_come_in(open_window, held_listings: threading.Event,
                                                                        qtbot) -> None:
    window = open_window()
    assert window.sidebar.select_view(View("all"))  # sorted by votes on the thread
    window.commands["sort_title"].trigger()  # the reader sorts the day still on show
    held_listings.set()
    qtbot.waitUntil(lambda: len(listed(window)) == 52)
    titles = [window.paper_model.index(row, PaperTableModel.TITLE).data().casefold() for row in range(52)]
    assert titles == sorted(titles)
    assert window.commands["sort_title"].isChecked()


def test_a_view_left_before_its_rows_come_is_not_listed(open_window, held_listings: threading.Event,
                                                        qtbot) -> None:
    window = open_window()
    day = listed(window)
    assert window.sidebar.select_view(View("all"))
    assert window.sidebar.select_view(View("day", NEWEST_DAY))  # a day is read at once
    held_listings.set()
    qtbot.wait(300)  # the All papers thread ends meanwhile; its rows are dropped
    assert listed(window) == day
    assert window.navigation.view == View("day", NEWEST_DAY)


def test_the_first_view_is_listed_in_the_first_frame(open_window, seeded_data_dir: Path, held_listings) -> None:
    """Started on All papers (the last view), the list has its rows before the window is shown."""
    first = open_window()
    assert first.sidebar.select_view(View("all"))
    held_listings.set()
    first.close()
    held_listings.clear()
    again = open_window(seeded_data_dir)
    assert again.navigation.view == View("all") and len(listed(again)) == 52
