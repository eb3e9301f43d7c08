"""Insights off the GUI thread: one thread with its own Library answers trend, emerging and recap requests.

A Library belongs to one thread (reader.library.facade), so the thread opens its own on the window's data
directory, once, and keeps it: a second trend reuses the index's cached postings. Requests are plain
calls ``job(library)``; only the newest request of each kind is delivered (``finished(kind, result)``),
older ones still queued are skipped. A failure arrives as ``failed(kind, message)``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.core.errors import InvalidQueryError, ReaderError
from reader.library import Library

log = logging.getLogger("reader.ui.insights")

Job = Callable[[Library], Any]


class InsightsWorker(QObject):
    """Runs insight jobs on one background thread; results come back as queued signals on the GUI thread."""

    finished = Signal(str, object)  # kind, result
    failed = Signal(str, str, bool)  # kind, message, True when the user's query is what is wrong

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._requests: queue.Queue[tuple[str, int, Job] | None] = queue.Queue()
        self._newest: dict[str, int] = {}
        self._serial = 0
        self._stopped = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="insights", daemon=True)
        self._thread.start()

    def request(self, kind: str, job: Job) -> None:
        """Run ``job`` soon; a later request of the same kind replaces it if it has not started."""
        with self._lock:
            self._serial += 1
            self._newest[kind] = self._serial
            self._requests.put((kind, self._serial, job))

    def is_current(self, kind: str, serial: int) -> bool:
        with self._lock:
            return self._newest.get(kind) == serial

    def stop(self) -> None:
        """Deliver nothing more; the thread finishes its job and closes its Library (a daemon: exit never waits)."""
        with self._lock:
            self._stopped = True
        self._requests.put(None)

    def _run(self) -> None:
        library: Library | None = None
        try:
            while (item := self._requests.get()) is not None:
                kind, serial, job = item
                if not self.is_current(kind, serial):
                    continue
                try:
                    library = library or Library(self._data_dir)
                    result = job(library)
                except InvalidQueryError as error:
                    self._deliver_failure(kind, serial, str(error), True)
                except (ReaderError, ValueError, OSError) as error:
                    self._deliver_failure(kind, serial, str(error), False)
                except Exception as error:  # a bug: the window must keep working
                    log.exception("insight job %s failed", kind)
                    self._deliver_failure(kind, serial, repr(error), False)
                else:
                    if self.is_current(kind, serial):
                        self._emit(self.finished, kind, result)
        finally:
            if library is not None:
                library.close()

    def _deliver_failure(self, kind: str, serial: int, message: str, query_error: bool) -> None:
        if self.is_current(kind, serial):
            self._emit(self.failed, kind, message, query_error)

    def _emit(self, signal: Any, *args: object) -> None:
        """Post a result to the GUI thread, unless the window that asked is gone (closed while the job ran)."""
        with self._lock:
            if self._stopped:
                return
            try:
                signal.emit(*args)
            except RuntimeError:  # the QObject was deleted under the thread
                self._stopped = True
