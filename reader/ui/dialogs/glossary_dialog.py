"""Go > Glossary: the Korean and English forms of the terms the library's summaries write in both languages.

The glossary is mined while indexing (``한국어(English; ABBR)`` written by at least two papers) and is
what a search expands a term with. The filter uses the same rule as ``daily-papers glossary TERM``
(Korean spacing, English case and plurals aside); a double-click (or Enter) searches the form clicked:
the Korean one, the English one or the abbreviation.
The dialog stays open beside the window, so one can try several terms in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

FILTER_DEBOUNCE_MS = 150
TERM_ROLE = Qt.ItemDataRole.UserRole + 1  # the form a double-click on the cell searches


class GlossaryEntry(Protocol):
    """What the dialog shows of one of the library's glossary entries (``Library.glossary``)."""

    @property
    def korean(self) -> str: ...
    @property
    def english(self) -> tuple[str, ...]: ...
    @property
    def abbreviations(self) -> tuple[str, ...]: ...
    @property
    def papers(self) -> int: ...


class _Count(QTableWidgetItem):
    """A number cell that sorts as a number."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return int(self.data(Qt.ItemDataRole.UserRole) or 0) < int(other.data(Qt.ItemDataRole.UserRole) or 0)


class GlossaryDialog(QDialog):
    """The glossary's entries in a filterable table; ``term_chosen`` is a row's term to search for."""

    term_chosen = Signal(str)

    KOREAN, ENGLISH, ABBREVIATIONS, PAPERS = range(4)

    def __init__(self, entries: Callable[[str | None], Sequence[GlossaryEntry]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self.setObjectName("glossary_dialog")
        self.setWindowTitle(self.tr("Glossary"))
        intro = QLabel(self.tr("Terms the summaries write in both languages, as a search finds them: searching "
                               "one form finds the others too (unless Exact Search is on). Double-click a term "
                               "to search for it."), self)
        intro.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("glossary_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter: a Korean or English term, or an abbreviation"))
        self.filter.setAccessibleName(self.tr("Filter the glossary"))
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("glossary_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Korean"), self.tr("English"), self.tr("Abbreviations"), self.tr("Papers")])
        self.table.setAccessibleName(self.tr("Glossary terms"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.KOREAN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.ENGLISH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.ABBREVIATIONS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.PAPERS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._choose)
        self.table.activated.connect(self._choose)  # Enter on a row
        self.summary = QLabel(self)
        self.summary.setObjectName("glossary_summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(720, 480)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._timer.start())
        self.reload()

    def reload(self) -> None:
        """List the entries the filter names (all of them when it is empty), most papers first."""
        term = self.filter.text().strip() or None
        entries = list(self._entries(term))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [QTableWidgetItem(entry.korean), QTableWidgetItem(", ".join(entry.english) or "–"),
                     QTableWidgetItem(", ".join(entry.abbreviations) or "–"), _Count(str(entry.papers))]
            terms = (entry.korean, next(iter(entry.english), entry.korean),
                     next(iter(entry.abbreviations), entry.korean), entry.korean)  # per column
            cells[self.PAPERS].setData(Qt.ItemDataRole.UserRole, entry.papers)
            cells[self.PAPERS].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate(cells):
                cell.setData(TERM_ROLE, terms[column])
                cell.setToolTip(self.tr("Double-click to search for {term}").format(term=cell.data(TERM_ROLE)))
                self.table.setItem(row, column, cell)
        self.table.setSortingEnabled(True)
        self.table.sortItems(self.PAPERS, Qt.SortOrder.DescendingOrder)
        if entries:
            self.summary.setText(self.tr("%n term(s)", "", len(entries)))
        elif term:
            self.summary.setText(self.tr("No glossary term matches “{term}”.").format(term=term))
        else:
            self.summary.setText(self.tr("The glossary is empty: it grows as the library holds more summaries that "
                                         "write a term in both languages (two papers are needed for a term)."))

    def term_at(self, row: int, column: int) -> str:
        """The form a cell stands for: its own (the first English form, abbreviation), else the Korean one."""
        item = self.table.item(row, column)
        return str(item.data(TERM_ROLE) or "") if item is not None else ""

    def _choose(self, index: QModelIndex) -> None:
        term = self.term_at(index.row(), index.column())
        if term:
            self.term_chosen.emit(term)
