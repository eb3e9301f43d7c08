"""Follow the library's folders: a digest written, changed or deleted there shows up within seconds.

Two ways of noticing, because neither is enough alone: QFileSystemWatcher reports changes at
once where the system can watch (it watches folders, so every subfolder of a source is added,
and new subfolders as they appear), and a poll every few seconds catches what it misses (network
drives, a full inotify table, a folder that did not exist yet). Both only *suggest* a change:
the decision is a cheap signature of the digest files (path, size, mtime, ctime, inode), so the fetcher's
state file or an editor's swap file never starts an update.

Taking that signature walks every source folder: ~170 ms for a 100,000-paper library, every poll.
The walk runs on a thread of its own (`_Scanner`), which gets plain paths and sends back plain
data; the GUI thread only compares signatures and tells QFileSystemWatcher which folders to watch.

A change asks for an update through the callback it is given: the window passes
library_updater.UpdateRequests.request, which runs one later when one is already under way, so a
change noticed during an update is not lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal, Slot

from reader.library import Source, scan_folders

log = logging.getLogger("reader.ui.background.folder_watcher")

POLL_INTERVAL_MS = 3000  # the fallback: a change shows up within a few seconds even unwatched
DEBOUNCE_MS = 400  # a copy of many files, or an editor's save dance, becomes one update

Signature = frozenset[tuple[str, int, int, int, int]]  # path, mtime_ns, size, ctime_ns, inode


class _Scanner(QObject):
    """Lives in the watcher's thread: walks the roots it is given and sends back what it found."""

    scanned = Signal(int, object, object)  # generation, Signature, set of folders to watch

    @Slot(int, object)
    def scan(self, generation: int, roots: list[Path]) -> None:
        signature, folders = scan_roots(roots)
        self.scanned.emit(generation, signature, folders)


class LibraryWatcher(QObject):
    """Watches the folders of the user's sources and asks for an update when their digests change."""

    scanned = Signal()  # a look at the folders has been compared and their watching updated
    _scan_requested = Signal(int, object)  # generation, roots: to the scanner's thread

    def __init__(self, sources: Callable[[], list[Source]], on_change: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources = sources
        self._on_change = on_change
        self._watcher = QFileSystemWatcher(self)
        self._roots: list[Path] = []
        self._signature: Signature | None = None  # None: the next look is the baseline, not a change
        self._generation = 0  # which reload_sources a scan belongs to; older results are dropped
        self._scanning = False
        self._scan_again = False  # asked while a scan ran: one more when it ends
        self._stopped = False
        self._thread = QThread(self)
        self._thread.setObjectName("library-watcher")
        self._scanner = _Scanner()
        self._scanner.moveToThread(self._thread)
        self._thread.finished.connect(self._scanner.deleteLater)
        self._scan_requested.connect(self._scanner.scan)
        self._scanner.scanned.connect(self._on_scanned)
        self._thread.start()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._watcher.directoryChanged.connect(self._debounce.start)
        self._watcher.fileChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self.check)
        self._poll.timeout.connect(self.check)
        self.reload_sources()
        self._poll.start()

    def watched_folders(self) -> list[str]:
        return sorted(self._watcher.directories())

    def is_ready(self) -> bool:
        """True once the first look at the folders is taken: changes after it are noticed."""
        return self._signature is not None

    def reload_sources(self) -> None:
        """Take the library list again (after sources were added or removed); the bundled seeds are not watched."""
        self._roots = [Path(source.path) for source in self._sources() if not source.builtin]
        self._generation += 1
        self._signature = None
        self._request_scan()

    def stop(self) -> None:
        """Stop polling and watching, and end the scanner's thread (waits for a walk under way)."""
        self._stopped = True
        self._poll.stop()
        self._debounce.stop()
        self._thread.quit()
        self._thread.wait()
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)

    def check(self) -> None:
        """Look at the digest files again; the window is told if they differ from the last look."""
        self._request_scan()

    def _request_scan(self) -> None:
        if self._stopped:
            return
        if self._scanning:
            self._scan_again = True
            return
        self._scanning = True
        self._scan_requested.emit(self._generation, list(self._roots))

    def _on_scanned(self, generation: int, signature: Signature, folders: set[str]) -> None:
        self._scanning = False
        if self._stopped:
            return
        if generation == self._generation:
            self._watch(folders)
            if self._signature is None:
                self._signature = signature
            elif signature != self._signature:
                self._signature = signature
                log.info("digests changed in the watched folders: updating the library")
                self._on_change()
            self.scanned.emit()
        if self._scan_again:
            self._scan_again = False
            self._request_scan()

    def _watch(self, folders: set[str]) -> None:
        watched = set(self._watcher.directories())
        gone = watched - folders
        if gone:
            self._watcher.removePaths(sorted(gone))
        new = folders - watched
        if new:
            failed = self._watcher.addPaths(sorted(new))
            if failed:  # the poll still covers them
                log.debug("cannot watch %d folder(s), polling them: %s", len(failed), failed[:3])


def scan_roots(roots: list[Path]) -> tuple[Signature, set[str]]:
    """The digest files under the roots, and the folders to watch for them (any thread): the library's
    own walk, so the watcher and the update agree on what a digest file is."""
    return scan_folders(roots)
