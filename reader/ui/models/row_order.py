"""The paper list's rows as values: the orders they are listed in (RowOrder, which a thread can sort by), and
finding rows in a list of 100,000 at C speed. No Qt here: the table model (paper_table.py) and the threads
that read long views (window/listings.py) share it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from reader.core.collection import collection_paused
from reader.core.models import Flags, Paper
from reader.library import PaperRow, title_text

ListItem = Paper | PaperRow  # what a row of the paper table holds
Rank = Callable[[str], Any]  # arXiv id -> sort key of the For you order (best first, ascending)
Places = Callable[[list[str]], list[int] | None]  # arXiv ids -> their places in the For you order (None: cannot)
STAR, TITLE, VOTES, AUTHORS, DATE = range(5)  # the table's columns
FOR_YOU = 5  # an order without a column of its own: by the rank (window/for_you.py)
NO_FLAGS = Flags()
FEW_WANTED = 8  # this few papers (or ids) are found with list.index, not by a Python pass over every row
_ARXIV_ID = attrgetter("arxiv_id")


@dataclass(frozen=True)
class RowOrder:
    """An order of the list's rows, as a value: a thread can sort a long listing by it before the list shows it.

    ``column`` is a column, FOR_YOU (by ``rank``, or by ``places`` when they can number the papers) or -1 for
    the order given; a column's order is ``descending`` or not (For you's is best first whatever it says).
    """

    column: int = -1
    descending: bool = False
    rank: Rank | None = None
    places: Places | None = None

    def sorted(self, papers: Sequence[ListItem], flags: Mapping[str, Flags]) -> list[ListItem]:
        """The papers in this order (ties keep the order given); ``flags`` for the star column."""
        key = self.key(flags)
        if key is None:
            return list(papers)
        with collection_paused():  # one key tuple per row, none in a cycle: collection passes would only cost time
            if self.column == FOR_YOU and self.places is not None:
                places = self.places(list(map(_ARXIV_ID, papers)))
                if places is not None:
                    return _by_places(papers, places)
            return sorted(papers, key=key, reverse=self.reverses())

    def key(self, flags: Mapping[str, Flags]) -> Callable[[ListItem], Any] | None:
        """The sort key of a row; None for the order given (or For you's before it has a rank)."""
        column = self.column
        if column == FOR_YOU:
            rank = self.rank
            return (lambda p: rank(p.arxiv_id)) if rank else None
        keys: dict[int, Callable[[ListItem], Any]] = {
            STAR: lambda p: (flags.get(p.arxiv_id, NO_FLAGS).starred, votes_of(p), p.date),
            TITLE: lambda p: (title_text(p.title).casefold(), p.date),
            VOTES: lambda p: (-1 if p.votes is None else p.votes, p.date),  # inline: once per row
            AUTHORS: lambda p: (first_author(p).casefold(), p.date),
            DATE: lambda p: (p.date, votes_of(p)),
        }
        return keys.get(column)

    def reverses(self) -> bool:
        """Whether sorted() reverses the key's order: a descending column (For you's order is ascending)."""
        return self.descending and self.column != FOR_YOU


def _by_places(papers: Sequence[ListItem], places: list[int]) -> list[ListItem]:
    """The papers ordered by their places, ties in the order given: one sort of plain ints (place * n + row),
    about a third of the cost of sorting the rows with a key call each."""
    count = len(papers)
    order = [place * count + row for row, place in enumerate(places)]
    order.sort()
    return [papers[code % count] for code in order]


def rows_of(rows: list[ListItem], wanted: dict[int, ListItem]) -> dict[int, int]:
    """The row of each wanted paper (by id()) in ``rows``, when it is there. A few are found by list.index (a C
    scan: 100,000 rows in ~3 ms), more by one Python pass (~18 ms)."""
    if len(wanted) > FEW_WANTED:
        return {id(paper): row for row, paper in enumerate(rows) if id(paper) in wanted}
    found = {key: index_of(rows, paper) for key, paper in wanted.items()}
    return {key: row for key, row in found.items() if row >= 0}


def index_of(rows: list[ListItem], paper: ListItem) -> int:
    """The row of this paper (list.index: a C scan, ~3 ms at 100,000 rows), or -1. Equal rows are the same
    listing: the first is as good as its twin."""
    try:
        return rows.index(paper)
    except ValueError:
        return -1


def rows_listing(rows: list[ListItem], arxiv_ids: Collection[str]) -> list[int]:
    """The rows (ascending) of these arXiv ids. A few ids are looked for with list.index over the rows' ids (at
    100,000 rows ~6 ms, where a Python loop over the rows took 15-25 ms); more, in one pass over those ids."""
    ids = list(map(_ARXIV_ID, rows))
    if len(arxiv_ids) > FEW_WANTED:
        return [row for row, arxiv_id in enumerate(ids) if arxiv_id in arxiv_ids]
    found: list[int] = []
    for arxiv_id in arxiv_ids:
        row = -1
        while True:
            try:
                row = ids.index(arxiv_id, row + 1)
            except ValueError:
                break
            found.append(row)
    return sorted(found)


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def insert_position(rows: list[ListItem], item_key: Any, key: Callable[[ListItem], Any], descending: bool) -> int:
    """Where a sort would put a row of this key among sorted rows: after those of an equal key (sorted() is
    stable, and the rows already there come first in the order given)."""
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        if (item_key > key(rows[middle])) if descending else (item_key < key(rows[middle])):
            high = middle
        else:
            low = middle + 1
    return low


def votes_of(paper: ListItem) -> int:
    return -1 if paper.votes is None else paper.votes


def first_author(paper: ListItem) -> str:
    if isinstance(paper, PaperRow):
        return paper.first_authors.partition(", ")[0]
    return paper.authors[0] if paper.authors else ""
