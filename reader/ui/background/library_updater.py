"""Background library updates: scanning and indexing never run on the GUI thread.

The update itself runs in a child process with its own Library on the same data directory
(sqlite WAL and Whoosh snapshots make that safe). A thread was not enough: Whoosh's commit sorts
its term tables in single C calls that hold the GIL, and with a 5,000-paper library that froze
the window for 200-350 ms at a time (bench/gui_stall.py). A QThread in this process only waits
on the child's pipe and turns its messages into queued signals; nothing here touches a widget,
and the GUI thread reloads its models from its own Library when told the update is done.

One update runs at a time: `UpdateRequests` holds a request made while one runs (a watched folder
changed, a source was added) and starts it when that one ends.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext
    from multiprocessing.synchronize import Event

log = logging.getLogger("reader.ui.background.library_updater")
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress messages a second: the GUI needs no more
DAYS_INTERVAL_S = 2.0  # while indexing, the sidebar learns of newly committed days this often
STOP_GRACE_S = 10.0  # after this, a child that ignored the stop request is terminated


def _spawn_context() -> SpawnContext:
    """Spawn, since forking a process that runs Qt threads is unsafe.

    Imported on the first update, not with the window: multiprocessing costs start-up time, and
    its first Event starts the resource-tracker process, which would compete with the first paint.
    """
    import multiprocessing

    return multiprocessing.get_context("spawn")


def import_update_machinery() -> None:
    """Import multiprocessing and start its resource tracker: ~80 ms the first update spent on the GUI thread.

    The window runs this on a thread of its own after its first paint. Only imports and the
    tracker's start happen here, each guarded by a lock of its own, so a concurrent update is safe.
    """
    _spawn_context()
    import multiprocessing.connection  # noqa: F401 - Pipe()
    import multiprocessing.synchronize  # noqa: F401 - Event()

    if os.name == "posix":  # where semaphores are tracked; the first Event() would start the tracker process
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()


def _update_in_child(data_dir: str, events: Connection, stop: Event, days_interval_s: float) -> None:
    """Child process: run one Library.update() and send ("progress"|"days"|"finished"|"failed", ...) messages.

    The days with their counts are counted here, not by the window: at 100,000 papers that query
    takes 30-90 ms while the update writes, time the GUI thread would stand still. Progress comes
    between commits, so the days sent are the committed ones, which the window can list.
    """
    from reader.library import Library, UpdateProgress  # imported here: the child needs no Qt

    last_sent = last_days_sent = time.monotonic()

    def on_progress(progress: UpdateProgress) -> None:
        nonlocal last_sent, last_days_sent
        now = time.monotonic()
        if progress.done >= progress.total or now - last_sent >= PROGRESS_INTERVAL_S:
            last_sent = now
            events.send(("progress", progress.done, progress.total, progress.path))
        if now - last_days_sent >= days_interval_s:
            last_days_sent = now
            events.send(("days", library.days()))

    try:
        library = Library(data_dir)
        try:
            report = library.update(progress=on_progress, should_stop=stop.is_set)
            events.send(("days", library.days()))  # the final days: the window need not count them itself
        finally:
            library.close()
    except Exception as error:  # noqa: BLE001 - the process boundary: report, never die silently
        log.exception("library update failed")
        events.send(("failed", str(error) or type(error).__name__))
    else:
        events.send(("finished", report))
    finally:
        events.close()


class _UpdateJob(QObject):
    """Lives in a QThread: starts the child process and relays its messages as signals."""

    progress = Signal(int, int, str)
    days = Signal(object)  # list[DayInfo]
    finished = Signal(object)  # UpdateReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, stop: Event, days_interval_s: float) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._stop = stop
        self._days_interval_s = days_interval_s

    @Slot()
    def run(self) -> None:
        context = _spawn_context()
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_update_in_child, args=(str(self._data_dir), sender, self._stop, self._days_interval_s),
            name="daily-papers-update", daemon=True,
        )
        try:
            process.start()
        except OSError as error:
            self.failed.emit(f"cannot start the update process: {error}")
            return
        sender.close()  # only the child writes; recv() then sees EOF if the child dies
        outcome: tuple[str, object] | None = None
        while outcome is None:
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message[0] == "progress":
                self.progress.emit(*message[1:])
            elif message[0] == "days":
                self.days.emit(message[1])
            else:
                outcome = message
        receiver.close()
        process.join(STOP_GRACE_S if self._stop.is_set() else None)
        if process.is_alive():
            process.terminate()  # a killed writer leaves no stale Whoosh lock (korean-search.md)
            process.join()
        if outcome is None:
            self.failed.emit(f"the update process stopped unexpectedly (exit code {process.exitcode})")
        elif outcome[0] == "finished":
            self.finished.emit(outcome[1])
        else:
            self.failed.emit(str(outcome[1]))


class LibraryUpdater(QObject):
    """Starts, reports and stops background updates of one data directory, one at a time."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total, path of the file just read
    days = Signal(object)  # list[DayInfo]: every committed day with its counts, every DAYS_INTERVAL_S
    finished = Signal(object)  # UpdateReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._thread: QThread | None = None
        self._job: _UpdateJob | None = None
        self._stop: Event | None = None  # the running update's stop request
        self.days_interval_s = DAYS_INTERVAL_S  # how often the days come while an update runs

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Begin an update unless one is running; False if one already is."""
        if self._thread is not None:
            return False
        stop = _spawn_context().Event()
        thread = QThread(self)
        thread.setObjectName("library-update")
        job = _UpdateJob(self._data_dir, stop, self.days_interval_s)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progress.connect(self.progress)
        job.days.connect(self.days)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self._thread, self._job, self._stop = thread, job, stop
        thread.start()
        self.started.emit()
        return True

    def stop(self) -> None:
        """Ask the running update to stop after its current file, and wait until it has."""
        if self._thread is None or self._stop is None:
            return
        self._stop.set()
        if self._job is not None:  # a result arriving after stop() must not reload a closing window
            for signal in (self._job.progress, self._job.days, self._job.finished, self._job.failed):
                signal.disconnect()
        self._cleanup()

    def _on_finished(self, report: object) -> None:
        self._cleanup()
        self.finished.emit(report)

    def _on_failed(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(message)

    def _cleanup(self) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is None:
            return
        thread.quit()
        thread.wait()
        del job  # the last reference: the job is deleted here, only after its thread has ended
        thread.deleteLater()


class UpdateRequests(QObject):
    """Start a library update now, or right after the running one: never drop a request."""

    def __init__(self, updater: LibraryUpdater, start: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._updater = updater
        self._start = start  # the window's start_update: it also shows the progress
        self._pending = False
        updater.finished.connect(self._run_pending)
        updater.failed.connect(self._run_pending)

    def request(self) -> None:
        if self._updater.is_running():
            self._pending = True
        else:
            self._start()

    def _run_pending(self, *_outcome: object) -> None:
        if self._pending:
            self._pending = False
            QTimer.singleShot(0, self._start)  # after every other slot of this finished signal has run
