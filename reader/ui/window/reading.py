"""The paper being read: the detail pane shows it, it becomes read (at once, after a moment, or only
with M) when the reader chose it, and the Paper menu's commands act on it: star, read mark, arXiv,
its link, the rest of its day, a whole day or everything marked read; the View menu's text size is the
detail pane's.

Only a paper the reader chose becomes read by being shown: a click, j/k or the arrow keys, Enter, Next
Unread (the paper list's ``paper_chosen``). A paper the window put under the cursor by itself (at
start, on a view change, for search results while typing, after a reload, when a row went away) is
shown and stays unread. Every change the reader makes to a star or read mark can be undone (undo.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from reader.core import arxiv
from reader.core.errors import ReaderError
from reader.core.models import Flags, Paper
from reader.ui.dialogs.confirmations import confirm_mark_all_read
from reader.ui.platform import links
from reader.ui.platform.settings import ReadMode
from reader.ui.window.commands import COMMANDS, PAPER, QT_TRANSLATE_NOOP, VIEW, command, tr
from reader.ui.window.frame import WindowFrame
from reader.ui.window.navigation import FLAGS_OF_LIMIT, Navigation
from reader.ui.window.undo import Flag, ReadingHistory

STAR_TEXTS = (QT_TRANSLATE_NOOP("Shortcuts", "&Star"), QT_TRANSLATE_NOOP("Shortcuts", "Un&star"))
READ_TEXTS = (QT_TRANSLATE_NOOP("Shortcuts", "Mark as &Read"), QT_TRANSLATE_NOOP("Shortcuts", "Mark as &Unread"))


def _writable(reading: Reading) -> bool:
    return not reading.window.library.read_only


class Reading(QObject):
    """Shows the current paper, marks it read, and carries out the commands on it."""

    flags_written = Signal(str, list, bool)  # flag, arXiv ids, value: saved (the Read later queue follows)

    def __init__(self, window: WindowFrame, navigation: Navigation) -> None:
        super().__init__(window)
        self.window = window
        self.navigation = navigation
        self.read_timer = QTimer(self)
        self.read_timer.setSingleShot(True)
        self._chosen_key: str | None = None  # the paper the reader chose: the one the timer may mark read
        self._showing = False  # the first frame is on screen: the detail pane renders (see start_showing)
        self.history = ReadingHistory(window, self._write)
        if window.library.read_only:
            note = QLabel(self.read_only_message(), window)
            note.setObjectName("read_only_note")
            window.statusBar().addPermanentWidget(note)  # no passing message may cover the warning
            window.detail.set_star_enabled(False, self.read_only_message())  # as the Star command is

    def read_only_message(self) -> str:
        return self.tr("This library is read-only: stars and read marks cannot be saved.")

    def start_showing(self) -> None:
        """After the window's first frame: show the paper that frame selected, and every one after it."""
        self._showing = True
        self.on_paper_changed(self.window.paper_list.current_paper())

    def on_paper_changed(self, paper: Paper | None) -> None:
        """A paper is under the cursor (chosen or not): show it; a paper chosen before is no longer read."""
        window = self.window
        if paper is None or paper.key != self._chosen_key:  # the same paper again (a reload) keeps its moment
            self.read_timer.stop()
            self._chosen_key = None
        window.paper_proxy.set_pinned_key(paper.key if paper else None)
        self._update_texts(paper)
        if not self._showing:
            return  # start_showing shows the paper the first frame selected
        if paper is None:
            window.detail.show_paper(None)
            return
        also_on = [other.date for other in window.library.papers_for(paper.arxiv_id) if other.date != paper.date]
        flags = window.paper_model.flags_of(paper.arxiv_id)
        window.detail.show_paper(paper, flags, also_on, self.navigation.search_query())

    def on_paper_chosen(self, paper: Paper) -> None:
        """The reader chose this paper: it becomes read as the preferences say (at once, after a moment)."""
        self._chosen_key = paper.key
        window = self.window
        if window.library.read_only or window.paper_model.flags_of(paper.arxiv_id).read:
            return
        mode = window.settings.read_mode
        if mode == ReadMode.IMMEDIATELY:
            self._write("read", [paper.arxiv_id], True)
        elif mode == ReadMode.AFTER_DELAY:
            self.read_timer.start(int(window.settings.read_delay_s * 1000))

    def on_read_timer(self) -> None:
        """The chosen paper was shown for the moment: it is read (by reading it, so not on the undo stack)."""
        paper = self.window.paper_list.current_paper()
        if (paper is not None and paper.key == self._chosen_key
                and not self.window.paper_model.flags_of(paper.arxiv_id).read):
            self._write("read", [paper.arxiv_id], True)

    # --- the Paper menu ------------------------------------------------------------------------

    @command("toggle_star", QT_TRANSLATE_NOOP("Shortcuts", "&Star"), keys=("S",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Star or unstar the paper"), menu=PAPER.at(1, 1), enabled=_writable)
    def toggle_star(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            self.set_starred([paper.arxiv_id], not self.window.paper_model.flags_of(paper.arxiv_id).starred)

    @command("toggle_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Read/Unread"), keys=("M",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Mark the paper read or unread"), menu=PAPER.at(1, 2),
             enabled=_writable)
    def toggle_read(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            self.read_timer.stop()  # "m" on an unread paper must not be undone by the timer
            self._chosen_key = None
            self.set_read([paper.arxiv_id], not self.window.paper_model.flags_of(paper.arxiv_id).read)

    @command("open_arxiv", QT_TRANSLATE_NOOP("Shortcuts", "&Open on arXiv"), keys=("O",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Open the paper on arXiv (also Enter)"), menu=PAPER.at(1, 3))
    def open_current_on_arxiv(self) -> None:
        self.open_on_arxiv(self.window.paper_list.current_paper())

    @command("copy_link", QT_TRANSLATE_NOOP("Shortcuts", "Copy &Link"), menu=PAPER.at(1, 5))
    def copy_link(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            url = arxiv.abs_url(paper.arxiv_id)
            QGuiApplication.clipboard().setText(url)
            self.window.status(self.tr("Copied {url}").format(url=url))

    @command("mark_rest_of_day_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark the Res&t of the Day as Read"),
             menu=PAPER.at(2, 1), enabled=_writable)
    def mark_rest_of_day_read(self) -> None:
        """The current paper and those listed below it on its day."""
        key = self.window.paper_list.current_key()
        if key is None:
            return
        rows = self.window.paper_model.papers()
        start = next((row for row, item in enumerate(rows) if item.key == key), None)
        if start is None:
            return
        date = rows[start].date
        ids = [item.arxiv_id for item in rows[start:] if item.date == date]
        if self._change("read", ids, True, self.tr("Mark the Rest of {date} as Read").format(date=date)):
            self.window.status(self.tr("Marked %n paper(s) of {date} as read", "", len(ids)).format(date=date))

    @command("mark_day_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Day as Read"), menu=PAPER.at(2, 2),
             enabled=_writable)
    def mark_day_read(self) -> None:
        view = self.navigation.view
        date = view.date if view and view.kind == "day" else None
        if view and view.kind == "latest":
            date = self.navigation.newest_day()
        current = self.window.paper_list.current_paper()
        date = date or (current.date if current else None)
        if date:
            ids = [row.arxiv_id for row in self.window.library.rows(date=date)]
            if self._change("read", ids, True, self.tr("Mark {date} as Read").format(date=date)):
                self.window.status(self.tr("Marked {date} as read").format(date=date))

    @command("mark_all_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &All as Read…"), menu=PAPER.at(2, 3),
             enabled=_writable)
    def mark_all_read(self) -> None:
        unread = list(dict.fromkeys(row.arxiv_id for row in self.window.library.rows(unread=True)))
        if unread and confirm_mark_all_read(self.window, len(unread)):
            # just listed as unread: no need to look each one up again (there may be 100,000)
            self._change("read", unread, True, self.tr("Mark All as Read"), known_before=False)

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

    def set_starred(self, arxiv_ids: Iterable[str], starred: bool) -> bool:
        """Star or unstar, as the reader asked: undoable. False when nothing could be saved."""
        return self._change("starred", arxiv_ids, starred, self.tr("Star") if starred else self.tr("Unstar"))

    def set_read(self, arxiv_ids: Iterable[str], read: bool) -> bool:
        """Mark read or unread, as the reader asked: undoable. False when nothing could be saved."""
        return self._change("read", arxiv_ids, read, self.tr("Mark as Read") if read else self.tr("Mark as Unread"))

    def on_detail_star(self, arxiv_id: str, starred: bool) -> None:
        """The detail pane's Star button: as the S key; the button goes back when the star cannot be saved."""
        if not self.set_starred([arxiv_id], starred):
            self.window.detail.set_starred(not starred)

    def open_on_arxiv(self, paper: Paper | None) -> None:
        if paper is None:
            return
        url = arxiv.abs_url(paper.arxiv_id)
        if links.open_external(url):
            self.window.status(self.tr("Opened {url}").format(url=url))
        else:
            self.window.status(self.tr("Could not open {url} in the browser").format(url=url))

    def _change(self, flag: Flag, arxiv_ids: Iterable[str], value: bool, text: str,
                known_before: bool | None = None) -> bool:
        """Set ``flag`` to ``value`` on the papers that do not have it yet, and record that for Undo.

        ``known_before``: every id is known to have this value now (no look-up needed).
        """
        ids = list(dict.fromkeys(arxiv_ids))
        if self.window.library.read_only:
            self.window.status(self.read_only_message())
            return False
        if known_before is None:
            before = self._read(lambda: self.window.library.flags_of(ids))
            if before is None:
                return False
            changed = [arxiv_id for arxiv_id in ids if getattr(before.get(arxiv_id, Flags()), flag) != value]
        else:
            changed = ids if known_before != value else []
        if not changed:
            return True
        if not self._write(flag, changed, value):
            return False
        self.history.record(text, flag, dict.fromkeys(changed, not value), value)
        return True

    def _write(self, flag: Flag, arxiv_ids: list[str], value: bool) -> bool:
        """Save one flag of these papers and show it everywhere; False (and a note) when it cannot be saved."""
        library = self.window.library
        setter = library.set_read if flag == "read" else library.set_starred
        try:
            setter(arxiv_ids, value)
        except ReaderError as error:
            self.window.status(self.tr("Could not save: {error}").format(error=error))
            return False
        self._flags_changed(arxiv_ids)
        self.flags_written.emit(flag, arxiv_ids, value)
        return True

    def _read(self, query: Callable[[], dict[str, Flags]]) -> dict[str, Flags] | None:
        try:
            return query()
        except ReaderError as error:
            self.window.status(self.tr("Could not read the marks: {error}").format(error=error))
            return None

    def _flags_changed(self, arxiv_ids: list[str]) -> None:
        """New flags of these papers in the list, the counts, the detail pane and the commands' texts."""
        window = self.window
        library = window.library
        flags = library.flags_of(arxiv_ids) if len(arxiv_ids) <= FLAGS_OF_LIMIT else library.all_flags()
        window.paper_model.update_flags(arxiv_ids, flags)
        window.sidebar_model.set_days(library.days())
        current = window.paper_list.current_paper()
        if current is not None and current.arxiv_id in set(arxiv_ids):
            window.detail.set_starred(flags.get(current.arxiv_id, Flags()).starred)
        self._update_texts(current)

    def _update_texts(self, paper: Paper | None) -> None:
        """Star or Unstar, Mark as Read or as Unread: what the command would do to the current paper."""
        commands = self.window.commands
        if paper is None:
            commands["toggle_star"].setText(tr(COMMANDS["toggle_star"].text))
            commands["toggle_read"].setText(tr(COMMANDS["toggle_read"].text))
            return
        flags = self.window.paper_model.flags_of(paper.arxiv_id)
        commands["toggle_star"].setText(tr(STAR_TEXTS[flags.starred]))
        commands["toggle_read"].setText(tr(READ_TEXTS[flags.read]))
