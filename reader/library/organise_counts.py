"""The mute filters and the saved searches' badges in the facade (a base of the Organising mixin).

Both follow their queries through reader.library.organise_badges: searched in full once, then kept up to
date from what changed (the days an update touched, the marks set since), so the sidebar's numbers cost
the same with ten mute words as without once the first look is done.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from sys import intern
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader.core.errors import InvalidQueryError, ReaderError
from reader.core.models import DayInfo, Paper, SearchResult
from reader.library.counts import SmartCounts
from reader.library.organise_badges import FlagPair, Followed, Follower, FollowSources, Key, Matcher
from reader.library.organise_query import OrganisedQuery, mute_query, texts
from reader.library.search_totals import ShadowedEntries
from reader.stores.catalogue import Catalogue
from reader.stores.organise import OrganiseStore, SavedSearch, clean_mute, entry_error
from reader.stores.organise_schema import SHOW_MUTED
from reader.stores.reading_state import StateStore

if TYPE_CHECKING:
    from reader.index.query import Query
    from reader.index.search_index import SearchIndex
    from reader.library.glossary_terms import GlossaryForms
    from reader.stores.glossary import GlossaryStore

READ_LOOKUPS_MAX = 2_000  # more ids than this: one read of every mark beats a look-up of each
MUTED = "muted"  # the mute follower's one query: every rule at once


class _Listed(Protocol):
    """A paper or a list row: what the mute filter looks at."""

    @property
    def arxiv_id(self) -> str: ...

    @property
    def date(self) -> str: ...


EntryT = TypeVar("EntryT", bound=_Listed)


@dataclass(frozen=True)
class MutedListings:
    """The days each muted paper is hidden on (see OrganiseCounts.muted_listings)."""

    days_of: Mapping[str, Collection[str]]

    def without(self, entries: Sequence[EntryT]) -> list[EntryT]:
        """The entries not hidden, in their order."""
        days_of = self.days_of  # no tuple made for the rows of papers that are not muted at all
        if not days_of:
            return list(entries)
        return [row for row in entries if row.arxiv_id not in days_of or row.date not in days_of[row.arxiv_id]]


@dataclass(frozen=True)
class FirstLook:
    """What a first look on another thread found: its Library's followers, counted (Library.first_look)."""

    mutes: Follower | None
    badges: Follower | None


class FollowedCounts:
    """Mute filters (hidden everywhere unless ``show_muted``) and saved-search badges."""

    _state: StateStore
    _show_muted_here: bool | None = None  # `list --muted`: this Library only, not saved
    defer_first_looks = False  # the window: full searches of new mute rules are done on its thread, not here
    _one_off_full_searches = False  # a first look's Library: each full search's postings are dropped after it
    _mute_follower: Follower | None = None
    _badge_follower: Follower | None = None
    _totals_memo: tuple[object, dict[str, int]] | None = None
    _muted_texts: tuple[int, list[dict[str, str]]] | None = None
    _muted_seen: tuple[object, Followed | None] | None = None  # (state and catalogue generations, the entry)
    _expansions: tuple[str, dict[str, tuple[GlossaryForms, ...]]] | None = None  # glossary generation, query -> forms

    if TYPE_CHECKING:  # what Library and the Organising mixin provide
        @property
        def _catalogue(self) -> Catalogue: ...
        @property
        def _index(self) -> SearchIndex: ...
        @property
        def _organise(self) -> OrganiseStore: ...
        _shadowed: ShadowedEntries
        def papers_for(self, arxiv_id: str) -> list[Paper]: ...
        def search(self, query: str, limit: int | None = 20, exact: bool = False) -> SearchResult: ...
        def _parse(self, query: str, exact: bool) -> Query: ...
        @property
        def _glossary_store(self) -> GlossaryStore: ...
        def glossary_forms(self, query: str) -> list[GlossaryForms]: ...

    # -- mute filters ------------------------------------------------------------------------------

    @property
    def show_muted(self) -> bool:
        """Whether the muted listings are shown: the window's View > Show Muted Papers, kept in the state file so
        the window's search threads (each with its own Library) follow it; set here, for this Library alone."""
        if self._show_muted_here is not None:
            return self._show_muted_here
        return self._organise.setting(SHOW_MUTED, "0") == "1"

    @show_muted.setter
    def show_muted(self, shown: bool) -> None:
        self._show_muted_here = shown

    def save_show_muted(self, shown: bool) -> None:
        """Show (or hide) the muted listings in every Library of this data directory from now on."""
        self._organise.set_setting(SHOW_MUTED, "1" if shown else "0")
        self._show_muted_here = None

    def mutes(self) -> list[str]:
        return self._organise.mutes()

    def add_mutes(self, rules: Iterable[str]) -> None:
        """Hide the papers of these words or ``author:NAME`` rules (checked as queries first)."""
        clean = [clean_mute(rule) for rule in rules]  # a bad name says so before the query does
        for rule in clean:
            try:
                self._parse(mute_query(rule), exact=True)
            except InvalidQueryError as error:
                if error.code != "query-empty":
                    raise
                raise entry_error("mute-no-words", repr(rule)) from error
        self._organise.add_mutes(clean)

    def remove_mutes(self, rules: Iterable[str]) -> int:
        return self._organise.remove_mutes(rules)

    def muted_ids(self) -> Collection[str]:
        """The papers with a listing the mute filters hide (also while show_muted is on)."""
        entry = self._muted_entry()
        return entry.days_of.keys() if entry else frozenset()

    def hidden_count(self) -> int:
        """How many papers the mute filters hide now (none while show_muted is on): how many more a ranking
        (similar papers) asks for, so that it still fills its rows once they are left out."""
        return 0 if self.show_muted else len(self.muted_ids())

    def muted_keys(self) -> Collection[Key]:
        """The (date, arXiv id) listings the mute filters hide: those whose texts match a rule."""
        entry = self._muted_entry()
        return entry.listings if entry else frozenset()

    def muted_by(self, arxiv_id: str) -> str | None:
        """The first rule that hides this paper, or None: what a muted paper on show says."""
        if arxiv_id not in self.muted_ids():
            return None
        hidden = self.muted_keys()
        papers = [paper for paper in self.papers_for(arxiv_id) if (paper.date, paper.arxiv_id) in hidden]
        for rule in self._organise.mutes():
            query = self._parse(mute_query(rule), exact=True)
            if any(query.matches_fields(texts(paper)) for paper in papers):
                return rule
        return None

    def muted(self) -> dict[str, str]:
        """Every muted paper with the first rule that hides it (one full search per rule: not for every frame)."""
        rule_of: dict[str, str] = {}
        for rule in self._organise.mutes():
            for _date, arxiv_id in sorted(self._raw_keys(self._parse(mute_query(rule), exact=True))):
                rule_of.setdefault(arxiv_id, rule)
        return rule_of

    def mute_counts(self) -> list[tuple[str, int]]:
        """Each rule with the number of papers it hides."""
        rule_of = self.muted()
        return [(rule, sum(1 for found in rule_of.values() if found == rule)) for rule in self._organise.mutes()]

    def without_muted(self, entries: Sequence[EntryT]) -> list[EntryT]:
        """The entries (papers or list rows) the mute filters do not hide, in their order."""
        return self.muted_listings().without(entries)

    def muted_listings(self) -> MutedListings:
        """The listings the mute filters hide now (none while muted papers are shown), as a plain value: what a
        thread listing rows on a Library of its own (which has not searched the mute rules) leaves out."""
        entry = None if self.show_muted else self._muted_entry()
        return MutedListings(entry.days_of if entry is not None else {})

    def days_without_muted(self, days: Sequence[DayInfo]) -> list[DayInfo]:
        """The days' counts less their muted listings (exact: the marks are followed as they change)."""
        entry = None if self.show_muted else self._muted_entry()
        if entry is None:
            return list(days)
        less = entry.by_date
        return [DayInfo(day.date, day.total - c[0], day.unread - c[1], day.starred - c[2])
                if (c := less.get(day.date)) and c[0] else day for day in days]

    def smart_counts_without_muted(self, counts: SmartCounts) -> SmartCounts:
        """All papers, Unread and Starred less the muted papers (each counted once, like the counts)."""
        entry = None if self.show_muted else self._muted_entry()
        if entry is None:
            return counts
        papers, unread, starred = entry.papers
        return SmartCounts(counts.papers - papers, counts.unread - unread, counts.starred - starred)

    def _hidden(self) -> Collection[Key]:
        """The muted listings to leave out now: none while show_muted is on."""
        return () if self.show_muted else self.muted_keys()

    def _muted_entry(self) -> Followed | None:
        """The mute filters' listings, looked at again only when the state or the catalogue changed (two PRAGMAs
        per call otherwise: the sidebar asks on every count)."""
        generations = (self._organise.generation(), self._catalogue.generation())
        if self._muted_seen is not None and self._muted_seen[0] == generations:
            return self._muted_seen[1]
        rules = tuple(self._organise.mutes())
        entry = None
        if rules or self._mute_follower is not None:
            self._mute_follower = self._mute_follower or Follower()
            if self.defer_first_looks and rules and self.pending_mutes() is not None:
                return None  # searched on the window's thread first (adopt_mutes); hidden once that is done
            self._mute_follower.sync({MUTED: rules} if rules else {}, generations[1], self._sources(self._mute_search))
            entry = self._mute_follower.followed.get(MUTED)
        self._muted_seen = (generations, entry)
        return entry

    def pending_mutes(self) -> Hashable | None:
        """The mute rules not searched in full yet (the spec to give mute_keys), or None."""
        rules = tuple(self._organise.mutes())
        found = self._mute_follower.followed.get(MUTED) if self._mute_follower else None
        return rules if rules and (found is None or found.spec != rules) else None

    def mute_keys(self, spec: Hashable) -> set[Key]:
        """The listings these mute rules hide, searched in full (any thread, on that thread's own Library)."""
        return self._mute_search(spec)[1]

    def first_look(self) -> FirstLook:
        """On a thread with a Library of its own: the mute rules and the saved searches searched in full and
        counted, for the window's Library to follow on from (adopt_first_look). The counting is done here: at
        100,000 papers a saved search matches up to ~50,000 listings, 0.1-0.4 s each to count on the GUI
        thread."""
        self.defer_first_looks = False
        self._one_off_full_searches = True
        self._muted_entry()
        self.saved_search_counts()
        return FirstLook(self._mute_follower, self._badge_follower)

    def adopt_first_look(self, look: FirstLook) -> bool:
        """Follow on from another Library's first look: its followers taken over whole when this Library follows
        nothing yet (at start), else the entries this one lacks adopted one by one (their spec still current).
        True when the mute filters' listings changed (the lists and counts must leave them out now)."""
        rules = tuple(self._organise.mutes())
        theirs = look.mutes
        found = theirs.followed.get(MUTED) if theirs is not None else None
        mutes_changed = False
        if theirs is not None and found is not None and found.spec == rules:
            mine = self._mute_follower
            if mine is None or not mine.followed:
                theirs.handed_over({MUTED: rules}, {MUTED: self._mute_search(rules, keys_too=False)[0]})
                self._mute_follower = theirs
                self._muted_seen = None
                mutes_changed = True
            elif MUTED not in mine.followed or mine.followed[MUTED].spec != rules:
                self.adopt_mutes(rules, found.listings, theirs.totals)
                mutes_changed = True
        badges = look.badges
        if badges is None:
            return mutes_changed
        specs = self._saved_specs(self._organise.saved_searches())
        follower = self._badge_follower
        if follower is None or not follower.followed:
            matchers = {name: self._saved_search(spec, keys_too=False)[0] for name, spec in specs.items()}
            badges.handed_over(specs, matchers)
            self._badge_follower = badges
            return mutes_changed
        for name, entry in badges.followed.items():
            followed = follower.followed.get(name)
            if specs.get(name) == entry.spec and (followed is None or followed.spec != entry.spec):
                self.adopt_saved_search(name, entry.spec, entry.listings, badges.totals)
        return mutes_changed

    def adopt_mutes(self, spec: Hashable, keys: Collection[Key], baseline: dict[str, int] | None = None) -> None:
        """Follow the mute rules from the listings another thread found when the days had `baseline` listings
        (default: as now), so the days changed since are matched again (rules changed since: left out)."""
        if spec != tuple(self._organise.mutes()):
            return
        self._mute_follower = self._mute_follower or Follower()
        matcher, _keys = self._mute_search(spec, keys_too=False)
        self._mute_follower.adopt(MUTED, spec, matcher, keys, self._sources(self._mute_search),
                                  self._day_totals() if baseline is None else baseline)
        self._muted_seen = None

    def _mute_search(self, spec: Hashable, keys_too: bool = True) -> tuple[Matcher | None, set[Key]]:
        assert isinstance(spec, tuple)
        queries = [self._parse(mute_query(rule), exact=True) for rule in spec]
        keys: set[Key] = set()
        for query in queries if keys_too else ():
            keys |= self._raw_keys(query)
        return (lambda paper: any(query.matches_fields(texts(paper)) for query in queries)), keys

    def _muted_matching(self, query: Query) -> int:
        """How many muted listings `query` matches (its own rules on their texts, read once per change)."""
        entry = self._muted_entry()
        if entry is None:
            return 0
        listings = entry.listings
        if self._muted_texts is None or self._muted_texts[0] != len(listings):
            listed = [self._catalogue.paper(date, arxiv_id) for date, arxiv_id in listings]
            self._muted_texts = (len(listings), [texts(paper) for paper in listed if paper is not None])
        return sum(1 for paper_texts in self._muted_texts[1] if query.matches_fields(paper_texts))

    # -- saved searches' badges --------------------------------------------------------------------

    def saved_search_counts(self, followed_only: bool = False) -> list[tuple[SavedSearch, int | None, int | None]]:
        """Each saved search with its matching listings and the unread ones among them (muted ones left out).

        With `followed_only` a saved search not yet searched in full is not searched now: its numbers are None
        (the window has pending_saved_searches() searched on a thread and hands the keys to adopt_saved_search).
        One the glossary changed the forms of keeps its numbers (its old forms) until that search is adopted."""
        saved = self._organise.saved_searches()
        hidden = self._hidden()  # the mute filters first: a new day's muted papers are hidden before it is matched
        specs = self._saved_specs(saved)
        follower = self._badge_follower = self._badge_follower or Follower()
        if followed_only:
            followed = follower.followed
            specs = {name: followed[name].spec for name, spec in specs.items()
                     if name in followed and _same_but_forms(followed[name].spec, spec)}
        follower.sync(specs, self._catalogue.generation(), self._sources(self._saved_search))
        notes = self._organise.notes()
        counted: list[tuple[SavedSearch, int | None, int | None]] = []
        for search in saved:
            if search.name not in specs:
                counted.append((search, None, None))
                continue
            entry = follower.followed[search.name]
            total, unread = len(entry.listings), entry.unread
            if entry.matcher is not None and notes:  # a note's words count too (already in the index's: once)
                query = self._parse(search.query, search.exact)
                extra = {(paper.date, paper.arxiv_id) for arxiv_id, note in notes.items()
                         if query.matches("body", note.text) for paper in self.papers_for(arxiv_id)}
                listings = entry.listings
                extra = {key for key in extra if key not in listings and key not in hidden}
                flags = self._flag_pairs({arxiv_id for _date, arxiv_id in extra})
                total += len(extra)
                unread += sum(1 for _date, arxiv_id in extra if not flags[arxiv_id][0])
            counted.append((search, total, unread))
        return counted

    def pending_saved_searches(self) -> list[tuple[str, Hashable]]:
        """(name, spec) of the saved searches not followed yet: what a first look searches in full."""
        follower = self._badge_follower
        return [(name, spec) for name, spec in self._saved_specs(self._organise.saved_searches()).items()
                if follower is None or name not in follower.followed or follower.followed[name].spec != spec]

    def saved_search_keys(self, spec: Hashable) -> set[Key]:
        """A saved search's listings in full (any thread, on that thread's own Library)."""
        self._hidden()
        return self._saved_search(spec)[1]

    def adopt_saved_search(self, name: str, spec: Hashable, keys: Collection[Key],
                           baseline: dict[str, int] | None = None) -> None:
        """Follow a saved search from the listings another thread found when the days had `baseline` listings
        (default: as now; see adopt_mutes) (a spec gone stale is left out)."""
        if self._saved_specs(self._organise.saved_searches()).get(name) != spec:
            return
        follower = self._badge_follower = self._badge_follower or Follower()
        matcher, _none = self._saved_search(spec, keys_too=False)
        follower.adopt(name, spec, matcher, keys, self._sources(self._saved_search),
                       self._day_totals() if baseline is None else baseline)

    def _saved_specs(self, saved: list[SavedSearch]) -> dict[str, Hashable]:
        """What each saved search stands for now: a change searches it again (its query, the mute filters, and,
        unless exact, the forms the glossary adds to it: a new day may bring new pairs)."""
        hidden_by = (tuple(self._organise.mutes()), self.show_muted)
        forms = self._glossary_forms_now([search.query for search in saved if not search.exact])
        return {search.name: (search.query, search.exact, hidden_by, None if search.exact else forms.get(search.query))
                for search in saved}

    def _glossary_forms_now(self, queries: list[str]) -> dict[str, tuple[GlossaryForms, ...]]:
        """The forms the glossary adds to each query, worked out again only when glossary.sqlite changed (its
        generation is asked of the file each time: the glossary in use may be a second old)."""
        if not queries:
            return {}
        try:
            generation = self._glossary_store.generation()
        except ReaderError:  # no glossary to read: the queries as typed
            return {}
        if self._expansions is None or self._expansions[0] != generation:
            self._expansions = (generation, {})
        known = self._expansions[1]
        for query in queries:
            if query not in known:
                known[query] = tuple(self.glossary_forms(query))
        return known

    def _saved_search(self, spec: Hashable, keys_too: bool = True) -> tuple[Matcher | None, set[Key]]:
        """A saved search's matcher and (`keys_too`) its listings in full: the index's raw hits without muted
        listings (an invalid query, saved by a version whose rules took it, matches nothing)."""
        assert isinstance(spec, tuple)
        query_text: str = spec[0]
        exact: bool = spec[1]
        try:
            if OrganisedQuery(query_text).organised:
                if not keys_too:
                    return None, set()
                hits = self.search(query_text, limit=None, exact=exact).hits
                return None, {(hit.paper.date, hit.paper.arxiv_id) for hit in hits}
            query = self._parse(query_text, exact)
        except InvalidQueryError:
            return None, set()
        hidden = self._hidden()
        keys = {key for key in self._raw_keys(query) if key not in hidden} if keys_too else set()
        return (lambda paper: (paper.date, paper.arxiv_id) not in hidden and query.matches_fields(texts(paper))), keys

    # -- what the followers read -------------------------------------------------------------------

    def _raw_keys(self, query: Query) -> set[Key]:
        """The visible listings the index matches (raw hits: no paper is read back).

        Their strings are interned: each hit's come fresh from the index, and the followers keep them (20 saved
        searches at 100,000 papers: ~440,000 listings, whose 885,000 strings held 50 MB, ~95,000 of them distinct).
        The query's patterns are compiled too: a full search runs on the first look's thread, and the window's
        matchers, which need them after an update, then find them in re's cache (20 saved searches: ~50 ms of
        the GUI thread)."""
        query.compile_patterns()
        raw_hits, _total = self._index.search(query, None)
        if self._one_off_full_searches:
            self._index.forget_matches()
        shadowed = self._shadowed.keys(self._catalogue)
        return {(intern(raw.date), intern(raw.arxiv_id)) for raw in raw_hits
                if (raw.source, raw.date, raw.arxiv_id) not in shadowed}

    def _sources(self, full_search: Callable[[Hashable], tuple[Matcher | None, set[Key]]]) -> FollowSources:
        return FollowSources(full_search=full_search, day_totals=self._day_totals,
                             day_papers=lambda date: self._catalogue.papers(date=date),
                             flag_changes=self._organise.flag_changes, flags_of=self._flag_pairs)

    def _day_totals(self) -> dict[str, int]:
        """Listings per day, read once per catalogue change for both followers."""
        generation = self._catalogue.generation()
        if self._totals_memo is None or self._totals_memo[0] != generation:
            self._totals_memo = (generation, {row[0]: row[1] for row in self._catalogue.day_counts(None)})
        return self._totals_memo[1]

    def _flag_pairs(self, arxiv_ids: Iterable[str]) -> dict[str, FlagPair]:
        ids = set(arxiv_ids)
        if len(ids) > READ_LOOKUPS_MAX:
            read, starred = self._state.read_ids(), self._state.starred_ids()
            return {arxiv_id: (arxiv_id in read, arxiv_id in starred) for arxiv_id in ids}
        return {arxiv_id: (flags.read, flags.starred) for arxiv_id, flags in self._state.get_many(ids).items()}


def _same_but_forms(followed: Hashable, wanted: Hashable) -> bool:
    """The same saved search, the mute filters alike: at most the glossary's forms differ."""
    assert isinstance(followed, tuple) and isinstance(wanted, tuple)
    return followed[:3] == wanted[:3]
