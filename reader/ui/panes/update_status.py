"""The status bar's corner: indexing progress while an update runs, and the Problems button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


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
