"""The first look at new mute rules and saved searches, off the GUI thread.

A saved search or a mute rule is searched in full once (seconds for 20 saved searches at 100,000 papers);
after that the GUI thread's Library follows what changed (reader.library.organise_badges). That full search
runs here, on a thread with a Library of its own; the GUI thread polls for the listings found (the thread
touches no Qt object) and hands them to its Library (``adopt_mutes``, ``adopt_saved_search``).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.errors import ReaderError
from reader.library import Library

POLL_MS = 100
# (saved search name, or None: the mute rules), spec, keys, the listings per day before the search
Found = tuple[str | None, Hashable, set[tuple[str, str]], dict[str, int]]

log = logging.getLogger("reader.ui.background.first_looks")


class FirstLooks(QObject):
    """Runs one first look at a time; ``found`` carries its results to the GUI thread as they come."""

    found = Signal(object, bool)  # list[Found], whether the look is over

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._results: queue.SimpleQueue[Found | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self, mutes: Hashable | None, saved: list[tuple[str, Hashable]]) -> None:
        """Search these in full (nothing while a look is running: the next refresh asks again)."""
        if self._thread is not None and self._thread.is_alive() or (mutes is None and not saved):
            return
        results, data_dir = self._results, self._data_dir

        def look() -> None:
            try:
                with Library(data_dir) as library:
                    if mutes is not None:
                        baseline = library.listings_per_day()
                        results.put((None, mutes, library.mute_keys(mutes), baseline))
                    for name, spec in saved:
                        baseline = library.listings_per_day()
                        results.put((name, spec, library.saved_search_keys(spec), baseline))
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
        items: list[Found] = []
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
