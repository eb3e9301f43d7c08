"""Background library updates: scanning and indexing run in a QThread, never on the GUI thread.

The worker opens its own Library on the same data directory (a Library belongs to one thread)
and sends back only plain values through queued signals; it never touches a widget. The GUI
thread reloads its models from its own Library when told that new data is committed.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.library import Library, UpdateProgress

log = logging.getLogger("reader.ui.workers")
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second: the GUI needs no more


class _UpdateJob(QObject):
    """Lives in the worker thread; runs one Library.update()."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # UpdateReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, stop: threading.Event) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._stop = stop
        self._last_emit = 0.0

    @Slot()
    def run(self) -> None:
        try:
            library = Library(self._data_dir)
            try:
                report = library.update(progress=self._on_progress, should_stop=self._stop.is_set)
            finally:
                library.close()
        except Exception as error:  # noqa: BLE001 - the thread boundary: report, never die silently
            log.exception("library update failed")
            self.failed.emit(str(error) or type(error).__name__)
        else:
            self.finished.emit(report)

    def _on_progress(self, progress: UpdateProgress) -> None:
        now = time.monotonic()
        if progress.done >= progress.total or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit = now
            self.progress.emit(progress.done, progress.total, progress.path)


class LibraryUpdater(QObject):
    """Starts, reports and stops background updates of one data directory, one at a time."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total, path of the file just read
    finished = Signal(object)  # UpdateReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._thread: QThread | None = None
        self._job: _UpdateJob | None = None
        self._stop = threading.Event()

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Begin an update unless one is running; False if one already is."""
        if self._thread is not None:
            return False
        self._stop.clear()
        thread = QThread(self)
        thread.setObjectName("library-update")
        job = _UpdateJob(self._data_dir, self._stop)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        thread.finished.connect(job.deleteLater)  # deleted in its own thread as the loop ends
        job.progress.connect(self.progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self._thread, self._job = thread, job
        thread.start()
        self.started.emit()
        return True

    def stop(self) -> None:
        """Ask the running update to stop after its current file and wait for the thread."""
        if self._thread is None:
            return
        self._stop.set()
        if self._job is not None:  # a result arriving after stop() must not reload a closing window
            for signal in (self._job.progress, self._job.finished, self._job.failed):
                signal.disconnect()
        self._cleanup()

    def _on_finished(self, report: object) -> None:
        self._cleanup()
        self.finished.emit(report)

    def _on_failed(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(message)

    def _cleanup(self) -> None:
        thread = self._thread
        self._thread = self._job = None
        if thread is None:
            return
        thread.quit()
        thread.wait()
        thread.deleteLater()
