"""The left pane: a tree of smart views and days over SidebarModel (models/sidebar_tree.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.models.view import View

AnyIndex = QModelIndex | QPersistentModelIndex
COUNT_WIDTH_SAMPLE = "0000000"  # the count column fits seven digits ("All papers" at a million)


def _is_ancestor(group: AnyIndex, index: AnyIndex) -> bool:
    parent = index.parent()
    while parent.isValid():
        if parent == group:
            return True
        parent = parent.parent()
    return False


class Sidebar(QTreeView):
    """A tree of views; choosing a row emits ``view_selected(View)``.

    Only rows that are views can be selected: years and months just fold their days.
    """

    view_selected = Signal(object)  # View

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SidebarModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed, not ResizeToContents: sized from contents, the header read ~8,000 cells after every
        # count change (a star, a read mark) at 100,000 papers, 40-60 ms of the GUI thread each time.
        header.setSectionResizeMode(SidebarModel.COUNT, QHeaderView.ResizeMode.Fixed)
        self._size_count_column()
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.clicked.connect(self._toggle_group)
        self._opened: list[QPersistentModelIndex] = []  # the year and month _expand_newest opened
        model.modelReset.connect(self._expand_newest)
        model.rowsInserted.connect(self._expand_newest)  # perhaps a newer year or month than those shown
        self._expand_newest()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_count_column()

    def _size_count_column(self) -> None:
        """Wide enough for the largest count ("All papers") with the cell's margins."""
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        width = self.fontMetrics().horizontalAdvance(COUNT_WIDTH_SAMPLE) + margin
        self.header().resizeSection(SidebarModel.COUNT, width)

    def sidebar_model(self) -> SidebarModel:
        model = self.model()
        assert isinstance(model, SidebarModel)
        return model

    def current_view(self) -> View | None:
        index = self.currentIndex()
        return self.sidebar_model().view_at(index)

    def select_view(self, view: View) -> bool:
        """Make ``view`` the current row (emitting view_selected when it changes); False if absent."""
        index = self.sidebar_model().index_for_view(view)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def adjacent_day(self, step: int) -> View | None:
        """The day ``step`` rows below (positive) or above the current one in the tree.

        From a smart view the newest day is the starting point, so ``n`` from "All papers"
        lands on the newest day and ``n`` again on the day before it.
        """
        dates = self.sidebar_model().day_dates()
        if not dates:
            return None
        view = self.current_view()
        if view is None or view.kind not in ("day", "latest"):
            return View("day", dates[0])
        current = dates[0] if view.kind == "latest" else view.date
        position = dates.index(current) if current in dates else 0
        target = position + step
        return View("day", dates[target]) if 0 <= target < len(dates) else None

    def _on_current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        view = self.sidebar_model().view_at(current)
        if view is not None:
            self.view_selected.emit(view)

    def _toggle_group(self, index: QModelIndex) -> None:
        """A click on a year or month folds or unfolds it (they are not views to show)."""
        group = index.siblingAtColumn(0)
        if self.sidebar_model().view_at(group) is None and self.model().hasChildren(group):
            self.setExpanded(group, not self.isExpanded(group))

    def _expand_newest(self) -> None:
        """Open the newest year and month; older ones stay folded so thousands of days stay tidy.

        When days of a newer month arrive, the month opened before is folded again, unless the
        reader is in it.
        """
        model = self.sidebar_model()
        year = next((index for index in (model.index(row, 0) for row in range(model.rowCount()))
                     if model.view_at(index) is None), None)
        if year is None:
            return
        newest = [year, model.index(0, 0, year)]
        current = self.currentIndex()
        for opened in self._opened:
            if opened.isValid() and opened not in newest and not _is_ancestor(opened, current):
                self.collapse(model.index(opened.row(), 0, opened.parent()))
        for group in newest:
            self.expand(group)
        self._opened = [QPersistentModelIndex(group) for group in newest]
