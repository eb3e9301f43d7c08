"""File > Export ▸ (starred, this day, search results), Copy BibTeX, and carrying the reading state.

The documents come from the library facade (`Library.export`, `export_state`), the same calls the
command line makes, so a file exported from the window and one from `daily-papers export` are
identical; the writers are imported when a command is first used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_text
from reader.core.models import Paper
from reader.library import FORMAT_SUFFIXES, format_for_path, read_state_file, state_to_text
from reader.ui.window.commands import EXPORT, FILE, PAPER, QT_TRANSLATE_NOOP, command
from reader.ui.window.frame import WindowFrame

STATE_SUFFIX = ".json"


class ExportActions(QObject):
    """The export and reading-state commands of the window; reads what to export from the window."""

    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.window = window
        self._filters = {
            "bibtex": self.tr("BibTeX (*.bib)"),
            "markdown": self.tr("Markdown reading list (*.md)"),
            "csv": self.tr("CSV (*.csv)"),
            "json": self.tr("JSON (*.json)"),
        }

    # --- papers ---------------------------------------------------------------------------

    @command("export_starred", QT_TRANSLATE_NOOP("Shortcuts", "&Starred Papers…"), menu=EXPORT.at(1, 1))
    def export_starred(self) -> None:
        papers = self.window.library.papers(starred=True)
        if not papers:
            self.window.status(self.tr("No starred papers to export yet (press S on a paper to star it)."))
            return
        self._export(papers, "starred")

    @command("export_day", QT_TRANSLATE_NOOP("Shortcuts", "This &Day…"), menu=EXPORT.at(1, 2))
    def export_day(self) -> None:
        day = self.current_day()
        if day is None:
            self.window.status(self.tr("Choose a day in the sidebar first."))
            return
        self._export(self.window.library.papers(date=day), day, date=day)

    @command("export_search", QT_TRANSLATE_NOOP("Shortcuts", "Search &Results…"), menu=EXPORT.at(1, 3))
    def export_search(self) -> None:
        query = self.window.search_bar.text().strip()
        if not query:
            self.window.status(self.tr("Search for something first; its results are what gets exported."))
            return
        try:
            result = self.window.library.search(query, limit=None)  # every match, not only those listed
        except ReaderError as error:
            self.window.status(str(error))
            return
        self._export([hit.paper for hit in result.hits], "search", query=query)

    def current_day(self) -> str | None:
        """The day the sidebar shows, or the current paper's day in a cross-day view."""
        view = self.window.sidebar.current_view()
        if view is not None and view.kind == "day":
            return view.date
        if view is not None and view.kind == "latest":
            dates = self.window.sidebar_model.day_dates()
            return dates[0] if dates else None
        paper = self.window.paper_list.current_paper()
        return paper.date if paper else None

    def _export(self, papers: list[Paper], name: str, date: str | None = None, query: str | None = None) -> None:
        """Ask where, then write `papers`; the day or query names the selection in a reading list."""
        filters = ";;".join(self._filters.values())
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export Papers"), f"{name}{FORMAT_SUFFIXES['bibtex']}", filters,
            self._filters["bibtex"])
        if not path:
            return
        fmt = format_for_path(path)
        if fmt is None:  # no known suffix typed: the chosen filter decides, and gives the suffix
            fmt = next((key for key, text in self._filters.items() if text == chosen), "bibtex")
            path += FORMAT_SUFFIXES[fmt]
        text = self.window.library.export(papers, fmt, date=date, query=query)
        if self._write(path, text):
            count = len({paper.arxiv_id for paper in papers})
            self.window.status(self.tr("Exported %n paper(s) to {path}", "", count).format(path=path))

    @command("copy_bibtex", QT_TRANSLATE_NOOP("Shortcuts", "Copy &BibTeX"), keys=("Ctrl+Shift+C",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Copy the paper's BibTeX entry"), menu=PAPER.at(1, 4))
    def copy_bibtex(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        QGuiApplication.clipboard().setText(self.window.library.export([paper], "bibtex"))
        self.window.status(self.tr("Copied the BibTeX entry of {arxiv_id}").format(arxiv_id=paper.arxiv_id))

    # --- reading state ----------------------------------------------------------------------

    @command("export_state", QT_TRANSLATE_NOOP("Shortcuts", "E&xport Reading State…"), menu=FILE.at(3, 2))
    def export_state(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export Reading State"), f"daily-papers-state{STATE_SUFFIX}",
            self.tr("Reading state (*.json)"))
        if not path:
            return
        if not path.lower().endswith(STATE_SUFFIX):
            path += STATE_SUFFIX
        library = self.window.library
        if self._write(path, state_to_text(library.export_state())):
            self.window.status(self.tr("Saved the stars and read marks of %n paper(s) to {path}", "",
                                 len(library.all_flags())).format(path=path))

    @command("import_state", QT_TRANSLATE_NOOP("Shortcuts", "I&mport Reading State…"), menu=FILE.at(3, 3))
    def import_state(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self.window, self.tr("Import Reading State"), "", self.tr("Reading state (*.json);;All files (*)"))
        if not path:
            return
        library = self.window.library
        try:
            report = library.import_state(read_state_file(path))
        except ReaderError as error:
            QMessageBox.warning(self.window, self.tr("Import Reading State"), str(error))
            return
        window = self.window
        window.paper_model.update_flags(list(library.all_flags()), library.all_flags())
        window.sidebar_model.set_days(library.days())
        lines = [
            self.tr("%n paper(s) in the file.", "", report.papers),
            self.tr("Newly starred: {starred}. Newly marked read: {read}.").format(
                starred=report.newly_starred, read=report.newly_read),
            self.tr("Stars and read marks from either computer are kept; nothing was cleared."),
        ]
        if report.not_in_library:
            lines.append(self.tr("%n paper(s) are not in this library yet; their state is kept for when they are.",
                                 "", report.not_in_library))
        if report.skipped:
            lines.append(self.tr("Skipped %n entry(ies):", "", len(report.skipped)))
            lines.extend(report.skipped[:10])
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import Reading State"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("import_report")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file content is never rich text
        box.exec()

    # --- helpers ----------------------------------------------------------------------------

    def _write(self, path: str, text: str) -> bool:
        try:
            atomic_write_text(Path(path), text)
        except (OSError, ReaderError) as error:
            QMessageBox.warning(self.window, self.tr("Export"),
                                self.tr("Could not write {path}: {error}").format(path=path, error=error))
            return False
        return True
