"""File > Check for New Digests…: download the days an archive has and the library lacks.

The download (reader.fetch) is network-bound and spends its time in socket reads that release
the GIL, so unlike the library update it runs in a plain QThread of this process, with its own
Library (a Library belongs to one thread). The dialog shows one line per day, a progress bar and
Cancel; "no network" is a calm message, not an error box. When days arrived, `fetched` asks the
window for the usual background update, which indexes them.

Closing the dialog during a fetch never waits for it: the fetch is cancelled (it stops within a second),
the dialog says so and closes itself when the fetch has ended, after announcing the days that did arrive
with `fetched`. The archive fetched from becomes the one the library follows
(settings.digest_source). Dates are typed as YYYY-MM-DD or picked from the calendar.

The source is a choice: Hugging Face Daily Papers itself (`Library.fetch("hf")`, English abstracts
that the reader's own model can summarise in Korean) or a digest archive at a URL; the choice is
remembered (settings.fetch_from_hub).
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject, Qt, QTime, Signal, Slot
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.library import (
    DEFAULT_SOURCE,
    HUB_SOURCE,
    REPAIRED,
    DayResult,
    DayStatus,
    FetchProgress,
    FetchReport,
    Library,
)
from reader.ui.background.library_updater import describe_error
from reader.ui.dialogs.job_dialog import JobDialog
from reader.ui.platform.settings import Settings

log = logging.getLogger("reader.ui.dialogs.fetch_dialog")

FETCH_TIMEOUT_S = 15.0  # per wait for the server; Cancel acts within a second
ISO_DATE = "yyyy-MM-dd"


class IsoDateEdit(QDateEdit):
    """A date typed as YYYY-MM-DD (the whole date over the selection, or any part of it), or picked from the
    calendar. QDateEdit alone takes typing one section at a time and drops a date typed over the selection."""

    _PARTIAL = re.compile(r"\d{0,4}(?:-\d{0,2}(?:-\d{0,2})?)?")

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(ISO_DATE)
        if value is not None:
            self.setDate(value)

    def typed_date(self) -> date | None:
        """The date the field shows, or None when its text is not a whole, real date."""
        value = QDate.fromString(self.text(), ISO_DATE)
        return _as_date(value) if value.isValid() and self.minimumDate() <= value <= self.maximumDate() else None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        value = QDate.fromString(text, ISO_DATE)
        if value.isValid() and self.minimumDate() <= value <= self.maximumDate():
            return QValidator.State.Acceptable, text, pos
        if self._PARTIAL.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        value = QDate.fromString(text, ISO_DATE)
        return QDateTime(value, QTime(0, 0)) if value.isValid() else self.dateTime()

    def fixup(self, text: str) -> str:
        return text  # a half-typed date stays as typed: Fetch then says what is wrong with it

    def focusOutEvent(self, event: QFocusEvent) -> None:
        typed = self.typed_date()
        if typed is not None and typed != _as_date(self.date()):
            self.setDate(QDate(typed.year, typed.month, typed.day))
        super().focusOutEvent(event)


class _FetchJob(QObject):
    """Lives in a QThread: one Library.fetch() with its own Library, relayed as signals."""

    progress = Signal(object)  # FetchProgress
    finished = Signal(object)  # FetchReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, source: str, since: date, until: date, stop: threading.Event) -> None:
        super().__init__()
        self._args = (data_dir, source, since, until)
        self._stop = stop

    @Slot()
    def run(self) -> None:
        data_dir, source, since, until = self._args
        try:
            with Library(data_dir) as library:
                report = library.fetch(source, since, until, progress=self.progress.emit,
                                       should_stop=self._stop.is_set, timeout_s=FETCH_TIMEOUT_S)
        except ReaderError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - the thread boundary: report, never die silently
            log.exception("fetch failed")
            kind, detail, file = describe_error(error, str(data_dir))
            what = f"{kind}: {detail}" if detail else kind
            text = QCoreApplication.translate("FetchDialog", "an internal error ({error}) with {file}")
            self.failed.emit(text.format(error=what, file=file))
        else:
            self.finished.emit(report)


class FetchDialog(JobDialog):
    """Source URL and date range, then per-day progress; Cancel keeps the days fetched so far."""

    fetched = Signal(int)  # days downloaded (> 0): the library needs an update

    def __init__(self, library: Library, parent: QWidget | None = None, source: str = DEFAULT_SOURCE) -> None:
        super().__init__(parent)
        self.library = library
        self.report: FetchReport | None = None
        self.setObjectName("fetch_dialog")
        self.setWindowTitle(self.tr("Check for New Digests"))

        self.source_choice = QComboBox(self)
        self.source_choice.addItem(self.tr("A digest archive (Korean summaries)"), "archive")
        self.source_choice.addItem(self.tr("Hugging Face Daily Papers (English abstracts)"), HUB_SOURCE)
        self.source_choice.setAccessibleName(self.tr("Where new days come from"))
        self.source_choice.setToolTip(self.tr(
            "Hugging Face lists each day's papers with their English abstracts; your own model can then write "
            "Korean summaries (Write Korean Summaries). The archive has Korean digests up to 2025-05-09."))
        self.source_choice.setCurrentIndex(1 if Settings(library.data_dir).fetch_from_hub else 0)
        self.source_edit = QLineEdit(source, self)
        self.source_edit.setToolTip(self.tr("Days are read from {base}/YYYY/MM/DD.md"))
        today = datetime.now(UTC).date()
        self.since_edit = IsoDateEdit(parent=self)
        self.until_edit = IsoDateEdit(QDate(today.year, today.month, today.day), self)
        names = (self.tr("First day to fetch"), self.tr("Last day to fetch"))
        for edit, name in zip((self.since_edit, self.until_edit), names, strict=True):
            edit.setAccessibleName(name)
            edit.setToolTip(self.tr("Type a date as YYYY-MM-DD, or pick one from the calendar"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setValue(0)
        self.progress_bar.setAccessibleName(self.tr("Download progress"))
        self.log_view = QPlainTextEdit(self)
        self.log_view.setReadOnly(True)
        self.log_view.setAccessibleName(self.tr("Days checked"))
        self.log_view.setPlaceholderText(self.tr("Days already in the library are not downloaded again."))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # URLs and server reasons are not markup
        buttons = QDialogButtonBox(self)
        self.fetch_button = QPushButton(self.tr("Fetch"), self)
        self.fetch_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons.addButton(self.fetch_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        form.addRow(self.tr("Source:"), self.source_choice)
        form.addRow(self.tr("Archive:"), self.source_edit)
        form.addRow(self.tr("From:"), self.since_edit)
        form.addRow(self.tr("To:"), self.until_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.log_view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.fetch_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.source_edit.editingFinished.connect(self._suggest_since)
        self.source_choice.currentIndexChanged.connect(self._on_source_choice)
        self._on_source_choice()
        self.resize(640, 480)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Begin the download in the background (one at a time)."""
        if self._thread is not None:
            return
        since, until = self.since_edit.typed_date(), self.until_edit.typed_date()
        for typed, edit in ((since, self.since_edit), (until, self.until_edit)):
            if typed is None:
                self.message.setText(self.tr("{text} is not a date: type it as YYYY-MM-DD, for example 2025-01-07.")
                                     .format(text=edit.text() or "…"))
                edit.setFocus()
                return
        assert since is not None and until is not None
        if since > until:
            self.message.setText(self.tr("The first day is after the last one."))
            return
        self._remember_source(self.source_edit.text().strip())
        self.report = None
        self._stop = threading.Event()
        self.log_view.clear()
        self.progress_bar.setRange(0, 0)  # busy until the first day is done
        shown = self.tr("Hugging Face") if self._from_hub() else self.source_edit.text().strip()
        self.message.setText(self.tr("Checking {source}…").format(source=shown))
        job = _FetchJob(self.library.data_dir, self._source(), since, until, self._stop)
        self._start_job(job, "digest-fetch")

    def cancel(self) -> None:
        """Stop after the current day's download (a blocked read ends within the timeout)."""
        if self._thread is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Stopping…"))

    def reject(self) -> None:
        """Close; during a fetch, cancel it and close once it has stopped, never waiting for it here.

        The fetch stops within about a second, keeping the days that arrived; the dialog says it is
        stopping and closes itself then (its thread must end before the dialog may go).
        """
        if self._thread is not None:
            self._close_when_done = True
            self.cancel()
            self.close_button.setEnabled(False)
            self.message.setText(self.tr("Stopping… the dialog closes when the current day is done."))
            return
        super().reject()

    def _from_hub(self) -> bool:
        return self.source_choice.currentData() == HUB_SOURCE

    def _source(self) -> str:
        return HUB_SOURCE if self._from_hub() else self.source_edit.text()

    def _on_source_choice(self) -> None:
        self.source_edit.setEnabled(not self._from_hub() and self._thread is None)
        self._suggest_since()

    def _remember_source(self, source: str) -> None:
        """The source chosen, and the archive fetched from, are the ones the library follows from now on
        (Preferences shows the archive too)."""
        settings = Settings(self.library.data_dir)
        settings.fetch_from_hub = self._from_hub()
        if source and not self._from_hub() and settings.digest_source != source:
            settings.digest_source = source
        settings.sync()

    def _on_progress(self, progress: FetchProgress) -> None:
        self.progress_bar.setRange(0, progress.total)
        self.progress_bar.setValue(progress.done)
        self.log_view.appendPlainText(self._day_line(progress.result))

    def _on_finished(self, report: FetchReport) -> None:
        self._end_job()
        self._close_if_asked()
        self.report = report
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        lines = [self._summary(report)]
        if report.offline:
            lines = [self.tr("No network: the reader carries on offline with what it has.")]
        elif report.cancelled:
            lines.append(self.tr("Cancelled: the days fetched so far are kept."))
        else:  # e.g. "run again for the rest" when the range was longer than one run covers
            lines += list(report.notes)
            if not report.fetched:
                lines.append(self._no_new_days())
        self.message.setText("\n".join(lines))
        if report.fetched:
            self.fetched.emit(report.fetched)

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self._close_if_asked()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.message.setText(self.tr("Could not check: {message}").format(message=message))

    def _summary(self, report: FetchReport) -> str:
        if not report.days:
            return self.tr("Nothing to fetch: the library is up to date.")
        return self.tr("{fetched} fetched, {none} without a digest, {failed} failed, {present} already here.").format(
            fetched=report.fetched, none=report.count(DayStatus.NONE), failed=report.count(DayStatus.FAILED),
            present=report.count(DayStatus.PRESENT))

    def _no_new_days(self) -> str:
        """Where else new days can come from, instead of silence."""
        if self._from_hub():
            return self.tr("No new days on Hugging Face for these dates. Days also come from a digest archive "
                           "(Source above) and from your own folders of digests (File > Add Folder…).")
        text = self.tr("No new days in this archive.")
        if self.source_edit.text().strip().rstrip("/") == DEFAULT_SOURCE:
            text += " " + self.tr("The public Korean archive stopped on 2025-05-09.")
        return text + " " + self.tr(
            "Hugging Face Daily Papers (Source above) has every day, with English abstracts your own model can "
            "summarise in Korean; your own folders of digests work too (File > Add Folder…).")

    def _day_line(self, result: DayResult) -> str:
        if result.status is DayStatus.FETCHED and result.reason == REPAIRED:
            text = self.tr("fetched again: the copy here was not a whole digest, and the good copy replaced it")
            return f"{result.date}  {text}"
        text = {
            DayStatus.FETCHED: self.tr("fetched"),
            DayStatus.PRESENT: self.tr("already here"),
            DayStatus.NONE: self.tr("no digest that day"),
            DayStatus.FAILED: self.tr("failed"),
        }[result.status]
        return f"{result.date}  {text}" + (f": {result.reason}" if result.reason else "")

    def _suggest_since(self) -> None:
        """The day after the newest the library (or this archive) has; a month back for a new library."""
        today = _as_date(self.until_edit.date())
        try:
            since = min(self.library.default_fetch_start(self._source(), today), today)
        except ReaderError as error:
            self.message.setText(str(error))
            return
        self.message.clear()
        self.since_edit.setDate(QDate(since.year, since.month, since.day))

    def _set_running(self, running: bool) -> None:
        self.fetch_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for edit in (self.source_choice, self.since_edit, self.until_edit):
            edit.setEnabled(not running)
        self.source_edit.setEnabled(not running and not self._from_hub())



def _as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
