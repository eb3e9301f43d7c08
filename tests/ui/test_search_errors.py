"""What the search field says when a search cannot be answered: the reader's query, or the index itself."""

from __future__ import annotations

from reader.core.errors import LibraryError
from reader.library import Library


def test_a_failing_index_is_said_under_the_field_and_the_window_stays(open_window, monkeypatch, qtbot) -> None:
    window = open_window()
    listed = window.paper_model.rowCount()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise LibraryError("the search failed: the index is damaged (test)")

    monkeypatch.setattr(Library, "search", broken)  # every Library's: the window searches with one of its own
    window.navigation.on_query("모델")
    qtbot.waitUntil(lambda: "The search failed" in window.search_bar.message.text(), timeout=3000)
    assert "The search failed" in window.search_bar.message.text()
    assert window.paper_model.rowCount() == listed  # the list the reader had stays
