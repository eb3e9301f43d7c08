"""The facade's organising part (a mixin of Library): tags, notes, the reading queue, saved searches,
mutes, and the search that understands ``tag:NAME`` and ``note:WORDS``.

Notes are searched here, not in the big index: a reader writes hundreds of notes, and matching them all
with the query's own Korean-aware rules (``Query.matches``, the rules the index follows) takes
milliseconds, while putting them in the index would make every note keystroke an index commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader.core import arxiv
from reader.core.errors import InvalidQueryError
from reader.core.models import Annotations, DayInfo, Paper, SearchHit, SearchResult
from reader.library.counts import SmartCounts
from reader.library.organise_badges import BadgeSources, SavedBadges
from reader.library.search_totals import ShadowedEntries
from reader.stores.catalogue import Catalogue
from reader.stores.organise import AUTHOR_PREFIX, OrganiseStore, SavedSearch, clean_mute
from reader.stores.reading_state import StateStore

if TYPE_CHECKING:
    from reader.index.expansion import Glossary
    from reader.index.query import Query
    from reader.index.search_index import SearchIndex

class _Listed(Protocol):
    """A paper or a list row: what the mute filter looks at."""

    @property
    def arxiv_id(self) -> str: ...


EntryT = TypeVar("EntryT", bound=_Listed)
READ_LOOKUPS_MAX = 2_000  # more ids than this: one read of every read mark beats a look-up of each
# `tag:NAME`, `tag:"two words"`, `-tag:NAME`, `note:word`, `note:"a phrase"` (case-insensitive prefix).
_ORGANISE_TERM = re.compile(r'(?<!\S)(?P<minus>-?)(?P<field>tag|note):(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))', re.I)


class OrganisedQuery:
    """A query split into its ``tag:`` and ``note:`` terms and the rest (what the index searches)."""

    def __init__(self, text: str) -> None:
        self.tags: list[str] = []
        self.excluded_tags: list[str] = []
        self.note_terms: list[str] = []
        for match in _ORGANISE_TERM.finditer(text):
            value = match["quoted"] if match["quoted"] is not None else match["bare"]
            if match["field"].lower() == "tag":
                (self.excluded_tags if match["minus"] else self.tags).append(" ".join(value.split()))
            elif value.strip():
                quoted = f'"{value}"' if match["quoted"] is not None else value
                self.note_terms.append(match["minus"] + quoted)
        self.rest = _ORGANISE_TERM.sub(" ", text).strip()

    @property
    def organised(self) -> bool:
        return bool(self.tags or self.excluded_tags or self.note_terms)


class _Muted:
    """The papers the mute filters hide, worked out again only when the rules or the catalogue change."""

    def __init__(self, key: object, rule_of: dict[str, str], listings: list[Paper]) -> None:
        self.key = key
        self.rule_of = rule_of  # arXiv id -> the first rule that mutes it
        self.listings = listings  # every listing of those papers


class Organising:
    """Library methods over reader.stores.organise; every write is durable when it returns.

    ``show_muted`` (False: the mute filters hide their papers from lists, counts, searches and saved
    searches) is the window's "Show muted" and `list --muted`."""

    _state: StateStore
    _opened_organise: OrganiseStore | None = None
    _muted_cache: _Muted | None = None
    _badges: SavedBadges | None = None
    show_muted: bool = False

    if TYPE_CHECKING:  # what Library itself provides
        @property
        def _catalogue(self) -> Catalogue: ...
        @property
        def _index(self) -> SearchIndex: ...
        _shadowed: ShadowedEntries
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
        """Every tag and its number of papers, by name: the sidebar's Tags section."""
        return self._organise.tag_counts()

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
        return len(self._organise.notes())

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

    def saved_search_counts(self) -> list[tuple[SavedSearch, int, int]]:
        """Each saved search with its matching listings and the unread ones among them (muted ones left out),
        kept up to date from what changed since the last call (reader.library.organise_badges)."""
        if self._badges is None:
            self._badges = SavedBadges()
        notes = self._organise.notes()
        hidden = self._hidden()

        def note_keys(parsed: Query) -> set[tuple[str, str]]:
            return {(paper.date, paper.arxiv_id) for arxiv_id, note in notes.items()
                    if arxiv_id not in hidden and parsed.matches("body", note.text)
                    for paper in self.papers_for(arxiv_id)}

        sources = BadgeSources(
            full_keys=self._saved_keys,
            day_totals=lambda: {row[0]: row[1] for row in self._catalogue.day_counts(None)},
            day_papers=lambda date: self._catalogue.papers(date=date),
            allowed=lambda paper, parsed: paper.arxiv_id not in hidden and parsed.matches_fields(_texts(paper)),
            note_keys=note_keys,
            read_changes=self._organise.read_changes,
            read_of=self._read_among)
        return self._badges.counts(self._organise.saved_searches(), self._catalogue.generation(),
                                   (tuple(self._organise.mutes()), self.show_muted), sources)

    def _saved_keys(self, saved: SavedSearch) -> tuple[Query | None, set[tuple[str, str]]]:
        """A saved search in full: the index's raw hits, without shadowed and muted listings (an invalid
        query, saved by a version whose rules took it, matches nothing)."""
        try:
            if OrganisedQuery(saved.query).organised:
                hits = self.search(saved.query, limit=None, exact=saved.exact).hits
                return None, {(hit.paper.date, hit.paper.arxiv_id) for hit in hits}
            parsed = self._parse(saved.query, saved.exact)
        except InvalidQueryError:
            return None, set()
        raw_hits, _total = self._index.search(parsed, None)
        shadowed, hidden = self._shadowed.keys(self._catalogue), self._hidden()
        return parsed, {(raw.date, raw.arxiv_id) for raw in raw_hits
                        if (raw.source, raw.date, raw.arxiv_id) not in shadowed and raw.arxiv_id not in hidden}

    def _read_among(self, arxiv_ids: Iterable[str]) -> set[str]:
        ids = set(arxiv_ids)
        if len(ids) > READ_LOOKUPS_MAX:
            return self._state.read_ids() & ids
        return {arxiv_id for arxiv_id, flags in self._state.get_many(ids).items() if flags.read}

    # -- mute filters ------------------------------------------------------------------------------

    def mutes(self) -> list[str]:
        return self._organise.mutes()

    def add_mutes(self, rules: Iterable[str]) -> None:
        """Hide the papers of these words or ``author:NAME`` rules (checked as queries first)."""
        rules = [clean_mute(rule) for rule in rules]  # a bad name says so before the query does
        for rule in rules:
            self._parse(_mute_query(rule), exact=True)
        self._organise.add_mutes(rules)

    def remove_mutes(self, rules: Iterable[str]) -> int:
        return self._organise.remove_mutes(rules)

    def muted(self) -> dict[str, str]:
        """The papers the mute filters hide (also while show_muted is on), each with the rule that hides it."""
        return self._mutes().rule_of

    def mute_counts(self) -> list[tuple[str, int]]:
        """Each rule with the number of papers it hides."""
        rule_of = self.muted()
        return [(rule, sum(1 for found in rule_of.values() if found == rule)) for rule in self._organise.mutes()]

    def _hidden(self) -> dict[str, str]:
        """The muted papers to leave out now: none while show_muted is on."""
        return {} if self.show_muted else self.muted()

    def _mutes(self) -> _Muted:
        rules = self._organise.mutes()
        key = (tuple(rules), self._catalogue.generation()) if rules else ()
        if self._muted_cache is None or self._muted_cache.key != key:
            rule_of: dict[str, str] = {}
            for rule in rules:
                raw_hits, _total = self._index.search(self._parse(_mute_query(rule), exact=True), None)
                for raw in raw_hits:
                    rule_of.setdefault(raw.arxiv_id, rule)
            self._muted_cache = _Muted(key, rule_of, self._listings(rule_of))
        return self._muted_cache

    def without_muted(self, entries: Sequence[EntryT]) -> list[EntryT]:
        """The entries (papers or list rows) the mute filters do not hide, in their order."""
        hidden = self._hidden()
        return [entry for entry in entries if entry.arxiv_id not in hidden] if hidden else list(entries)

    def days_without_muted(self, days: Sequence[DayInfo]) -> list[DayInfo]:
        """The days' counts less their muted listings (exact: the same flags the counts read)."""
        hidden = self._hidden()
        if not hidden:
            return list(days)
        flags = self._state.get_many(hidden)
        less: dict[str, list[int]] = {}
        for paper in self._mutes().listings:
            state = flags[paper.arxiv_id]
            counts = less.setdefault(paper.date, [0, 0, 0])
            counts[0] += 1
            counts[1] += not state.read
            counts[2] += state.starred
        return [DayInfo(day.date, day.total - less[day.date][0], day.unread - less[day.date][1],
                        day.starred - less[day.date][2]) if day.date in less else day for day in days]

    def smart_counts_without_muted(self, counts: SmartCounts) -> SmartCounts:
        """All papers, Unread and Starred less the muted papers (each counted once, like the counts)."""
        hidden = self._hidden()
        if not hidden:
            return counts
        flags = self._state.get_many(hidden)
        listed = {paper.arxiv_id for paper in self._mutes().listings}
        return SmartCounts(counts.papers - len(listed),
                           counts.unread - sum(1 for i in listed if not flags[i].read),
                           counts.starred - sum(1 for i in listed if flags[i].starred))

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
        keep = self._organised_ids(split, exact)
        if split.rest:
            found = self._with_note_hits(self._search_index(split.rest, None, exact), split.rest, None, exact)
            hits = [hit for hit in found.hits if keep is None or hit.paper.arxiv_id in keep]
        elif keep is not None:
            hits = [SearchHit(paper, 0.0) for paper in self._listings(keep)]
        else:
            raise InvalidQueryError("Add a word or a tag:NAME to search for: '-tag:' only excludes papers.")
        excluded = set(self._hidden()).union(*(self._organise.tagged(tag) for tag in split.excluded_tags))
        hits = [hit for hit in hits if hit.paper.arxiv_id not in excluded]
        return SearchResult(hits if limit is None else hits[:limit], len(hits))

    def _unmuted_search(self, query: str, limit: int | None, exact: bool) -> SearchResult:
        """The search without the muted papers, counted exactly: the muted listings that match are found with
        the query's own rules first, so the index is asked for just enough more hits to fill `limit`."""
        hidden = self._hidden()
        if not hidden:
            return self._with_note_hits(self._search_index(query, limit, exact), query, limit, exact)
        parsed = self._parse(query, exact)
        muted_matches = sum(1 for paper in self._mutes().listings if parsed.matches_fields(_texts(paper)))
        fetch = None if limit is None else limit + muted_matches
        result = self._with_note_hits(self._search_index(query, fetch, exact), query, fetch, exact)
        hits = [hit for hit in result.hits if hit.paper.arxiv_id not in hidden]  # notes of muted papers are not
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
        matched = [arxiv_id for arxiv_id, note in notes.items()
                   if arxiv_id not in hidden and parsed.matches("body", note.text)]
        if not matched:
            return result
        found = {hit.paper.arxiv_id for hit in result.hits}
        note_hits = []
        counted = 0  # listings the index did not count already
        for paper in self._listings(matched):
            in_index = paper.arxiv_id in found or parsed.matches_fields(_texts(paper))
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


def _texts(paper: Paper) -> dict[str, str]:
    """The paper's fields as the index holds them (see Catalogue.shadowed_texts)."""
    return {"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text}


def _mute_query(rule: str) -> str:
    """The exact query a mute rule stands for: the words as a phrase, or an author's name."""
    if rule.lower().startswith(AUTHOR_PREFIX):
        return f'author:"{rule[len(AUTHOR_PREFIX):].replace(chr(34), " ")}"'
    return '"' + rule.replace('"', " ") + '"'
