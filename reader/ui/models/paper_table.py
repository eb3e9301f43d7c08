"""Qt item models of the paper list: the table and its filter proxy.

The sidebar's tree model is sidebar_tree.py, the View both show is view.py. The models hold plain
domain values handed to them by the window; none of them talks to the library, so they can be filled
from the GUI thread's Library and tested with hand-made Papers.

A list row is either a full Paper (search hits, tests) or a light PaperRow (a day, "All papers"):
100,000 rows must not mean 100,000 decoded summaries. The full Paper of a light row is asked of the
``loader`` the window hands over, one row at a time, when that row becomes current.

The table itself sorts its rows and hides the read ones (when asked): the proxy over it only passes them
through. A QSortFilterProxyModel with a filterAcceptsRow written in Python calls it once per row on every
reset and every re-sort: at 100,000 rows that was 60 ms of the GUI thread each time (2-4 ms without it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
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
from reader.ui.models.row_order import (
    AUTHORS,
    DATE,
    FOR_YOU,
    NO_FLAGS,
    STAR,
    TITLE,
    VOTES,
    ListItem,
    Places,
    Rank,
    RowOrder,
    index_of,
    insert_position,
    rows_listing,
    rows_of,
    runs,
)

PaperRole = Qt.ItemDataRole.UserRole + 2  # paper table: the full Paper of a row (loaded on demand)
HighlightRole = Qt.ItemDataRole.UserRole + 3  # paper table: [(start, end)] title spans of a search
FlagsRole = Qt.ItemDataRole.UserRole + 4  # paper table: the Flags of a row

AnyIndex = QModelIndex | QPersistentModelIndex
NO_SPANS: list[tuple[int, int]] = []
PaperLoader = Callable[[PaperRow], Paper | None]
MANY_RUNS = 200  # rows hidden or shown in more runs than this: one layout change costs less than their signals
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


class PaperTableModel(QAbstractTableModel):
    """The papers of one view with their read/starred flags, sorted, the read ones hidden when asked.

    Sorting happens here with Python's sort on precomputed keys: a QSortFilterProxyModel that
    asks data() for every comparison took ~0.9 s for 5,000 rows, a visible freeze. Hiding happens
    here too (see the module's docstring): the rows hidden stay in ``_ordered``, in their place.
    """

    STAR, TITLE, VOTES, AUTHORS, DATE = STAR, TITLE, VOTES, AUTHORS, DATE
    COLUMN_COUNT = 5
    FOR_YOU = FOR_YOU  # a sort without a column of its own: by set_rank's key (window/for_you.py)

    def __init__(self, parent: Any = None, loader: PaperLoader | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._loaded: Paper | None = None  # the last full Paper loaded for a PaperRow
        self._papers: list[ListItem] = []  # in the order given, for "no sort" (search relevance)
        self._ordered: list[ListItem] = []  # every row in display order, the hidden ones too
        self._rows: list[ListItem] = []  # the rows shown: _ordered less the hidden ones (see _shown)
        self._flags: dict[str, Flags] = {}
        self._highlights: dict[str, list[tuple[int, int]]] = {}
        self._order = RowOrder()
        self._hide_read = False
        self._keep_starred = False  # while read ones are hidden, starred ones stay
        self._pinned_key: str | None = None  # never hidden: the paper being read
        self._flag_updates: dict[str, Flags] = {}  # since note_flag_updates()
        self._bold = QFont()
        self._bold.setBold(True)

    # Public API.

    def set_papers(
        self,
        papers: Sequence[ListItem],
        flags: dict[str, Flags],
        highlights: dict[str, list[tuple[int, int]]] | None = None,
        order: RowOrder | None = None,
        ordered: list[ListItem] | None = None,
    ) -> None:
        """Replace the rows, shown in ``order`` (default: the order on show); ``highlights`` maps a paper key to
        title spans to emphasise. ``ordered``: the papers already sorted in ``order`` (on a thread), used unless
        For you's order changed meanwhile."""
        if order is not None:
            same_rank = (order.rank, order.places) == (self._order.rank, self._order.places)
            self._order = order if same_rank else replace(order, rank=self._order.rank, places=self._order.places)
            ordered = ordered if same_rank else None
        self.beginResetModel()
        self._loaded = None  # the catalogue may have changed under the same key
        self._papers = list(papers)
        self._flags = dict(flags)
        self._highlights = dict(highlights or {})
        self._ordered = ordered if ordered is not None else self._order.sorted(self._papers, self._flags)
        self._rows = self._shown(self._ordered)
        self.endResetModel()

    def row_order(self, column: int | None = None, descending: bool | None = None) -> RowOrder:
        """The order on show, or this column's (and direction) with For you's rank as it is now."""
        order = self._order
        return replace(order, column=order.column if column is None else self._sortable(column),
                       descending=order.descending if descending is None else descending)

    @property
    def hide_read(self) -> bool:
        return self._hide_read

    @property
    def keep_starred(self) -> bool:
        return self._keep_starred

    @property
    def pinned_key(self) -> str | None:
        return self._pinned_key

    def set_hiding(self, hide_read: bool, keep_starred: bool, pinned_key: str | None) -> None:
        """Hide the read papers (or not), keep the starred ones while they are hidden, never hide the pinned one
        (the paper being read). The rows shown change in place."""
        hidden_before = self._hiding_state()
        self._hide_read, self._keep_starred, self._pinned_key = hide_read, keep_starred, pinned_key
        if self._hiding_state() != hidden_before:
            self._rehide()

    def update_flags(self, arxiv_ids: Iterable[str], flags: dict[str, Flags]) -> None:
        """New flags for some arXiv ids; every row of those ids repaints (a paper may be on two days)."""
        changed = set(arxiv_ids)
        updates = {arxiv_id: flags.get(arxiv_id, NO_FLAGS) for arxiv_id in changed}
        self._flags.update(updates)
        self._flag_updates.update(updates)
        if self._hide_read:  # a paper read (or unread) elsewhere hides (or comes back) in its place
            self._rehide()
        for row in rows_listing(self._rows, changed):
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def note_flag_updates(self) -> None:
        """From now on, keep the flags updated (see flag_updates)."""
        self._flag_updates = {}

    def flag_updates(self) -> dict[str, Flags]:
        """The flags updated since note_flag_updates(): what rows read on a thread meanwhile may not have."""
        return dict(self._flag_updates)

    def flags_of(self, arxiv_id: str) -> Flags:
        return self._flags.get(arxiv_id, NO_FLAGS)

    def remove_ids(self, arxiv_ids: Iterable[str]) -> None:
        """Take the rows of these arXiv ids out in place: the other rows keep their order, selection and scroll."""
        positions = rows_listing(self._ordered, set(arxiv_ids))
        going = [self._ordered[row] for row in positions]  # each found again below by list.index, in C
        for row in reversed(positions):
            del self._ordered[row]
        for row in sorted({index_of(self._rows, paper) for paper in going}, reverse=True):
            if row >= 0:  # not hidden
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        for row in sorted({index_of(self._papers, paper) for paper in going} - {-1}, reverse=True):
            del self._papers[row]

    def add_items(self, items: Sequence[ListItem], flags: dict[str, Flags]) -> None:
        """Add rows in place, then sort the list as it is sorted (the rows already there keep their selection)."""
        if not items:
            return
        self._papers.extend(items)
        self._flags.update(flags)
        self._show_rows(self._order.sorted(self._papers, self._flags))

    def insert_sorted(self, items: Sequence[ListItem], flags: dict[str, Flags]) -> bool:
        """Add rows where the order shown puts them, one insert each: the rows already there keep their selection
        and nothing is sorted again (at 100,000 rows a sort costs the GUI thread ~0.1 s). False, adding nothing,
        when the list shows the order given (where new rows go is the caller's to know)."""
        key = self._order.key(self._flags)
        if key is None or self._order.column == self.FOR_YOU:
            return False
        self._flags.update(flags)
        descending = self._order.reverses()
        for item in items:
            item_key = key(item)
            self._ordered.insert(insert_position(self._ordered, item_key, key, descending), item)
            self._papers.append(item)
            if self._accepts(item):
                row = insert_position(self._rows, item_key, key, descending)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, item)
                self.endInsertRows()
        return True

    def set_rank(self, rank: Rank | None, places: Places | None = None,
                 sorted_from: tuple[list[ListItem], list[ListItem]] | None = None) -> None:
        """The For you order's key (best first, ascending); re-sorts in place while that order is on show.
        ``places``, when given, numbers the papers in that order (None when it cannot): a sort by numbers.
        ``sorted_from``: (papers_given(), those papers in the new order, sorted on a thread), used while the list
        still holds those papers."""
        self._order = replace(self._order, rank=rank, places=places)
        if self._order.column == self.FOR_YOU:
            if sorted_from is not None and sorted_from[0] == self._papers:  # the same rows: a pass of `is` tests
                self._show_rows(sorted_from[1])
            else:
                self._show_rows(self._order.sorted(self._papers, self._flags))

    def papers_given(self) -> list[ListItem]:
        """The rows in the order given (a copy): what a thread can sort for set_rank."""
        return list(self._papers)

    def sort_column(self) -> int:
        """The column sorted by (FOR_YOU for the For you order, -1 for the order given)."""
        return self._order.column

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
        return next((row for row in rows_listing(self._rows, {arxiv_id}) if self._rows[row].date == date), -1)

    def papers(self) -> list[ListItem]:
        """Every row in display order, the hidden read ones too."""
        return list(self._ordered)

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
        self._order = self.row_order(column, order == Qt.SortOrder.DescendingOrder)
        self._show_rows(self._order.sorted(self._papers, self._flags))

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

    def _show_rows(self, ordered: list[ListItem]) -> None:
        """Show these rows (every row, in display order; the hidden ones left out) in one layout change: the
        selection and the current row stay on their papers, or go when their paper is hidden."""
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._ordered = ordered
        self._rows = self._shown(ordered)
        persistent = self.persistentIndexList()  # a few: the current row and the selection, in each column
        new_row_of = rows_of(self._rows, {id(old_rows[index.row()]): old_rows[index.row()] for index in persistent})
        moved = []
        for index in persistent:
            row = new_row_of.get(id(old_rows[index.row()]), -1)
            moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _rehide(self) -> None:
        """The rows shown after the flags or the hiding changed, the order the same: rows removed and inserted
        in place (a layout change while the view changes its current row, as a pin does, crashed Qt); when
        they are many runs (read papers hidden all over a long list), one layout change instead."""
        new_rows = self._shown(self._ordered)
        kept = set(map(id, new_rows))
        gone = [row for row, paper in enumerate(self._rows) if id(paper) not in kept]
        if len(runs(gone)) + len(new_rows) - (len(self._rows) - len(gone)) > MANY_RUNS:
            self._show_rows(self._ordered)
            return
        for first, last in reversed(runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            self.endRemoveRows()
        have = set(map(id, self._rows))  # now in the order of new_rows, some missing: insert them where they go
        for first, last in runs([row for row, paper in enumerate(new_rows) if id(paper) not in have]):
            self.beginInsertRows(QModelIndex(), first, last)
            self._rows[first:first] = new_rows[first:last + 1]
            self.endInsertRows()

    def _shown(self, ordered: list[ListItem]) -> list[ListItem]:
        """The rows shown of these: all of them unless read ones are hidden."""
        return [paper for paper in ordered if self._accepts(paper)] if self._hide_read else list(ordered)

    def _accepts(self, paper: ListItem) -> bool:
        """Shown: unread, starred while those are kept, or the paper being read (it must not vanish under the
        reader); everything while read papers are not hidden."""
        if not self._hide_read:
            return True
        flags = self._flags.get(paper.arxiv_id, NO_FLAGS)
        return not flags.read or (self._keep_starred and flags.starred) or paper.key == self._pinned_key

    def _hiding_state(self) -> tuple[bool, bool, str | None]:
        """What decides which rows are hidden (the pin and kept stars only matter while read ones are hidden)."""
        return (True, self._keep_starred, self._pinned_key) if self._hide_read else (False, False, None)

    def _sortable(self, column: int) -> int:
        return column if 0 <= column < self.COLUMN_COUNT or column == self.FOR_YOU else -1


class PaperFilterProxy(QSortFilterProxyModel):
    """The list's view of the PaperTableModel, which sorts and hides the rows itself (see the module's
    docstring): this passes them through at C++ speed, and passes the list's sort and hiding on to it."""

    @property
    def hide_read(self) -> bool:
        return self._table().hide_read

    @property
    def keep_starred(self) -> bool:
        return self._table().keep_starred

    def set_hide_read(self, hidden: bool) -> None:
        """Hide read papers, but never the one being read (it would vanish under the reader)."""
        table = self._table()
        table.set_hiding(hidden, table.keep_starred, table.pinned_key)

    def set_keep_starred(self, kept: bool) -> None:
        """While read papers are hidden, keep the starred ones (read or not) listed."""
        table = self._table()
        table.set_hiding(table.hide_read, kept, table.pinned_key)

    def set_pinned_key(self, key: str | None) -> None:
        """Keep this paper visible even when read (the current one); releases the previous pin."""
        table = self._table()
        table.set_hiding(table.hide_read, table.keep_starred, key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._table().sort(column, order)

    def _table(self) -> PaperTableModel:
        source = self.sourceModel()
        assert isinstance(source, PaperTableModel), "the proxy is set on a PaperTableModel first"
        return source
