"""The Weekly recap tab: choose an ISO week, read its recap, export it as Markdown, HTML or JSON.

The page is the recap's own self-contained HTML (reader.features.recap_render): escaped digest text, no
image or remote resource; its arXiv links open in the user's browser through the one link gate.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.ui.platform.links import open_external

EXPORT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def weeks_of(days: list[str]) -> list[str]:
    """The ISO weeks (YYYY-Www) that have days, newest first."""
    weeks: list[str] = []
    for day in days:
        year, week, _weekday = date.fromisoformat(day).isocalendar()
        label = f"{year}-W{week:02d}"
        if label not in weeks:
            weeks.append(label)
    return sorted(weeks, reverse=True)


class RecapView(QWidget):
    """A week chooser, a language chooser, the recap page and Export…; asks its window for the recap text."""

    requested = Signal(str, str)  # week, language: the window computes the HTML off the GUI thread
    export_requested = Signal(str, str, str, str)  # week, format, language, path: written off the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week = QComboBox()
        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.export_button = QPushButton(self.tr("&Export…"))
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._open_link)
        self.status = QLabel()
        row = QHBoxLayout()
        week_label = QLabel(self.tr("&Week:"))
        week_label.setBuddy(self.week)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        for widget in (week_label, self.week, language_label, self.language):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.status)
        self.week.currentIndexChanged.connect(self.ask)
        self.language.currentIndexChanged.connect(self.ask)
        self.export_button.clicked.connect(self.export)

    def set_weeks(self, weeks: list[str]) -> None:
        """Offer these weeks (newest first); keeps the chosen week when it is still there."""
        chosen = self.week.currentText()
        self.week.blockSignals(True)
        self.week.clear()
        self.week.addItems(weeks)
        if chosen in weeks:
            self.week.setCurrentText(chosen)
        self.week.blockSignals(False)
        self.ask()

    def ask(self) -> None:
        if self.week.currentText():
            self.status.setText(self.tr("Making the recap…"))
            self.requested.emit(self.week.currentText(), str(self.language.currentData()))
        else:
            self.page.clear()
            self.status.setText(self.tr("The library has no papers yet."))

    def show_recap(self, week: str, language: str, page: str) -> None:
        if (week, language) == (self.week.currentText(), self.language.currentData()):
            self.page.setHtml(page)
            self.status.setText("")

    def export(self) -> None:
        """Ask where to save the chosen week's recap; the format comes from the suffix typed, else the filter."""
        week = self.week.currentText()
        if not week:
            return
        filters = {self.tr("Markdown (*.md)"): "markdown", self.tr("HTML page (*.html)"): "html",
                   self.tr("JSON (*.json)"): "json"}
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the Recap"), f"recap-{week}.md",
                                                   ";;".join(filters))
        if name:
            fmt = EXPORT_SUFFIXES.get(Path(name).suffix.lower()) or filters.get(chosen, "markdown")
            self.status.setText(self.tr("Saving {path}…").format(path=name))
            self.export_requested.emit(week, fmt, str(self.language.currentData()), name)

    def exported(self, path: str, error: str) -> None:
        """The export's outcome, from the window's worker."""
        if error:
            self.status.setText(self.tr("Could not write {path}: {error}").format(path=path, error=error))
        else:
            self.status.setText(self.tr("Saved {path}").format(path=path))

    def _open_link(self, url: QUrl) -> None:
        open_external(url)
