"""The reader's organisation in the window: tags (key T, the Tags section of the sidebar, rename and
delete), the note below the detail pane, the Read later queue (key L, reordered by drag or Alt+Up and
Alt+Down, Next in Queue from anywhere), saved searches with unread badges, mute filters and Show muted.

Every change goes straight to the GUI thread's Library (one durable sqlite transaction, a few ms, like a
star); the sidebar's rows and the note panel follow from ``refresh`` and ``show_paper``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from reader.core.errors import InvalidQueryError, ReaderError
from reader.core.models import Paper
from reader.ui.background.first_looks import FirstLooks
from reader.ui.models.sidebar_organised import OrganisedCounts, SavedBadge
from reader.ui.models.view import View
from reader.ui.platform.collector import freeze_what_is_alive
from reader.ui.platform.problem_text import error_message
from reader.ui.window.commands import EDIT, GO, PAPER, QT_TRANSLATE_NOOP, VIEW, command
from reader.ui.window.frame import WindowFrame
from reader.ui.window.navigation import Navigation
from reader.ui.window.reading import Reading

if TYPE_CHECKING:
    from reader.library.organise_counts import FirstLook

QUEUE_MIME = "application/x-daily-papers-queue-key"
T = TypeVar("T")
TAG_ROW_MENU: tuple[str | None, ...] = ("rename_tag", "delete_tag")
SAVED_ROW_MENU: tuple[str | None, ...] = ("remove_saved_search",)


def _writable(organiser: Organiser) -> bool:
    return not organiser.window.library.read_only


class Organiser(QObject):
    """Tags, notes, the queue, saved searches and mutes for one window."""

    def __init__(self, window: WindowFrame, navigation: Navigation, reading: Reading) -> None:
        super().__init__(window)
        self.window = window
        self.navigation = navigation
        self._drag_from: QPoint | None = None
        panel = window.note_panel
        panel.note_changed.connect(self.save_note)
        panel.edit_tags_requested.connect(self.edit_tags)
        panel.queue_toggled.connect(self._set_queued)
        window.paper_list.current_paper_changed.connect(self.show_paper)
        reading.flags_written.connect(self.on_flags_written)
        window.updater.finished.connect(lambda _report: self.refresh())  # new days: the badges count them
        window.library.defer_first_looks = True  # new mute rules and saved searches: searched on a thread
        self.first_looks = FirstLooks(window.library.data_dir, self)
        self.first_looks.found.connect(self._adopt)

    # --- the paper on show ----------------------------------------------------------------------

    def show_paper(self, paper: Paper | None) -> None:
        """Fill the note panel for the paper under the cursor (a note being typed is saved before it is read)."""
        self.window.note_panel.flush()
        library = self.window.library
        if paper is None:
            self.window.note_panel.show_paper(None)
            return
        found = self._safely(lambda: (library.tags_of([paper.arxiv_id]).get(paper.arxiv_id, ()),
                                      library.note(paper.arxiv_id), paper.arxiv_id in set(library.queue()),
                                      library.muted_by(paper.arxiv_id) if library.show_muted else None))
        tags, note, queued, muted_by = found if found else ((), None, False, None)
        panel = self.window.note_panel
        panel.show_paper(paper.arxiv_id, tags, note, queued, muted_by)
        writable = not library.read_only  # a read-only library shows notes and tags, and takes none
        panel.editor.setReadOnly(not writable)
        for button in (panel.edit_tags_button, panel.queue_button):
            button.setEnabled(writable)

    def save_note(self, arxiv_id: str, text: str) -> None:
        """The note panel's text, saved (durable when this returns); Has note's count follows."""
        save = self.window.library.set_note
        if self._saved(lambda: save(arxiv_id, text), self.tr("Could not save the note: {error}")):
            self.refresh()

    def flush(self) -> None:
        """The window is closing: save a note being typed now, and take no more first looks."""
        self.window.note_panel.flush()
        self.first_looks.stop()

    # --- commands on the current paper ----------------------------------------------------------

    @command("edit_tags", QT_TRANSLATE_NOOP("Shortcuts", "Ta&gs…"), keys=("T",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Edit the paper's tags (completing the ones you have)"),
             menu=PAPER.at(5, 1), enabled=_writable)
    def edit_tags(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        library = self.window.library
        current = library.tags_of([paper.arxiv_id]).get(paper.arxiv_id, ())
        tags = self.ask_tags(paper.title, list(current), [tag for tag, _count in library.tag_counts()])
        if tags is None:
            return
        if self._saved(lambda: library.set_tags(paper.arxiv_id, tags), self.tr("Could not save the tags: {error}")):
            self.refresh()
            self.show_paper(paper)

    def ask_tags(self, title: str, tags: list[str], known: list[str]) -> list[str] | None:
        """The tag editor's answer (None: cancelled). Tests answer in its place."""
        from reader.ui.dialogs.tag_editor import TagEditor  # dialogs are imported when first opened

        editor = TagEditor(title, tags, known, self.window)
        return editor.tags() if editor.exec() else None

    @command("toggle_queue", QT_TRANSLATE_NOOP("Shortcuts", "Read Lat&er"), keys=("L",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Put the paper in the Read later queue, or take it off"),
             menu=PAPER.at(5, 2), enabled=_writable)
    def toggle_queue(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is not None:
            self._set_queued(paper.arxiv_id not in set(self.window.library.queue()))

    @command("edit_note", QT_TRANSLATE_NOOP("Shortcuts", "&Write Note"), keys=("Ctrl+E",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Write a note on the paper (saved as you type)"),
             menu=PAPER.at(5, 3), enabled=_writable)
    def edit_note(self) -> None:
        if self.window.paper_list.current_paper() is not None:
            self.window.note_panel.start_editing()

    @command("dequeue_on_read", QT_TRANSLATE_NOOP("Shortcuts", "Read Papers Leave the &Queue"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "A paper marked read is taken off Read later"),
             menu=PAPER.at(5, 4), checkable=True, on_toggle=True)
    def set_dequeue_on_read(self, value: bool) -> None:
        library = self.window.library
        if not library.read_only and library.dequeue_on_read != value:
            self._saved(lambda: library.set_dequeue_on_read(value), self.tr("Could not save the setting: {error}"))

    def on_flags_written(self, flag: str, arxiv_ids: list[str], value: bool) -> None:
        """Read marks were saved: finished papers leave the queue (if the reader wants that); badges follow.

        Read later's list is not reloaded for that: the paper being read stays on show (and in the list,
        marked read) until the reader goes elsewhere."""
        if flag != "read":
            return
        if value:
            self._safely(lambda: self.window.library.finished(arxiv_ids))
        self.refresh()

    def _set_queued(self, queued: bool) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        library = self.window.library
        change = library.enqueue if queued else library.dequeue
        if self._saved(lambda: change([paper.arxiv_id]), self.tr("Could not save the queue: {error}")):
            self.window.note_panel.set_queued(queued)
            self.window.status(self.tr("Added to Read later") if queued else self.tr("Taken off Read later"))
            self.refresh()
            if self.navigation.view == View("queue"):
                self.navigation.show_view(View("queue"))

    # --- the queue ------------------------------------------------------------------------------

    @command("next_in_queue", QT_TRANSLATE_NOOP("Shortcuts", "Next in &Queue"), keys=("Shift+L",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "The next paper to read later, from anywhere"), menu=GO.at(3, 1))
    def next_in_queue(self) -> None:
        current = self.window.paper_list.current_paper()
        in_queue = self.navigation.view == View("queue")
        paper = self._safely(lambda: self.window.library.next_in_queue(current.arxiv_id if current and in_queue
                                                                       else None))
        if paper is None:
            self.window.status(self.tr("Read later is empty"))
            return
        if not in_queue:
            self.window.sidebar.select_view(View("queue"))
        self.window.paper_list.select_key(paper.key, chosen=True)
        self.window.paper_list.setFocus()

    @command("queue_up", QT_TRANSLATE_NOOP("Shortcuts", "Move Up &in the Queue"), keys=("Alt+Up",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "In Read later: move the paper up"), menu=GO.at(3, 2),
             args=(-1,))
    @command("queue_down", QT_TRANSLATE_NOOP("Shortcuts", "Move Do&wn in the Queue"), keys=("Alt+Down",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "In Read later: move the paper down"), menu=GO.at(3, 3),
             args=(1,))
    def move_in_queue(self, step: int) -> None:
        current = self.window.paper_list.current_paper()
        if current is None or self.navigation.view != View("queue"):
            return
        order = [paper.arxiv_id for paper in self.window.paper_model.papers()]
        if current.arxiv_id not in order:
            return
        position = order.index(current.arxiv_id)
        self.move_to(current.arxiv_id, max(0, min(len(order) - 1, position + step)))

    def move_to(self, arxiv_id: str, position: int) -> None:
        """Put a queued paper at `position` of the queue (a drop, a key) and show the queue so."""
        order = [paper.arxiv_id for paper in self.window.paper_model.papers()]
        if arxiv_id not in order:
            return
        order.remove(arxiv_id)
        order.insert(position, arxiv_id)
        key = self.window.paper_list.current_key()
        if self._saved(lambda: self.window.library.reorder_queue(order), self.tr("Could not save the queue: {error}")):
            self.navigation.show_view(View("queue"))
            if key:
                self.window.paper_list.select_key(key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Drag and drop of the queue's rows on the paper list (in the Read later view only)."""
        if self.navigation.view != View("queue") or self.window.library.read_only:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._drag_from = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._drag_from is not None:
            if (event.position().toPoint() - self._drag_from).manhattanLength() >= QApplication.startDragDistance():
                self._start_drag(self._drag_from)
                self._drag_from = None
                return True
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if event.mimeData().hasFormat(QUEUE_MIME):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent) and event.mimeData().hasFormat(QUEUE_MIME):
            self.drop(bytes(event.mimeData().data(QUEUE_MIME).data()).decode(), event.position().toPoint())
            event.acceptProposedAction()
            return True
        return False

    def _start_drag(self, at: QPoint) -> None:
        paper_list = self.window.paper_list
        index = paper_list.indexAt(at)
        if not index.isValid():
            return
        paper_list.select_row(index.row())
        current = paper_list.current_paper()
        if current is None:
            return
        mime = QMimeData()
        mime.setData(QUEUE_MIME, current.arxiv_id.encode())
        drag = QDrag(paper_list.viewport())
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def drop(self, arxiv_id: str, at: QPoint) -> None:
        """A queue row dropped at `at` (viewport coordinates): it goes where the row under the pointer is."""
        paper_list = self.window.paper_list
        index = paper_list.indexAt(at)
        rows = self.window.paper_proxy.rowCount()
        self.move_to(arxiv_id, index.row() if index.isValid() else rows - 1)

    # --- tags in the sidebar --------------------------------------------------------------------

    @command("rename_tag", QT_TRANSLATE_NOOP("Shortcuts", "Re&name Tag…"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Rename the tag chosen in the sidebar, on every paper"),
             menu=EDIT.at(3, 1), enabled=_writable)
    def rename_tag(self) -> None:
        view = self.window.sidebar.current_view()
        if view is None or view.kind != "tag" or not view.name:
            return
        new = self.ask_text(self.tr("Rename Tag"), self.tr("New name of the tag “{tag}” on every paper:").format(
            tag=view.name), view.name)
        if not new or new == view.name:
            return
        if self._saved(lambda: self.window.library.rename_tag(view.name or "", new),
                       self.tr("Could not rename the tag: {error}")):
            self.refresh(select=View("tag", name=new.strip()))

    @command("delete_tag", QT_TRANSLATE_NOOP("Shortcuts", "Dele&te Tag…"), menu=EDIT.at(3, 2), enabled=_writable)
    def delete_tag(self) -> None:
        view = self.window.sidebar.current_view()
        if view is None or view.kind != "tag" or not view.name:
            return
        if not self.confirm(self.tr("Delete Tag"), self.tr("Take the tag “{tag}” off every paper?").format(
                tag=view.name)):
            return
        if self._saved(lambda: self.window.library.delete_tag(view.name or ""),
                       self.tr("Could not delete the tag: {error}")):
            self.refresh(select=View("tags"))

    def row_menu(self, view: View) -> QMenu | None:
        """The sidebar's right-click menu of a tag or a saved search (context_menus.py asks)."""
        names = TAG_ROW_MENU if view.kind == "tag" else SAVED_ROW_MENU if view.kind == "saved" else None
        return self.window.commands.context_menu(names, self.window.sidebar) if names else None

    # --- saved searches -------------------------------------------------------------------------

    @command("save_search", QT_TRANSLATE_NOOP("Shortcuts", "&Save Search…"), keys=("Ctrl+Shift+S",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Keep the search in the sidebar, with its unread papers"),
             menu=GO.at(4, 1), enabled=_writable)
    def save_search(self) -> None:
        query = self.navigation.search_query() or self.window.search_bar.text().strip()
        if not query:
            self.window.status(self.tr("Type a search first, then save it"))
            return
        name = self.ask_text(self.tr("Save Search"), self.tr("Name of the saved search “{query}”:").format(
            query=query), query)
        if not name:
            return
        exact = self.navigation.search_exact()
        try:
            self.window.library.save_search(name, query, exact)
        except InvalidQueryError as error:
            self.window.status(error_message(error))
            return
        except ReaderError as error:
            self.window.status(self.tr("Could not save the search: {error}").format(error=error_message(error)))
            return
        self.refresh()
        self.window.status(self.tr("Saved the search “{name}”").format(name=name))

    @command("remove_saved_search", QT_TRANSLATE_NOOP("Shortcuts", "Remove Saved &Search"), menu=EDIT.at(3, 3),
             enabled=_writable)
    def remove_saved_search(self) -> None:
        view = self.window.sidebar.current_view()
        if view is not None and view.kind == "saved" and view.name and self._saved(
                lambda: self.window.library.remove_saved_search(view.name or ""),
                self.tr("Could not remove the saved search: {error}")):
            self.refresh(select=View("all"))

    # --- mute filters ---------------------------------------------------------------------------

    @command("show_muted", QT_TRANSLATE_NOOP("Shortcuts", "Show &Muted Papers"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Show the papers the mute filters hide"), menu=VIEW.at(5, 1),
             checkable=True, on_toggle=True)
    def set_show_muted(self, shown: bool) -> None:
        library = self.window.library
        if library.show_muted == shown:
            return
        if library.read_only:
            library.show_muted = shown  # this window only
        elif not self._saved(lambda: library.save_show_muted(shown), self.tr("Could not save the setting: {error}")):
            return
        self._after_mutes_changed()

    @command("mute_filters", QT_TRANSLATE_NOOP("Shortcuts", "M&ute Filters…"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Words or author:NAME whose papers are hidden"), menu=VIEW.at(5, 2),
             enabled=_writable)
    def edit_mutes(self) -> None:
        library = self.window.library
        current = library.mutes()
        text = self.ask_text(self.tr("Mute Filters"), self.tr(
            "Hide the papers of these words or author:NAME rules, separated by commas (empty: mute nothing):"),
            ", ".join(current))
        if text is None:
            return
        wanted = [rule.strip() for rule in text.split(",") if rule.strip()]
        try:
            library.remove_mutes([rule for rule in current if rule not in wanted])
            library.add_mutes([rule for rule in wanted if rule not in current])
        except InvalidQueryError as error:
            self.window.status(error_message(error))
        except ReaderError as error:
            self.window.status(self.tr("Could not save the mute filters: {error}").format(error=error_message(error)))
        self._after_mutes_changed()

    def _after_mutes_changed(self) -> None:
        self.navigation.refresh_sidebar(reload_list=True)
        self.refresh()

    # --- the sidebar's rows ---------------------------------------------------------------------

    def refresh(self, select: View | None = None) -> None:
        """New numbers for Read later, Has note, the tags and the saved searches' badges."""
        library = self.window.library
        counts = self._safely(lambda: OrganisedCounts(
            queue=library.queue_count(), noted=library.note_count(), tags=tuple(library.tag_counts()),
            saved=tuple(SavedBadge(saved.name, saved.query, saved.exact, -1 if unread is None else unread,
                                   -1 if total is None else total)
                        for saved, total, unread in library.saved_search_counts(followed_only=True))))
        if counts is None:
            return
        pending = self._safely(library.pending_saved_searches) or []  # new ones, and those the glossary changed
        if pending or library.pending_mutes() is not None:
            self.first_looks.start()
        sidebar = self.window.sidebar
        current = sidebar.current_view()
        blocked = sidebar.blockSignals(True)  # the list stays as it is while the rows are rebuilt
        self.window.sidebar_model.set_organised(counts)
        sidebar.expand(self.window.sidebar_model.index_for_view(View("tags")))
        kept = current is not None and sidebar.select_view(current)
        sidebar.blockSignals(blocked)
        target = select or (None if kept or current is None else View("all"))  # a tag or search that went away
        if target is not None:
            sidebar.select_view(target)

    def _adopt(self, found: list[FirstLook], _done: bool) -> None:
        """What a first look found and counted: the GUI thread's Library follows on from it."""
        library = self.window.library
        mutes_changed = [self._safely(partial(library.adopt_first_look, look)) for look in found]
        if any(mutes_changed):  # the muted listings leave the list and counts now (~0.4 s for 100,000 rows)
            self.navigation.refresh_sidebar(reload_list=True)
        freeze_what_is_alive()  # the followed listings (~440,000 at 100,000 papers), out of the full collections
        self.refresh()

    def start(self) -> None:
        """At start: the sidebar's rows and the setting's check mark."""
        self.window.commands["dequeue_on_read"].setChecked(self._safely(lambda: self.window.library.dequeue_on_read)
                                                           is not False)
        self.window.commands["show_muted"].setChecked(bool(self._safely(lambda: self.window.library.show_muted)))
        self.refresh()

    def watch_list(self) -> None:
        """After the first frame (the first viewport() costs ~20 ms): drags of rows to Read later, drops on it."""
        self.window.paper_list.viewport().installEventFilter(self)
        self.window.paper_list.viewport().setAcceptDrops(True)  # Read later's rows; other drops go on to the window

    # --- asking the reader (tests answer in place of the dialogs) -------------------------------

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        answer, ok = QInputDialog.getText(self.window, title, label, text=text)
        return answer if ok else None

    def confirm(self, title: str, question: str) -> bool:
        return QMessageBox.question(self.window, title, question) == QMessageBox.StandardButton.Yes

    def _safely(self, action: Callable[[], T]) -> T | None:
        """A library call; a failure is one line in the status bar and None."""
        try:
            return action()
        except ReaderError as error:
            self.window.status(self.tr("Could not read your tags, notes or queue: {error}").format(
                error=error_message(error)))
            return None

    def _saved(self, action: Callable[[], object], message: str) -> bool:
        """A library call that saves something; False (and `message` in the status bar) when it failed."""
        try:
            action()
        except ReaderError as error:
            self.window.status(message.format(error=error_message(error)))
            return False
        return True
