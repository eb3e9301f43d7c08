"""The window searches off the GUI thread: it answers while a slow search runs, and the newest query wins.

The slow search is a fake that waits for the test to release it (no timing): while it waits, the window
must go on processing events, take keys in the search field and run timers.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.models.view import View

SLOW = "slowquery"


def slow_search(monkeypatch):
    """Library.search where the query SLOW blocks until released; the GUI thread's Library must never search."""
    started, release = threading.Event(), threading.Event()
    real_search = Library.search
    threads: list[str] = []

    def search(library, query, limit=20, exact=False):
        threads.append(threading.current_thread().name)
        if query == SLOW:
            started.set()
            assert release.wait(30), "the test never released the slow search"
            return real_search(library, "model", limit, exact)  # many papers: must never be listed for SLOW
        return real_search(library, query, limit, exact)

    monkeypatch.setattr(Library, "search", search)
    return started, release, threads


def test_the_window_answers_while_a_slow_search_runs(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    started, release, threads = slow_search(monkeypatch)
    try:
        window.search_bar.focus()
        window.navigation.on_query(SLOW)
        qtbot.waitUntil(started.is_set, timeout=5000)
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired), timeout=3000)  # the event loop runs while the search waits
        qtbot.waitUntil(lambda: window.search_bar.message.text() == "Searching…", timeout=3000)
        assert window.sidebar.current_view() != View("search")  # nothing listed yet
        qtbot.keyClicks(window.search_bar.field, "abc")
        assert window.search_bar.field.text().endswith("abc")  # and keys reach the field
    finally:
        release.set()
    assert threads and all(name == "search" for name in threads)  # never on the GUI thread


def test_a_newer_query_wins_over_an_older_slow_one(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    started, release, _threads = slow_search(monkeypatch)
    listed: list[str | None] = []
    real_set_count = window.sidebar_model.set_search_count
    monkeypatch.setattr(window.sidebar_model, "set_search_count",
                        lambda count: listed.append(window.navigation._search_query) or real_set_count(count))
    try:
        window.navigation.on_query(SLOW)
        qtbot.waitUntil(started.is_set, timeout=5000)
        window.navigation.on_query("RedPajama")  # typed while the slow one runs
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.navigation.search_query() == "RedPajama", timeout=5000)
    searches = window.navigation._searches
    qtbot.waitUntil(lambda: not searches._running and not searches._poll.isActive(), timeout=5000)  # all in
    expected = window.library.search("RedPajama", 500)
    assert window.paper_proxy.rowCount() == len(expected.hits) > 0
    assert "RedPajama" in window.paper_list.current_paper().title
    assert listed == ["RedPajama"]  # the slow query's results were never listed


def test_leaving_the_search_drops_a_result_still_on_its_way(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    before = window.sidebar.current_view()
    started, release, _threads = slow_search(monkeypatch)
    try:
        window.search_bar.field.setText(SLOW)
        qtbot.waitUntil(started.is_set, timeout=5000)
        window.search_bar.field.clear()  # the reader gave up on it
    finally:
        release.set()
    searches = window.navigation._searches
    qtbot.waitUntil(lambda: not searches._running and searches._waiting is None, timeout=5000)  # it ended
    QApplication.processEvents()
    assert not searches.is_busy()
    assert window.sidebar.current_view() == before
    assert window.navigation.search_query() is None


def test_a_slow_old_search_does_not_hold_up_the_new_one(open_window, qtbot, monkeypatch) -> None:
    """The new query is answered while the old one still runs (on a second search thread)."""
    window = open_window()
    started, release, threads = slow_search(monkeypatch)
    try:
        window.navigation.on_query(SLOW)
        qtbot.waitUntil(started.is_set, timeout=5000)
        window.navigation.on_query("RedPajama")
        qtbot.waitUntil(lambda: window.navigation.search_query() == "RedPajama", timeout=10000)
        assert "RedPajama" in window.paper_list.current_paper().title
        assert not release.is_set()  # the old search is still waiting to be let go
    finally:
        release.set()
    assert threads == ["search", "search"]


def test_a_newer_query_stops_the_older_search_inside_the_index(open_window, qtbot, monkeypatch) -> None:
    """The search thread's stop callback reaches a running search (the index checks it between its steps)."""
    from reader.index import cancellation

    window = open_window()
    started, stopped, gave_up = threading.Event(), threading.Event(), threading.Event()
    real_search = Library.search

    def search(library, query, limit=20, exact=False):
        if query != SLOW:
            return real_search(library, query, limit, exact)
        started.set()
        try:
            while not gave_up.wait(0.005):  # an index step after another, as long as nobody stops it
                cancellation.check()
            raise AssertionError("the stale search was never stopped")
        finally:
            stopped.set()

    monkeypatch.setattr(Library, "search", search)
    try:
        window.navigation.on_query(SLOW)
        qtbot.waitUntil(started.is_set, timeout=5000)
        assert not stopped.is_set()
        window.navigation.on_query("RedPajama")
        qtbot.waitUntil(stopped.is_set, timeout=5000)
        qtbot.waitUntil(lambda: window.navigation.search_query() == "RedPajama", timeout=5000)
    finally:
        gave_up.set()


def test_a_search_library_that_cannot_be_opened_is_said_and_tried_again(open_window, qtbot) -> None:
    from reader.core.errors import LibraryError

    window = open_window()
    searches = window.navigation._searches
    real_open, attempts = searches._open_library, []

    def open_library():
        attempts.append(1)
        if len(attempts) == 1:
            raise LibraryError("the catalogue is locked (test)")
        return real_open()

    searches._open_library = open_library
    window.navigation.on_query("RedPajama")
    qtbot.waitUntil(lambda: "The search failed" in window.search_bar.message.text(), timeout=5000)
    assert "locked" in window.search_bar.message.text()
    window.navigation.on_query("RedPajama")
    qtbot.waitUntil(lambda: window.navigation.search_query() == "RedPajama", timeout=5000)
