"""What the list shows for the reader's own views: Read later in queue order, Has note, Tags, one tag,
one saved search (its best hits, as a search lists them)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.models import Paper
from reader.library import Library
from reader.ui.models.view import View


def organised_papers(library: Library, view: View, search_limit: int) -> Sequence[Paper]:
    """The papers of a "queue", "noted", "tags", "tag" or "saved" view (a saved search gone: none)."""
    if view.kind == "queue":
        return library.queued_papers()
    if view.kind == "noted":
        return library.noted_papers()
    if view.kind == "tags":
        return library.tagged_papers(None)
    if view.kind == "tag":
        return library.tagged_papers(view.name or "")
    saved = next((saved for saved in library.saved_searches() if saved.name == view.name), None)
    if saved is None:
        return []
    return [hit.paper for hit in library.search(saved.query, limit=search_limit, exact=saved.exact).hits]
