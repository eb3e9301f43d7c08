"""Insights of the facade: topic trends, emerging terms and the weekly recap (rules in reader.features).

A trend counts what the search finds: the same query (glossary forms included unless exact), the same
visible entries. The index gives the matching entries' days without loading a paper, so three terms
over 100,000 papers take a fraction of a second; hidden entries that match are taken off per day the
way search_totals counts them, and so are the listings the mute filters hide (unless show muted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import Paper
from reader.features.recap import Recap
from reader.features.recap_render import FORMATS as RECAP_FORMATS
from reader.features.recap_render import LANGUAGES as RECAP_LANGUAGES
from reader.features.trends import PERIODS as TREND_PERIODS
from reader.features.trends import TrendPoint, date_of_day_number, day_number, period_totals, trend
from reader.library.organise_query import texts
from reader.library.search_totals import SHADOWED_CHECKED_MAX, ShadowedEntries

if TYPE_CHECKING:
    from reader.features.trends_terms import Emerging, TermFinder
    from reader.index.expansion import Glossary
    from reader.index.glossary import Entry
    from reader.index.query import Query
    from reader.index.search_index import SearchIndex
    from reader.library.organise_badges import Key
    from reader.stores.catalogue import Catalogue
    from reader.stores.organise import OrganiseStore
    from reader.stores.reading_state import StateStore

__all__ = ["RECAP_FORMATS", "RECAP_LANGUAGES", "TREND_PERIODS", "EmergingTerms", "InsightsMixin", "Recap",
           "TrendPoint"]

EMERGING_DAYS = 28  # the default period of emerging terms: the library's last four weeks
TREND_CACHE_TERMS = 64  # terms whose matches per date are kept (a few kB each)
TREND_COUNTS_FILE = "trend-counts.sqlite"  # in the data directory: see reader.features.trends_counts


@dataclass(frozen=True)
class EmergingTerms:
    """Emerging terms of a period against the period of the same length just before it."""

    start: str
    end: str
    before_start: str
    before_end: str
    terms: list[Emerging]
    papers: int = 0  # entries of the period
    papers_before: int = 0  # entries of the period before: none, and nothing can have grown


class InsightsMixin:
    """Trends, emerging terms and recaps; a base of Library, which has the attributes declared here."""

    data_dir: Path
    _shadowed: ShadowedEntries
    _state: StateStore
    show_muted: bool  # the mute filters' switch (organise_counts)
    _trend_cache: tuple[object, dict[tuple[str, bool], Counter[str]]] | None = None

    if TYPE_CHECKING:
        @property
        def _catalogue(self) -> Catalogue: ...

        @property
        def _index(self) -> SearchIndex: ...

        def _glossary(self) -> Glossary: ...

        def glossary(self, term: str | None = None) -> list[Entry]: ...

        def noted_papers(self) -> list[Paper]: ...

        def note(self, arxiv_id: str) -> str | None: ...

        def without_muted(self, entries: Sequence[Paper]) -> list[Paper]: ...

        @property
        def _organise(self) -> OrganiseStore: ...

        def _hidden(self) -> Collection[Key]: ...

    def trends(self, terms: Sequence[str], by: str = "month", since: str | None = None, until: str | None = None,
               exact: bool = False) -> list[TrendPoint]:
        """Each term's papers, total and share per period (``by`` week or month) in [since, until], term by term.

        Every period with entries has a point, zero papers included; raises InvalidQueryError for a bad term.
        """
        muted = Counter(day for day, _arxiv_id in self._hidden())  # a muted listing counts nowhere
        totals = period_totals(dict((day, total - muted[day]) for day, total, _unread, _starred
                                    in self._catalogue.day_counts(None)), by, since, until)
        dates = self._terms_dates(terms, exact)
        points: list[TrendPoint] = []
        for term in terms:
            points += trend(term, dates[term], totals, by, since, until)
        return points

    def _terms_dates(self, terms: Sequence[str], exact: bool) -> dict[str, Counter[str]]:
        """_matched_dates of each term, kept while the catalogue is unchanged (the window redraws the same
        terms by week, by month, as shares or counts); the glossary and the index change only with it, the
        muted listings with the reading state or show muted. The terms not kept are counted together."""
        generation = (self._catalogue.generation(), self._organise.generation(), self.show_muted)
        if self._trend_cache is None or self._trend_cache[0] != generation:
            self._trend_cache = (generation, {})
        cached = self._trend_cache[1]
        found = {term: cached[term, exact] for term in terms if (term, exact) in cached}
        missing = [term for term in dict.fromkeys(terms) if term not in found]
        if missing:
            queries = [self._parse(term, exact) for term in missing]
            if len(cached) + len(missing) > TREND_CACHE_TERMS:
                cached.clear()
            for term, query, counts in zip(missing, queries, self._day_counts(queries), strict=True):
                found[term] = cached[term, exact] = self._matched_dates(query, counts)
        return found

    def trend_papers(self, term: str, start: str, end: str, exact: bool = False) -> list[Paper]:
        """The visible entries the search for ``term`` finds from ``start`` to ``end`` (a point of a trend),
        in list order (newest day first, then by votes)."""
        query = self._parse(term, exact)
        hidden = self._shadowed.keys(self._catalogue)
        keys = self._index.matching_between(query, day_number(start), day_number(end))
        papers = [paper for key in keys if key not in hidden and (paper := self._catalogue.get(*key)) is not None]
        return sorted(self.without_muted(papers), key=_list_order)

    def emerging_terms(self, since: str | None = None, until: str | None = None, limit: int = 20) -> EmergingTerms:
        """The glossary terms and words whose share grew most in [since, until] against the days just before.

        Defaults: until the library's newest day, since four weeks before it. Seconds at 100,000 papers:
        off the GUI thread."""
        from reader.features.trends_terms import emerging  # the term rules: only when asked for

        days = [day for day, _total, _unread, _starred in self._catalogue.day_counts(None)]
        newest = date.fromisoformat(until) if until else (date.fromisoformat(days[0]) if days else date.today())
        first = date.fromisoformat(since) if since else newest - timedelta(days=EMERGING_DAYS - 1)
        length = max((newest - first).days + 1, 1)
        before_end, before_start = first - timedelta(days=1), first - timedelta(days=length)
        current = self._papers_between(days, first.isoformat(), newest.isoformat())
        before = self._papers_between(days, before_start.isoformat(), before_end.isoformat())
        found = emerging(self._term_finder(), current, before, limit)
        return EmergingTerms(first.isoformat(), newest.isoformat(), before_start.isoformat(), before_end.isoformat(),
                             found, len(current), len(before))

    def recap(self, week: str) -> Recap:
        """The recap of an ISO week (YYYY-Www); ValueError for a week that is not one."""
        from reader.features.recap import build_recap, week_bounds

        monday, sunday = week_bounds(week)
        days = [day for day, _total, _unread, _starred in self._catalogue.day_counts(None)]
        papers = self.without_muted(self._papers_between(days, monday.isoformat(), sunday.isoformat()))
        ids = {paper.arxiv_id for paper in papers}
        notes = {arxiv_id: note for arxiv_id in sorted(ids & {paper.arxiv_id for paper in self.noted_papers()})
                 if (note := self.note(arxiv_id))}
        return build_recap(week, papers, self._state.starred_ids(), self._term_finder(), notes)

    def recap_text(self, week: str, fmt: str, language: str = "ko") -> str:
        """The recap as `recap --format` writes it: markdown, html or json (ko or en headings)."""
        from reader.features.recap_render import render

        return render(self.recap(week), self._state.all(), fmt, language)

    def _parse(self, term: str, exact: bool) -> Query:
        from reader.index.query import parse_query

        return parse_query(term, None if exact else self._glossary())

    def _matched_dates(self, query: Query, day_counts: Mapping[int, int]) -> Counter[str]:
        """The visible entries the query matches, per date (search's total, spread over days), from its
        entries per day number, hidden ones included."""
        dates = Counter({date_of_day_number(number): count for number, count in day_counts.items()})
        catalogue = self._catalogue
        hidden = self._shadowed.keys(catalogue)
        if len(hidden) <= SHADOWED_CHECKED_MAX:
            dates.subtract(key[1] for key, texts in catalogue.shadowed_texts() if query.matches_fields(texts))
        elif hidden:
            raw_hits, _total = self._index.search(query, None)
            dates.subtract(raw.date for raw in raw_hits if (raw.source, raw.date, raw.arxiv_id) in hidden)
        muted = (catalogue.paper(day, arxiv_id) for day, arxiv_id in self._hidden())
        dates.subtract(paper.date for paper in muted if paper is not None and query.matches_fields(texts(paper)))
        return dates

    def _day_counts(self, queries: Sequence[Query]) -> list[Mapping[int, int]]:
        """Each query's matching entries (hidden ones included) per day number, kept in the data directory for
        the index's current state (reader.features.trends_counts): a later process counts a term again only
        after a commit. The queries not kept are counted by the index together, and kept in one write."""
        from reader.features.trends_counts import TrendCounts, index_state

        index = self._index
        state = index_state(index.segment_ids(), index.doc_count())
        if state is None:
            return list(index.matching_days(queries))
        keys = [repr(query.whoosh()) for query in queries]
        store = TrendCounts(self.data_dir / TREND_COUNTS_FILE)
        kept: dict[str, Mapping[int, int]] = dict(store.get(state, keys))
        missing = {key: query for key, query in zip(keys, queries, strict=True) if key not in kept}
        if missing:
            counted = dict(zip(missing, index.matching_days(list(missing.values())), strict=True))
            store.put(state, counted)
            kept.update(counted)
        return [kept[key] for key in keys]

    def _papers_between(self, days: list[str], start: str, end: str) -> list[Paper]:
        """Every visible entry from start to end, newest day first, then by votes."""
        return [paper for day in days if start <= day <= end for paper in self._catalogue.papers(date=day)]

    def _term_finder(self) -> TermFinder:
        from reader.features.trends_terms import TermFinder

        return TermFinder(self.glossary())


def _list_order(paper: Paper) -> tuple[int, bool, int, str, int]:
    """The catalogue's list order: date descending, votes descending (none last), source, line."""
    return (-date.fromisoformat(paper.date).toordinal(), paper.votes is None, -(paper.votes or 0), paper.source,
            paper.line)
