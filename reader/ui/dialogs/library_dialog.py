"""File > Library…: the library's sources with their counts and problems; remove one, hide the seeds.

Adding folders and files, the folder watcher and drops onto the window are the window's side of it
(window/library_tools.py); this dialog only asks for them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.models import Problem
from reader.library import Library, Source
from reader.ui.platform.problem_text import problem_line


class LibraryDialog(QDialog):
    """File > Library…: each source with its paper and problem counts; remove one; hide the seeds.

    Counts are those of the last update. Removing a source keeps the files and the read/starred
    state of its papers; the papers leave the list when the update that follows has run.
    """

    changed = Signal()  # the library list or the seeds' visibility changed: an update is due
    add_folder_requested = Signal()
    add_files_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("library_dialog")
        self.setWindowTitle(self.tr("Library"))
        self._sources: list[Source] = []
        self._problems: dict[str, list[Problem]] = {}

        self.table = QTableWidget(0, 3, self)  # a handful of sources: item widgets are fine
        self.table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("Papers"), self.tr("Problems")])
        self.table.setAccessibleName(self.tr("Sources"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.problems_text = QPlainTextEdit(self)  # plain text: digest text is never shown as rich text here
        self.problems_text.setReadOnly(True)
        self.problems_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems_text.setPlaceholderText(self.tr("Select a source to see its problems."))
        self.problems_text.setMaximumHeight(140)
        self.problems_text.setAccessibleName(self.tr("Problems of the selected source"))

        self.add_folder_button = QPushButton(self.tr("Add Folder…"), self)
        self.add_files_button = QPushButton(self.tr("Add Files…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Its papers leave the library; the files and your stars stay."))
        self.hide_seeds = QCheckBox(self.tr("Hide the bundled sample digests"), self)
        self.hide_seeds.setChecked(library.seeds_hidden())
        note = QLabel(self.tr("Paper counts are from the last update. Folders are watched for new digests."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        row = QHBoxLayout()
        for button in (self.add_folder_button, self.add_files_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.problems_text)
        layout.addWidget(self.hide_seeds)
        layout.addWidget(note)
        layout.addWidget(buttons)

        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hide_seeds.toggled.connect(self._set_seeds_hidden)
        self.add_folder_button.clicked.connect(self.add_folder_requested)
        self.add_files_button.clicked.connect(self.add_files_requested)
        self.resize(760, 460)
        self.reload()

    def reload(self) -> None:
        """Read the sources, counts and problems again from the library."""
        self._sources = self.library.sources()
        counts = self.library.source_paper_counts()
        problems = self.library.problems()
        self._problems = {
            source.path: [problem for problem in problems if _is_within(problem.path, source.path)]
            for source in self._sources
        }
        hidden = self.library.seeds_hidden()
        self.table.setRowCount(len(self._sources))
        for row, source in enumerate(self._sources):
            name = source.path
            if source.builtin:
                name = self.tr("Bundled sample digests (hidden)") if hidden else self.tr("Bundled sample digests")
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(source.path)
            count_item = QTableWidgetItem(str(0 if source.builtin and hidden else counts.get(source.path, 0)))
            problem_item = QTableWidgetItem(str(len(self._problems[source.path])))
            for item in (count_item, problem_item):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name_item)
            self.table.setItem(row, 1, count_item)
            self.table.setItem(row, 2, problem_item)
        self._on_selection()

    def select_source(self, path: str) -> bool:
        for row, source in enumerate(self._sources):
            if source.path == path:
                self.table.selectRow(row)
                return True
        return False

    def selected_source(self) -> Source | None:
        rows = self.table.selectionModel().selectedRows()
        return self._sources[rows[0].row()] if rows else None

    def remove_selected(self) -> None:
        source = self.selected_source()
        if source is None or source.builtin:
            return
        try:
            self.library.remove_source(source.path)
        except ReaderError as error:
            self.problems_text.setPlainText(str(error))
            return
        self.reload()
        self.changed.emit()

    def _set_seeds_hidden(self, hidden: bool) -> None:
        try:
            self.library.set_seeds_hidden(hidden)
        except ReaderError as error:
            self.problems_text.setPlainText(str(error))
            return
        self.reload()
        self.changed.emit()

    def _on_selection(self) -> None:
        source = self.selected_source()
        self.remove_button.setEnabled(source is not None and not source.builtin)
        problems = self._problems.get(source.path, []) if source else []
        if source is not None and not problems:
            self.problems_text.setPlainText(self.tr("No problems in this source."))
        else:
            self.problems_text.setPlainText("\n".join(problem_line(problem) for problem in problems))


def _is_within(path: str, root: str) -> bool:
    return path == root or Path(path).is_relative_to(root)
