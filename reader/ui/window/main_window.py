"""The reader window: sidebar | paper list | detail, with menus, search, status bar and state.

All signal wiring is in ``_connect_signals`` so the flow of the window can be read in one place.
The window talks to the data only through its GUI-thread Library; background updates use
their own Library (see workers.py), send the days they have committed as they go, and the
window reloads from its own Library when they finish.

Start-up is split in two: the constructor builds the panes and fills the sidebar and the list, so
the first frame shows them; the detail pane and the folder watcher start just after that frame
(``_finish_start``), the background update once a thread has imported what it needs. Dialogs
are imported when first opened.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from reader.core.errors import InvalidQueryError, ReaderError
from reader.core.models import Paper, Problem
from reader.library import DayInfo, Library, SearchResult, UpdateReport
from reader.ui.background.library_updater import LibraryUpdater, import_update_machinery
from reader.ui.dialogs.keyboard_help import KeyboardHelpDialog, ProblemsDialog, UpdateStatus, confirm_mark_all_read
from reader.ui.dialogs.library_dialog import LibraryTools
from reader.ui.models.paper_table import ListItem, PaperFilterProxy, PaperTableModel, View
from reader.ui.models.sidebar_tree import Sidebar, SidebarModel
from reader.ui.panes import paper_html as render
from reader.ui.panes.detail_pane import DetailPane
from reader.ui.panes.paper_list import PaperList
from reader.ui.panes.search_bar import SearchBar
from reader.ui.platform import links
from reader.ui.platform.settings import ReadMode, Settings
from reader.ui.window.accessibility import describe_window
from reader.ui.window.commands import build_actions, build_menus
from reader.ui.window.export_actions import ExportActions

log = logging.getLogger("reader.ui.window.main_window")

SEARCH_LIMIT = 500  # hits listed; the sidebar still shows the full count
BACKGROUND_IMPORTS_POLL_MS = 10
START_FALLBACK_MS = 1000  # a window that is never painted (started minimised) still finishes starting
DEFAULT_SORT = (PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder)
SORT_ACTIONS = {
    "sort_votes": (PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder),
    "sort_date": (PaperTableModel.DATE, Qt.SortOrder.DescendingOrder),
    "sort_title": (PaperTableModel.TITLE, Qt.SortOrder.AscendingOrder),
}
CROSS_DAY_VIEWS = ("all", "unread", "starred", "search")


def _import_for_later() -> None:
    """Import, off the GUI thread, what the first update and the first paper shown need (~130 ms)."""
    render.prepare_markdown()
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


class MainWindow(QMainWindow):
    """The three-pane reader over one Library."""

    started = Signal()  # the first frame is painted; the detail pane, watcher and requested update have started

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = Settings(library.data_dir)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Daily Papers Reader"))

        self.sidebar_model = SidebarModel(self)
        self.paper_model = PaperTableModel(self, loader=lambda row: library.paper(row.arxiv_id, row.date))
        self.paper_proxy = PaperFilterProxy(self)
        self.sidebar = Sidebar(self.sidebar_model)
        self.paper_list = PaperList(self.paper_model, self.paper_proxy)
        self.detail = DetailPane(highlighter=library.highlight)
        self.detail.setObjectName("detail")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        for pane in (self.sidebar, self.paper_list, self.detail):
            self.splitter.addWidget(pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([230, 560, 620])
        self.setCentralWidget(self.splitter)

        self.search_bar = SearchBar(self)
        toolbar = self.addToolBar(self.tr("Search"))
        toolbar.setObjectName("search_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_bar)

        self.update_status = UpdateStatus(self)
        self.statusBar().addPermanentWidget(self.update_status)

        self.commands = build_actions(self)
        build_menus(self.menuBar(), self.commands)
        self.updater = LibraryUpdater(library.data_dir, self)
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)

        self._view: View | None = None
        self._pending_key: str | None = None  # paper to select when the next view loads
        self._search_query: str | None = None
        self._search_result: SearchResult | None = None
        self._before_search: tuple[View | None, str | None] | None = None
        self._painted = False  # the first frame is on screen: the detail pane renders (see _finish_start)
        self._started = False  # ... and the update machinery is imported: updates start at once
        self._background_imports = threading.Thread(target=_import_for_later, name="imports", daemon=True)
        self._background_imports_done = QTimer(self)  # polled: the thread itself touches no Qt object
        self._background_imports_done.setInterval(BACKGROUND_IMPORTS_POLL_MS)
        self._update_requested = False  # start_update() before the first frame: run it after
        self._days_from_update: list[DayInfo] | None = None  # the running update's latest count of days
        self._problems: list[Problem] = library.problems()
        self.update_status.set_problem_count(len(self._problems))

        self._connect_signals()
        self.library_tools = LibraryTools(self)  # sources, drops, folder watching, fetching (connects its commands)
        self.export_actions = ExportActions(self)  # export, Copy BibTeX, reading state (connects its commands)
        describe_window(self)  # accessible names, Tab order, visible focus
        self._restore_state()
        self._first_paint = _FirstPaint(self, self._finish_start)

    def is_started(self) -> bool:
        """True once the first frame is painted and the rest of the start-up has run."""
        return self._started

    def _finish_start(self) -> None:
        """After the first frame: show the current paper, watch the folders, import for the update.

        The imports run on a thread (polled from here: it touches no Qt object), so the window
        answers while they run; a requested update starts when they are done.
        """
        from reader.ui.platform.media_cache import MediaCache  # Qt Network: thumbnails are never in the first frame

        self._painted = True
        self.detail.set_media_cache(MediaCache(self.library.data_dir, self))
        self._on_paper_changed(self.paper_list.current_paper())
        self.library_tools.start_watching()
        self._background_imports.start()
        self._background_imports_done.start()

    def _after_background_imports(self) -> None:
        """The imports are done: run the update asked for at start-up, without pausing the window."""
        if self._background_imports.is_alive():
            return
        self._background_imports_done.stop()
        self._started = True
        if self._update_requested:
            self.start_update()
        self.started.emit()

    # --- wiring ------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        a = self.commands
        self.sidebar.view_selected.connect(self._show_view)
        self.sidebar.activated.connect(lambda _index: self.paper_list.setFocus())
        self.paper_list.current_paper_changed.connect(self._on_paper_changed)
        self.paper_list.open_requested.connect(self._open_on_arxiv)
        self.paper_list.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_changed)
        self.search_bar.query_changed.connect(self._on_query)
        self.search_bar.cleared.connect(self._end_search)
        self.search_bar.escaped.connect(self._leave_search)
        self.search_bar.submitted.connect(self.paper_list.setFocus)
        self.detail.star_toggled.connect(lambda arxiv_id, starred: self._set_starred([arxiv_id], starred))
        self.detail.status_message.connect(self._status)
        self.detail.date_link_activated.connect(lambda date: self.sidebar.select_view(View("day", date)))
        self.detail.font_point_size_changed.connect(lambda size: setattr(self.settings, "font_point_size", size))
        self._read_timer.timeout.connect(self._on_read_timer)
        self._background_imports_done.timeout.connect(self._after_background_imports)
        self.update_status.problems_clicked.connect(self._show_problems)
        self.updater.progress.connect(lambda done, total, _path: self.update_status.progress(done, total))
        self.updater.days.connect(self._on_update_days)
        self.updater.finished.connect(self._on_update_finished)
        self.updater.failed.connect(self._on_update_failed)

        a["next_paper"].triggered.connect(lambda: self.paper_list.step(1))
        a["previous_paper"].triggered.connect(lambda: self.paper_list.step(-1))
        a["next_day"].triggered.connect(lambda: self._go_day(1))
        a["previous_day"].triggered.connect(lambda: self._go_day(-1))
        a["toggle_star"].triggered.connect(self._toggle_star)
        a["toggle_read"].triggered.connect(self._toggle_read)
        a["open_arxiv"].triggered.connect(lambda: self._open_on_arxiv(self.paper_list.current_paper()))
        a["find"].triggered.connect(self.search_bar.focus)
        a["leave_search"].triggered.connect(self._leave_search)
        a["zoom_in"].triggered.connect(self.detail.zoom_in)
        a["zoom_out"].triggered.connect(self.detail.zoom_out)
        a["zoom_reset"].triggered.connect(self.detail.zoom_reset)
        a["mark_day_read"].triggered.connect(self._mark_day_read)
        a["mark_all_read"].triggered.connect(self._mark_all_read)
        a["hide_read"].toggled.connect(self._set_hide_read)
        for name, (column, order) in SORT_ACTIONS.items():
            a[name].triggered.connect(lambda _checked=False, c=column, o=order: self.paper_list.sortByColumn(c, o))
        a["update_library"].triggered.connect(self.start_update)
        a["show_problems"].triggered.connect(self._show_problems)
        a["preferences"].triggered.connect(self._show_preferences)
        a["quit"].triggered.connect(self.close)
        a["keyboard_help"].triggered.connect(lambda: KeyboardHelpDialog(self).exec())
        a["about"].triggered.connect(self._show_about)

    # --- views ----------------------------------------------------------------------------

    def _show_view(self, view: View) -> None:
        """Fill the list for ``view`` and select the pending paper, or the top row."""
        key = self._pending_key
        self._pending_key = None
        if key is None and view == self._view:
            current = self.paper_list.current_paper()
            key = current.key if current else None
        previous_kind = self._view.kind if self._view else None
        self._view = view
        if view.kind == "search":
            self.paper_list.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # best match first
        elif previous_kind in (None, "search"):
            self.paper_list.sortByColumn(*self._user_sort)
        papers, highlights = self._papers_for(view)
        self.paper_model.set_papers(papers, self.library.all_flags(), highlights)
        self.paper_list.set_date_column_visible(view.kind in CROSS_DAY_VIEWS)
        self.paper_list.set_highlighting(view.kind == "search")
        if not (key and self.paper_list.select_key(key)):
            self.paper_list.select_row(0)

    def _papers_for(self, view: View) -> tuple[list[ListItem], dict[str, list[tuple[int, int]]]]:
        """Search hits are full Papers (few, with spans); every other view lists light rows."""
        if view.kind == "search":
            hits = self._search_result.hits if self._search_result else []
            highlights = {
                hit.paper.key: [(span.start, span.end) for span in hit.spans if span.field == "title"]
                for hit in hits
            }
            return [hit.paper for hit in hits], highlights
        if view.kind == "latest":
            dates = self.sidebar_model.day_dates()
            return (self.library.rows(date=dates[0]) if dates else []), {}
        if view.kind == "day":
            return self.library.rows(date=view.date), {}
        return self.library.rows(starred=view.kind == "starred", unread=view.kind == "unread"), {}

    def _go_day(self, step: int) -> None:
        target = self.sidebar.adjacent_day(step)
        if target is not None:
            self.sidebar.select_view(target)

    def _refresh_sidebar(self, reload_list: bool, days: list[DayInfo] | None = None) -> None:
        """New counts and days (from the library unless given), keeping the selected view and paper."""
        was_empty = not self.sidebar_model.day_dates()
        self.sidebar_model.set_days(self.library.days() if days is None else days)
        if was_empty and self.sidebar_model.day_dates():
            self._select_first_start_view()  # the very first days just arrived
            return
        if self._view is None:
            return
        if self.sidebar.current_view() != self._view:  # the tree was rebuilt: put the selection back
            current = self.paper_list.current_paper()
            self._pending_key = current.key if current else None
            blocked = self.sidebar.blockSignals(not reload_list)
            found = self.sidebar.select_view(self._view)
            self.sidebar.blockSignals(blocked)
            if not found:
                self._select_first_start_view()
                return
        if reload_list:
            self._show_view(self._view)

    def _select_first_start_view(self) -> None:
        """The newest day, its top-voted paper, focus in the list."""
        dates = self.sidebar_model.day_dates()
        self.sidebar.select_view(View("day", dates[0]) if dates else View("latest"))
        self.paper_list.setFocus()

    # --- the current paper and its state ----------------------------------------------------

    def _on_paper_changed(self, paper: Paper | None) -> None:
        self._read_timer.stop()
        self.paper_proxy.set_pinned_key(paper.key if paper else None)
        if not self._painted:
            return  # _finish_start shows the paper the first frame selected
        if paper is None:
            self.detail.show_paper(None)
            return
        also_on = [other.date for other in self.library.papers_for(paper.arxiv_id) if other.date != paper.date]
        query = self._search_query if self._view and self._view.kind == "search" else None
        self.detail.show_paper(paper, self.paper_model.flags_of(paper.arxiv_id), also_on, query)
        if self.paper_model.flags_of(paper.arxiv_id).read:
            return
        mode = self.settings.read_mode
        if mode == ReadMode.IMMEDIATELY:
            self._set_read([paper.arxiv_id], True)
        elif mode == ReadMode.AFTER_DELAY:
            self._read_timer.start(int(self.settings.read_delay_s * 1000))

    def _on_read_timer(self) -> None:
        paper = self.paper_list.current_paper()
        if paper is not None and not self.paper_model.flags_of(paper.arxiv_id).read:
            self._set_read([paper.arxiv_id], True)

    def _toggle_star(self) -> None:
        paper = self.paper_list.current_paper()
        if paper is not None:
            starred = not self.paper_model.flags_of(paper.arxiv_id).starred
            self._set_starred([paper.arxiv_id], starred)
            self.detail.set_starred(starred)

    def _toggle_read(self) -> None:
        paper = self.paper_list.current_paper()
        if paper is not None:
            self._read_timer.stop()  # "m" on an unread paper must not be undone by the timer
            self._set_read([paper.arxiv_id], not self.paper_model.flags_of(paper.arxiv_id).read)

    def _set_starred(self, arxiv_ids: Iterable[str], starred: bool) -> None:
        ids = list(arxiv_ids)
        if self._write(lambda: self.library.set_starred(ids, starred)):
            self._flags_changed(ids)

    def _set_read(self, arxiv_ids: Iterable[str], read: bool) -> None:
        ids = list(arxiv_ids)
        if self._write(lambda: self.library.set_read(ids, read)):
            self._flags_changed(ids)

    def _write(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except ReaderError as error:
            self._status(self.tr("Could not save: {error}").format(error=error))
            return False
        return True

    def _flags_changed(self, arxiv_ids: list[str]) -> None:
        self.paper_model.update_flags(arxiv_ids, self.library.all_flags())
        self.sidebar_model.set_days(self.library.days())

    def _mark_day_read(self) -> None:
        date = self._view.date if self._view and self._view.kind == "day" else None
        if self._view and self._view.kind == "latest":
            dates = self.sidebar_model.day_dates()
            date = dates[0] if dates else None
        current = self.paper_list.current_paper()
        date = date or (current.date if current else None)
        if date:
            self._set_read({row.arxiv_id for row in self.library.rows(date=date)}, True)
            self._status(self.tr("Marked {date} as read").format(date=date))

    def _mark_all_read(self) -> None:
        unread = {row.arxiv_id for row in self.library.rows(unread=True)}
        if not unread:
            return
        if confirm_mark_all_read(self, len(unread)):
            self._set_read(unread, True)

    def _open_on_arxiv(self, paper: Paper | None) -> None:
        if paper is None:
            return
        url = render.arxiv_abs_url(paper.arxiv_id)
        if links.open_external(url):
            self._status(self.tr("Opened {url}").format(url=url))
        else:
            self._status(self.tr("Could not open {url} in the browser").format(url=url))

    # --- list options ---------------------------------------------------------------------

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0 or self._view == View("search"):
            return  # relevance order of a search is not the user's choice of sort
        if (column, order) != self._user_sort:  # not when restoring it: a write before the first paint delays it
            self._user_sort = (column, order)
            self.settings.sort = (column, order == Qt.SortOrder.DescendingOrder)
        for name, (sort_column, _order) in SORT_ACTIONS.items():
            self.commands[name].setChecked(sort_column == column)

    def _set_hide_read(self, hidden: bool) -> None:
        self.paper_proxy.set_hide_read(hidden)
        self.settings.hide_read = hidden
        if self.paper_list.current_paper() is None:
            self.paper_list.select_row(0)

    # --- search ---------------------------------------------------------------------------

    def _on_query(self, query: str) -> None:
        try:
            result = self.library.search(query, limit=SEARCH_LIMIT)
        except InvalidQueryError as error:
            self.search_bar.show_message(str(error))
            return
        if self._search_query is None:
            current = self.paper_list.current_paper()
            self._before_search = (self._view, current.key if current else None)
        self._search_query, self._search_result = query, result
        self.search_bar.show_message("" if result.total else self.tr("No papers match"))
        self.sidebar_model.set_search_count(result.total)
        if self._view == View("search"):
            self._show_view(View("search"))
        else:
            self.sidebar.select_view(View("search"))

    def _leave_search(self) -> None:
        """Esc: empty the field (which ends the search) and go back to the list."""
        self.search_bar.clear()
        self._end_search()
        self.paper_list.setFocus()

    def _end_search(self) -> None:
        self.search_bar.show_message("")
        if self._search_query is None:
            return
        before_view, before_key = self._before_search or (None, None)
        self._search_query = self._search_result = self._before_search = None
        if self._view == View("search"):
            self._pending_key = before_key
            if not (before_view and self.sidebar.select_view(before_view)):
                self._pending_key = None
                self._select_first_start_view()
        self.sidebar_model.set_search_count(None)

    # --- background update ----------------------------------------------------------------

    def start_update(self) -> None:
        """Scan and index in the background; the window stays usable and fills in as days land.

        Asked before the first frame, the update starts after it: its child process would
        otherwise compete with the window for the processor while it starts.
        """
        if not self._started:
            self._update_requested = True
            return
        if self.updater.start():
            self.update_status.busy()

    def _on_update_days(self, days: list[DayInfo]) -> None:
        """Days committed so far by the running update (counted in its process): show them as they land.

        The update sends them once more when it is done, so the reload on finishing counts nothing.
        """
        self._days_from_update = days
        self._refresh_sidebar(reload_list=self._view is None or self._view.kind == "latest", days=days)

    def _on_update_finished(self, report: UpdateReport) -> None:
        days, self._days_from_update = self._days_from_update, None
        self.update_status.idle()
        self._problems = list(report.problems)
        self.update_status.set_problem_count(len(self._problems))
        self._refresh_sidebar(reload_list=True, days=days)
        self._status(self.tr("Library up to date: %n paper(s)", "", report.papers))

    def _on_update_failed(self, message: str) -> None:
        self._days_from_update = None
        log.warning("library update failed: %s", message)
        self.update_status.idle()
        self._status(self.tr("Update failed: {message}").format(message=message))

    def _show_problems(self) -> None:
        ProblemsDialog(self._problems, self).exec()

    # --- dialogs and status (each dialog's module is imported when it is first opened) ---------

    def _show_preferences(self) -> None:
        from reader.ui.dialogs.preferences_dialog import PreferencesDialog

        if PreferencesDialog(self.settings, self).exec():
            self.detail.set_allow_remote_images(self.settings.allow_remote_images)
            self.detail.set_font_point_size(self.settings.font_point_size)

    def _show_about(self) -> None:
        from reader.ui.dialogs.about_dialog import show_about

        show_about(self, self.library.data_dir)

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    # --- persistence ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        """Last run's layout, sort, view and paper; the first-start defaults otherwise."""
        settings = self.settings
        if not settings.restore_layout(self, self.splitter):
            self.resize(1400, 860)
        sort = settings.sort
        order = Qt.SortOrder.DescendingOrder if sort and sort[1] else Qt.SortOrder.AscendingOrder
        self._user_sort = (sort[0], order) if sort else DEFAULT_SORT
        self.paper_list.sortByColumn(*self._user_sort)
        self.commands["hide_read"].setChecked(settings.hide_read)
        self.detail.set_font_point_size(settings.font_point_size)
        self.detail.set_allow_remote_images(settings.allow_remote_images)

        self.sidebar_model.set_days(self.library.days())
        view = View.from_text(settings.selected_view)
        self._pending_key = settings.selected_paper
        if not (view and self.sidebar.select_view(view)):
            self._pending_key = None
            self._select_first_start_view()
        self.paper_list.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._first_paint.cancel()
        self._background_imports_done.stop()  # a window closed while starting starts no update
        self.library_tools.stop()
        self.updater.stop()
        self._read_timer.stop()
        view, key = self._view, None
        if self._before_search is not None and view == View("search"):
            view, key = self._before_search
        else:
            current = self.paper_list.current_paper()
            key = current.key if current else None
        settings = self.settings
        settings.save_layout(self, self.splitter)
        settings.selected_view = view.to_text() if view else ""
        settings.selected_paper = key
        settings.font_point_size = self.detail.font_point_size()
        settings.sync()
        super().closeEvent(event)
