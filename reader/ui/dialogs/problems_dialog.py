"""Help > Problems: the digests the library could not read fully."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.core.models import Problem
from reader.ui.platform.problem_text import problem_line


class ProblemsDialog(QDialog):
    """Digests the library could not read fully, as ``file:line: reason`` lines one can copy (reasons in the
    UI language, platform/problem_text.py)."""

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
        self.text.setPlainText("\n".join(problem_line(problem) for problem in problems))  # in the UI language
        self.text.setAccessibleName(self.tr("Problems, one per line"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 360)
