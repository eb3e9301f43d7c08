"""Search as you type: results view, highlights, invalid queries, Esc back to where you were."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.errors import InvalidQueryError
from reader.library import Library
from reader.ui.models.paper_table import HighlightRole, PaperTableModel
from reader.ui.models.view import View


def search_row_text(window) -> str | None:
    index = window.sidebar_model.index_for_view(View("search"))
    return index.data() if index.isValid() else None


def type_query(window, qtbot, text: str) -> None:
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    if text.isascii():
        qtbot.keyClicks(window.search_bar.field, text)
    else:  # QTest can only type Latin-1 keys; an input method delivers Hangul as committed text
        window.search_bar.field.insert(text)
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=3000)


def record_searches(monkeypatch) -> list[str]:
    """The queries searched, by any Library: the window searches on a thread with a Library of its own."""
    queries: list[str] = []
    real_search = Library.search

    def search(library, query, limit=20, exact=False):
        queries.append(query)
        return real_search(library, query, limit, exact)

    monkeypatch.setattr(Library, "search", search)
    return queries


def test_typing_shows_results_with_highlights_and_a_sidebar_entry(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    queries = record_searches(monkeypatch)
    shown: list[str | None] = []
    real_show = window.detail.show_paper
    monkeypatch.setattr(window.detail, "show_paper", lambda *args: shown.append(args[3]) or real_show(*args))

    type_query(window, qtbot, "RedPajama")
    assert queries == ["RedPajama"]  # one search after typing pauses, not one per key
    result = window.library.search("RedPajama", 500)
    assert search_row_text(window) == f"Search results ({result.total})"
    assert window.paper_proxy.rowCount() == len(result.hits) > 0
    top = window.paper_list.current_paper()
    assert top == result.hits[0].paper  # best match first, not by votes
    assert "RedPajama" in top.title
    title = window.paper_list.currentIndex().siblingAtColumn(PaperTableModel.TITLE)
    start, end = title.data(HighlightRole)[0]
    assert top.title[start:end].casefold() == "redpajama"
    assert shown[-1] == "RedPajama"  # the detail pane highlights the query too
    assert QApplication.focusWidget() is window.search_bar.field  # typing goes on


def test_esc_clears_and_returns_to_the_previous_view_and_paper(open_window, qtbot) -> None:
    window = open_window()
    window.sidebar.select_view(View("day", "2024-08-01"))
    qtbot.keyClick(window.paper_list, "j")
    before = window.paper_list.current_paper()
    type_query(window, qtbot, "model")
    assert window.paper_list.current_paper() != before or window.sidebar.current_view() == View("search")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert window.search_bar.field.text() == ""
    assert search_row_text(window) is None
    assert window.sidebar.current_view() == View("day", "2024-08-01")
    assert window.paper_list.current_paper() == before
    assert QApplication.focusWidget() is window.paper_list


def test_esc_from_the_list_also_leaves_the_search(open_window, qtbot) -> None:
    window = open_window()
    before = window.paper_list.current_paper()
    type_query(window, qtbot, "model")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)  # Enter: on to the results
    assert QApplication.focusWidget() is window.paper_list
    qtbot.keyClick(window.paper_list, "j")
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Escape)
    assert search_row_text(window) is None
    assert window.paper_list.current_paper() == before


def test_deleting_the_text_ends_the_search(open_window, qtbot) -> None:
    window = open_window()
    type_query(window, qtbot, "LLM")
    window.search_bar.field.selectAll()
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Backspace)
    assert search_row_text(window) is None
    assert window.sidebar.current_view() == View("day", "2024-11-20")


def test_invalid_query_shows_a_gentle_message_and_keeps_the_list(open_window, qtbot) -> None:
    window = open_window()
    rows = window.paper_proxy.rowCount()
    window.search_bar.focus()
    qtbot.keyClicks(window.search_bar.field, "-model")  # only an exclusion: nothing to search for
    qtbot.waitUntil(window.search_bar.message.isVisible, timeout=3000)
    with pytest.raises(InvalidQueryError) as refused:
        window.library.search("-model")
    assert window.search_bar.message.text() == str(refused.value)
    assert window.paper_proxy.rowCount() == rows
    assert search_row_text(window) is None
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert not window.search_bar.message.isVisible()


def test_no_match_says_so(open_window, qtbot) -> None:
    window = open_window()
    type_query(window, qtbot, "zzqqxxnotaword")
    assert search_row_text(window) == "Search results (0)"
    assert window.search_bar.message.text() == "No papers match"
    assert window.detail.paper() is None


@pytest.mark.parametrize("query", ["모델", "언어 모델"])
def test_korean_queries_find_papers(open_window, qtbot, query) -> None:
    window = open_window()
    type_query(window, qtbot, query)
    assert window.paper_proxy.rowCount() > 0


def test_a_query_typed_just_before_the_window_closes_runs_no_search(open_window, qtbot, monkeypatch) -> None:
    """The library closes with the window: a search still waiting for the typing pause must not run on it."""
    from reader.ui.panes.search_bar import SEARCH_DEBOUNCE_MS

    window = open_window()
    queries = record_searches(monkeypatch)
    window.search_bar.field.setText("RedPajama")
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=3000)
    assert queries == ["RedPajama"]  # an open window searches within this wait ...
    window.search_bar.field.setText("Llama")
    window.close()
    qtbot.wait(SEARCH_DEBOUNCE_MS + 200)
    assert queries == ["RedPajama"]  # ... a closed one does not
