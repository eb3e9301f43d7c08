"""Long smart views read off the GUI thread: All papers, Unread, Starred and For you list the whole library.

At 100,000 papers their rows take 0.2 s to read and 0.1 s to sort; on the GUI thread that froze the window at
each view chosen and each reload after an update. Once the window has started, a smart view expected to be
long is read and sorted on a thread of its own, on a Library of that thread's own (read_listing); the list on
show stays until the rows come, and then takes them in one reset (navigation.py fills it, merging the marks set
meanwhile). A view left before its rows came is dropped; after LISTING_NOTE_MS the status bar says it is coming.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.models import Flags
from reader.library import Library, PaperRow
from reader.ui.background.bounded_jobs import BoundedJobs
from reader.ui.models.row_order import ListItem, RowOrder
from reader.ui.models.view import View, ViewKind
from reader.ui.platform.collector import built_then_frozen
from reader.ui.window.frame import WindowFrame

if TYPE_CHECKING:
    from reader.library.organise_counts import MutedListings

SMART_LIST_KINDS: tuple[ViewKind, ...] = ("all", "unread", "starred", "for_you")  # views as long as the library
LIST_ON_THREAD = 5_000  # a smart view expected this long is read on a thread (5,000 rows: ~15 ms of reading)
LISTING_BUDGET_S = 60.0  # a listing read on a thread: a third of a second at 100,000 papers
LISTING_NOTE_MS = 300  # a listing still being read after this says so in the status bar


def smart_view_rows(library: Library, kind: ViewKind) -> list[PaperRow]:
    """The rows of All papers, Unread, Starred or For you (unread papers not marked "not interested"; its order
    is window/for_you.py's), before the mute filters."""
    if kind == "for_you":
        hidden = library.dismissed_ids()
        return [row for row in library.rows(unread=True) if row.arxiv_id not in hidden]
    return library.rows(starred=kind == "starred", unread=kind == "unread")


@dataclass(frozen=True)
class Listing:
    """A smart view read on a thread: its rows (the mute filters applied), their flags, the rows in order."""

    papers: list[PaperRow]
    flags: dict[str, Flags]
    ordered: list[ListItem]

    def with_updates(self, kind: ViewKind, updates: dict[str, Flags]) -> Listing:
        """The listing with the marks set since it was asked for (the thread may have read them before): a paper
        marked "not interested" meanwhile leaves For you."""
        flags = {**self.flags, **updates}
        gone = {arxiv_id for arxiv_id, marks in updates.items() if marks.dismissed} if kind == "for_you" else set()
        if not gone:
            return Listing(self.papers, flags, self.ordered)
        return Listing([paper for paper in self.papers if paper.arxiv_id not in gone], flags,
                       [paper for paper in self.ordered if paper.arxiv_id not in gone])


def read_listing(data_dir: Path, kind: ViewKind, order: RowOrder, muted: MutedListings) -> Listing:
    """A smart view's rows, read and sorted on a thread, on a Library of the thread's own (a Library belongs to
    one thread; opening one costs about a millisecond). ``muted``: the window's mute filters, searched already."""
    library = Library(data_dir)
    # 100,000 new rows: no collection walks them as they are made, and they are frozen once made (else the first
    # allocation after them set off a collection of them all on the GUI thread: 125 ms as the list filled)
    try:
        with built_then_frozen():
            papers = muted.without(smart_view_rows(library, kind))
            flags = library.all_flags()
            return Listing(papers, flags, order.sorted(papers, flags))
    finally:
        library.close()


@dataclass(frozen=True)
class ListingAsked:
    """A view whose rows are being read on a thread, and what show_view would have done with them."""

    view: View
    order: RowOrder
    key: str | None
    first_unread: bool
    on_show: RowOrder = RowOrder()  # the list's order when this was asked

    def sort_chosen(self, now: RowOrder) -> RowOrder | None:
        """The sort the reader chose while the rows were read (it wins over the view's), or None."""
        return now if (now.column, now.descending) != (self.on_show.column, self.on_show.descending) else None


class ListingReader(QObject):
    """Reads one smart view at a time on a thread; ``read`` gives what was asked and its Listing (None: the thread
    failed, read it on the GUI thread instead)."""

    read = Signal(object, object)  # ListingAsked, Listing | None

    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.window = window
        self._asked: ListingAsked | None = None
        self._jobs = BoundedJobs(self, LISTING_BUDGET_S)
        self._jobs.finished.connect(self._on_finished)
        self._note = QTimer(self)
        self._note.setSingleShot(True)
        self._note.setInterval(LISTING_NOTE_MS)
        self._note.timeout.connect(lambda: window.status(self._message()))

    def wants(self, view: View) -> bool:
        """Whether this view is long enough to be read here: its number in the sidebar (For you's: Unread's)."""
        if view.kind not in SMART_LIST_KINDS:
            return False
        return self.window.sidebar_model.count("unread" if view.kind == "for_you" else view.kind) >= LIST_ON_THREAD

    def start(self, asked: ListingAsked) -> None:
        """Read the view's rows on a thread (instead of any being read)."""
        library = self.window.library
        data_dir, kind, order, muted = library.data_dir, asked.view.kind, asked.order, library.muted_listings()
        self._asked = asked
        self._jobs.submit(lambda: read_listing(data_dir, kind, order, muted), lambda _error: None)
        self._note.start()

    def cancel(self) -> None:
        """No listing being read is delivered."""
        self._jobs.cancel()
        self._asked = None
        self._end_note()

    def pending(self) -> bool:
        return self._asked is not None

    def _on_finished(self, _generation: int, listing: Listing | None) -> None:
        asked, self._asked = self._asked, None
        self._end_note()
        if asked is not None:
            self.read.emit(asked, listing)

    def _end_note(self) -> None:
        self._note.stop()
        if self.window.statusBar().currentMessage() == self._message():
            self.window.statusBar().clearMessage()

    def _message(self) -> str:
        return self.tr("Listing the papers…")
