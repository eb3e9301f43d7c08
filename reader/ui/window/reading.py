"""The paper being read: the detail pane shows it, it becomes read (at once, after a moment, or only
with M), and the Paper menu's commands act on it: star, read mark, arXiv, a whole day or everything
marked read; the View menu's text size is the detail pane's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

from reader.core.errors import ReaderError
from reader.core.models import Paper
from reader.ui.dialogs.confirmations import confirm_mark_all_read
from reader.ui.panes import paper_html
from reader.ui.platform import links
from reader.ui.platform.settings import ReadMode
from reader.ui.window.commands import PAPER, QT_TRANSLATE_NOOP, VIEW, command
from reader.ui.window.frame import WindowFrame
from reader.ui.window.navigation import Navigation


class Reading(QObject):
    """Shows the current paper, marks it read, and carries out the commands on it."""

    def __init__(self, window: WindowFrame, navigation: Navigation) -> None:
        super().__init__(window)
        self.window = window
        self.navigation = navigation
        self.read_timer = QTimer(self)
        self.read_timer.setSingleShot(True)
        self._showing = False  # the first frame is on screen: the detail pane renders (see start_showing)

    def start_showing(self) -> None:
        """After the window's first frame: show the paper that frame selected, and every one after it."""
        self._showing = True
        self.on_paper_changed(self.window.paper_list.current_paper())

    def on_paper_changed(self, paper: Paper | None) -> None:
        window = self.window
        self.read_timer.stop()
        window.paper_proxy.set_pinned_key(paper.key if paper else None)
        if not self._showing:
            return  # start_showing shows the paper the first frame selected
        if paper is None:
            window.detail.show_paper(None)
            return
        also_on = [other.date for other in window.library.papers_for(paper.arxiv_id) if other.date != paper.date]
        flags = window.paper_model.flags_of(paper.arxiv_id)
        window.detail.show_paper(paper, flags, also_on, self.navigation.search_query())
        if flags.read:
            return
        mode = window.settings.read_mode
        if mode == ReadMode.IMMEDIATELY:
            self.set_read([paper.arxiv_id], True)
        elif mode == ReadMode.AFTER_DELAY:
            self.read_timer.start(int(window.settings.read_delay_s * 1000))

    def on_read_timer(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None and not self.window.paper_model.flags_of(paper.arxiv_id).read:
            self.set_read([paper.arxiv_id], True)

    # --- the Paper menu ------------------------------------------------------------------------

    @command("toggle_star", QT_TRANSLATE_NOOP("Shortcuts", "&Star"), keys=("S",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Star or unstar the paper"), menu=PAPER.at(1, 1))
    def toggle_star(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            starred = not self.window.paper_model.flags_of(paper.arxiv_id).starred
            self.set_starred([paper.arxiv_id], starred)
            self.window.detail.set_starred(starred)

    @command("toggle_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Read/Unread"), keys=("M",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Mark the paper read or unread"), menu=PAPER.at(1, 2))
    def toggle_read(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            self.read_timer.stop()  # "m" on an unread paper must not be undone by the timer
            self.set_read([paper.arxiv_id], not self.window.paper_model.flags_of(paper.arxiv_id).read)

    @command("open_arxiv", QT_TRANSLATE_NOOP("Shortcuts", "&Open on arXiv"), keys=("O",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Open the paper on arXiv (also Enter)"), menu=PAPER.at(1, 3))
    def open_current_on_arxiv(self) -> None:
        self.open_on_arxiv(self.window.paper_list.current_paper())

    @command("mark_day_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Day as Read"), menu=PAPER.at(2, 1))
    def mark_day_read(self) -> None:
        view = self.navigation.view
        date = view.date if view and view.kind == "day" else None
        if view and view.kind == "latest":
            date = self.navigation.newest_day()
        current = self.window.paper_list.current_paper()
        date = date or (current.date if current else None)
        if date:
            self.set_read({row.arxiv_id for row in self.window.library.rows(date=date)}, True)
            self.window.status(self.tr("Marked {date} as read").format(date=date))

    @command("mark_all_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &All as Read…"), menu=PAPER.at(2, 2))
    def mark_all_read(self) -> None:
        unread = {row.arxiv_id for row in self.window.library.rows(unread=True)}
        if not unread:
            return
        if confirm_mark_all_read(self.window, len(unread)):
            self.set_read(unread, True)

    # --- the View menu's text size ---------------------------------------------------------------

    @command("zoom_in", QT_TRANSLATE_NOOP("Shortcuts", "&Larger Text"), keys=("Ctrl+=", "Ctrl++"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Larger text in the paper"), menu=VIEW.at(3, 1))
    def zoom_in(self) -> None:
        self.window.detail.zoom_in()

    @command("zoom_out", QT_TRANSLATE_NOOP("Shortcuts", "&Smaller Text"), keys=("Ctrl+-",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Smaller text in the paper"), menu=VIEW.at(3, 2))
    def zoom_out(self) -> None:
        self.window.detail.zoom_out()

    @command("zoom_reset", QT_TRANSLATE_NOOP("Shortcuts", "&Normal Size"), keys=("Ctrl+0",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Normal text size"), menu=VIEW.at(3, 3))
    def zoom_reset(self) -> None:
        self.window.detail.zoom_reset()

    # --- changes of the reading state --------------------------------------------------------------

    def set_starred(self, arxiv_ids: Iterable[str], starred: bool) -> None:
        ids = list(arxiv_ids)
        if self._write(lambda: self.window.library.set_starred(ids, starred)):
            self._flags_changed(ids)

    def set_read(self, arxiv_ids: Iterable[str], read: bool) -> None:
        ids = list(arxiv_ids)
        if self._write(lambda: self.window.library.set_read(ids, read)):
            self._flags_changed(ids)

    def open_on_arxiv(self, paper: Paper | None) -> None:
        if paper is None:
            return
        url = paper_html.arxiv_abs_url(paper.arxiv_id)
        if links.open_external(url):
            self.window.status(self.tr("Opened {url}").format(url=url))
        else:
            self.window.status(self.tr("Could not open {url} in the browser").format(url=url))

    def _write(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except ReaderError as error:
            self.window.status(self.tr("Could not save: {error}").format(error=error))
            return False
        return True

    def _flags_changed(self, arxiv_ids: list[str]) -> None:
        library = self.window.library
        self.window.paper_model.update_flags(arxiv_ids, library.all_flags())
        self.window.sidebar_model.set_days(library.days())
