"""Topic trends: a term's share of the library's entries per ISO week or month.

A point counts (date, paper) entries, as the search does: ``papers`` is how many entries the search
for the term finds in the period, ``total`` how many entries the period has, ``share`` the one over
the other. The facade gives the matching entries' dates (from the index's day column, without
loading a paper) and the per-day totals of the catalogue; everything here is arithmetic on dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

PERIODS = ("month", "week")
_EPOCH = date(1970, 1, 1).toordinal()  # the index's day numbers count from here


@dataclass(frozen=True)
class TrendPoint:
    """One term in one period."""

    term: str
    period: str  # YYYY-MM or YYYY-Www
    papers: int  # entries of the period the search for the term finds
    total: int  # every entry of the period
    start: str  # first day of the period (YYYY-MM-DD), for asking which papers these are
    end: str  # last day of the period

    @property
    def share(self) -> float:
        return self.papers / self.total if self.total else 0.0

    def as_json(self) -> dict[str, object]:
        """The `trends --json` object."""
        return {"term": self.term, "period": self.period, "papers": self.papers, "total": self.total,
                "share": round(self.share, 4)}


@cache  # a library has a few thousand days; a trend asks for each once per term and period
def date_of_day_number(number: int) -> str:
    """The index's day number as YYYY-MM-DD."""
    return date.fromordinal(number + _EPOCH).isoformat()


def day_number(iso_date: str) -> int:
    """YYYY-MM-DD as the index's day number."""
    return date.fromisoformat(iso_date).toordinal() - _EPOCH


@cache
def period_of(iso_date: str, by: str) -> str:
    """The week (YYYY-Www, ISO 8601: weeks start on Monday, week 1 holds the year's first Thursday) or month."""
    day = date.fromisoformat(iso_date)
    if by == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a YYYY-MM or YYYY-Www period; ValueError for anything else."""
    if "-W" in period:
        iso_year, week = period.split("-W")
        monday = date.fromisocalendar(int(iso_year), int(week), 1)
        return monday, monday + timedelta(days=6)
    year, month = (int(part) for part in period.split("-"))
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def period_totals(day_totals: Mapping[str, int], by: str, since: str | None, until: str | None) -> dict[str, int]:
    """Entries per period of the days in [since, until] (either open), oldest period first."""
    totals: Counter[str] = Counter()
    for day, total in day_totals.items():
        if _in_range(day, since, until) and total:
            totals[period_of(day, by)] += total
    return dict(sorted(totals.items()))


def trend(term: str, matched: Mapping[str, int], totals: Mapping[str, int], by: str, since: str | None,
          until: str | None) -> list[TrendPoint]:
    """One point per period that has entries (zero papers included, so a line starts where the library does).

    ``matched`` is the number of matching visible entries per date; ``totals`` is period_totals' answer.
    """
    papers: Counter[str] = Counter()
    for day, count in matched.items():
        if count > 0 and _in_range(day, since, until):
            papers[period_of(day, by)] += count
    points = []
    for period, total in totals.items():
        first, last = period_bounds(period)
        if since is not None:
            first = max(first, date.fromisoformat(since))
        if until is not None:
            last = min(last, date.fromisoformat(until))
        points.append(TrendPoint(term, period, papers.get(period, 0), total, first.isoformat(), last.isoformat()))
    return points


def _in_range(day: str, since: str | None, until: str | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)
