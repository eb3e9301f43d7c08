"""File > Export ▸ (starred, this day, search results), Copy BibTeX, and carrying the reading state.

The documents come from the library facade (`Library.export`, `export_state`), the same calls the
command line makes, so a file exported from the window and one from `daily-papers export` are
identical; the writers are imported when a command is first used.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_text
from reader.core.models import Paper
from reader.library import FORMAT_SUFFIXES, Library, format_for_path, read_state_file, state_to_text
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
            "ris": self.tr("RIS for Zotero, Mendeley, EndNote (*.ris)"),
            "csljson": self.tr("CSL-JSON for pandoc and Zotero (*.csl.json)"),
        }
        self._zotero_jobs: list[_ZoteroJob] = []  # kept until they report
        self.zotero_connector: str | None = None  # None: the Zotero app's own address on this computer

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
            # every match, not only those listed, in the search field's mode (Exact Search or not)
            result = self.window.library.search(query, limit=None, exact=self.window.settings.search_exact)
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
        QGuiApplication.clipboard().setText(self.window.library.citation([paper], "bibtex"))
        self.window.status(self.tr("Copied the BibTeX entry of {arxiv_id}").format(arxiv_id=paper.arxiv_id))

    @command("copy_ris", QT_TRANSLATE_NOOP("Shortcuts", "Copy as &RIS"), menu=PAPER.at(1, 6))
    def copy_ris(self) -> None:
        self._copy_citation("ris", self.tr("Copied {arxiv_id} as RIS"))

    @command("copy_csljson", QT_TRANSLATE_NOOP("Shortcuts", "Copy as CSL-&JSON"), menu=PAPER.at(1, 7))
    def copy_csljson(self) -> None:
        self._copy_citation("csljson", self.tr("Copied {arxiv_id} as CSL-JSON"))

    def _copy_citation(self, fmt: str, done: str) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        QGuiApplication.clipboard().setText(self.window.library.citation([paper], fmt))
        self.window.status(done.format(arxiv_id=paper.arxiv_id))

    # --- Zotero -------------------------------------------------------------------------------

    @command("zotero_paper", QT_TRANSLATE_NOOP("Shortcuts", "Send to &Zotero"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Save the paper in the Zotero app, with its summary as a note"),
             menu=PAPER.at(3, 1))
    def zotero_paper(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            self._send_to_zotero([paper])

    @command("zotero_starred", QT_TRANSLATE_NOOP("Shortcuts", "Starred Papers to &Zotero"), menu=EXPORT.at(2, 1))
    def zotero_starred(self) -> None:
        papers = self.window.library.papers(starred=True)
        if not papers:
            self.window.status(self.tr("No starred papers to send yet (press S on a paper to star it)."))
            return
        self._send_to_zotero(papers)

    @command("zotero_day", QT_TRANSLATE_NOOP("Shortcuts", "This Day to Z&otero"), menu=EXPORT.at(2, 2))
    def zotero_day(self) -> None:
        day = self.current_day()
        if day is None:
            self.window.status(self.tr("Choose a day in the sidebar first."))
            return
        self._send_to_zotero(self.window.library.papers(date=day))

    def _send_to_zotero(self, papers: list[Paper]) -> None:
        """One save in Zotero, on a thread of its own (it waits for the app); the status bar tells the outcome."""
        unique = list({paper.arxiv_id: paper for paper in reversed(papers)}.values())[::-1]
        job = _ZoteroJob(self.window.library.data_dir, unique, self.zotero_connector)
        job.done.connect(self._zotero_done)
        self._zotero_jobs.append(job)
        self.window.status(self.tr("Sending %n paper(s) to Zotero…", "", len(unique)))
        job.start()

    def _zotero_done(self, job: _ZoteroJob, sent: int, skipped: int, checked: bool, error: str) -> None:
        if job in self._zotero_jobs:
            self._zotero_jobs.remove(job)
        if error:
            QMessageBox.warning(self.window, self.tr("Send to Zotero"), error)
            return
        text = self.tr("Sent %n paper(s) to Zotero", "", sent)
        if skipped:
            text += " · " + self.tr("%n already in the Zotero library", "", skipped)
        if not checked:
            text += " · " + self.tr("(turn on Zotero's local API to skip papers it already has)")
        self.window.status(text)

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


class _ZoteroJob(QObject):
    """A send to Zotero on a Python thread with a Library of its own; `done` arrives on the GUI thread."""

    done = Signal(object, int, int, bool, str)  # job, sent, skipped, duplicates checked, error sentence

    def __init__(self, data_dir: Path, papers: list[Paper], connector: str | None) -> None:
        super().__init__()
        self._data_dir, self._papers, self._connector = data_dir, papers, connector

    def start(self) -> None:
        threading.Thread(target=self._run, name="zotero-send", daemon=True).start()

    def _run(self) -> None:
        try:
            with Library(self._data_dir) as library:
                report = library.send_to_zotero(self._papers, self._connector)
        except ReaderError as error:
            self.done.emit(self, 0, 0, True, str(error))
            return
        except Exception as error:  # the thread boundary: say it, never die silently
            self.done.emit(self, 0, 0, True, f"{type(error).__name__}: {error}")
            return
        self.done.emit(self, len(report.sent), len(report.skipped), report.checked, "")
