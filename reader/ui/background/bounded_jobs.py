"""Calls that must not run on the GUI thread, each on a thread of its own, with a time budget.

The detail pane formats a large summary this way (panes/detail_pane.py): Python-Markdown can take minutes
on a hostile summary, and a call cannot be stopped from outside, so past its budget the call's thread is
interrupted: Python raises ``Interrupted`` in it at its next bytecode (``PyThreadState_SetAsyncExc``), and
the job's fallback runs in its place (plain text, quickly). A job made stale by a newer one is interrupted
at once and its result is dropped: only the newest job's result is delivered, as ``finished``.

The threads touch no Qt object: they leave their result in plain Python attributes, which a QTimer on
the GUI thread polls while jobs run (the way main_window.py polls its import thread). Should a thread not
answer its interrupt (stuck in C code), ``finished`` still comes, with ``None``, once the grace period
after its budget is over: the caller then shows its own quick fallback.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("reader.ui.background.bounded_jobs")

POLL_MS = 10
GRACE_S = 0.5  # after the budget and the interrupt, how long a thread may take to give its fallback
STALE_S = 60.0  # a dropped job still running this long after its budget is no longer polled


class Interrupted(BaseException):  # noqa: N818 - not an error: the job was stopped
    """Raised inside a job's thread when the job ran past its budget or was replaced by a newer one.

    A BaseException, so that no ``except Exception`` in the code it interrupts can swallow it.
    """


def _raise_in_thread(ident: int) -> bool:
    """Ask Python to raise Interrupted in the thread ``ident`` at its next bytecode; False if it cannot."""
    try:
        changed = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(Interrupted))
    except (AttributeError, OSError):  # not CPython
        return False
    return bool(changed == 1)


class _Job:
    """One call on its own daemon thread: its result, or its fallback's when it failed or was interrupted."""

    def __init__(self, generation: int, call: Callable[[], Any], fallback: Callable[[BaseException], Any],
                 budget_s: float) -> None:
        self.generation = generation
        self.deadline = time.monotonic() + budget_s
        self.result: Any = None
        self.ready = False  # set last, after the result: what the GUI thread polls
        self._call, self._fallback = call, fallback
        self._lock = threading.Lock()
        self._call_done = False
        self._interrupted = False
        self._thread = threading.Thread(target=self._run, name="bounded-job", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def interrupt(self) -> None:
        """Stop the call (at most once, and only while it runs); its fallback gives the result."""
        with self._lock:
            if self._call_done or self._interrupted or self._thread.ident is None:
                return
            self._interrupted = True
            if not _raise_in_thread(self._thread.ident):
                log.debug("cannot interrupt a formatting thread; its result will be dropped")

    def is_interrupted(self) -> bool:
        return self._interrupted

    def _run(self) -> None:
        value: Any = None
        try:
            try:
                try:
                    value = self._call()
                finally:
                    with self._lock:
                        self._call_done = True
            except BaseException as error:  # noqa: BLE001 - Interrupted, RecursionError, a bug: the fallback shows the text
                try:
                    value = self._fallback(error)
                except Interrupted as late:  # the interrupt arrived after the call had ended: nothing is pending now
                    value = self._fallback(late)
        except BaseException:  # noqa: BLE001 - the thread boundary: the GUI thread sees None and falls back itself
            log.exception("a background job failed")
            value = None
        finally:
            self.result = value
            self.ready = True


class BoundedJobs(QObject):
    """Runs one call at a time off the GUI thread; the newest one's result arrives as ``finished``."""

    finished = Signal(int, object)  # generation given by submit(), result (None: no result, use a fallback)

    def __init__(self, parent: QObject | None = None, budget_s: float = 1.0) -> None:
        super().__init__(parent)
        self.budget_s = budget_s
        self._generation = 0
        self._jobs: list[_Job] = []  # the newest last; older ones run on until their interrupt ends them
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)

    def submit(self, call: Callable[[], Any], fallback: Callable[[BaseException], Any]) -> int:
        """Start ``call`` on a new thread, interrupting the job before it; returns its generation.

        ``fallback(error)`` runs on that thread instead when the call raises or is interrupted
        (``Interrupted``: it ran past ``budget_s``); its value is the job's result.
        """
        self.cancel()
        job = _Job(self._generation, call, fallback, self.budget_s)
        self._jobs.append(job)
        job.start()
        self._poll.start()
        return job.generation

    def cancel(self) -> None:
        """Drop the running job's result, and interrupt it."""
        self._generation += 1
        for job in self._jobs:
            job.interrupt()

    def is_busy(self) -> bool:
        """True while the newest job has not delivered its result."""
        return any(job.generation == self._generation for job in self._jobs)

    def _check(self) -> None:
        now = time.monotonic()
        for job in list(self._jobs):
            current = job.generation == self._generation
            if job.ready:
                self._jobs.remove(job)
                if current:
                    self.finished.emit(job.generation, job.result)
            elif not current:  # interrupted: it ends by itself, and its result is dropped
                if now >= job.deadline + STALE_S:
                    self._jobs.remove(job)  # stuck for good: stop polling it (the daemon thread is left alone)
            elif now >= job.deadline + GRACE_S and job.is_interrupted():
                log.warning("a formatting thread did not stop when asked; showing plain text")
                self._generation += 1  # its result, should it come, is stale
                self.finished.emit(job.generation, None)
            elif now >= job.deadline:
                job.interrupt()
        if not self._jobs:
            self._poll.stop()
