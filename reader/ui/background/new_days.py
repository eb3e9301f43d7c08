"""The optional background check for new days: on start and every few hours while the window is open.

Off unless the reader turns it on (File > Check for New Days in the Background, settings.background_check).
When due (`CHECK_EVERY_S` after the last check, kept in the settings so a restart does not ask again at
once), it fetches the source the fetch dialog follows (the hub or the archive) in a QThread with its own
Library, as the dialog does, then reports `found(days, papers)` when days arrived: the window updates the
library and notifies. Nothing is said when nothing is new, or when there is no network (that is normal
for a laptop). The clock is injectable, so a test moves time instead of waiting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from reader.core.errors import ReaderError
from reader.library import Library
from reader.ui.background.job_thread import end_thread

log = logging.getLogger("reader.ui.background.new_days")

CHECK_EVERY_S = 3 * 60 * 60  # "every few hours"
TICK_MS = 60_000  # how often the window asks whether a check is due
TIMEOUT_S = 15.0


class _CheckJob(QObject):
    finished = Signal(int, list)  # days fetched, (date, arXiv id) of the papers in them

    def __init__(self, data_dir: Path, source: str, stop: threading.Event) -> None:
        super().__init__()
        self._data_dir, self._source, self._stop = data_dir, source, stop

    @Slot()
    def run(self) -> None:
        days, papers = 0, []
        try:
            with Library(self._data_dir) as library:
                report = library.fetch(self._source, should_stop=self._stop.is_set, timeout_s=TIMEOUT_S)
                days, papers = report.fetched, library.fetched_entries(report) if report.fetched else []
        except ReaderError as error:
            log.info("background check: %s", error)
        except Exception:  # noqa: BLE001 - the thread boundary: a background check never takes the window down
            log.exception("background check failed")
        self.finished.emit(days, papers)


class NewDaysCheck(QObject):
    """Runs a fetch of `source()` when `enabled()` and due; `found(days, papers)` when days arrived (papers: the
    (date, arXiv id) of each new paper)."""

    found = Signal(int, list)
    checked = Signal()  # a check ended (new days or not)

    def __init__(self, data_dir: Path, source: Callable[[], str], enabled: Callable[[], bool],
                 last_check: Callable[[], float], set_last_check: Callable[[float], None],
                 parent: QObject | None = None, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self._data_dir, self._source, self._enabled = data_dir, source, enabled
        self._last_check, self._set_last_check, self._clock = last_check, set_last_check, clock
        self._thread: QThread | None = None
        self._job: _CheckJob | None = None
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check_if_due)

    def start(self) -> None:
        """Check now if due, then look again every minute (the check itself runs every few hours)."""
        self._timer.start()
        self.check_if_due()

    def is_due(self) -> bool:
        return self._enabled() and self._clock() - self._last_check() >= CHECK_EVERY_S

    def is_running(self) -> bool:
        return self._thread is not None

    def check_if_due(self) -> bool:
        """Start a check when it is on and due and none runs; True when one started."""
        if self._thread is not None or not self.is_due():
            return False
        self._set_last_check(self._clock())
        self._stop = threading.Event()
        thread = QThread(self)
        thread.setObjectName("new-days-check")
        job = _CheckJob(self._data_dir, self._source(), self._stop)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.finished.connect(self._on_finished)
        self._thread, self._job = thread, job
        thread.start()
        return True

    def stop(self) -> None:
        """The window closes: end a check within a second, keeping what arrived."""
        self._timer.stop()
        self._stop.set()
        self._end_thread()

    def _on_finished(self, days: int, papers: list[tuple[str, str]]) -> None:
        self._end_thread()
        if days:
            self.found.emit(days, papers)
        self.checked.emit()

    def _end_thread(self) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is None:
            return
        end_thread(thread)
        del job  # deleted only after its thread has ended
