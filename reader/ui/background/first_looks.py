"""The first look at new mute rules and saved searches, off the GUI thread.

A saved search or a mute rule is searched in full once (seconds for 20 saved searches at 100,000 papers);
after that the GUI thread's Library follows what changed (reader.library.organise_badges). That full search,
and the counting of what it found (up to ~50,000 listings a saved search at 100,000 papers), runs here, on a
thread with a Library of its own; the GUI thread polls for the result (the thread touches no Qt object) and
hands it to its Library (``adopt_first_look``), which follows on from it.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.errors import ReaderError
from reader.library import Library
from reader.ui.platform.collector import built_then_frozen

if TYPE_CHECKING:
    from reader.library.organise_counts import FirstLook

POLL_MS = 100

log = logging.getLogger("reader.ui.background.first_looks")


class FirstLooks(QObject):
    """Runs one first look at a time; ``found`` carries its results to the GUI thread as they come."""

    found = Signal(object, bool)  # list[FirstLook], whether the look is over

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._results: queue.SimpleQueue[FirstLook | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Search the mute rules and saved searches in full (nothing while a look is running: the next refresh
        asks again)."""
        if self._thread is not None and self._thread.is_alive():
            return
        results, data_dir = self._results, self._data_dir

        def look() -> None:
            try:
                with built_then_frozen(), Library(data_dir) as library:
                    results.put(library.first_look())
            except ReaderError as error:  # the counts stay as they are; the next refresh tries again
                log.warning("the first look at mute filters and saved searches failed: %s", error)
            finally:
                results.put(None)

        self._thread = threading.Thread(target=look, name="first-look", daemon=True)
        self._thread.start()
        self._timer.start()

    def stop(self) -> None:
        """The window closes: nothing more is delivered (the thread ends with its search)."""
        self._timer.stop()

    def _poll(self) -> None:
        items: list[FirstLook] = []
        done = False
        while True:
            try:
                item = self._results.get_nowait()
            except queue.Empty:
                break
            if item is None:
                done = True
            else:
                items.append(item)
        if done:
            self._timer.stop()
            self._thread = None
        if items or done:
            self.found.emit(items, done)
