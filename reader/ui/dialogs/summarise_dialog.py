"""File > Write Korean Summaries…: the reader's own model summarises a Hugging Face day in Korean.

The requests (Library.summarise) run in a QThread with their own Library, one paper at a time; the
dialog shows one line per paper, a progress bar and Cancel (it acts within a second; what was written
is kept). Endpoint and model are remembered in the settings; the API key typed here goes into the
system keyring (Library.store_api_key), never into settings.ini or a log. An endpoint that cannot be
reached is one sentence in the dialog. When papers got their summary, `summarised` asks the window for
the usual background update, which indexes them.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
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
    CHAT_DEFAULTS,
    Library,
    SummaryProgress,
    SummaryReport,
    chat_model,
    check_endpoint,
    store_api_key,
    summarise_hub_day,
)
from reader.ui.dialogs.job_dialog import JobDialog
from reader.ui.platform.settings import Settings

log = logging.getLogger("reader.ui.dialogs.summarise_dialog")


class _SummariseJob(QObject):
    """Lives in a QThread: one Library.summarise() with its own Library, relayed as signals."""

    progress = Signal(object)  # SummaryProgress
    finished = Signal(object)  # SummaryReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, day: str, model: tuple[str, str], new_key: str, skip: frozenset[str],
                 stop: threading.Event) -> None:
        super().__init__()
        self._args = (data_dir, day, model, new_key)
        self._skip = skip
        self._stop = stop

    @Slot()
    def run(self) -> None:
        """Here, not on the GUI thread: the keyring may take a while (a locked keyring asks to be unlocked)."""
        data_dir, day, (endpoint, name), new_key = self._args
        try:  # no Library here: a second catalogue connection in the window's process is not needed
            if new_key:
                store_api_key(endpoint, new_key)
            model = chat_model(endpoint, name or None)
            report = summarise_hub_day(data_dir, day, model, progress=self.progress.emit,
                                       should_stop=self._stop.is_set, skip=self._skip)
        except ReaderError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - the thread boundary: report, never die silently
            log.exception("summarise failed")
            text = QCoreApplication.translate("SummariseDialog", "an internal error ({error})")
            self.failed.emit(text.format(error=type(error).__name__))
        else:
            self.finished.emit(report)


class SummariseDialog(JobDialog):
    """Endpoint, model and key, then per-paper progress; Cancel keeps the summaries written so far."""

    summarised = Signal(int)  # papers that got a Korean summary (> 0): the library needs an update

    def __init__(self, library: Library, day: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.day = library, day
        self.report: SummaryReport | None = None
        self.setObjectName("summarise_dialog")
        self.setWindowTitle(self.tr("Write Korean Summaries"))
        settings = Settings(library.data_dir)
        default_endpoint, default_model = CHAT_DEFAULTS

        intro = QLabel(self.tr(
            "Your own model writes a Korean summary (What's New, Technical Details, Performance Highlights) of "
            "each paper of {day} from its title and English abstract. Only that public text is sent, to the "
            "endpoint below and nowhere else.").format(day=day), self)
        intro.setWordWrap(True)
        self.endpoint_edit = QLineEdit(settings.chat_endpoint or default_endpoint, self)
        self.endpoint_edit.setToolTip(self.tr("An OpenAI-compatible API: a local Ollama is http://localhost:11434/v1"))
        self.model_edit = QLineEdit(settings.chat_model or default_model, self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("kept in the system keyring; empty: as before"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setValue(0)
        self.progress_bar.setAccessibleName(self.tr("Summary progress"))
        self.log_view = QPlainTextEdit(self)
        self.log_view.setReadOnly(True)
        self.log_view.setAccessibleName(self.tr("Papers summarised"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton(self.tr("Write Summaries"), self)
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        form.addRow(self.tr("Endpoint:"), self.endpoint_edit)
        form.addRow(self.tr("Model:"), self.model_edit)
        form.addRow(self.tr("API key:"), self.key_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.log_view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.resize(620, 460)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Remember endpoint and model, keep a typed key in the keyring, then ask in the background."""
        if self._thread is not None:
            return
        name = self.model_edit.text().strip() or CHAT_DEFAULTS[1]
        try:
            endpoint = check_endpoint(self.endpoint_edit.text())
        except ReaderError as error:
            self.message.setText(str(error))
            return
        new_key = self.key_edit.text()
        self.key_edit.clear()
        settings = Settings(self.library.data_dir)
        settings.chat_endpoint, settings.chat_model = endpoint, name
        settings.sync()
        self.report = None
        self._stop = threading.Event()
        self.log_view.clear()
        self.progress_bar.setRange(0, 0)
        self.message.setText(self.tr("Asking {model} at {endpoint}…").format(model=name, endpoint=endpoint))
        try:  # papers a Korean digest already summarises that day are not sent (one catalogue query)
            skip = self.library.summarised_elsewhere(self.day)
        except ReaderError:
            skip = frozenset()
        job = _SummariseJob(self.library.data_dir, self.day, (endpoint, name), new_key, skip, self._stop)
        self._start_job(job, "summarise")

    def cancel(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Stopping…"))

    def reject(self) -> None:
        """Close; while the model is asked, cancel and close once it has stopped, never waiting here."""
        if self._thread is not None:
            self._close_when_done = True
            self.cancel()
            self.close_button.setEnabled(False)
            return
        super().reject()

    def _on_progress(self, step: SummaryProgress) -> None:
        self.progress_bar.setRange(0, step.total)
        self.progress_bar.setValue(step.done)
        text = self.tr("failed: {reason}").format(reason=step.reason) if step.reason else self.tr("summarised")
        self.log_view.appendPlainText(f"{step.arxiv_id}  {text}")

    def _on_finished(self, report: SummaryReport) -> None:
        self._end_job()
        self.report = report
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        text = self.tr("{written} summarised, {failed} failed, {already} already had a Korean summary.").format(
            written=report.written, failed=len(report.failed), already=report.already)
        if report.cancelled:
            text += "\n" + self.tr("Cancelled: the summaries written so far are kept.")
        self.message.setText(text)
        if report.written:
            self.summarised.emit(report.written)
        self._close_if_asked()

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.message.setText(self.tr("Could not write summaries: {message}").format(message=message))
        self._close_if_asked()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for edit in (self.endpoint_edit, self.model_edit, self.key_edit):
            edit.setEnabled(not running)

