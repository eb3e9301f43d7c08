"""Qt item models of the paper list: the table and its filter proxy.

The sidebar's tree model is sidebar_tree.py, the View both show is view.py. The models hold plain
domain values handed to them by the window; none of them talks to the library, so they can be filled
from the GUI thread's Library and tested with hand-made Papers.

A list row is either a full Paper (search hits, tests) or a light PaperRow (a day, "All papers"):
100,000 rows must not mean 100,000 decoded summaries. The full Paper of a light row is asked of the
``loader`` the window hands over, one row at a time, when that row becomes current.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from reader.core.models import Flags, Paper
from reader.library import PaperRow, title_text

PaperRole = Qt.ItemDataRole.UserRole + 2  # paper table: the full Paper of a row (loaded on demand)
HighlightRole = Qt.ItemDataRole.UserRole + 3  # paper table: [(start, end)] title spans of a search
FlagsRole = Qt.ItemDataRole.UserRole + 4  # paper table: the Flags of a row

AnyIndex = QModelIndex | QPersistentModelIndex
NO_SPANS: list[tuple[int, int]] = []
ListItem = Paper | PaperRow  # what a row of the paper table holds
PaperLoader = Callable[[PaperRow], Paper | None]
# Not shown in a title cell or its tooltip, as in the detail pane (panes/digest_markdown.py): control characters
# and the bidirectional embeddings, overrides and isolates (an RLO made "evil\u202egnp.exe" read "evilexe.png").
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown_title(title: str) -> str:
    """A title as a cell shows it: LaTeX as text (reader.exports.latex_text), without control or bidi characters."""
    return _UNSHOWN.sub("", title_text(title))


def short_authors(paper: ListItem, shown: int = 2) -> str:
    """First authors, "et al." when there are more (or the digest cut the list)."""
    if isinstance(paper, PaperRow):
        names, count = paper.first_authors, paper.author_count
    else:
        names, count = ", ".join(paper.authors[:shown]), len(paper.authors)
    if not names:
        return ""
    more = count > shown or paper.authors_truncated
    return names + (" et al." if more else "")


def _authors_tooltip(paper: ListItem) -> str:
    if isinstance(paper, PaperRow):
        return f"{short_authors(paper)} ({paper.author_count})" if paper.author_count > 2 else paper.first_authors
    return ", ".join(paper.authors)


def _first_author(paper: ListItem) -> str:
    if isinstance(paper, PaperRow):
        return paper.first_authors.partition(", ")[0]
    return paper.authors[0] if paper.authors else ""


class PaperTableModel(QAbstractTableModel):
    """The papers of one view with their read/starred flags.

    Sorting happens here with Python's sort on precomputed keys: a QSortFilterProxyModel that
    asks data() for every comparison took ~0.9 s for 5,000 rows, a visible freeze.
    """

    STAR, TITLE, VOTES, AUTHORS, DATE = range(5)
    COLUMN_COUNT = 5
    FOR_YOU = 5  # a sort without a column of its own: by set_rank's key (window/for_you.py)

    def __init__(self, parent: Any = None, loader: PaperLoader | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._loaded: Paper | None = None  # the last full Paper loaded for a PaperRow
        self._papers: list[ListItem] = []  # in the order given, for "no sort" (search relevance)
        self._rows: list[ListItem] = []  # in display order
        self._flags: dict[str, Flags] = {}
        self._highlights: dict[str, list[tuple[int, int]]] = {}
        self._sort_column = -1
        self._descending = False
        self._rank: Callable[[str], Any] | None = None  # arXiv id -> sort key of the For you order
        self._places: Callable[[list[str]], list[int] | None] | None = None  # see set_rank
        self._bold = QFont()
        self._bold.setBold(True)

    # Public API.

    def set_papers(
        self,
        papers: Sequence[ListItem],
        flags: dict[str, Flags],
        highlights: dict[str, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Replace the rows; ``highlights`` maps a paper key to title spans to emphasise."""
        self.beginResetModel()
        self._loaded = None  # the catalogue may have changed under the same key
        self._papers = list(papers)
        self._flags = dict(flags)
        self._highlights = dict(highlights or {})
        self._rows = self._sorted(self._papers)
        self.endResetModel()

    def update_flags(self, arxiv_ids: Iterable[str], flags: dict[str, Flags]) -> None:
        """New flags for some arXiv ids; every row of those ids repaints (a paper may be on two days)."""
        changed = set(arxiv_ids)
        self._flags.update({arxiv_id: flags.get(arxiv_id, Flags()) for arxiv_id in changed})
        for row in [row for row, paper in enumerate(self._rows) if paper.arxiv_id in changed]:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def flags_of(self, arxiv_id: str) -> Flags:
        return self._flags.get(arxiv_id, Flags())

    def remove_ids(self, arxiv_ids: Iterable[str]) -> None:
        """Take the rows of these arXiv ids out in place: the other rows keep their order, selection and scroll."""
        gone = set(arxiv_ids)
        for row in reversed([row for row, paper in enumerate(self._rows) if paper.arxiv_id in gone]):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self._papers = [paper for paper in self._papers if paper.arxiv_id not in gone]

    def add_items(self, items: Sequence[ListItem], flags: dict[str, Flags]) -> None:
        """Add rows in place, then sort the list as it is sorted (the rows already there keep their selection)."""
        if not items:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(items) - 1)
        self._rows.extend(items)
        self._papers.extend(items)
        self._flags.update(flags)
        self.endInsertRows()
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        self.sort(self._sort_column, order)

    def insert_sorted(self, items: Sequence[ListItem], flags: dict[str, Flags]) -> bool:
        """Add rows where the order shown puts them, one insert each: the rows already there keep their selection
        and nothing is sorted again (at 100,000 rows a sort costs the GUI thread ~0.1 s). False, adding nothing,
        when the list shows the order given (where new rows go is the caller's to know)."""
        key = self._sort_key()
        if key is None or self._sort_column == self.FOR_YOU:
            return False
        self._flags.update(flags)
        descending = self._reversed()
        for item in items:
            row = _insert_position(self._rows, key(item), key, descending)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, item)
            self._papers.append(item)
            self.endInsertRows()
        return True

    def set_rank(self, rank: Callable[[str], Any] | None,
                 places: Callable[[list[str]], list[int] | None] | None = None) -> None:
        """The For you order's key (best first, ascending); re-sorts in place while that order is on show.
        ``places``, when given, numbers the papers in that order (None when it cannot): a sort by numbers."""
        self._rank = rank
        self._places = places
        if self._sort_column == self.FOR_YOU:
            self.sort(self.FOR_YOU)

    def sort_column(self) -> int:
        """The column sorted by (FOR_YOU for the For you order, -1 for the order given)."""
        return self._sort_column

    def paper_at(self, row: int) -> ListItem:
        return self._rows[row]

    def full_paper(self, item: ListItem) -> Paper | None:
        """The full Paper of a row: itself, or loaded (once while it stays current) for a PaperRow."""
        if isinstance(item, Paper):
            return item
        loaded = self._loaded
        if loaded is None or loaded.arxiv_id != item.arxiv_id or loaded.date != item.date:
            loaded = self._loaded = self._loader(item) if self._loader else None
        return loaded

    def row_of(self, key: str) -> int:
        """Row of the paper with this ``date/arxiv_id`` key, or -1."""
        date, _slash, arxiv_id = key.partition("/")
        for row, paper in enumerate(self._rows):
            if paper.arxiv_id == arxiv_id and paper.date == date:
                return row
        return -1

    def papers(self) -> list[ListItem]:
        return list(self._rows)

    # Qt model interface.

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = ["★", self.tr("Title"), self.tr("Votes"), self.tr("Authors"), self.tr("Date")]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        paper = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(paper, column)
        if role == Qt.ItemDataRole.FontRole:
            return None if self.flags_of(paper.arxiv_id).read else self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE:
                return _UNSHOWN.sub("", paper.title)
            if column == self.AUTHORS:
                return _authors_tooltip(paper)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VOTES, self.STAR):
            return int(Qt.AlignmentFlag.AlignRight if column == self.VOTES else Qt.AlignmentFlag.AlignCenter) | int(
                Qt.AlignmentFlag.AlignVCenter
            )
        if role == PaperRole:
            return self.full_paper(paper)
        if role == FlagsRole:
            return self.flags_of(paper.arxiv_id)
        if role == HighlightRole and column == self.TITLE:
            # Never None: PySide6 6.12 under Python 3.11 drops a reference to None each time
            # QModelIndex.data() hands back an empty QVariant, and the delegate asks on every
            # paint; scrolling a long list freed None and crashed (bench/window_probe.py).
            # spans are positions in the title as written: a title shown otherwise ($VILA^2$ -> VILA²) has none
            return self._highlights.get(paper.key, NO_SPANS) if shown_title(paper.title) == paper.title else NO_SPANS
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows in place; column -1 restores the order the rows were given in."""
        self._sort_column = column if 0 <= column < self.COLUMN_COUNT or column == self.FOR_YOU else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old_order = self._rows
        self._rows = self._sorted(self._papers)
        new_row_of = {id(paper): row for row, paper in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        moved = [self.index(new_row_of[id(old_order[index.row()])], index.column()) for index in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # Internals.

    def _display(self, paper: ListItem, column: int) -> str:
        if column == self.STAR:
            return "★" if self.flags_of(paper.arxiv_id).starred else ""
        if column == self.TITLE:
            return shown_title(paper.title)
        if column == self.VOTES:
            return "–" if paper.votes is None else str(paper.votes)
        if column == self.AUTHORS:
            return short_authors(paper)
        return paper.date

    def _sorted(self, papers: list[ListItem]) -> list[ListItem]:
        key = self._sort_key()
        if key is None:
            return list(papers)
        enabled = gc.isenabled()
        gc.disable()  # one key tuple per row, none in a cycle: collection passes would only cost time
        try:  # For you's order is ascending (best first) whatever the header says; ties keep the order given
            if self._sort_column == self.FOR_YOU and self._places is not None:
                places = self._places(list(map(attrgetter("arxiv_id"), papers)))
                if places is not None:
                    return [papers[row] for row in sorted(range(len(papers)), key=places.__getitem__)]
            return sorted(papers, key=key, reverse=self._reversed())
        finally:
            if enabled:
                gc.enable()

    def _sort_key(self) -> Callable[[ListItem], Any] | None:
        """The key of the order shown; None for the order given (or For you's before it has a rank)."""
        column = self._sort_column
        if column == self.FOR_YOU:
            rank = self._rank
            return (lambda p: rank(p.arxiv_id)) if rank else None
        keys: dict[int, Callable[[ListItem], Any]] = {
            self.STAR: lambda p: (self.flags_of(p.arxiv_id).starred, _votes(p), p.date),
            self.TITLE: lambda p: (title_text(p.title).casefold(), p.date),
            self.VOTES: lambda p: (-1 if p.votes is None else p.votes, p.date),  # inline: once per row of 100,000
            self.AUTHORS: lambda p: (_first_author(p).casefold(), p.date),
            self.DATE: lambda p: (p.date, _votes(p)),
        }
        return keys.get(column)

    def _reversed(self) -> bool:
        return self._descending and self._sort_column != self.FOR_YOU


def _insert_position(rows: list[ListItem], item_key: Any, key: Callable[[ListItem], Any], descending: bool) -> int:
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


def _votes(paper: ListItem) -> int:
    return -1 if paper.votes is None else paper.votes


class PaperFilterProxy(QSortFilterProxyModel):
    """Hides read papers on request, but never the one being read (it would vanish under the reader),
    and, when asked, never a starred one (kept for later, read or not).

    Sorting is passed to the source model (see PaperTableModel); the proxy keeps source order.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hide_read = False
        self._keep_starred = False
        self._pinned_key: str | None = None

    @property
    def hide_read(self) -> bool:
        return self._hide_read

    @property
    def keep_starred(self) -> bool:
        return self._keep_starred

    def set_hide_read(self, hidden: bool) -> None:
        if hidden != self._hide_read:
            self._begin_filter_change()
            self._hide_read = hidden
            self._end_filter_change()

    def set_keep_starred(self, kept: bool) -> None:
        """While read papers are hidden, keep the starred ones (read or not) listed."""
        if kept == self._keep_starred:
            return
        if not self._hide_read:
            self._keep_starred = kept
            return
        self._begin_filter_change()
        self._keep_starred = kept
        self._end_filter_change()

    def set_pinned_key(self, key: str | None) -> None:
        """Keep this paper visible even when read (the current one); releases the previous pin."""
        if key == self._pinned_key:
            return
        if not self._hide_read:
            self._pinned_key = key
            return
        self._begin_filter_change()
        self._pinned_key = key
        self._end_filter_change()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._hide_read:
            return True
        source = self.sourceModel()
        assert isinstance(source, PaperTableModel)
        paper = source.paper_at(source_row)
        flags = source.flags_of(paper.arxiv_id)
        return not flags.read or (self._keep_starred and flags.starred) or paper.key == self._pinned_key

    # Qt 6.10 deprecates invalidateRowsFilter() for a begin/end pair; older Qt only has the former.

    def _begin_filter_change(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()
