"""Saved searches' unread badges, kept up to date without searching the library again.

Each saved search is searched in full once (the index's raw hits: no paper is read back). After that:

* when the catalogue changed (an update), only the days whose number of listings changed are read
  again, and their papers are matched with the query's own rules (``Query.matches_fields``, the rules
  the index follows): a day of 30 papers is 30 papers, whatever the library's size;
* read marks are followed through the state's ``updated_at`` (what changed since the last look, from
  this window or any other process), so an unread count is a sum over the search's own papers.

The reader's notes are matched on every look (hundreds of notes, the same rules: a few ms), so a note
being typed never searches the library again. A query with ``tag:`` or ``note:`` terms is searched in
full when the catalogue changed, and every search when the mute filters changed (both rare).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.models import Paper
from reader.stores.organise import SavedSearch

if TYPE_CHECKING:
    from reader.index.query import Query

Key = tuple[str, str]  # (date, arxiv_id): one listing


@dataclass
class _Matches:
    saved: SavedSearch
    parsed: Query | None  # None: searched in full each time (tag: and note: terms)
    keys: set[Key] = field(default_factory=set)  # what the index (or the day's texts) matched


@dataclass
class BadgeSources:
    """What the badges read, given by the library (kept apart so the rules read on their own)."""

    full_keys: Callable[[SavedSearch], tuple[Query | None, set[Key]]]  # a full search of one saved search
    day_totals: Callable[[], dict[str, int]]  # listings per day
    day_papers: Callable[[str], list[Paper]]  # the visible listings of one day
    allowed: Callable[[Paper, Query], bool]  # the paper's texts match and it is not muted
    note_keys: Callable[[Query], set[Key]]  # the listings of the papers whose note matches (not muted)
    read_changes: Callable[[str], tuple[list[tuple[str, bool]], str]]  # (arxiv_id, read) since a time; now
    read_of: Callable[[Iterable[str]], set[str]]  # which of these ids are read


class SavedBadges:
    """The matching and unread listings of every saved search."""

    def __init__(self) -> None:
        self._matches: dict[str, _Matches] = {}
        self._generation: object = None  # the catalogue, mute filters and notes the matches were made on
        self._day_totals: dict[str, int] = {}
        self._read: set[str] = set()  # read ids among the ids any search matches
        self._tracked: set[str] = set()
        self._read_since = ""
        self._mutes: object = None

    def counts(self, saved: list[SavedSearch], generation: object, mutes: object, sources: BadgeSources
               ) -> list[tuple[SavedSearch, int, int]]:
        """(saved search, matching listings, unread listings), in the order of `saved`; `generation` changes
        with the catalogue, `mutes` with the mute filters."""
        if mutes != self._mutes:
            self._matches.clear()
            self._mutes = mutes
        wanted = {search.name: search for search in saved}
        for name in [name for name, found in self._matches.items() if wanted.get(name) != found.saved]:
            del self._matches[name]  # removed or changed: searched again below
        catalogue_changed = generation != self._generation
        if catalogue_changed:
            self._follow_days(sources, generation)
        for search in saved:
            if search.name not in self._matches or self._matches[search.name].parsed is None and catalogue_changed:
                parsed, found = sources.full_keys(search)
                self._matches[search.name] = _Matches(search, parsed, found)
        listed = {search.name: self._keys(self._matches[search.name], sources) for search in saved}
        self._follow_reads({arxiv_id for found in listed.values() for _date, arxiv_id in found}, sources)
        result = []
        for search in saved:
            listings = Counter(arxiv_id for _date, arxiv_id in listed[search.name])
            unread = sum(count for arxiv_id, count in listings.items() if arxiv_id not in self._read)
            result.append((search, sum(listings.values()), unread))
        return result

    @staticmethod
    def _keys(matches: _Matches, sources: BadgeSources) -> set[Key]:
        return matches.keys | sources.note_keys(matches.parsed) if matches.parsed is not None else matches.keys

    def _follow_days(self, sources: BadgeSources, generation: object) -> None:
        """Match again only the days whose listings changed (all of them on the first look)."""
        totals = sources.day_totals()
        if self._generation is None or not self._matches:
            self._matches.clear()
        else:
            changed = {date for date in totals.keys() | self._day_totals.keys()
                       if totals.get(date) != self._day_totals.get(date)}
            papers = [paper for date in sorted(changed) if date in totals for paper in sources.day_papers(date)]
            for matches in self._matches.values():
                if matches.parsed is None:
                    continue
                matches.keys = {key for key in matches.keys if key[0] not in changed}
                matches.keys.update((paper.date, paper.arxiv_id) for paper in papers
                                    if sources.allowed(paper, matches.parsed))
        self._day_totals, self._generation = totals, generation

    def _follow_reads(self, tracked: set[str], sources: BadgeSources) -> None:
        """Read marks since the last look; ids a search matches for the first time are looked up once."""
        new = tracked - self._tracked
        changes, now = sources.read_changes(self._read_since)
        for arxiv_id, read in changes:
            if read:
                self._read.add(arxiv_id)
            else:
                self._read.discard(arxiv_id)
        if new:
            self._read |= sources.read_of(new)
        self._read &= tracked
        self._tracked, self._read_since = tracked, now
