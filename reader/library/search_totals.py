"""Search results without the hidden duplicates, and an exact count of them.

The search index holds every entry of every file, the shadowed ones too (an entry hidden behind
the same entry of another file, or a seed of a day a user's source has: see
reader.stores.catalogue_schema). A search skips them, and its total leaves them out:
``total == len(search(query, limit=None).hits)`` for any limit.

Until the index can leave keys out itself, the shadowed entries that match are counted here: with
the query's own match rules on their texts (which the index agrees with) when they are few, by
fetching every hit when they are many.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.models import Paper, SearchHit, SearchResult, Span
from reader.stores.catalogue import Catalogue, EntryKey

if TYPE_CHECKING:
    from reader.index.query import Query
    from reader.index.search_index import SearchIndex

SHADOWED_CHECKED_MAX = 2_000  # up to this many shadowed entries are matched here; above, every hit is fetched


class ShadowedEntries:
    """The catalogue's shadowed entries (and their texts), read again only when the catalogue changed."""

    def __init__(self) -> None:
        self._generation: tuple[int, int] | None = None
        self._keys: frozenset[EntryKey] = frozenset()
        self._texts: list[dict[str, str]] | None = None

    def keys(self, catalogue: Catalogue) -> frozenset[EntryKey]:
        """Every shadowed (source, date, arxiv_id)."""
        generation = catalogue.generation()
        if generation != self._generation:
            self._keys, self._texts, self._generation = frozenset(catalogue.shadowed()), None, generation
        return self._keys

    def texts(self, catalogue: Catalogue) -> list[dict[str, str]]:
        """The title, authors and body of every shadowed entry (call keys() first)."""
        if self._texts is None:
            self._texts = [texts for _key, texts in catalogue.shadowed_texts()]
        return self._texts


def search_entries(index: SearchIndex, catalogue: Catalogue, shadowed: ShadowedEntries, query: Query,
           limit: int | None) -> SearchResult:
    """The best `limit` visible hits (all with None) and the exact number of visible entries that match."""
    hidden = shadowed.keys(catalogue)
    few = len(hidden) <= SHADOWED_CHECKED_MAX
    fetch = None if limit is None or not few else limit + len(hidden)
    raw_hits, total = index.search(query, fetch)
    if few and limit is not None:
        total -= sum(1 for texts in shadowed.texts(catalogue) if query.matches_fields(texts))
    else:
        total = sum(1 for raw in raw_hits if (raw.source, raw.date, raw.arxiv_id) not in hidden)
    hits: list[SearchHit] = []
    for raw in raw_hits:
        key = (raw.source, raw.date, raw.arxiv_id)
        if key in hidden:
            continue
        if limit is not None and len(hits) >= limit:
            break
        paper = catalogue.get(*key)
        if paper is None:  # indexed, but its file's catalogue commit did not land (see reader.stores.catalogue)
            total -= 1
            continue
        hits.append(SearchHit(paper, raw.score, tuple(_spans(query, paper))))
    return SearchResult(hits, len(hits) if limit is None else max(total, len(hits)))


def _spans(query: Query, paper: Paper) -> Iterable[Span]:
    for start, end in query.highlight("title", paper.title):
        yield Span("title", 0, start, end)
    for index, name in enumerate(paper.authors):
        for start, end in query.highlight("authors", name):
            yield Span("authors", index, start, end)
    for index, section in enumerate(paper.sections):
        for start, end in query.highlight("body", section.text):
            yield Span("section", index, start, end)
