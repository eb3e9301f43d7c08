"""The window's side of the living sources: Korean summaries for a Hugging Face day, the background
check for new days with its notification, and the first-run note on where new days come from.

- File > Write Korean Summaries… (and a button in the status bar while a day on show has hub papers
  without a Korean summary) opens the summarise dialog for that day.
- File > Check for New Days in the Background (off by default) runs background/new_days.py; new days
  are indexed by the usual update, then a desktop notification (the system tray's, where the desktop
  has one; the status bar otherwise) says how many papers arrived and, once the reader has starred
  enough for For you to learn, how many of them For you ranks in the top 3 of their day.
- A library of the bundled sample days only says, once the window is up, where new days come from.
- Paper > Keep PDF downloads the paper's arXiv PDF into the data directory in the background; Open PDF
  (the detail pane) then opens that copy with the system's viewer. Paper > Keep PDFs of Starred and Queued
  Papers (off by default) does the same for those, one at a time, at start and every few minutes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSystemTrayIcon

from reader.core.errors import ReaderError
from reader.library import HUB_SOURCE, MIN_STARS, keep_pdf, kept_pdf
from reader.ui.background.job_thread import end_thread
from reader.ui.background.new_days import NewDaysCheck
from reader.ui.models.view import View
from reader.ui.window.commands import FILE, PAPER, QT_TRANSLATE_NOOP, command
from reader.ui.window.frame import WindowFrame

if TYPE_CHECKING:
    from reader.library.recommend_child import ForYouProcess

log = logging.getLogger("reader.ui.window.living")

KEEP_PDFS_EVERY_MS = 5 * 60 * 1000  # how often newly starred or queued papers are looked for


class _PdfJob(QObject):
    """Lives in a QThread: keep_pdf() for each id in turn, each one's path or its one-sentence failure."""

    finished = Signal(str, str)  # arXiv id, path
    failed = Signal(str, str)  # arXiv id, why
    progress = Signal(str, int, int)  # arXiv id, bytes so far, total bytes (-1: not known)
    done = Signal(int)  # PDFs kept by this job

    def __init__(self, data_dir: Path, arxiv_ids: list[str], stop: threading.Event) -> None:
        super().__init__()
        self._data_dir, self.arxiv_ids, self.stop = data_dir, arxiv_ids, stop
        self.arxiv_id = arxiv_ids[0]

    @Slot()
    def run(self) -> None:
        kept = 0
        for arxiv_id in self.arxiv_ids:
            if self.stop.is_set():
                break
            def report(done: int, total: int | None, paper: str = arxiv_id) -> None:
                self.progress.emit(paper, done, -1 if total is None else total)

            try:
                path = keep_pdf(self._data_dir, arxiv_id, should_stop=self.stop.is_set, progress=report)
            except ReaderError as error:
                self.failed.emit(arxiv_id, str(error))
            except Exception as error:  # noqa: BLE001 - the thread boundary
                self.failed.emit(arxiv_id, type(error).__name__)
            else:
                kept += 1
                self.finished.emit(arxiv_id, str(path))
        self.done.emit(kept)


class _ForYouCount(QObject):
    """Lives in a QThread: how many new papers For you ranks at the top of their day (Library.for_you_among,
    asked of For you's process, which keeps the text matrix and builds it again for the new papers: seconds
    at thousands of papers, and on a thread here it would keep the GUI thread waiting for the GIL)."""

    done = Signal(int, object)  # new papers, For you among them (None: too few stars to tell)

    def __init__(self, process: ForYouProcess, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self._process, self._entries = process, entries

    @Slot()
    def run(self) -> None:
        count = None
        try:
            count = self._process.among(self._entries)
        except ReaderError as error:
            log.info("new papers For you: %s", error)
        except Exception:  # noqa: BLE001 - the thread boundary: the count of new papers is still announced
            log.exception("new papers For you failed")
        self.done.emit(len(self._entries), count)


class LivingActions(QObject):
    """Write Korean Summaries, the background check and its notification, the first-run note."""

    def __init__(self, window: WindowFrame, sources_changed: Callable[[], None],
                 notify: Callable[[str, str], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._sources_changed = sources_changed
        self._notify = notify or self._tray_message
        self._tray: QSystemTrayIcon | None = None
        self._pending_papers: list[tuple[str, str]] = []  # what the background check fetched, announced after update
        self._count_job: tuple[QThread, _ForYouCount] | None = None
        self._pdf_jobs: list[tuple[QThread, _PdfJob]] = []
        self._pdf_stop = threading.Event()
        data_dir = window.library.data_dir
        window.detail.set_local_pdf(lambda arxiv_id: kept_pdf(data_dir, arxiv_id))
        self._batch: tuple[QThread, _PdfJob] | None = None  # the starred and queued papers' PDFs, one job at a time
        self._batch_timer = QTimer(self)
        self._batch_timer.setInterval(KEEP_PDFS_EVERY_MS)
        self._batch_timer.timeout.connect(self.keep_wanted_pdfs)
        window.commands["keep_starred_pdfs"].setChecked(window.settings.keep_starred_pdfs)
        self.summarise_button = QPushButton(self.tr("Write Korean Summaries…"), window)
        self.summarise_button.setObjectName("summarise_button")
        self.summarise_button.setToolTip(self.tr("This day's papers have English abstracts only: "
                                                 "let your own model write Korean summaries"))
        self.summarise_button.setFlat(True)
        self.summarise_button.hide()
        self.summarise_button.clicked.connect(self.summarise_day)
        window.statusBar().addPermanentWidget(self.summarise_button)
        self.pdf_progress = QProgressBar(window)  # while Keep PDF downloads: how far, and a Cancel beside it
        self.pdf_progress.setObjectName("pdf_progress")
        self.pdf_progress.setMaximumWidth(220)
        self.pdf_progress.hide()
        self.pdf_cancel = QPushButton(self.tr("Cancel"), window)
        self.pdf_cancel.setObjectName("pdf_cancel")
        self.pdf_cancel.setToolTip(self.tr("Stop downloading the PDF (the next Keep PDF continues it)"))
        self.pdf_cancel.setFlat(True)
        self.pdf_cancel.hide()
        self.pdf_cancel.clicked.connect(self.cancel_pdfs)
        window.statusBar().addPermanentWidget(self.pdf_progress)
        window.statusBar().addPermanentWidget(self.pdf_cancel)
        self.first_run_note = QLabel(self.tr(
            "These are the bundled sample days. New days: File > Check for New Digests… (Hugging Face Daily Papers, "
            "or the Korean archive), or File > Add Folder… for your own digests."), window)
        self.first_run_note.setObjectName("first_run_note")
        self.first_run_note.hide()
        self._first_run = False  # the library has only the bundled sample days: the note is due
        window.statusBar().addWidget(self.first_run_note)
        # QStatusBar paints a passing message under its widgets: the note gives way while one shows
        window.statusBar().messageChanged.connect(self._place_first_run_note)
        settings = window.settings
        self.check = NewDaysCheck(
            window.library.data_dir, self._followed_source, lambda: settings.background_check,
            lambda: settings.last_check, lambda when: setattr(settings, "last_check", when), self)
        self.check.found.connect(self._on_found)
        window.commands["background_check"].setChecked(settings.background_check)
        window.sidebar.view_selected.connect(lambda _view: self.refresh())
        window.updater.finished.connect(lambda *_args: self._after_update())

    def start(self) -> None:
        """After the first frame: the first-run note, the summaries button, the background check."""
        self.refresh()
        self.check.start()
        self._batch_timer.start()
        self.keep_wanted_pdfs()

    def stop(self) -> None:
        self.check.stop()
        self._batch_timer.stop()
        self._pdf_stop.set()
        for thread, job in [*self._pdf_jobs, *([self._batch] if self._batch else [])]:
            job.stop.set()
            thread.quit()
            thread.wait()
        if self._count_job is not None:
            self._count_job[0].quit()
            self._count_job[0].wait()  # seconds at most, and only just after new days arrived

    @command("keep_starred_pdfs", QT_TRANSLATE_NOOP("Shortcuts", "Keep PDFs of &Starred and Queued Papers"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Download the PDFs of starred and Read later papers for reading "
                                                 "offline (on or off)"),
             menu=PAPER.at(6, 2), checkable=True, on_toggle=True)
    def set_keep_starred_pdfs(self, on: bool) -> None:
        settings = self.window.settings
        if settings.keep_starred_pdfs != on:
            settings.keep_starred_pdfs = on
            settings.sync()
            self.keep_wanted_pdfs()

    def keep_wanted_pdfs(self) -> bool:
        """When the setting is on: download, one after the other, the PDFs of starred and queued papers not kept
        yet (a failed one is tried again next time). True when a job started."""
        if not self.window.settings.keep_starred_pdfs or self._batch is not None:
            return False
        library = self.window.library
        try:
            wanted = [arxiv_id for arxiv_id, flags in library.all_flags().items() if flags.starred]
            wanted += [arxiv_id for arxiv_id in library.queue() if arxiv_id not in wanted]
        except ReaderError:
            return False
        missing = [arxiv_id for arxiv_id in wanted if kept_pdf(library.data_dir, arxiv_id) is None]
        if not missing:
            return False
        thread = QThread(self)
        thread.setObjectName("keep-pdfs")
        job = _PdfJob(library.data_dir, missing, self._pdf_stop)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.done.connect(self._on_batch_done)
        self._batch = (thread, job)
        thread.start()
        return True

    @Slot(int)
    def _on_batch_done(self, kept: int) -> None:
        if self._batch is not None:
            thread, _job = self._batch
            self._batch = None
            end_thread(thread)
        if kept:
            self.window.status(self.tr("Kept %n PDF(s) of starred and queued papers for reading offline", "", kept))

    @command("keep_pdf", QT_TRANSLATE_NOOP("Shortcuts", "&Keep PDF"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Download the paper's PDF for reading offline (Open PDF opens it)"),
             menu=PAPER.at(6, 1))
    def keep_pdf(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        if kept_pdf(self.window.library.data_dir, paper.arxiv_id) is not None:
            self.window.status(self.tr("The PDF of {id} is already kept here").format(id=paper.arxiv_id))
            return
        if any(job.arxiv_id == paper.arxiv_id for _thread, job in self._pdf_jobs):
            return  # already on its way: the status bar shows how far
        thread = QThread(self)
        thread.setObjectName("keep-pdf")
        job = _PdfJob(self.window.library.data_dir, [paper.arxiv_id], threading.Event())  # its own Cancel
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.finished.connect(self._on_pdf_kept)  # slots of this GUI-thread object: queued from the worker
        job.failed.connect(self._on_pdf_failed)
        job.progress.connect(self._on_pdf_progress)
        self._pdf_jobs.append((thread, job))
        self.window.status(self.tr("Downloading the PDF of {id}…").format(id=paper.arxiv_id))
        self.pdf_progress.setRange(0, 0)  # busy until the first bytes say how large it is
        self.pdf_progress.setFormat(self.tr("PDF {id}").format(id=paper.arxiv_id))
        self.pdf_progress.show()
        self.pdf_cancel.setEnabled(True)
        self.pdf_cancel.show()
        thread.start()

    def cancel_pdfs(self) -> None:
        """Cancel: stop the Keep PDF downloads under way; what arrived is kept, so the next Keep PDF continues."""
        for _thread, job in self._pdf_jobs:
            job.stop.set()
        self.pdf_cancel.setEnabled(False)

    @Slot(str, int, int)
    def _on_pdf_progress(self, arxiv_id: str, done: int, total: int) -> None:
        if total > 0:
            self.pdf_progress.setRange(0, max(1, total // 1024))  # KiB: a QProgressBar counts in ints
            self.pdf_progress.setValue(min(done, total) // 1024)
            self.pdf_progress.setFormat(self.tr("PDF {id}: %p%").format(id=arxiv_id))
        else:
            self.pdf_progress.setFormat(self.tr("PDF {id}: {size}").format(id=arxiv_id, size=_megabytes(done)))

    @Slot(str, str)
    def _on_pdf_kept(self, arxiv_id: str, path: str) -> None:
        self._end_pdf_job(arxiv_id)
        self.window.status(self.tr("PDF of {id} kept for reading offline: {path}").format(id=arxiv_id, path=path))

    @Slot(str, str)
    def _on_pdf_failed(self, arxiv_id: str, reason: str) -> None:
        if self._end_pdf_job(arxiv_id):
            self.window.status(self.tr("Stopped downloading the PDF of {id}; Keep PDF again continues it")
                               .format(id=arxiv_id))
            return
        self.window.status(self.tr("Could not keep the PDF of {id}: {reason}").format(id=arxiv_id, reason=reason))

    def _end_pdf_job(self, arxiv_id: str) -> bool:
        """The job of `arxiv_id` is over; True when the reader had cancelled it."""
        cancelled = False
        for thread, job in list(self._pdf_jobs):
            if job.arxiv_id == arxiv_id:
                cancelled = job.stop.is_set()
                self._pdf_jobs.remove((thread, job))
                end_thread(thread)
        if not self._pdf_jobs:
            self.pdf_progress.hide()
            self.pdf_cancel.hide()
        return cancelled

    @Slot()
    def _place_first_run_note(self) -> None:
        """The note shows while it is due and no passing message (an update's result, say) is on show."""
        self.first_run_note.setVisible(self._first_run and not self.window.statusBar().currentMessage())

    def current_day(self) -> str | None:
        view = self.window.sidebar.current_view()
        return view.date if isinstance(view, View) and view.kind == "day" else None

    def refresh(self) -> None:
        """The status bar's button shows while the day on show has hub papers without a Korean summary; the
        first-run note while the library has only the bundled sample days (and can take new ones)."""
        library = self.window.library
        self._first_run = not library.read_only and all(source.builtin for source in library.sources())
        self._place_first_run_note()
        day = self.current_day()
        try:
            missing = self.window.library.papers_to_summarise(day) if day else 0
        except ReaderError:
            missing = 0
        self.summarise_button.setVisible(missing > 0)

    @command("summarise_day", QT_TRANSLATE_NOOP("Shortcuts", "Write &Korean Summaries…"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Your own model summarises the day's Hugging Face papers in Korean"),
             menu=FILE.at(2, 4))
    def summarise_day(self) -> None:
        day = self.current_day()
        if day is None or not self.window.library.hub_day_file(day).exists():
            self.window.status(self.tr("Choose a day fetched from Hugging Face (File > Check for New Digests…, "
                                       "source Hugging Face) to write its Korean summaries."))
            return
        from reader.ui.dialogs.summarise_dialog import SummariseDialog  # only when asked

        dialog = SummariseDialog(self.window.library, day, self.window)
        dialog.summarised.connect(lambda _count: self._sources_changed())
        dialog.exec()
        dialog.deleteLater()

    @command("background_check", QT_TRANSLATE_NOOP("Shortcuts", "Check for New Days in the &Background"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "On start and every few hours, fetch new days and say how many "
                                                 "papers arrived (on or off)"),
             menu=FILE.at(2, 3), checkable=True, on_toggle=True)
    def set_background_check(self, on: bool) -> None:
        settings = self.window.settings
        if settings.background_check != on:
            settings.background_check = on
            settings.sync()
            self.check.check_if_due()

    def _followed_source(self) -> str:
        settings = self.window.settings
        return HUB_SOURCE if settings.fetch_from_hub else settings.digest_source

    def _on_found(self, _days: int, papers: list[tuple[str, str]]) -> None:
        self._pending_papers += papers
        self._sources_changed()  # the update that indexes them; the notification follows it

    def _after_update(self) -> None:
        """Announce the papers the background check brought, now indexed: with how many are For you once the
        reader has starred enough for For you to learn (counted on a thread), else just how many."""
        self.refresh()
        papers, self._pending_papers = self._pending_papers, []
        if not papers:
            return
        try:
            stars = len(self.window.library.for_you_marks()[0])
        except ReaderError:
            stars = 0
        if stars < MIN_STARS or self._count_job is not None:
            self._announce(len(papers), None)
            return
        thread = QThread(self)
        thread.setObjectName("new-papers-for-you")
        job = _ForYouCount(self.window.for_you_process, papers)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.done.connect(self._on_counted)
        self._count_job = (thread, job)
        thread.start()

    @Slot(int, object)
    def _on_counted(self, papers: int, for_you: int | None) -> None:
        if self._count_job is not None:
            thread, _job = self._count_job
            self._count_job = None
            end_thread(thread)
        self._announce(papers, for_you)

    def _announce(self, papers: int, for_you: int | None) -> None:
        """ "12 new papers, 3 For you" (without the For you part while it cannot tell)."""
        if for_you is None:
            text = self.tr("1 new paper") if papers == 1 else self.tr("{count} new papers").format(count=papers)
        elif papers == 1:
            text = self.tr("1 new paper, {for_you} For you").format(for_you=for_you)
        else:
            text = self.tr("{count} new papers, {for_you} For you").format(count=papers, for_you=for_you)
        self._notify(self.tr("Daily Papers Reader"), text)

    def _tray_message(self, title: str, text: str) -> None:
        """A desktop notification through the system tray where there is one; the status bar otherwise."""
        if not QSystemTrayIcon.isSystemTrayAvailable() or not QSystemTrayIcon.supportsMessages():
            self.window.status(text)
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self._tray.setToolTip(title)
            self._tray.messageClicked.connect(self.window.activateWindow)
        self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
