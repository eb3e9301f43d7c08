"""The facade's organising part (a mixin of Library): tags, notes, the reading queue, saved searches,
mutes, and the search that understands ``tag:NAME`` and ``note:WORDS``.

Notes are searched here, not in the big index: a reader writes hundreds of notes, and matching them all
with the query's own Korean-aware rules (``Query.matches``, the rules the index follows) takes
milliseconds, while putting them in the index would make every note keystroke an index commit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.core import arxiv
from reader.core.errors import InvalidQueryError
from reader.core.models import Annotations, Paper, SearchHit, SearchResult
from reader.library.organise_counts import FollowedCounts
from reader.library.organise_query import ORGANISE_QUERY_ERRORS, OrganisedQuery, texts
from reader.stores.organise import OrganiseStore, SavedSearch
from reader.stores.reading_state import StateStore

if TYPE_CHECKING:
    from reader.index.expansion import Glossary
    from reader.index.query import Query


class Organising(FollowedCounts):
    """Library methods over reader.stores.organise; every write is durable when it returns.

    ``show_muted`` (False: the mute filters hide their listings from lists, counts, searches and saved
    searches) is the window's "Show muted" and `list --muted`."""

    _state: StateStore
    _opened_organise: OrganiseStore | None = None

    if TYPE_CHECKING:  # what Library itself provides
        def papers_for(self, arxiv_id: str) -> list[Paper]: ...
        def _search_index(self, query: str, limit: int | None = 20, exact: bool = False) -> SearchResult: ...
        def _glossary(self) -> Glossary: ...

    @property
    def _organise(self) -> OrganiseStore:
        if self._opened_organise is None:
            self._opened_organise = OrganiseStore(self._state)
        return self._opened_organise

    # -- tags --------------------------------------------------------------------------------------

    def tags_of(self, arxiv_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The tags of these papers (normalised ids; only those with tags)."""
        return self._organise.tags_of(arxiv_ids)

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag and its number of papers, by name: the sidebar's Tags section (a paper whose every listing
        the mute filters hide is not counted, as its tag's list does not show it)."""
        counts = self._organise.tag_counts()
        tagged = self._organise.all_tags() if self.muted_ids() else {}
        hidden = Counter(tag.casefold() for arxiv_id in self._all_hidden(tagged) for tag in tagged[arxiv_id])
        return [(tag, count - hidden[tag.casefold()]) for tag, count in counts] if hidden else counts

    def add_tags(self, arxiv_ids: Iterable[str], tags: Iterable[str]) -> None:
        self._organise.add_tags(arxiv_ids, tags)

    def remove_tags(self, arxiv_ids: Iterable[str], tags: Iterable[str]) -> None:
        self._organise.remove_tags(arxiv_ids, tags)

    def set_tags(self, arxiv_id: str, tags: Iterable[str]) -> None:
        """Make these the paper's tags (the tag editor)."""
        self._organise.set_tags(arxiv_id, tags)

    def rename_tag(self, old: str, new: str) -> int:
        return self._organise.rename_tag(old, new)

    def delete_tag(self, tag: str) -> int:
        return self._organise.delete_tag(tag)

    def tagged_papers(self, tag: str | None) -> list[Paper]:
        """Every listing of the papers with this tag (None: with any tag), newest day first."""
        return self._listings(self._organise.tagged(tag) if tag is not None else self._organise.all_tags())

    # -- notes -------------------------------------------------------------------------------------

    def note(self, arxiv_id: str) -> str | None:
        found = self._organise.note(arxiv_id)
        return found.text if found else None

    def set_note(self, arxiv_id: str, text: str) -> None:
        """Save the paper's Markdown note (blank: delete it); durable when this returns."""
        self._organise.set_note(arxiv_id, text)

    def noted_papers(self) -> list[Paper]:
        """Every listing of the papers with a note, newest day first: the "Has note" view."""
        return self._listings(self._organise.notes())

    def note_count(self) -> int:
        """Papers with a note (those whose every listing is muted left out, as in Has note)."""
        notes = self._organise.notes()
        return len(notes) - len(self._all_hidden(notes))

    def queue_count(self) -> int:
        """Papers in Read later as its view lists them."""
        return len(self.without_muted(self.queued_papers()))

    def _all_hidden(self, arxiv_ids: Iterable[str]) -> set[str]:
        """Those of these papers whose every listing the mute filters hide now (few: ids with a muted one)."""
        hidden, muted = self._hidden(), self.muted_ids()
        if not hidden:
            return set()
        return {arxiv_id for arxiv_id in arxiv_ids if arxiv_id in muted
                and all((paper.date, paper.arxiv_id) in hidden for paper in self.papers_for(arxiv_id))}

    # -- the reading queue -------------------------------------------------------------------------

    def queue(self) -> list[str]:
        """The queued arXiv ids, first to read first."""
        return self._organise.queue()

    def queued_papers(self) -> list[Paper]:
        """The queued papers in queue order, each at its newest listing (a paper not in the library is left out)."""
        papers = (self.papers_for(arxiv_id) for arxiv_id in self._organise.queue())
        return [listed[0] for listed in papers if listed]

    def enqueue(self, arxiv_ids: Iterable[str]) -> None:
        self._organise.enqueue(arxiv_ids)

    def dequeue(self, arxiv_ids: Iterable[str]) -> int:
        return self._organise.dequeue(arxiv_ids)

    def reorder_queue(self, arxiv_ids: Iterable[str]) -> None:
        """Put the queue in this order (queued papers not named follow, in their order)."""
        self._organise.reorder_queue(arxiv_ids)

    def next_in_queue(self, after: str | None = None) -> Paper | None:
        """The first queued paper in the library, or the one after `after` when that is queued."""
        queue = [arxiv_id for arxiv_id in self._organise.queue() if self.papers_for(arxiv_id)]
        key = arxiv.normalise(after) if after else None
        if key in queue:
            following = queue[queue.index(key) + 1:]
            queue = following or queue[:1]
        return self.papers_for(queue[0])[0] if queue else None

    @property
    def dequeue_on_read(self) -> bool:
        """Whether marking a paper read takes it off the queue (the default)."""
        return self._organise.dequeue_on_read()

    def set_dequeue_on_read(self, value: bool) -> None:
        self._organise.set_dequeue_on_read(value)

    def finished(self, arxiv_ids: Iterable[str]) -> int:
        """The papers were marked read: take them off the queue if the reader wants that; how many left it."""
        return self._organise.dequeue(arxiv_ids) if self._organise.dequeue_on_read() else 0

    # -- saved searches ----------------------------------------------------------------------------

    def saved_searches(self) -> list[SavedSearch]:
        return self._organise.saved_searches()

    def save_search(self, name: str, query: str, exact: bool = False) -> None:
        """Save a query (checked first: an invalid one raises InvalidQueryError) under a name."""
        self.search(query, limit=1, exact=exact)
        self._organise.save_search(name, query, exact)

    def remove_saved_search(self, name: str) -> bool:
        return self._organise.remove_search(name)

    # -- exports and --json ------------------------------------------------------------------------

    def annotations(self, arxiv_ids: Iterable[str]) -> dict[str, Annotations]:
        """Tags and note of the papers that have any, by normalised id."""
        return self._organise.annotations(arxiv_ids)

    def filter_organised(self, papers: Sequence[Paper], tag: str | None = None, queued: bool = False) -> list[Paper]:
        """The papers that have `tag` and/or are queued and are not muted, in their order (`list --tag --queued`)."""
        papers = self.without_muted(papers)
        keep: set[str] | None = None
        if tag is not None:
            keep = self._organise.tagged(tag)
        if queued:
            queue = set(self._organise.queue())
            keep = queue if keep is None else keep & queue
        return list(papers) if keep is None else [paper for paper in papers if paper.arxiv_id in keep]

    # -- search ------------------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20, exact: bool = False) -> SearchResult:
        """Korean-aware search over title, authors, summary and the reader's notes; raises InvalidQueryError.

        ``tag:NAME`` keeps the papers with that tag (``-tag:NAME`` leaves them out) and ``note:WORDS``
        those whose note matches the words, by the same rules as the rest of the query. A paper whose note
        matches the query is found too, before the index's hits. `total` counts every matching listing."""
        split = OrganisedQuery(query)
        if not split.organised:
            return self._unmuted_search(query, limit, exact)
        if not all(split.tags + split.excluded_tags):
            raise _query_error("query-tag-empty")
        keep = self._organised_ids(split, exact)
        if split.rest:
            found = self._with_note_hits(self._search_index(split.rest, None, exact), split.rest, None, exact)
            hits = [hit for hit in found.hits if keep is None or hit.paper.arxiv_id in keep]
        elif keep is not None:
            hits = [SearchHit(paper, 0.0) for paper in self._listings(keep)]
        else:
            raise _query_error("query-only-excluded-tags")
        excluded = set().union(*(self._organise.tagged(tag) for tag in split.excluded_tags))
        hidden = self._hidden()
        hits = [hit for hit in hits
                if hit.paper.arxiv_id not in excluded and (hit.paper.date, hit.paper.arxiv_id) not in hidden]
        return SearchResult(hits if limit is None else hits[:limit], len(hits))

    def _unmuted_search(self, query: str, limit: int | None, exact: bool) -> SearchResult:
        """The search without the muted papers, counted exactly: the muted listings that match are found with
        the query's own rules first, so the index is asked for just enough more hits to fill `limit`."""
        hidden = self._hidden()
        if not hidden:
            return self._with_note_hits(self._search_index(query, limit, exact), query, limit, exact)
        muted_matches = self._muted_matching(self._parse(query, exact))
        fetch = None if limit is None else limit + muted_matches
        result = self._with_note_hits(self._search_index(query, fetch, exact), query, fetch, exact)
        hits = [hit for hit in result.hits if (hit.paper.date, hit.paper.arxiv_id) not in hidden]
        if limit is None:
            return SearchResult(hits, len(hits))
        return SearchResult(hits[:limit], max(result.total - muted_matches, len(hits[:limit])))

    def _organised_ids(self, split: OrganisedQuery, exact: bool) -> set[str] | None:
        """The papers the tag: and note: terms allow (None: they allow every paper)."""
        keep: set[str] | None = None
        for tag in split.tags:
            tagged = self._organise.tagged(tag)
            keep = tagged if keep is None else keep & tagged
        if split.note_terms:
            note_query = self._parse(" ".join(split.note_terms), exact)
            noted = {arxiv_id for arxiv_id, note in self._organise.notes().items()
                     if note_query.matches("body", note.text)}
            keep = noted if keep is None else keep & noted
        return keep

    def _with_note_hits(self, result: SearchResult, query: str, limit: int | None, exact: bool) -> SearchResult:
        """The index's result with the listings of papers whose note matches the query put first."""
        notes = self._organise.notes()
        if not notes:
            return result
        parsed = self._parse(query, exact)
        hidden = self._hidden()
        matched = [arxiv_id for arxiv_id, note in notes.items() if parsed.matches("body", note.text)]
        if not matched:
            return result
        found = {hit.paper.arxiv_id for hit in result.hits}
        note_hits = []
        counted = 0  # listings the index did not count already
        for paper in self._listings(matched):
            if (paper.date, paper.arxiv_id) in hidden:
                continue  # a muted listing: the index's count of it is taken off by the caller
            in_index = paper.arxiv_id in found or parsed.matches_fields(texts(paper))
            counted += not in_index
            note_hits.append(SearchHit(paper, 0.0))
        keys = {hit.paper.key for hit in note_hits}
        hits = note_hits + [hit for hit in result.hits if hit.paper.key not in keys]
        return SearchResult(hits if limit is None else hits[:limit], result.total + counted)

    def _parse(self, query: str, exact: bool) -> Query:
        from reader.index.query import parse_query

        return parse_query(query, None if exact else self._glossary())

    def _listings(self, arxiv_ids: Iterable[str]) -> list[Paper]:
        """Every listing of these papers, newest day first, then by votes."""
        papers = [paper for arxiv_id in arxiv_ids for paper in self.papers_for(arxiv_id)]
        return sorted(papers, key=lambda paper: (paper.date, paper.votes or 0), reverse=True)


def _query_error(code: str) -> InvalidQueryError:
    return InvalidQueryError(ORGANISE_QUERY_ERRORS[code], code)
