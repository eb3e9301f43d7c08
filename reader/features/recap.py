"""The weekly recap: an ISO week's papers, its ten most voted, up to five groups of related papers, the starred and
noted ones.

Everything here is deterministic: the same library and marks give the same recap, so its exports are
byte-identical from run to run (no clock, no random seed, every tie broken by a sorted key).

Groups: a term (:mod:`reader.features.trends_terms`) that at least two of the week's papers share and
no more than ``GROUP_SHARE_MAX`` of them (so "model" groups nothing), most papers first, glossary
concepts before plain words at equal counts; each group takes the papers of its term that no earlier
group took, and is labelled with its term and, when most of the group shares one, a second term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reader.core.models import Paper

if TYPE_CHECKING:
    from reader.features.trends_terms import Spellings, TermFinder

TOP_PAPERS = 10
MAX_GROUPS = 5
MIN_GROUP = 2
GROUP_SHARE_MAX = 0.4  # a term in more of the week's papers than this says nothing about a group
_WEEK_RE = re.compile(r"(\d{4})-W(\d{2})")


@dataclass(frozen=True)
class RecapGroup:
    """Related papers of the week and the terms they share."""

    labels: tuple[str, ...]  # 한국어(English) for glossary concepts
    papers: tuple[Paper, ...]

    @property
    def label(self) -> str:
        return " · ".join(self.labels)


@dataclass(frozen=True)
class Recap:
    """What the recap of one week shows."""

    week: str  # YYYY-Www
    start: str  # its Monday
    end: str  # its Sunday
    papers: tuple[Paper, ...]  # newest day first, then by votes
    top: tuple[Paper, ...]  # most votes first (ties: newer first, then arXiv id)
    groups: tuple[RecapGroup, ...]
    starred: tuple[Paper, ...]
    noted: tuple[tuple[Paper, str], ...] = ()  # the week's papers the reader wrote a note on, with the note


def week_bounds(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week written YYYY-Www; ValueError with a sentence otherwise."""
    match = _WEEK_RE.fullmatch(week.strip())
    if not match:
        raise ValueError(f"not an ISO week in YYYY-Www form (like 2025-W07): {week!r}")
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"{match[1]} has no week {int(match[2])}: {week!r}") from None
    return monday, monday + timedelta(days=6)


def week_of(day: date) -> str:
    """The ISO week of a day, as YYYY-Www."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def build_recap(week: str, papers: Sequence[Paper], starred_ids: Collection[str], finder: TermFinder,
                notes: Mapping[str, str] | None = None) -> Recap:
    """The recap of ``week`` from its entries (in list order), the starred arXiv ids and the notes by arXiv id."""
    monday, sunday = week_bounds(week)
    week = week_of(monday)
    ordered = tuple(papers)
    top = tuple(sorted(ordered, key=_vote_order)[:TOP_PAPERS])
    starred = tuple(paper for paper in ordered if paper.arxiv_id in starred_ids)
    notes = notes or {}
    noted = tuple((paper, notes[paper.arxiv_id]) for paper in _first_listings(ordered) if paper.arxiv_id in notes)
    return Recap(week, monday.isoformat(), sunday.isoformat(), ordered, top, tuple(_groups(ordered, finder)),
                 starred, noted)


def _first_listings(papers: Sequence[Paper]) -> list[Paper]:
    """One listing per arXiv id (a note belongs to the paper, not to a day's listing of it)."""
    first: dict[str, Paper] = {}
    for paper in papers:
        first.setdefault(paper.arxiv_id, paper)
    return list(first.values())


def _vote_order(paper: Paper) -> tuple[int, str, str]:
    return (-(paper.votes or 0), _reversed(paper.date), paper.arxiv_id)


def _reversed(iso_date: str) -> str:
    """A key that sorts dates newest first inside an ascending sort."""
    return "".join(chr(0x7F - ord(char)) for char in iso_date)


def _groups(papers: Sequence[Paper], finder: TermFinder) -> list[RecapGroup]:
    spellings: Spellings = {}
    terms = [finder.terms_of(paper, spellings) for paper in papers]
    counts = Counter(key for paper_terms in terms for key in paper_terms)
    most = max(MIN_GROUP, int(GROUP_SHARE_MAX * len(papers)))
    candidates = sorted((key for key, count in counts.items() if MIN_GROUP <= count <= most),
                        key=lambda key: (-counts[key], not key.startswith("c:"), key))
    taken: set[int] = set()
    groups = []
    for key in candidates:
        members = [number for number, paper_terms in enumerate(terms) if key in paper_terms and number not in taken]
        if len(members) < MIN_GROUP:
            continue
        taken.update(members)
        labels = [finder.term(key, spellings).label]
        shared = Counter(other for number in members for other in terms[number] if other != key)
        seconds = sorted((other for other, count in shared.items() if 2 * count > len(members)),
                         key=lambda other: (-shared[other], not other.startswith("c:"), other))
        if seconds:
            labels.append(finder.term(seconds[0], spellings).label)
        groups.append(RecapGroup(tuple(labels), tuple(papers[number] for number in members)))
        if len(groups) == MAX_GROUPS:
            break
    return groups
