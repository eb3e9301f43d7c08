"""Saved searches' badges and the mute filters' counts, kept up to date without rescanning the library.

Each followed query is searched in full once (the index's raw hits: no paper is read back). After that,
what a call costs grows with what changed, not with the library:

* when the catalogue changed (an update), only the days whose number of listings changed are read
  again, and their papers are matched with the query's own rules (``Query.matches_fields``, the rules the
  index follows): a day of 30 papers is 30 papers, whatever the library's size;
* read and star marks are followed through the state's ``updated_at`` (what changed since the last look,
  from this window or any other process), and each query's numbers are adjusted for those papers only.

A query with ``tag:`` or ``note:`` terms is searched in full again when the catalogue changed (rare).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from reader.core.models import Paper

Key = tuple[str, str]  # (date, arxiv_id): one listing
Matcher = Callable[[Paper], bool]
FlagPair = tuple[bool, bool]  # (read, starred)


class Listings(Collection[Key]):
    """A query's matching listings as (date, arXiv id) keys, read through its papers of each day.

    Not a set of its own: one held ~45 MB of the window for 20 saved searches at 100,000 papers (440,000
    listings), and told nothing the papers of each day do not."""

    __slots__ = ("_ids_on",)

    def __init__(self, ids_on: dict[str, tuple[str, ...]]) -> None:
        self._ids_on = ids_on

    def __contains__(self, key: object) -> bool:
        date, arxiv_id = cast(Key, key)
        ids = self._ids_on.get(date)
        return ids is not None and arxiv_id in ids

    def __iter__(self) -> Iterator[Key]:
        return ((date, arxiv_id) for date, ids in self._ids_on.items() for arxiv_id in ids)

    def __len__(self) -> int:
        return sum(map(len, self._ids_on.values()))


@dataclass
class Followed:
    """One query's matching listings and their numbers."""

    spec: Hashable  # what the query is (an entry whose spec changed is searched again)
    matcher: Matcher | None  # None: searched in full whenever the catalogue changed
    # the days each matching paper is listed on: a tuple, as most papers match on one day (a set each held
    # 105 MB for the 440,000 listings of 20 saved searches at 100,000 papers, tuples 21 MB)
    days_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the matching papers of each day: tuples too, as a query matches a few of a day's papers (sets took 34 MB)
    ids_on: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unread: int = 0  # unread listings
    papers: list[int] = field(default_factory=lambda: [0, 0, 0])  # distinct papers: all, unread, starred
    by_date: dict[str, list[int]] = field(default_factory=dict)  # date -> [listings, unread, starred]

    @property
    def listings(self) -> Listings:
        """The matching listings (a view: it follows the entry as it changes)."""
        return Listings(self.ids_on)


@dataclass
class FollowSources:
    """What the follower reads, given by the library."""

    full_search: Callable[[Hashable], tuple[Matcher | None, Collection[Key]]]
    day_totals: Callable[[], dict[str, int]]  # listings per day
    day_papers: Callable[[str], list[Paper]]  # the visible listings of one day
    flag_changes: Callable[[str], tuple[list[tuple[str, bool, bool]], str]]  # (id, read, starred) since; next since
    flags_of: Callable[[Iterable[str]], dict[str, FlagPair]]


class Follower:
    """Follows named queries through the catalogue's days and the papers' flags."""

    def __init__(self) -> None:
        self.followed: dict[str, Followed] = {}
        self.flags: dict[str, FlagPair] = {}  # of every paper a followed query matches
        self._refs: Counter[str] = Counter()  # followed queries matching each paper
        self._generation: object = None
        self._totals: dict[str, int] = {}
        self._since = ""
        # the days of a paper listed on one day: one tuple per date, shared (a tuple each took 21 MB)
        self._one_day: dict[str, tuple[str, ...]] = {}

    def sync(self, wanted: dict[str, Hashable], generation: object, sources: FollowSources) -> None:
        """Follow exactly these queries (name -> spec), brought up to date with the catalogue and the flags."""
        for name in [name for name, found in self.followed.items() if wanted.get(name) != found.spec]:
            self._drop(name)
        if generation != self._generation:
            self._follow_days(sources)
            self._generation = generation
        for name, spec in wanted.items():
            if name not in self.followed:
                matcher, keys = sources.full_search(spec)
                self.followed[name] = Followed(spec, matcher)
                self._add_keys(self.followed[name], keys, sources)
        self._follow_flags(sources)

    def adopt(self, name: str, spec: Hashable, matcher: Matcher | None, keys: Collection[Key], sources: FollowSources,
              baseline: dict[str, int]) -> None:
        """Follow a query whose full search ran elsewhere (another thread's Library) when the days had `baseline`
        listings: its listings as found, and those of the days that changed since matched again here.

        A follower that follows nothing yet takes `baseline` as its own: the next sync matches only the days
        that changed since that search (not every day, as an empty baseline would: 7 s on the GUI thread for
        10 mute rules at 5,000 papers)."""
        if name in self.followed:
            self._drop(name)
        found = self.followed[name] = Followed(spec, matcher)
        self._add_keys(found, keys, sources)
        if self._generation is None and not self._totals:
            self._totals = dict(baseline)
        elif found.matcher is not None:  # None: searched in full again at the next catalogue change anyway
            changed = {date for date in baseline.keys() | self._totals.keys()
                       if baseline.get(date) != self._totals.get(date)}
            self._match_days(found, changed, sources)

    @property
    def totals(self) -> dict[str, int]:
        """The listings per day this follower's entries are up to date with."""
        return self._totals

    def handed_over(self, specs: dict[str, Hashable], matchers: dict[str, Matcher | None]) -> None:
        """Made ready for another Library (of the same data directory) to follow on from: entries whose spec is
        not in `specs` any more are dropped, each other one takes that Library's matcher, and the next sync
        compares the days by their listings (another Library's catalogue generations mean nothing here)."""
        for name in [name for name, found in self.followed.items() if specs.get(name) != found.spec]:
            self._drop(name)
        for name, found in self.followed.items():
            found.matcher = matchers.get(name)
        self._generation = None

    def _drop(self, name: str) -> None:
        found = self.followed.pop(name)
        for arxiv_id in found.days_of:
            self._refs[arxiv_id] -= 1
            if not self._refs[arxiv_id]:
                del self._refs[arxiv_id]
                self.flags.pop(arxiv_id, None)

    def _follow_days(self, sources: FollowSources) -> None:
        """Match again only the days whose listings changed; entries without a matcher are searched again."""
        totals = sources.day_totals()
        changed = {date for date in totals.keys() | self._totals.keys() if totals.get(date) != self._totals.get(date)}
        self._totals = totals
        if not self.followed:
            return
        for name in [name for name, found in self.followed.items() if found.matcher is None]:
            spec = self.followed[name].spec
            self._drop(name)
            matcher, keys = sources.full_search(spec)
            self.followed[name] = Followed(spec, matcher)
            self._add_keys(self.followed[name], keys, sources)
        if not changed:
            return
        papers = [paper for date in sorted(changed) if date in totals for paper in sources.day_papers(date)]
        for found in self.followed.values():
            if found.matcher is not None:
                self._match_days(found, changed, sources, papers)

    def _match_days(self, found: Followed, days: set[str], sources: FollowSources,
                    papers: list[Paper] | None = None) -> None:
        """Match these days' listings (`papers`, read when not given) again with a query's own rules."""
        matcher = found.matcher
        assert matcher is not None
        if papers is None:
            totals = sources.day_totals()
            papers = [paper for date in sorted(days) if date in totals for paper in sources.day_papers(date)]
        self._remove_keys(found, {(date, arxiv_id) for date in days for arxiv_id in found.ids_on.get(date, ())})
        self._add_keys(found, {(paper.date, paper.arxiv_id) for paper in papers if matcher(paper)}, sources)

    def _add_keys(self, found: Followed, keys: Collection[Key], sources: FollowSources) -> None:
        if not found.ids_on:
            self._fill(found, keys, sources)
            return
        listings = found.listings
        keys = [key for key in keys if key not in listings]
        new_ids = {arxiv_id for _date, arxiv_id in keys if arxiv_id not in self.flags}
        if new_ids:
            self.flags.update(sources.flags_of(new_ids))
        for key in keys:
            self._count(found, key, +1)

    def _fill(self, found: Followed, keys: Collection[Key], sources: FollowSources) -> None:
        """A new entry's listings, counted in one pass: what _count does key by key, about four times faster (a
        first look at 100,000 papers hands the window's thread ~20,000 listings a saved search, 0.4 s each the
        slow way)."""
        flags = self.flags
        new_ids = {arxiv_id for _date, arxiv_id in keys} - flags.keys()
        if new_ids:
            flags.update(sources.flags_of(new_ids))
        days_of, by_date, one_day = found.days_of, found.by_date, self._one_day
        ids_on: dict[str, list[str]] = {}
        unread = 0
        for date, arxiv_id in keys:
            read, starred = flags.get(arxiv_id, (False, False))
            before = days_of.get(arxiv_id)  # keys are distinct: the date is new
            days_of[arxiv_id] = before + (date,) if before else one_day.setdefault(date, (date,))
            if date in ids_on:
                ids_on[date].append(arxiv_id)
                day = by_date[date]
            else:
                ids_on[date] = [arxiv_id]
                day = by_date[date] = [0, 0, 0]
            day[0] += 1
            if not read:
                day[1] += 1
                unread += 1
            if starred:
                day[2] += 1
        found.ids_on.update((date, tuple(ids)) for date, ids in ids_on.items())
        found.unread += unread
        for arxiv_id in days_of:
            read, starred = flags.get(arxiv_id, (False, False))
            found.papers[1] += not read
            found.papers[2] += starred
        found.papers[0] += len(days_of)
        self._refs.update(days_of.keys())

    def _remove_keys(self, found: Followed, keys: set[Key]) -> None:
        for key in keys:
            self._count(found, key, -1)

    def _count(self, found: Followed, key: Key, step: int) -> None:
        date, arxiv_id = key
        read, starred = self.flags.get(arxiv_id, (False, False))
        found.unread += step * (not read)
        day = found.by_date.setdefault(date, [0, 0, 0])
        day[0] += step
        day[1] += step * (not read)
        day[2] += step * starred
        before = found.days_of.get(arxiv_id, ())
        on_day = found.ids_on.get(date, ())
        came_in = not before
        if step > 0:
            if not before:
                dates = self._one_day.setdefault(date, (date,))
            else:
                dates = before if date in before else before + (date,)
            if arxiv_id not in on_day:
                found.ids_on[date] = on_day + (arxiv_id,)
        else:
            dates = tuple(day for day in before if day != date)
            left = tuple(listed for listed in on_day if listed != arxiv_id)
            if left:
                found.ids_on[date] = left
            else:
                found.ids_on.pop(date, None)
        found.days_of[arxiv_id] = dates
        if came_in or not dates:  # the paper came in or went out
            found.papers[0] += step
            found.papers[1] += step * (not read)
            found.papers[2] += step * starred
            self._refs[arxiv_id] += step
        if not dates:
            del found.days_of[arxiv_id]
            if not self._refs[arxiv_id]:  # no followed query matches it any more
                del self._refs[arxiv_id]
                self.flags.pop(arxiv_id, None)

    def _follow_flags(self, sources: FollowSources) -> None:
        """Read and star marks since the last look, applied to the queries that match those papers."""
        changes, self._since = sources.flag_changes(self._since)
        for arxiv_id, read, starred in changes:
            before = self.flags.get(arxiv_id)
            if before is None or before == (read, starred):
                continue
            self.flags[arxiv_id] = (read, starred)
            unread_step = int(before[0]) - int(read)  # +1: became unread
            starred_step = int(starred) - int(before[1])
            for found in self.followed.values():
                dates = found.days_of.get(arxiv_id)
                if not dates:
                    continue
                found.unread += unread_step * len(dates)
                found.papers[1] += unread_step
                found.papers[2] += starred_step
                for date in dates:
                    found.by_date[date][1] += unread_step
                    found.by_date[date][2] += starred_step
