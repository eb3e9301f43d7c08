"""Background library updates: scanning and indexing never run on the GUI thread.

The update itself runs in a child process with its own Library on the same data directory
(sqlite WAL and Whoosh snapshots make that safe). A thread was not enough: Whoosh's commit sorts
its term tables in single C calls that hold the GIL, and with a 5,000-paper library that froze
the window for 200-350 ms at a time (bench/gui_stall.py). A QThread in this process only waits
on the child's pipe and turns its messages into queued signals; nothing here touches a widget,
and the GUI thread reloads its models from its own Library when told the update is done.

One update runs at a time: `UpdateRequests` holds a request made while one runs (a watched folder
changed, a source was added) and starts it when that one ends.

The child never outlives the window: `stop()` (the window calls it when it closes) asks the child to stop,
waits at most STOP_WAIT_S, then terminates it and at last kills it; and the child ends itself when its
parent dies (`watch_parent`: a killed or crashed window), since an orphan would hold update.lock and
block every later update and command. A killed child is harmless: the index is written before the
catalogue, so the next update does the interrupted files again, and the OS drops update.lock.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from reader.ui.background.job_thread import end_thread

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext
    from multiprocessing.process import BaseProcess
    from multiprocessing.synchronize import Event

log = logging.getLogger("reader.ui.background.library_updater")
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress messages a second: the GUI needs no more
DAYS_INTERVAL_S = 2.0  # while indexing, the sidebar learns of newly committed days this often
STOP_GRACE_S = 10.0  # after this, a child that ignored the stop request is terminated (by the job's thread)
STOP_WAIT_S = 2.0  # stop() (the window closing) waits this long for the child to stop by itself...
KILL_WAIT_S = 1.0  # ...then this long after terminating it, and after killing it
PARENT_POLL_S = 0.5  # how often a child without a parent sentinel checks that its parent is alive
EXIT_ORPHANED = 3  # the child's exit code when it ends because its parent is gone


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


def watch_parent(parent_pid: int, poll_s: float = PARENT_POLL_S) -> threading.Thread:
    """In a child process: end it at once (``os._exit``) when its parent process is gone.

    Waits on multiprocessing's parent sentinel where there is one (a pipe the parent holds open: it
    ends when the parent dies, however it dies); else polls ``os.getppid()``, which changes when the
    parent dies and the child is handed to init.
    """
    import multiprocessing

    parent = multiprocessing.parent_process()

    def watch() -> None:
        if parent is not None:
            parent.join()  # returns when the parent's end of the sentinel pipe closes
        else:
            while os.getppid() == parent_pid:
                time.sleep(poll_s)
        log.warning("the window that started this update is gone: stopping")
        os._exit(EXIT_ORPHANED)

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def _update_in_child(data_dir: str, events: Connection, stop: Event, days_interval_s: float,
                     parent_pid: int = 0) -> None:
    """Child process: run one Library.update() and send ("progress"|"merging"|"days"|"finished"|"failed"|"error", ...)
    messages; it ends by itself should its parent die (watch_parent).

    The days with their counts are counted here, not by the window: at 100,000 papers that query
    takes 30-90 ms while the update writes, time the GUI thread would stand still. Progress comes
    between commits, so the days sent are the committed ones, which the window can list.
    """
    watch_parent(parent_pid or os.getppid())
    from reader.core.errors import ReaderError
    from reader.core.priority import lower_priority
    from reader.library import Library, UpdateProgress  # imported here: the child needs no Qt

    last_sent = last_days_sent = time.monotonic()
    last_path = ""  # the digest read last: where an internal error happened (or just after)

    def on_progress(progress: UpdateProgress) -> None:
        nonlocal last_sent, last_days_sent, last_path
        if progress.merging:
            events.send(("merging", progress.merging))
            return
        last_path = progress.path
        now = time.monotonic()
        if progress.done >= progress.total or now - last_sent >= PROGRESS_INTERVAL_S:
            last_sent = now
            events.send(("progress", progress.done, progress.total, progress.path, progress.papers))
        if now - last_days_sent >= days_interval_s:
            last_days_sent = now
            events.send(("days", library.days()))

    lower_priority()  # the window's thread first
    try:
        library = Library(data_dir)
        try:
            report = library.update(progress=on_progress, should_stop=stop.is_set)
            events.send(("days", library.days()))  # the final days: the window need not count them itself
        finally:
            library.close()
    except ReaderError as error:  # its message is written for the user
        log.warning("library update failed: %s", error)
        events.send(("failed", str(error)))
    except BaseException as error:  # noqa: BLE001 - the process boundary: report, never die silently
        log.exception("library update failed")
        events.send(("error", *describe_error(error, last_path or data_dir)))
    else:
        events.send(("finished", report))
    finally:
        events.close()


def _child_target() -> Callable[..., None]:
    """What the child runs (tests put a stand-in here that hangs, to check that it is ended)."""
    return _update_in_child


def describe_error(error: BaseException, where: str) -> tuple[str, str, str]:
    """(kind, detail, file) of an unexpected error: the file it names, else ``where`` (the file read last)."""
    kind = type(error).__name__
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error).strip()
    filename = getattr(error, "filename", None) if isinstance(error, OSError) else None
    return kind, detail[:300], str(filename) if filename else where


def internal_error_text(kind: str, detail: str, file: str) -> str:
    """One sentence for the user: what went wrong, and with which file."""
    what = f"{kind}: {detail}" if detail and detail != kind else kind
    return QCoreApplication.translate("Updates", "an internal error ({error}) while reading {file}").format(
        error=what, file=file)


class _UpdateJob(QObject):
    """Lives in a QThread: starts the child process and relays its messages as signals."""

    progress = Signal(int, int, str)
    papers_progress = Signal(int, int, int)
    merging = Signal(int)
    days = Signal(object)  # list[DayInfo]
    finished = Signal(object)  # UpdateReport
    failed = Signal(str)

    def __init__(self, data_dir: Path, stop: Event, days_interval_s: float) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._stop = stop
        self._days_interval_s = days_interval_s
        self._process: BaseProcess | None = None  # set by run(); end_child() may end it from the GUI thread
        self._lock = threading.Lock()

    def end_child(self, wait_s: float = KILL_WAIT_S) -> None:
        """Terminate the child (any thread), waiting up to ``wait_s`` for it to go; then kill it."""
        with self._lock:
            process = self._process
        if process is None or not process.is_alive():
            return
        log.warning("the update process did not stop when asked: terminating it")
        process.terminate()
        process.join(wait_s)
        if process.is_alive():
            process.kill()
            process.join(wait_s)

    @Slot()
    def run(self) -> None:
        context = _spawn_context()
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_child_target(),
            args=(str(self._data_dir), sender, self._stop, self._days_interval_s, os.getpid()),
            name="daily-papers-update", daemon=True,
        )
        try:
            with self._lock:
                if self._stop.is_set():  # stopped before it began: start nothing
                    receiver.close()
                    sender.close()
                    return
                process.start()
                self._process = process
        except OSError as error:
            self.failed.emit(QCoreApplication.translate("Updates", "cannot start the update process: {error}").format(
                error=error.strerror or error))
            return
        sender.close()  # only the child writes; recv() then sees EOF if the child dies
        outcome: tuple[Any, ...] | None = None
        while outcome is None:
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message[0] == "progress":
                _kind, done, total, path, papers = message
                self.progress.emit(done, total, path)
                self.papers_progress.emit(done, total, papers)
            elif message[0] == "merging":
                self.merging.emit(message[1])
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
            self.failed.emit(QCoreApplication.translate(
                "Updates", "the update process stopped unexpectedly (exit code {code}) in {folder}").format(
                    code=process.exitcode, folder=self._data_dir))
        elif outcome[0] == "finished":
            self.finished.emit(outcome[1])
        elif outcome[0] == "error":
            self.failed.emit(internal_error_text(*outcome[1:]))
        else:
            self.failed.emit(str(outcome[1]))


class LibraryUpdater(QObject):
    """Starts, reports and stops background updates of one data directory, one at a time."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total, path of the file just read
    papers_progress = Signal(int, int, int)  # files done, files in all, papers read so far
    merging = Signal(int)  # every file read: the index's segments of this many papers are being merged
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
        job.papers_progress.connect(self.papers_progress)
        job.merging.connect(self.merging)
        job.days.connect(self.days)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self._thread, self._job, self._stop = thread, job, stop
        thread.start()
        self.started.emit()
        return True

    def stop(self, wait_s: float = STOP_WAIT_S) -> None:
        """Ask the running update to stop after its current files, and wait until it has ended.

        The wait is bounded: a child still running after ``wait_s`` is terminated, then killed
        (KILL_WAIT_S each), so closing the window returns even when the child hangs.
        """
        if self._thread is None or self._stop is None:
            return
        self._stop.set()
        job = self._job
        if job is not None:  # a result arriving after stop() must not reload a closing window
            for signal in (job.progress, job.papers_progress, job.merging, job.days, job.finished, job.failed):
                signal.disconnect()
            if not self._thread.wait(max(0, round(wait_s * 1000))):
                job.end_child()
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
        end_thread(thread)
        del job  # the last reference: the job is deleted here, only after its thread has ended


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
