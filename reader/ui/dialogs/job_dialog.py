"""A dialog that runs one job on a thread of its own: the fetch dialog's and the summaries dialog's lifecycle.

The job is a QObject with ``run`` and the signals ``progress``, ``finished`` and ``failed``; the dialog
gives the matching ``_on_progress``/``_on_finished``/``_on_failed`` and ``_set_running``. A close asked
for while the job runs waits for it to stop (its thread must end before the dialog may go), never here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QDialog, QWidget

from reader.ui.background.job_thread import end_thread


class JobDialog(QDialog):
    """Starts, ends and closes after a job that runs on a QThread; the subclass says what it shows."""

    if TYPE_CHECKING:  # what the subclass gives: the job's signals' handlers, and the buttons' state
        _on_progress: Callable[[Any], None]
        _on_finished: Callable[[Any], None]
        _on_failed: Callable[[str], None]
        _set_running: Callable[[bool], None]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: QObject | None = None
        self._stop = threading.Event()  # set by Cancel: the job stops at its next step
        self._close_when_done = False  # closed while the job ran: closes when it has stopped

    def _start_job(self, job: QObject, thread_name: str) -> None:
        """Run `job` on a new thread, its signals wired to this dialog's handlers."""
        thread = QThread(self)
        thread.setObjectName(thread_name)
        job.moveToThread(thread)
        thread.started.connect(job.run)  # type: ignore[attr-defined]
        job.progress.connect(self._on_progress)  # type: ignore[attr-defined]
        job.finished.connect(self._on_finished)  # type: ignore[attr-defined]
        job.failed.connect(self._on_failed)  # type: ignore[attr-defined]
        self._thread, self._job = thread, job
        self._set_running(True)
        thread.start()

    def _end_job(self) -> None:
        """After the job's last signal: its thread ends, then the job and the thread go."""
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is None:
            return
        end_thread(thread)
        del job  # deleted only after its thread has ended
        self._set_running(False)

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            super().reject()
