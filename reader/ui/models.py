"""Qt item models: the sidebar tree of views and days, the paper table and its filter proxy.

They hold plain domain values handed to them by the window; none of them talks to the library,
so they can be filled from the GUI thread's Library and tested with hand-made Papers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from reader.core.models import Flags, Paper

ViewKind = Literal["latest", "all", "unread", "starred", "search", "day"]
SMART_KINDS: tuple[ViewKind, ...] = ("latest", "all", "unread", "starred")

ViewRole = Qt.ItemDataRole.UserRole + 1  # sidebar: the View of a row (None for year/month rows)
PaperRole = Qt.ItemDataRole.UserRole + 2  # paper table: the Paper of a row
HighlightRole = Qt.ItemDataRole.UserRole + 3  # paper table: [(start, end)] title spans of a search
FlagsRole = Qt.ItemDataRole.UserRole + 4  # paper table: the Flags of a row

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class View:
    """What the paper list shows: a smart view, one day, or the current search."""

    kind: ViewKind
    date: str | None = None

    def to_text(self) -> str:
        """Stable text form for the settings file."""
        return f"day:{self.date}" if self.kind == "day" else self.kind

    @classmethod
    def from_text(cls, text: str | None) -> View | None:
        if not text:
            return None
        if text.startswith("day:"):
            return cls("day", text[4:])
        if text in SMART_KINDS:
            return cls(text)  # type: ignore[arg-type]
        return None  # a search is never restored


# --- sidebar -------------------------------------------------------------------------------


class _Node:
    """One sidebar row. Children are kept in display order; the parent link makes parent() cheap."""

    __slots__ = ("parent", "children", "view", "label", "unread", "total", "row")

    def __init__(self, parent: _Node | None, label: str, view: View | None = None) -> None:
        self.parent = parent
        self.children: list[_Node] = []
        self.view = view
        self.label = label
        self.unread = 0
        self.total = 0
        self.row = 0

    def add(self, child: _Node) -> _Node:
        child.row = len(self.children)
        self.children.append(child)
        return child


class SidebarModel(QAbstractItemModel):
    """Smart views, an optional "Search results" row, then years > months > days, newest first.

    Column 0 is the name, column 1 the count (``unread/total`` for days). Counts are updated in
    place with dataChanged so a star or a read never collapses the tree or moves the selection.
    """

    NAME, COUNT = 0, 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, "")
        self._smart: dict[ViewKind, _Node] = {}
        self._search: _Node | None = None
        self._days: dict[str, _Node] = {}
        self._smart_counts: dict[ViewKind, int] = {}
        self._build([], None)

    # Public API used by the window.

    def set_days(self, days: Sequence[Any]) -> None:
        """Show these DayInfo values (newest first); rebuild only when the set of days changed."""
        if [day.date for day in days] == list(self._days):
            self._update_counts(days)
            return
        self.beginResetModel()
        self._build(days, self._search.total if self._search else None)
        self.endResetModel()

    def set_search_count(self, count: int | None) -> None:
        """Show "Search results (count)" below the smart views, or remove it with None."""
        row = len(SMART_KINDS)
        if count is None:
            if self._search is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._root.children.pop(row)
                self._renumber(self._root)
                self._search = None
                self.endRemoveRows()
            return
        if self._search is None:
            self.beginInsertRows(QModelIndex(), row, row)
            self._search = _Node(self._root, "", View("search"))
            self._root.children.insert(row, self._search)
            self._renumber(self._root)
            self.endInsertRows()
        self._search.total = count
        self._emit_row_changed(self._search)

    def index_for_view(self, view: View) -> QModelIndex:
        if view.kind == "day":
            node = self._days.get(view.date or "")
        elif view.kind == "search":
            node = self._search
        else:
            node = self._smart.get(view.kind)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def day_dates(self) -> list[str]:
        """Dates of the day rows in display order (newest first)."""
        return list(self._days)

    def count(self, kind: ViewKind) -> int:
        """The number a smart view shows next to its name."""
        return self._smart_counts.get(kind, 0)

    # Qt model interface.

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if column not in (0, 1) or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent = self._node(child).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 2

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._node(index).view is None:  # year and month rows only group days
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == ViewRole:
            return node.view
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(node) if index.column() == self.NAME else self._count_text(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.unread and index.column() == self.NAME:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # Internals.

    def _node(self, index: AnyIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    def _label(self, node: _Node) -> str:
        view = node.view
        if view is None or view.kind == "day":
            return node.label
        if view.kind == "search":
            return self.tr("Search results (%n)", "", node.total)
        names = {
            "latest": self.tr("Latest day"),
            "all": self.tr("All papers"),
            "unread": self.tr("Unread"),
            "starred": self.tr("Starred"),
        }
        return names[view.kind]

    def _count_text(self, node: _Node) -> str:
        view = node.view
        if view is None:
            return str(node.unread) if node.unread else ""
        if view.kind in ("day", "latest"):
            return f"{node.unread}/{node.total}"
        if view.kind == "search":
            return ""
        return str(node.total)

    def _build(self, days: Sequence[Any], search_count: int | None) -> None:
        self._root = _Node(None, "")
        self._smart = {kind: self._root.add(_Node(self._root, "", View(kind))) for kind in SMART_KINDS}
        self._search = None
        if search_count is not None:
            self._search = self._root.add(_Node(self._root, "", View("search")))
            self._search.total = search_count
        self._days = {}
        locale = QLocale()
        years: dict[str, _Node] = {}
        months: dict[str, _Node] = {}
        for day in days:
            year_text, month_text = day.date[:4], day.date[:7]
            if year_text not in years:
                years[year_text] = self._root.add(_Node(self._root, year_text))
            year = years[year_text]
            if month_text not in months:
                month_name = locale.standaloneMonthName(int(day.date[5:7] or 1))
                months[month_text] = year.add(_Node(year, month_name))
            month = months[month_text]
            self._days[day.date] = month.add(_Node(month, day.date, View("day", day.date)))
        self._set_counts(days)

    def _set_counts(self, days: Sequence[Any]) -> None:
        """Fill every count from the DayInfo values; group rows sum their days."""
        for group in (n for n in self._root.children if n.view is None):
            group.unread = group.total = 0
            for month in group.children:
                month.unread = month.total = 0
        for day in days:
            node = self._days[day.date]
            node.unread, node.total = day.unread, day.total
            month = node.parent
            assert month is not None and month.parent is not None
            month.unread += day.unread
            month.total += day.total
            month.parent.unread += day.unread
            month.parent.total += day.total
        latest = self._smart["latest"]
        latest.unread, latest.total = (days[0].unread, days[0].total) if days else (0, 0)
        self._smart["all"].total = sum(day.total for day in days)
        self._smart["unread"].total = sum(day.unread for day in days)
        self._smart["starred"].total = sum(day.starred for day in days)
        self._smart_counts = {kind: self._smart[kind].total for kind in SMART_KINDS}
        self._smart_counts["latest"] = latest.total

    def _update_counts(self, days: Sequence[Any]) -> None:
        self._set_counts(days)
        last_top = self.rowCount() - 1
        self.dataChanged.emit(self.index(0, 0), self.index(last_top, 1))
        for group in self._root.children:
            self._emit_children_changed(group)

    def _emit_children_changed(self, node: _Node) -> None:
        if not node.children:
            return
        first = self.createIndex(0, 0, node.children[0])
        last = self.createIndex(len(node.children) - 1, 1, node.children[-1])
        self.dataChanged.emit(first, last)
        for child in node.children:
            self._emit_children_changed(child)

    def _emit_row_changed(self, node: _Node) -> None:
        self.dataChanged.emit(self.createIndex(node.row, 0, node), self.createIndex(node.row, 1, node))

    @staticmethod
    def _renumber(node: _Node) -> None:
        for row, child in enumerate(node.children):
            child.row = row


# --- paper list ----------------------------------------------------------------------------


def short_authors(paper: Paper, shown: int = 2) -> str:
    """First authors, "et al." when there are more (or the digest cut the list)."""
    names = list(paper.authors[:shown])
    if not names:
        return ""
    more = len(paper.authors) > shown or paper.authors_truncated
    return ", ".join(names) + (" et al." if more else "")


class PaperTableModel(QAbstractTableModel):
    """The papers of one view with their read/starred flags.

    Sorting happens here with Python's sort on precomputed keys: a QSortFilterProxyModel that
    asks data() for every comparison took ~0.9 s for 5,000 rows, a visible freeze.
    """

    STAR, TITLE, VOTES, AUTHORS, DATE = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._papers: list[Paper] = []  # in the order given, for "no sort" (search relevance)
        self._rows: list[Paper] = []  # in display order
        self._flags: dict[str, Flags] = {}
        self._highlights: dict[str, list[tuple[int, int]]] = {}
        self._sort_column = -1
        self._descending = False
        self._bold = QFont()
        self._bold.setBold(True)

    # Public API.

    def set_papers(
        self,
        papers: Sequence[Paper],
        flags: dict[str, Flags],
        highlights: dict[str, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Replace the rows; ``highlights`` maps a paper key to title spans to emphasise."""
        self.beginResetModel()
        self._papers = list(papers)
        self._flags = dict(flags)
        self._highlights = dict(highlights or {})
        self._rows = self._sorted(self._papers)
        self.endResetModel()

    def update_flags(self, arxiv_ids: Iterable[str], flags: dict[str, Flags]) -> None:
        """New flags for some arXiv ids; every row of those ids repaints (a paper may be on two days)."""
        changed = set(arxiv_ids)
        self._flags.update({arxiv_id: flags.get(arxiv_id, Flags()) for arxiv_id in changed})
        for row, paper in enumerate(self._rows):
            if paper.arxiv_id in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def flags_of(self, arxiv_id: str) -> Flags:
        return self._flags.get(arxiv_id, Flags())

    def paper_at(self, row: int) -> Paper:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """Row of the paper with this ``date/arxiv_id`` key, or -1."""
        for row, paper in enumerate(self._rows):
            if paper.key == key:
                return row
        return -1

    def papers(self) -> list[Paper]:
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
                return paper.title
            if column == self.AUTHORS:
                return ", ".join(paper.authors)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VOTES, self.STAR):
            return int(Qt.AlignmentFlag.AlignRight if column == self.VOTES else Qt.AlignmentFlag.AlignCenter) | int(
                Qt.AlignmentFlag.AlignVCenter
            )
        if role == PaperRole:
            return paper
        if role == FlagsRole:
            return self.flags_of(paper.arxiv_id)
        if role == HighlightRole and column == self.TITLE:
            return self._highlights.get(paper.key)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows in place; column -1 restores the order the rows were given in."""
        self._sort_column = column if 0 <= column < self.COLUMN_COUNT else -1
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

    def _display(self, paper: Paper, column: int) -> str:
        if column == self.STAR:
            return "★" if self.flags_of(paper.arxiv_id).starred else ""
        if column == self.TITLE:
            return paper.title
        if column == self.VOTES:
            return "–" if paper.votes is None else str(paper.votes)
        if column == self.AUTHORS:
            return short_authors(paper)
        return paper.date

    def _sorted(self, papers: list[Paper]) -> list[Paper]:
        column = self._sort_column
        if column < 0:
            return list(papers)
        keys = {
            self.STAR: lambda p: (self.flags_of(p.arxiv_id).starred, _votes(p), p.date),
            self.TITLE: lambda p: (p.title.casefold(), p.date),
            self.VOTES: lambda p: (_votes(p), p.date),
            self.AUTHORS: lambda p: (p.authors[0].casefold() if p.authors else "", p.date),
            self.DATE: lambda p: (p.date, _votes(p)),
        }
        return sorted(papers, key=keys[column], reverse=self._descending)


def _votes(paper: Paper) -> int:
    return -1 if paper.votes is None else paper.votes


class PaperFilterProxy(QSortFilterProxyModel):
    """Hides read papers on request, but never the one being read (it would vanish under the reader).

    Sorting is passed to the source model (see PaperTableModel); the proxy keeps source order.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hide_read = False
        self._pinned_key: str | None = None

    @property
    def hide_read(self) -> bool:
        return self._hide_read

    def set_hide_read(self, hidden: bool) -> None:
        if hidden != self._hide_read:
            self._begin_filter_change()
            self._hide_read = hidden
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
        return not source.flags_of(paper.arxiv_id).read or paper.key == self._pinned_key

    # Qt 6.10 deprecates invalidateRowsFilter() for a begin/end pair; older Qt only has the former.

    def _begin_filter_change(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()
