"""The reader window: a WindowFrame (frame.py) with its work given to the objects next to it.

    navigation.py      which papers the list shows: views, days, next unread, sort, hidden read papers, search
    for_you.py         For you: the model fitted off the GUI thread, its order, reasons, similar papers, X
    reading.py         the paper being read: the detail pane, read marks, stars, arXiv, text size
    undo.py            Edit > Undo and Redo of the reader's stars and read marks
    context_menus.py   the right-click menus of list rows and sidebar days (the same commands)
    updates.py         background updates: start, days as they land, outcome, problems
    library_tools.py   sources: add folders and files, drops, the Library dialog, the folder watcher
    living.py          Korean summaries of a Hugging Face day, the background check for new days, first-run note
    export_actions.py  File > Export, Copy BibTeX, the reading state carried between computers
    organising.py      tags, the note panel, Read later, saved searches, mute filters
    wiring.py          every signal between those parts, in one place
    commands.py        the commands: each declared on its handler; menus and keys are built here

The window talks to the data only through its GUI-thread Library; background updates use their own
Library (background/library_updater.py).

Start-up is split in two: the constructor builds the panes and fills the sidebar and the list, so
the first frame shows them; the detail pane and the folder watcher start just after that frame
(``_finish_start``), the background update once a thread has imported what it needs. Dialogs
are imported when first opened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from reader.core.models import Paper
from reader.library import Library
from reader.ui.background.library_updater import import_update_machinery
from reader.ui.models.view import View
from reader.ui.panes import digest_markdown
from reader.ui.platform.collector import freeze_what_is_alive
from reader.ui.window.accessibility import describe_window
from reader.ui.window.commands import COMMANDS, FILE, HELP, QT_TRANSLATE_NOOP, VIEW, ButtonsKeepSpace, command
from reader.ui.window.context_menus import ContextMenus
from reader.ui.window.export_actions import ExportActions
from reader.ui.window.for_you import ForYouActions
from reader.ui.window.frame import WindowFrame
from reader.ui.window.library_tools import LibraryTools
from reader.ui.window.living import LivingActions
from reader.ui.window.navigation import Navigation
from reader.ui.window.organising import Organiser
from reader.ui.window.reading import Reading
from reader.ui.window.updates import BackgroundUpdates
from reader.ui.window.wiring import connect_parts

BACKGROUND_IMPORTS_POLL_MS = 10
START_FALLBACK_MS = 1000  # a window that is never painted (started minimised) still finishes starting


def _import_for_later() -> None:
    """Import, off the GUI thread, what the first update and the first paper shown need (~130 ms)."""
    digest_markdown.prepare_markdown()
    import_update_machinery()


class _FirstPaint(QObject):
    """Calls back once, just after the first frame that painted ``widget``, or after a fallback delay."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(START_FALLBACK_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)  # once the whole frame is painted and on screen
        return False

    def cancel(self) -> None:
        """Never call back (the window closed before its first frame)."""
        self._callback = None

    def _call(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


class MainWindow(WindowFrame):
    """The three-pane reader over one Library."""

    started = Signal()  # the first frame is painted; the detail pane, watcher and requested update have started

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(library, parent)
        self.navigation = Navigation(self)
        self.reading = Reading(self, self.navigation)
        self.updates = BackgroundUpdates(self, self.navigation)
        self._started = False  # the first frame is painted and the update machinery imported
        self._background_imports = threading.Thread(target=_import_for_later, name="imports", daemon=True)
        self._background_imports_done = QTimer(self)  # polled: the thread itself touches no Qt object
        self._background_imports_done.setInterval(BACKGROUND_IMPORTS_POLL_MS)
        self._background_imports_done.timeout.connect(self._after_background_imports)

        connect_parts(self, self.navigation, self.reading, self.updates)
        self.library_tools = LibraryTools(self, self.start_update)  # sources, drops, folder watching, fetching
        self.living = LivingActions(self, self.library_tools.sources_changed)  # summaries, background check
        self.export_actions = ExportActions(self)  # export, Copy BibTeX, reading state
        self.context_menus = ContextMenus(self)  # right-click menus: the same commands
        self.for_you = ForYouActions(self, self.navigation, self.reading)  # For you: its order, reasons, X
        self.organiser = Organiser(self, self.navigation, self.reading)  # tags, notes, queue, saved searches, mutes
        self.context_menus.row_menu = self.organiser.row_menu
        for owner in (self, self.navigation, self.reading, self.reading.history, self.updates, self.library_tools,
                      self.living, self.export_actions, self.for_you, self.organiser):
            self.commands.bind(owner)
        self.commands.build_menus(self.menuBar())
        self.commands.build_toolbar(self.toolbar)
        describe_window(self)  # accessible names, Tab order, visible focus
        ButtonsKeepSpace(self).install(self)  # Space presses a focused button; elsewhere it is Next Unread
        self.organiser.start()
        self._restore_state()
        self._first_paint = _FirstPaint(self, self._finish_start)

    def is_started(self) -> bool:
        """True once the first frame is painted and the rest of the start-up has run."""
        return self._started

    def start_update(self) -> None:
        """Scan and index in the background (see updates.py); before the first frame, just after it."""
        self.updates.start_update()

    def _finish_start(self) -> None:
        """After the first frame: show the current paper, watch the folders, import for the update.

        The imports run on a thread (polled from here: it touches no Qt object), so the window
        answers while they run; a requested update starts when they are done.
        """
        from reader.ui.platform.media_cache import MediaCache  # Qt Network: thumbnails are never in the first frame

        self.detail.set_media_cache(MediaCache(self.library.data_dir, self))
        self.reading.start_showing()
        self.for_you.start()
        self.organiser.show_paper(self.paper_list.current_paper())
        self.organiser.watch_list()
        self.library_tools.start_watching()
        self.living.start()
        self._background_imports.start()
        self._background_imports_done.start()

    def _after_background_imports(self) -> None:
        """The imports are done: run the update asked for at start-up, without pausing the window."""
        if self._background_imports.is_alive():
            return
        self._background_imports_done.stop()
        freeze_what_is_alive()  # the first view's rows and the modules imported, out of the full collections' walk
        self._started = True
        self.updates.ready()
        self.started.emit()

    # --- the window's own commands (each dialog's module is imported when it is first opened) ---

    @command("preferences", QT_TRANSLATE_NOOP("Shortcuts", "Pr&eferences…"), keys=("Ctrl+,",), menu=FILE.at(4, 1))
    def show_preferences(self) -> None:
        from reader.ui.dialogs.preferences_dialog import PreferencesDialog

        if PreferencesDialog(self.settings, self).exec():
            self.detail.set_allow_remote_images(self.settings.allow_remote_images)
            self.detail.set_font_point_size(self.settings.font_point_size)

    @command("quit", QT_TRANSLATE_NOOP("Shortcuts", "&Quit"), keys=("Ctrl+Q",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Quit"), menu=FILE.at(5, 1))
    def quit(self) -> None:
        self.close()

    @command("keyboard_help", QT_TRANSLATE_NOOP("Shortcuts", "&Keyboard Shortcuts"), keys=("F1",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "This list"), menu=HELP.at(1, 1))
    def show_keyboard_help(self) -> None:
        from reader.ui.dialogs.keyboard_help import KeyboardHelpDialog

        KeyboardHelpDialog(COMMANDS.help_rows(), self).exec()

    @command("insights", QT_TRANSLATE_NOOP("Shortcuts", "&Trends and Weekly Recap…"), keys=("Ctrl+Shift+T",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Topic trends, emerging terms and the week's recap"),
             menu=VIEW.at(9, 1))
    def show_insights(self) -> None:
        from reader.ui.insights.opening import open_insights  # pyqtgraph and numpy: on a thread, when asked

        def show_paper(paper: Paper) -> None:
            self.navigation.restore_view(View("day", paper.date), paper.key)
            self.activateWindow()

        def failed(error: str) -> None:
            self.status(self.tr("The Trends window cannot be opened: {error}").format(error=error))

        open_insights(self, self.library, show_paper, self.updater.finished, failed)

    @command("about", QT_TRANSLATE_NOOP("Shortcuts", "&About Daily Papers Reader"), menu=HELP.at(2, 1))
    def show_about(self) -> None:
        from reader.ui.dialogs.about_dialog import show_about

        show_about(self, self.library.data_dir)

    # --- persistence ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        """Last run's layout, sort, view and paper; the first-start defaults otherwise."""
        settings = self.settings
        if not settings.restore_layout(self, self.splitter):
            self.resize(1400, 860)
        self.navigation.restore_sort(settings.sort, settings.hide_read)
        self.detail.set_font_point_size(settings.font_point_size)
        self.detail.set_allow_remote_images(settings.allow_remote_images)
        self.navigation.restore_view(View.from_text(settings.selected_view), settings.selected_paper)
        self.paper_list.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._first_paint.cancel()
        self._background_imports_done.stop()  # a window closed while starting starts no update
        self.library_tools.stop()
        self.living.stop()
        self.for_you_process.close()
        self.updater.stop()
        self.reading.read_timer.stop()
        self.organiser.flush()  # a note typed a moment ago is saved
        self.search_bar.cancel_pending()  # typed just before closing: no search on a library about to close
        self.navigation.stop_searching()  # nor one running or waiting on the search thread
        view, key = self.navigation.saved_position()
        settings = self.settings
        settings.save_layout(self, self.splitter)
        settings.selected_view = view.to_text() if view else ""
        settings.selected_paper = key
        settings.font_point_size = self.detail.font_point_size()
        settings.sync()
        super().closeEvent(event)
