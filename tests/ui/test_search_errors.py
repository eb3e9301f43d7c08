"""What the search field says when a search cannot be answered: the reader's query, or the index itself."""

from __future__ import annotations

from reader.core.errors import LibraryError


def test_a_failing_index_is_said_under_the_field_and_the_window_stays(open_window, monkeypatch) -> None:
    window = open_window()
    listed = window.paper_model.rowCount()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise LibraryError("the search failed: the index is damaged (test)")

    monkeypatch.setattr(window.library, "search", broken)
    window.navigation.on_query("모델")
    assert "The search failed" in window.search_bar.message.text()
    assert window.paper_model.rowCount() == listed  # the list the reader had stays
