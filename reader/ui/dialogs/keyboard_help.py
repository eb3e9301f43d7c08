"""Small dialogs: keyboard help, the Problems list, the update status, confirmations."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Problem
from reader.ui.window.commands import help_rows


class KeyboardHelpDialog(QDialog):
    """Help > Keyboard Shortcuts (F1): the same table the actions are built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard_help")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = help_rows()
        self.table = QTableWidget(len(rows), 2, self)  # a fixed, small help table: item widgets are fine
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, (keys, description) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(description))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(self.tr("Single-letter keys work when the cursor is not in the search field."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 520)


class ProblemsDialog(QDialog):
    """Digests the library could not read fully, as ``file:line: reason`` lines one can copy."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems_dialog")
        self.setWindowTitle(self.tr("Problems"))
        summary = QLabel(self)
        summary.setWordWrap(True)
        if problems:
            summary.setText(self.tr("%n problem(s) found while reading the digests:", "", len(problems)))
        else:
            summary.setText(self.tr("No problems: every digest was read completely."))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText("\n".join(str(problem) for problem in problems))
        self.text.setAccessibleName(self.tr("Problems, one per line"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 360)


class UpdateStatus(QWidget):
    """Status-bar corner: indexing progress while an update runs, and the Problems button."""

    problems_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("indexing_progress")
        self.progress_bar.setAccessibleName(self.tr("Indexing progress"))
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.hide()
        self.problems_button = QToolButton(self)
        self.problems_button.setObjectName("problems_button")
        self.problems_button.setAutoRaise(True)
        self.problems_button.clicked.connect(self.problems_clicked)
        self.problems_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.progress_bar, self.problems_button):
            layout.addWidget(widget)

    def busy(self) -> None:
        """An update started; its size is not known yet."""
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.label.setText(self.tr("Checking for new digests…"))

    def progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.show()
        self.label.setText(self.tr("Indexing {done}/{total}").format(done=done, total=total))

    def idle(self) -> None:
        self.progress_bar.hide()
        self.label.clear()

    def set_problem_count(self, count: int) -> None:
        self.problems_button.setText(self.tr("⚠ %n problem(s)", "", count))
        self.problems_button.setVisible(count > 0)


def confirm_mark_all_read(parent: QWidget, unread: int) -> bool:
    """Marking everything read cannot be undone in one step, so ask first."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Dialogs", "Mark All as Read"),
        QCoreApplication.translate("Dialogs", "Mark all %n unread paper(s) as read?", "", unread),
    )
    return answer == QMessageBox.StandardButton.Yes
