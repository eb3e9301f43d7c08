"""The tree model of the left pane: smart views, an optional search row, then years > months > days.

What each number counts, as the tooltips say: "All papers", "Unread" and "Starred" count papers
(distinct arXiv ids: a paper listed on two days counts once), from ``Library.smart_counts`` handed
over by the window; a day row counts its listings as ``unread/total`` (a day lists a paper once); a
month or year row shows the unread listings of its days, which is what it sums.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.library import DayInfo, SmartCounts
from reader.ui.models.sidebar_organised import OrganisedCounts, organised_count_text, organised_label
from reader.ui.models.view import SMART_KINDS, View, ViewKind

ViewRole = Qt.ItemDataRole.UserRole + 1  # the View of a row (None for year/month rows)
AnyIndex = QModelIndex | QPersistentModelIndex


MONTH_SIGNALS_MAX = 12  # months changed at once past which one layout change is signalled instead


class _Node:
    """One sidebar row. Children are kept in display order; the parent link makes parent() cheap."""

    __slots__ = ("parent", "children", "view", "label", "key", "unread", "total", "row")

    def __init__(self, parent: _Node | None, label: str, view: View | None = None, key: str = "") -> None:
        self.parent = parent
        self.children: list[_Node] = []
        self.view = view
        self.label = label
        self.key = key  # years "2024", months "2024-11", days "2024-11-20"; "" for the views on top
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

    ``smart_counts`` (the window gives ``Library.smart_counts``) is asked whenever the days change, for
    the smart views' numbers of papers; without it (a model on its own) they sum the days' listings.
    """

    NAME, COUNT = 0, 1

    def __init__(self, parent: Any = None, smart_counts: Callable[[], SmartCounts] | None = None,
                 adjust_days: Callable[[Sequence[DayInfo]], Sequence[DayInfo]] | None = None) -> None:
        super().__init__(parent)
        self._smart_counts_source = smart_counts
        self._adjust_days = adjust_days  # the window leaves the mute filters' papers out of every count
        self._root = _Node(None, "")
        self._smart: dict[ViewKind, _Node] = {}
        self._search: _Node | None = None
        self._days: dict[str, _Node] = {}
        self._smart_counts: dict[ViewKind, int] = {}
        self._organised: OrganisedCounts | None = None  # Read later, Has note, Tags, saved searches (the window's)
        self._organised_nodes: dict[View, _Node] = {}
        self._build([], None)

    # Public API used by the window.

    def set_days(self, days: Sequence[Any]) -> None:
        """Show these DayInfo values (newest first).

        New days are inserted where they belong, so the selection and the folding stay as they
        are while an update adds days (a reset rebuilt 3,600 rows at 100,000 papers, 20-70 ms
        every two seconds); only a day that went away rebuilds the tree.
        """
        if self._adjust_days is not None:
            days = self._adjust_days(days)
        new = [day for day in days if day.date not in self._days]
        if self._days and len(self._days) + len(new) == len(days):  # nothing went away
            if new:
                self._insert_days(new)
                self._days = dict(sorted(self._days.items(), reverse=True))
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

    def set_organised(self, counts: OrganisedCounts) -> None:
        """New numbers for the reader's own views: in place while the tags and saved searches are the same
        ones, else the tree is rebuilt (a tag made, renamed or deleted: rare, and the window keeps its view)."""
        if self._organised is None or counts.views() != self._organised.views():
            self._organised = counts
            self.beginResetModel()
            self._build([_day_info(node) for node in self._days.values()], self._search.total if self._search else None)
            self.endResetModel()
            return
        self._organised = counts
        for view, node in self._organised_nodes.items():
            if (node.unread, node.total) != (numbers := counts.numbers(view)):
                node.unread, node.total = numbers
                self._emit_row_changed(node)

    def index_for_view(self, view: View) -> QModelIndex:
        if view in self._organised_nodes:
            found = self._organised_nodes[view]
            return self.createIndex(found.row, 0, found)
        if view.kind == "day":
            node = self._days.get(view.date or "")
        elif view.kind == "search":
            node = self._search
        else:
            node = self._smart.get(view.kind)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def view_at(self, index: AnyIndex) -> View | None:
        """The View of a row, None for year/month rows.

        Read from the node, not through index.data(ViewRole): PySide6 6.12 on Python 3.11 drops a
        reference to None whenever QModelIndex.data() returns nothing, which adds up to a crash.
        """
        return self._node(index).view if index.isValid() else None

    def day_dates(self) -> list[str]:
        """Dates of the day rows in display order (newest first)."""
        return list(self._days)

    def count(self, kind: ViewKind) -> int:
        """The number a smart view shows next to its name."""
        return self._smart_counts.get(kind, 0)

    def day_unread(self, date: str) -> int:
        """Unread papers of one day (0 for a day not listed)."""
        node = self._days.get(date)
        return node.unread if node else 0

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
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.unread and index.column() == self.NAME:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # Internals.

    def _node(self, index: AnyIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def _label(self, node: _Node) -> str:
        view = node.view
        if view is None or view.kind == "day":
            return node.label
        if view.kind == "search":
            return self.tr("Search results (%n)", "", node.total)
        if (organised := organised_label(view)) is not None:
            return organised
        names = {
            "latest": self.tr("Latest day"),
            "all": self.tr("All papers"),
            "unread": self.tr("Unread"),
            "starred": self.tr("Starred"),
            "for_you": self.tr("For you"),
        }
        return names[view.kind]

    def _tooltip(self, node: _Node) -> str:
        """What the row's number counts, in words."""
        view = node.view
        if view is None:
            return self.tr("{unread} unread of {total} listings on these days (a paper listed on two days counts on "
                           "each)").format(unread=node.unread, total=node.total)
        if view.kind in ("day", "latest"):
            return self.tr("{unread} unread of {total} papers on this day").format(unread=node.unread, total=node.total)
        if view.kind == "search":
            return self.tr("Listings that match the search (a paper listed on two days is listed twice)")
        if self._organised is not None and view in self._organised_nodes:
            return self._organised.tooltip(view)
        if view.kind == "for_you":
            return self.tr("Unread papers of every day, best first by what you starred and marked not interested")
        texts = {
            "all": self.tr("%n paper(s) in the library: papers, not listings (a paper listed on two days counts once)",
                           "", node.total),
            "unread": self.tr("%n unread paper(s): papers, not listings (a paper listed on two days counts once)",
                              "", node.total),
            "starred": self.tr("%n starred paper(s): papers, not listings (a paper listed on two days counts once)",
                               "", node.total),
        }
        return texts[view.kind]

    def _count_text(self, node: _Node) -> str:
        view = node.view
        if view is None:
            return str(node.unread) if node.unread else ""
        if view in self._organised_nodes:
            return organised_count_text(view, node.unread, node.total)
        if view.kind in ("day", "latest"):
            return f"{node.unread}/{node.total}"
        if view.kind in ("search", "for_you"):
            return ""
        return str(node.total)

    def _insert_days(self, days: list[Any]) -> None:
        """Add day rows at their place (newest first); a new month goes in as one row with its days.

        An update commits ~200 files at a time: inserting their days one row at a time made the
        view relayout ~200 times in one go. New rows come with their counts, so no row-changed
        signal follows for them.
        """
        by_month: dict[str, list[Any]] = {}
        for day in days:
            by_month.setdefault(day.date[:7], []).append(day)
        for month_key, month_days in by_month.items():
            year = self._child(self._root, month_key[:4])
            if year is None:
                year = self._insert_sorted(self._root, _Node(self._root, month_key[:4], None, month_key[:4]))
            month = self._child(year, month_key)
            if month is None:
                month = _month_node(year, month_key, QLocale())
                for day in sorted(month_days, key=lambda day: day.date, reverse=True):
                    self._days[day.date] = month.add(_day_node(month, day))
                self._insert_sorted(year, month)
            else:
                for day in month_days:
                    self._days[day.date] = self._insert_sorted(month, _day_node(month, day))

    @staticmethod
    def _child(parent: _Node, key: str) -> _Node | None:
        return next((child for child in parent.children if child.view is None and child.key == key), None)

    def _insert_sorted(self, parent: _Node, node: _Node) -> _Node:
        """Insert before the first older sibling; the views on top (no key) are never passed."""
        older = (child.row for child in parent.children if child.key and child.key < node.key)
        row = next(older, len(parent.children))
        parent_index = QModelIndex() if parent is self._root else self.createIndex(parent.row, 0, parent)
        self.beginInsertRows(parent_index, row, row)
        parent.children.insert(row, node)
        self._renumber(parent)
        self.endInsertRows()
        return node

    def _build(self, days: Sequence[Any], search_count: int | None) -> None:
        self._root = _Node(None, "")
        self._smart = {kind: self._root.add(_Node(self._root, "", View(kind))) for kind in SMART_KINDS}
        self._search = None
        if search_count is not None:
            self._search = self._root.add(_Node(self._root, "", View("search")))
            self._search.total = search_count
        self._organised_nodes = {}
        organised = self._organised
        for view in organised.views() if organised is not None else ():  # below the smart views, above the years
            parent = self._organised_nodes.get(View("tags"), self._root) if view.kind == "tag" else self._root
            node = parent.add(_Node(parent, view.name or "", view))
            node.unread, node.total = organised.numbers(view) if organised is not None else (0, 0)
            self._organised_nodes[view] = node
        self._days = {}
        locale = QLocale()
        years: dict[str, _Node] = {}
        months: dict[str, _Node] = {}
        for day in days:
            year_text, month_text = day.date[:4], day.date[:7]
            if year_text not in years:
                years[year_text] = self._root.add(_Node(self._root, year_text, None, year_text))
            year = years[year_text]
            if month_text not in months:
                months[month_text] = year.add(_month_node(year, month_text, locale))
            month = months[month_text]
            self._days[day.date] = month.add(_day_node(month, day))
        self._set_counts(days)

    def _set_counts(self, days: Sequence[Any]) -> None:
        """Fill every count from the DayInfo values; group rows sum their days."""
        for group in (n for n in self._root.children if n.view is None):
            group.unread = group.total = 0
            for month_row in group.children:
                month_row.unread = month_row.total = 0
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
        if self._smart_counts_source is not None:  # papers: a paper on two days counts once
            counts = self._smart_counts_source() if days else SmartCounts(0, 0, 0)
            papers, unread, starred = counts.papers, counts.unread, counts.starred
        else:  # a model on its own: the listings of its days
            papers = sum(day.total for day in days)
            unread = sum(day.unread for day in days)
            starred = sum(day.starred for day in days)
        self._smart["all"].total = papers
        self._smart["unread"].total = unread
        self._smart["starred"].total = starred
        self._smart_counts = {kind: self._smart[kind].total for kind in SMART_KINDS}
        self._smart_counts["latest"] = latest.total

    def _update_counts(self, days: Sequence[Any]) -> None:
        """New counts in place; only rows whose numbers changed are repainted.

        A star or a read changes one day, its month, its year and the smart views: signalling all
        3,600 days of a 100,000-paper library for that took ~100 ms of the GUI thread. When many months
        change at once (the mute filters' first look changes most days), one layout change replaces
        their signals: the view lays out only what it shows (120 months' signals took ~75 ms, the view
        asking the model for its rows again after each one).
        """
        changed_days = [node for day in days
                        if ((node := self._days[day.date]).unread, node.total) != (day.unread, day.total)]
        by_month: dict[int, list[_Node]] = {}  # one signal per month, over its changed rows' span: the mute
        for node in changed_days:  # filters change most days at once (2,853 signals took ~0.4 s at 100,000)
            by_month.setdefault(id(node.parent), []).append(node)
        if len(by_month) > MONTH_SIGNALS_MAX:
            self.layoutAboutToBeChanged.emit()
            self._set_counts(days)
            self.layoutChanged.emit()
            return
        groups = [*self._root.children, *(month for year in self._root.children for month in year.children
                                          if year.view is None)]
        before = [(node.unread, node.total) for node in groups]
        self._set_counts(days)
        for nodes in by_month.values():
            first, last = min(nodes, key=lambda node: node.row), max(nodes, key=lambda node: node.row)
            self.dataChanged.emit(self.createIndex(first.row, 0, first), self.createIndex(last.row, 1, last))
        for node, counts in zip(groups, before, strict=True):
            if counts != (node.unread, node.total):
                self._emit_row_changed(node)

    def _emit_row_changed(self, node: _Node) -> None:
        self.dataChanged.emit(self.createIndex(node.row, 0, node), self.createIndex(node.row, 1, node))

    @staticmethod
    def _renumber(node: _Node) -> None:
        for row, child in enumerate(node.children):
            child.row = row


def _month_node(parent: _Node, key: str, locale: QLocale) -> _Node:
    """A month row ("2024-11"), labelled with the month's name in the UI language."""
    return _Node(parent, locale.standaloneMonthName(int(key[5:7] or 1)), None, key)


def _day_info(node: _Node) -> DayInfo:
    """The DayInfo a day row was made from (its starred count is not kept: the smart counts have it)."""
    return DayInfo(node.key, node.total, node.unread, 0)


def _day_node(parent: _Node, day: Any) -> _Node:
    """A day row with the counts of its DayInfo."""
    node = _Node(parent, day.date, View("day", day.date), day.date)
    node.unread, node.total = day.unread, day.total
    return node
