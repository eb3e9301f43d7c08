"""The window's side of the library: File > Add Folder, Add Files, Library and Check for New
Digests, folders and digests dropped onto the window, and the watcher that follows the folders.

Every change of the sources ends in one background update of the library (UpdateRequests), after
which the window reloads its sidebar and list as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from reader.core.errors import ReaderError
from reader.ui.background.folder_watcher import LibraryWatcher
from reader.ui.background.library_updater import UpdateRequests
from reader.ui.dialogs.library_dialog import LibraryDialog
from reader.ui.window.commands import FILE, QT_TRANSLATE_NOOP, command
from reader.ui.window.frame import WindowFrame

if TYPE_CHECKING:
    from reader.ui.dialogs.fetch_dialog import FetchDialog


class LibraryTools(QObject):
    """Connects File > Add Folder/Add Files/Library/Check for New Digests, drops onto the window, the watcher."""

    def __init__(self, window: WindowFrame, start_update: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.updates = UpdateRequests(window.updater, start_update, self)
        self.watcher: LibraryWatcher | None = None  # see start_watching
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def start_watching(self) -> None:
        """Watch the source folders; the window calls this after its first paint.

        The first look walks every watched folder (a large library has thousands of files), which
        the window need not wait for.
        """
        if self.watcher is None:
            self.watcher = LibraryWatcher(self.window.library.sources, self.updates.request, self)

    @command("add_folder", QT_TRANSLATE_NOOP("Shortcuts", "Add &Folder…"), keys=("Ctrl+O",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Add a folder of digests to the library"), menu=FILE.at(1, 1))
    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add a Folder of Digests"))
        if folder:
            self.add_paths([Path(folder)])

    @command("add_files", QT_TRANSLATE_NOOP("Shortcuts", "Add F&iles…"), menu=FILE.at(1, 2))
    def add_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self.window, self.tr("Add Digest Files"), "", self.tr("Digests (*.md);;All files (*)"))
        if files:
            self.add_paths([Path(name) for name in files])

    def add_paths(self, paths: Iterable[Path]) -> bool:
        """Add files or folders to the library and index them in the background."""
        paths = list(paths)
        try:
            self.window.library.add_sources(paths)
        except ReaderError as error:
            self.window.status(self.tr("Could not add: {error}").format(error=error))
            return False
        self.window.status(self.tr("Added %n source(s); reading the digests…", "", len(paths)))
        self.sources_changed()
        return True

    def sources_changed(self) -> None:
        """The library list changed: watch the new list and update the library."""
        if self.watcher is not None:
            self.watcher.reload_sources()
        self.updates.request()

    def library_dialog(self) -> LibraryDialog:
        """The Library dialog, connected: its changes start an update, and updates refresh its counts."""
        dialog = LibraryDialog(self.window.library, self.window)
        dialog.changed.connect(self.sources_changed)

        def add_folder() -> None:
            self.add_folder()
            dialog.reload()

        def add_files() -> None:
            self.add_files()
            dialog.reload()

        dialog.add_folder_requested.connect(add_folder)
        dialog.add_files_requested.connect(add_files)
        self.window.updater.finished.connect(dialog.reload)  # a slot of the dialog: gone with it
        return dialog

    @command("library", QT_TRANSLATE_NOOP("Shortcuts", "&Library…"), keys=("Ctrl+L",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "The library's sources: counts, problems, remove"), menu=FILE.at(1, 3))
    def show_library(self) -> None:
        dialog = self.library_dialog()
        dialog.exec()
        dialog.deleteLater()

    def fetch_dialog(self) -> FetchDialog:
        """The Check for New Digests dialog; days it downloads are indexed by the usual update."""
        from reader.ui.dialogs.fetch_dialog import FetchDialog  # with the fetcher (urllib, http, ssl): only when asked

        dialog = FetchDialog(self.window.library, self.window, source=self.window.settings.digest_source)
        dialog.fetched.connect(self.sources_changed)  # the fetch folder may just have become a source
        return dialog

    @command("check_digests", QT_TRANSLATE_NOOP("Shortcuts", "&Check for New Digests…"), menu=FILE.at(2, 2))
    def check_for_new_digests(self) -> None:
        dialog = self.fetch_dialog()
        dialog.exec()
        dialog.deleteLater()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    # --- drag and drop ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # QDragEnterEvent is a QDragMoveEvent
            if dropped_digest_paths(event):
                event.acceptProposedAction()
                return True
        elif watched is self.window and event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = dropped_digest_paths(event)
            if paths:
                event.acceptProposedAction()
                self.add_paths(paths)
                return True
        return super().eventFilter(watched, event)


def dropped_digest_paths(event: QDropEvent) -> list[Path]:
    """Local folders and .md files among the dropped URLs; anything else is not ours to take."""
    paths = []
    for url in event.mimeData().urls() if event.mimeData().hasUrls() else []:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or (path.is_file() and path.suffix.lower() == ".md"):
            paths.append(path)
    return paths
