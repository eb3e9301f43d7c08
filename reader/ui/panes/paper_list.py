"""The middle pane: a table of papers over PaperTableModel through PaperFilterProxy.

The list tells apart a paper the reader chose from one the window put under the cursor: a click, a
key that moves the cursor (arrows, Page Up/Down, Home/End, j/k through ``step``), Enter, or
``select_row(..., chosen=True)`` emit ``paper_chosen`` after ``current_paper_changed``; a view
filled, a search listed, a reload or a removed row only emit ``current_paper_changed``. Only a
chosen paper becomes read (window/reading.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reader.core.models import Paper
from reader.ui.models.paper_table import PaperFilterProxy, PaperRole, PaperTableModel

if TYPE_CHECKING:
    from reader.ui.models.highlight_delegate import HighlightDelegate

AnyIndex = QModelIndex | QPersistentModelIndex


class PaperList(QTableView):
    """Rows of papers; Enter or a double-click asks to open the current paper on arXiv."""

    current_paper_changed = Signal(object)  # Paper | None: the paper under the cursor, however it got there
    paper_chosen = Signal(object)  # Paper: the reader chose the current paper (see the module's docstring)
    open_requested = Signal(object)  # Paper

    def __init__(self, model: PaperTableModel, proxy: PaperFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paper_list")
        self._source = model
        self._proxy = proxy
        proxy.setSourceModel(model)
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)
        self._highlighter: HighlightDelegate | None = None  # made on the first search
        self._highlighting = False

        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(PaperTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((PaperTableModel.STAR, 28), (PaperTableModel.VOTES, 56),
                              (PaperTableModel.AUTHORS, 170), (PaperTableModel.DATE, 92)):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            columns.resizeSection(column, width)

        self.activated.connect(self._on_activated)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def current_paper(self) -> Paper | None:
        index = self.currentIndex()
        return index.data(PaperRole) if index.isValid() else None

    def current_key(self) -> str | None:
        """The ``date/arxiv_id`` key of the current row, without loading its full Paper."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        source = self._proxy.mapToSource(index)
        return self._source.paper_at(source.row()).key if source.isValid() else None

    def select_row(self, row: int, chosen: bool = False) -> bool:
        """Make proxy row ``row`` current (clamped); False when the list is empty.

        ``chosen``: the reader asked for this row (a key, Next Unread), so it may become read.
        """
        count = self._proxy.rowCount()
        if count == 0:
            self.current_paper_changed.emit(None)
            return False
        row = max(0, min(row, count - 1))
        index = self._proxy.index(row, PaperTableModel.TITLE)
        if index == self.currentIndex():
            self.current_paper_changed.emit(self.current_paper())  # re-show after a reload
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if chosen:
            self._emit_chosen()
        return True

    def select_key(self, key: str, chosen: bool = False) -> bool:
        """Make the paper with this ``date/arxiv_id`` key current, if it is listed."""
        row = self.row_of_key(key)
        return row >= 0 and self.select_row(row, chosen)

    def row_of_key(self, key: str) -> int:
        """The list row (as shown, read papers perhaps hidden) of this key, or -1."""
        source_row = self._source.row_of(key)
        if source_row < 0:
            return -1
        index = self._proxy.mapFromSource(self._source.index(source_row, PaperTableModel.TITLE))
        return index.row() if index.isValid() else -1

    def step(self, delta: int) -> None:
        """Move the current row by ``delta`` (j/k); the first move from nothing picks the top row."""
        current = self.currentIndex()
        self.select_row(current.row() + delta if current.isValid() else 0, chosen=True)

    def unread_rows(self, rows: range) -> int:
        """The first of ``rows`` (list rows, as shown) whose paper is unread, or -1."""
        for row in rows:
            source = self._proxy.mapToSource(self._proxy.index(row, 0))
            if not self._source.flags_of(self._source.paper_at(source.row()).arxiv_id).read:
                return row
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left click on a row chooses it (also the row already current)."""
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.indexAt(event.position().toPoint()).isValid():
            self._emit_chosen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A key that moved the cursor to another paper, or Enter, chooses the current paper."""
        before = self.current_key()
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or self.current_key() != before:
            self._emit_chosen()

    def _emit_chosen(self) -> None:
        paper = self.current_paper()
        if paper is not None:
            self.paper_chosen.emit(paper)

    def set_highlighting(self, enabled: bool) -> None:
        """Paint search spans in titles (a search view) or paint titles with Qt's own delegate.

        The Python delegate is only installed while it has something to mark: every paint() call
        into Python costs time on a long list, and PySide6 6.12 on Python 3.11 also drops a
        reference to None per call, which crashed the window after some minutes of scrolling.
        """
        if enabled != self._highlighting:
            self._highlighting = enabled
            if enabled and self._highlighter is None:
                # imported for the first search: its Qt painting types cost start-up time
                from reader.ui.models.highlight_delegate import HighlightDelegate

                self._highlighter = HighlightDelegate(self)
            delegate = self._highlighter if enabled else None  # None: the view's own delegate again
            self.setItemDelegateForColumn(PaperTableModel.TITLE, delegate)  # type: ignore[arg-type]  # stub lacks None

    def set_date_column_visible(self, visible: bool) -> None:
        self.setColumnHidden(PaperTableModel.DATE, not visible)

    def _on_activated(self, index: AnyIndex) -> None:
        paper = index.data(PaperRole)
        if paper is not None:
            self.open_requested.emit(paper)

    def _on_current_changed(self, current: AnyIndex, _previous: object) -> None:
        self.current_paper_changed.emit(current.data(PaperRole) if current.isValid() else None)
