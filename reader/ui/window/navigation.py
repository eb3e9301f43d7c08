"""Which papers the list shows: the view chosen in the sidebar, the day and paper keys, Next Unread, the sort, hidden
read papers (starred ones kept, if asked), and the search that replaces the list while it runs.

Searches run on a thread of their own (background/search_worker.py): the field keeps taking keys while one runs, and
the newest query's results are the ones listed. Exact mode (the toggle next to the field, remembered in the
settings) searches the words as typed, without their glossary forms in the other language; the highlights in the
list and the detail pane follow the same mode.

Choosing a view (a row of the sidebar, a key, a search) fills the paper list and selects the paper asked for, or the
top row; the paper list's current_paper_changed then reaches reading.py. Those selections are the window's, not the
reader's: only j/k and Next Unread here choose a paper (so it may become read).

A long smart view (All papers, Unread, Starred, For you) is read and sorted on a thread once the window has started
(listings.py); the list on show stays until its rows come. The first view is read at once, so that the first frame
shows its rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from reader.core.errors import InvalidQueryError
from reader.core.models import Flags
from reader.library import DayInfo, GlossaryForms, Library, SearchResult
from reader.ui.background.search_worker import SearchOutcome, SearchWorker
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.row_order import ListItem, RowOrder
from reader.ui.models.view import CROSS_DAY_KINDS, ORGANISED_KINDS, View, ViewKind
from reader.ui.panes.detail_pane import QueryHighlighter
from reader.ui.panes.glossary_note import GlossaryFinder
from reader.ui.platform.collector import freeze_what_is_alive
from reader.ui.platform.problem_text import query_message
from reader.ui.window.commands import GO, QT_TRANSLATE_NOOP, VIEW, command
from reader.ui.window.frame import WindowFrame
from reader.ui.window.listings import Listing, ListingAsked, ListingReader, smart_view_rows
from reader.ui.window.organised_views import organised_papers

if TYPE_CHECKING:
    from reader.ui.dialogs.glossary_dialog import GlossaryDialog

SEARCH_LIMIT = 500  # hits listed; the sidebar still shows the full count
FLAGS_OF_LIMIT = 2000  # more papers than this: one read of every flag beats a look-up of each
SEARCHING_NOTE_MS = 300  # a search still running after this says so next to the field
FORMS_SHOWN = 3  # other-language forms named per term next to the field (all of them in its tooltip)
Sort = tuple[int, Qt.SortOrder]
DEFAULT_SORT: Sort = (PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder)
FREEZE_ROWS = 10_000  # a list this long is frozen out of full garbage collections once read (see collector.py)
NEW_DAYS_IN_PLACE = 31  # up to a month of new days is inserted into the list; more, and the list is read again
SORTS: dict[str, Sort] = {
    "sort_votes": (PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder),
    "sort_date": (PaperTableModel.DATE, Qt.SortOrder.DescendingOrder),
    "sort_title": (PaperTableModel.TITLE, Qt.SortOrder.AscendingOrder),
}


class Navigation(QObject):
    """The view on show and the way between views; the sidebar and the list follow it."""

    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.window = window
        self.view: View | None = None
        self._pending_key: str | None = None  # paper to select when the next view loads
        self._user_sort: Sort = DEFAULT_SORT
        self._search_query: str | None = None
        self._search_result: SearchResult | None = None
        self._before_search: tuple[View | None, str | None] | None = None
        self._pending_unread = False  # the next view loaded selects its first unread paper (Next Unread)
        self._glossary_dialog: GlossaryDialog | None = None  # made when first opened
        self._exact = window.settings.search_exact
        window.commands["exact_search"].setChecked(self._exact)
        window.search_bar.set_exact_action(window.commands["exact_search"])
        window.detail.set_highlighter(*self._highlighting())
        window.detail.glossary_note.set_term_finder(window.library.glossary_term_at)  # hover: a term's other forms
        data_dir = window.library.data_dir
        self._searches = SearchWorker(lambda: Library(data_dir), self)
        self._searches.finished.connect(self._on_search_finished)
        self._searching_note = QTimer(self)
        self._searching_note.setSingleShot(True)
        self._searching_note.setInterval(SEARCHING_NOTE_MS)
        self._searching_note.timeout.connect(
            lambda: window.search_bar.show_message(self.tr("Searching…")) if self._searches.is_busy() else None)
        self._listings = ListingReader(window)
        self._listings.read.connect(self._on_listing_read)

    # --- commands -------------------------------------------------------------------------

    @command("next_paper", QT_TRANSLATE_NOOP("Shortcuts", "&Next Paper"), keys=("J",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Next paper (also Down)"), menu=GO.at(1, 1))
    def next_paper(self) -> None:
        self.window.paper_list.step(1)

    @command("previous_paper", QT_TRANSLATE_NOOP("Shortcuts", "&Previous Paper"), keys=("K",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Previous paper (also Up)"), menu=GO.at(1, 2))
    def previous_paper(self) -> None:
        self.window.paper_list.step(-1)

    @command("next_unread", QT_TRANSLATE_NOOP("Shortcuts", "Next &Unread"), keys=("Space",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Next unread paper in the list, then in the next day"),
             menu=GO.at(1, 3))
    def next_unread(self) -> None:
        """The next unread paper below in the list; else the first of the next day with unread papers (down the
        date list, then round from the newest); else one above in the list."""
        window = self.window
        paper_list = window.paper_list
        current = paper_list.currentIndex()
        start = current.row() + 1 if current.isValid() else 0
        row = paper_list.unread_rows(range(start, window.paper_proxy.rowCount()))
        if row >= 0:
            paper_list.select_row(row, chosen=True)
            return
        for date in self._following_days():
            if window.sidebar_model.day_unread(date):
                self._pending_unread = True
                if window.sidebar.select_view(View("day", date)):
                    window.paper_list.setFocus()
                    return
                self._pending_unread = False
        row = paper_list.unread_rows(range(0, max(0, start - 1)))
        if row >= 0:
            paper_list.select_row(row, chosen=True)
            return
        window.status(self.tr("No unread papers left"))

    def _following_days(self) -> list[str]:
        """From a day (or Latest day): the days after it down the date list, then those above it; else none."""
        view = self.view
        dates = self.window.sidebar_model.day_dates()
        if view is None or view.kind not in ("day", "latest") or not dates:
            return []
        current = dates[0] if view.kind == "latest" else view.date
        position = dates.index(current) if current in dates else -1
        return dates[position + 1:] + dates[:max(position, 0)]

    @command("next_day", QT_TRANSLATE_NOOP("Shortcuts", "Next &Day"), keys=("N",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Next day (down the date list)"), menu=GO.at(1, 4), args=(1,))
    @command("previous_day", QT_TRANSLATE_NOOP("Shortcuts", "Previous D&ay"), keys=("P",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Previous day (up the date list)"), menu=GO.at(1, 5), args=(-1,))
    def go_day(self, step: int) -> None:
        target = self.window.sidebar.adjacent_day(step)
        if target is not None:
            self.window.sidebar.select_view(target)

    @command("find", QT_TRANSLATE_NOOP("Shortcuts", "&Find"), keys=("Ctrl+F", "/"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Search"), menu=GO.at(2, 1))
    def find(self) -> None:
        self.window.search_bar.focus()

    @command("exact_search", QT_TRANSLATE_NOOP("Shortcuts", "&Exact Search"), keys=("Ctrl+Shift+E",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Search the words as typed, without their glossary forms in the "
                                                 "other language (on or off)"),
             menu=GO.at(2, 3), checkable=True, on_toggle=True)
    def set_exact_search(self, exact: bool) -> None:
        """Exact on or off: remembered, the highlights follow, and a search on show is run again."""
        if exact == self._exact:
            return  # restoring it
        self._exact = exact
        window = self.window
        window.settings.search_exact = exact
        window.detail.set_highlighter(*self._highlighting())
        if window.search_bar.text():
            self.on_query(window.search_bar.text())

    @command("glossary", QT_TRANSLATE_NOOP("Shortcuts", "&Glossary…"), menu=GO.at(2, 4))
    def show_glossary(self) -> None:
        """The glossary beside the window (one dialog, brought back when open); a double-clicked term is searched."""
        from reader.ui.dialogs.glossary_dialog import GlossaryDialog

        if self._glossary_dialog is None:
            self._glossary_dialog = GlossaryDialog(self.window.library.glossary, self.window)
            self._glossary_dialog.term_chosen.connect(self.search_for)
        else:
            self._glossary_dialog.reload()  # an update may have added terms
        self._glossary_dialog.show()
        self._glossary_dialog.activateWindow()  # to the front, when it was already open behind the window

    def search_for(self, term: str) -> None:
        """Put ``term`` in the search field and search for it at once."""
        bar = self.window.search_bar
        bar.field.setText(term)
        bar.cancel_pending()
        self.on_query(bar.text())

    def search_exact(self) -> bool:
        """Whether searches are exact (glossary forms off): what a saved search records with its query."""
        return self._exact

    def _highlighting(self) -> tuple[QueryHighlighter, GlossaryFinder | None]:
        """What the detail pane highlights with, in the current mode, and what finds the words it names as
        found through the glossary (none in Exact mode)."""
        library = self.window.library
        if self._exact:
            return partial(library.highlight, exact=True), None
        return library.highlight, library.glossary_spans

    @command("leave_search", QT_TRANSLATE_NOOP("Shortcuts", "&Leave Search"), keys=("Esc",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Leave the search, back to where you were"), menu=GO.at(2, 2))
    def leave_search(self) -> None:
        """Esc: empty the field (which ends the search) and go back to the list."""
        self.window.search_bar.clear()
        self.end_search()
        self.window.paper_list.setFocus()

    @command("hide_read", QT_TRANSLATE_NOOP("Shortcuts", "&Hide Read Papers"), keys=("Ctrl+H",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Hide or show read papers"), menu=VIEW.at(1, 1),
             checkable=True, on_toggle=True)
    def set_hide_read(self, hidden: bool) -> None:
        window = self.window
        window.paper_proxy.set_hide_read(hidden)
        window.settings.hide_read = hidden
        if window.paper_list.current_paper() is None:
            window.paper_list.select_row(0)

    @command("keep_starred", QT_TRANSLATE_NOOP("Shortcuts", "&Keep Starred Papers Visible"),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Starred papers stay listed while read ones are hidden"),
             menu=VIEW.at(1, 2), checkable=True, on_toggle=True)
    def set_keep_starred(self, kept: bool) -> None:
        window = self.window
        window.paper_proxy.set_keep_starred(kept)
        if window.settings.keep_starred_visible != kept:  # not when restoring it (see on_sort_changed)
            window.settings.keep_starred_visible = kept
        if window.paper_list.current_paper() is None:
            window.paper_list.select_row(0)

    @command("sort_votes", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Votes"), menu=VIEW.at(2, 1),
             checkable=True, group="sort", args=SORTS["sort_votes"])
    @command("sort_date", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Date"), menu=VIEW.at(2, 2),
             checkable=True, group="sort", args=SORTS["sort_date"])
    @command("sort_title", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Title"), menu=VIEW.at(2, 3),
             checkable=True, group="sort", args=SORTS["sort_title"])
    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        self.window.paper_list.sortByColumn(column, order)

    # --- views ----------------------------------------------------------------------------

    def show_view(self, view: View) -> None:
        """Fill the list for ``view`` and select the pending paper, or the top row."""
        window = self.window
        key = self._pending_key
        self._pending_key = None
        if key is None and view == self.view:
            current = window.paper_list.current_paper()
            key = current.key if current else None
        previous_kind = self.view.kind if self.view else None
        self.view = view
        self._listings.cancel()  # a listing still being read is for a view left
        asked = ListingAsked(view, self._order_for(view, previous_kind), key, self._pending_unread,
                             window.paper_model.row_order())
        self._pending_unread = False
        if previous_kind is not None and self._listings.wants(view):
            self.window.paper_model.note_flag_updates()  # a star or read mark meanwhile: not in what it reads
            self._listings.start(asked)
            return
        papers, highlights = self._papers_for(view)
        papers = window.library.without_muted(papers)  # unless View > Show Muted Papers
        self._fill(asked, papers, self._flags_of(papers), highlights)

    def _fill(self, asked: ListingAsked, papers: Sequence[ListItem], flags: dict[str, Flags],
              highlights: dict[str, list[tuple[int, int]]], ordered: list[ListItem] | None = None) -> None:
        """The list shows these rows of the view, in its order (``ordered``: sorted already), and selects."""
        window = self.window
        self._show_sort(asked.order)
        window.paper_model.set_papers(papers, flags, highlights, asked.order, ordered)
        if len(papers) >= FREEZE_ROWS:
            freeze_what_is_alive()  # out of the full collections' walk (one took 48 ms while All papers scrolled)
        window.paper_list.set_date_column_visible(asked.view.kind in CROSS_DAY_KINDS)
        window.paper_list.set_highlighting(asked.view.kind == "search")
        first_unread = window.paper_list.unread_rows(range(window.paper_proxy.rowCount())) if asked.first_unread else -1
        if first_unread >= 0:
            window.paper_list.select_row(first_unread, chosen=True)
        elif not (asked.key and window.paper_list.select_key(asked.key)):
            window.paper_list.select_row(0)

    def _order_for(self, view: View, previous_kind: ViewKind | None) -> RowOrder:
        """The order a view lists in: a search's best match first, the queue's own, For you's, else the reader's
        sort (coming back from one of those) or the one on show."""
        model = self.window.paper_model
        if view.kind in ("search", "queue"):
            return model.row_order(-1, False)
        if view.kind == "for_you":
            return model.row_order(PaperTableModel.FOR_YOU, False)
        if previous_kind in (None, "search", "for_you", "queue"):
            column, order = self._user_sort
            return model.row_order(column, order == Qt.SortOrder.DescendingOrder)
        return model.row_order()

    def _show_sort(self, order: RowOrder) -> None:
        """The header and Sort menu say the order; set_papers sorts (the rows on show go: sorting them cost 0.3 s)."""
        header = self.window.paper_list.horizontalHeader()
        column = order.column if 0 <= order.column < PaperTableModel.COLUMN_COUNT else -1  # For you's has none
        qt_order = Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder
        blocked = header.blockSignals(True)
        header.setSortIndicator(column, qt_order)
        header.blockSignals(blocked)
        self.on_sort_changed(column, qt_order)

    def listing_pending(self) -> bool:
        """True while a view's rows are being read on a thread (the list still shows the view before)."""
        return self._listings.pending()

    def _on_listing_read(self, asked: ListingAsked, listing: Listing | None) -> None:
        """The rows of the view asked for: listed, with the marks set while they were read; read here instead
        when the thread failed (an unreadable catalogue says so as it does for a short view)."""
        if asked.view != self.view:
            return
        if listing is None:
            read_here = self.window.library.without_muted(self._papers_for(asked.view)[0])
            self._fill(asked, read_here, self._flags_of(read_here), {})
            return
        fresh = listing.with_updates(asked.view.kind, self.window.paper_model.flag_updates())
        chosen = asked.sort_chosen(self.window.paper_model.row_order())
        ordered = fresh.ordered if chosen is None else None  # (in the reader's sort, sorted here)
        self._fill(asked if chosen is None else replace(asked, order=chosen), fresh.papers, fresh.flags, {}, ordered)

    def add_new_days(self, dates: list[str]) -> bool:
        """Put these new days' listings into the list where its order puts them, when the view is one a new day
        only adds to (All papers, Unread, Starred; a day's list stays as it is): no re-read of the whole list
        (at 100,000 papers ~0.3 s of the GUI thread after every update). False when the view needs a reload."""
        view, library = self.view, self.window.library
        if view is None or view.kind not in ("all", "unread", "starred", "day") or self._listings.pending():
            return False  # (a listing being read may lack the new days: it is read again)
        if view.kind == "day":
            return view.date not in dates
        if len(dates) > NEW_DAYS_IN_PLACE:  # a folder of many days: one reload costs less than their inserts
            return False
        rows = library.without_muted([row for date in dates for row in library.rows(
            date=date, starred=view.kind == "starred", unread=view.kind == "unread")])
        return self.window.paper_model.insert_sorted(rows, self._flags_of(rows))

    def _flags_of(self, papers: Sequence[ListItem]) -> dict[str, Flags]:
        """The flags of the papers listed: looked up one by one for a day, read all at once for a long list."""
        library = self.window.library
        ids = {paper.arxiv_id for paper in papers}
        return library.flags_of(ids) if len(ids) <= FLAGS_OF_LIMIT else library.all_flags()

    def _papers_for(self, view: View) -> tuple[Sequence[ListItem], dict[str, list[tuple[int, int]]]]:
        """Search hits are full Papers (few, with spans); every other view lists light rows."""
        library = self.window.library
        if view.kind == "search":
            hits = self._search_result.hits if self._search_result else []
            highlights = {
                hit.paper.key: [(span.start, span.end) for span in hit.spans if span.field == "title"]
                for hit in hits
            }
            return [hit.paper for hit in hits], highlights
        if view.kind in ORGANISED_KINDS:
            return organised_papers(library, view, SEARCH_LIMIT), {}
        if view.kind == "latest":
            newest = self.newest_day()
            return (library.rows(date=newest) if newest else []), {}
        if view.kind == "day":
            return library.rows(date=view.date), {}
        return smart_view_rows(library, view.kind), {}

    def sort_for_you(self) -> None:
        """The For you order: a sort without a column, so the header shows none (and it is not saved)."""
        self._show_sort(self.window.paper_model.row_order(PaperTableModel.FOR_YOU, False))
        self.window.paper_model.sort(PaperTableModel.FOR_YOU)

    def newest_day(self) -> str | None:
        dates = self.window.sidebar_model.day_dates()
        return dates[0] if dates else None

    def refresh_sidebar(self, reload_list: bool, days: list[DayInfo] | None = None) -> None:
        """New counts and days (from the library unless given), keeping the selected view and paper."""
        window = self.window
        was_empty = not window.sidebar_model.day_dates()
        window.sidebar_model.set_days(window.library.days() if days is None else days)
        if was_empty and window.sidebar_model.day_dates():
            self.select_first_start_view()  # the very first days just arrived
            return
        if self.view is None:
            return
        if window.sidebar.current_view() != self.view:  # the tree was rebuilt: put the selection back
            current = window.paper_list.current_paper()
            self._pending_key = current.key if current else None
            blocked = window.sidebar.blockSignals(not reload_list)
            found = window.sidebar.select_view(self.view)
            window.sidebar.blockSignals(blocked)
            if not found:
                self.select_first_start_view()
                return
        if reload_list:
            self.show_view(self.view)

    def select_first_start_view(self) -> None:
        """The newest day, its top-voted paper, focus in the list."""
        newest = self.newest_day()
        self.window.sidebar.select_view(View("day", newest) if newest else View("latest"))
        self.window.paper_list.setFocus()

    def restore_sort(self, sort: tuple[int, bool] | None, hide_read: bool) -> None:
        """Last run's sort and hidden read papers (a first start sorts by votes and hides nothing)."""
        order = Qt.SortOrder.DescendingOrder if sort and sort[1] else Qt.SortOrder.AscendingOrder
        self._user_sort = (sort[0], order) if sort else DEFAULT_SORT
        self.window.paper_list.sortByColumn(*self._user_sort)
        self.window.commands["hide_read"].setChecked(hide_read)
        self.window.commands["keep_starred"].setChecked(self.window.settings.keep_starred_visible)

    def restore_view(self, view: View | None, key: str | None) -> None:
        """Last run's view and paper, or the first-start view when they are gone (or on a first start)."""
        window = self.window
        window.sidebar_model.set_days(window.library.days())
        self._pending_key = key
        if not (view and window.sidebar.select_view(view)):
            self._pending_key = None
            self.select_first_start_view()

    def saved_position(self) -> tuple[View | None, str | None]:
        """The view and paper to come back to at the next start: where the reader was before a search."""
        if self._before_search is not None and self.view == View("search"):
            return self._before_search
        current = self.window.paper_list.current_paper()
        return self.view, current.key if current else None

    def on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0 or self.view == View("search"):
            return  # relevance order of a search is not the user's choice of sort
        if (column, order) != self._user_sort:  # not when restoring it: a write before the first paint delays it
            self._user_sort = (column, order)
            self.window.settings.sort = (column, order == Qt.SortOrder.DescendingOrder)
        for name, (sort_column, _order) in SORTS.items():
            self.window.commands[name].setChecked(sort_column == column)

    # --- search ---------------------------------------------------------------------------

    def search_query(self) -> str | None:
        """The query whose results are listed, or None outside a search."""
        return self._search_query if self.view and self.view.kind == "search" else None

    def on_query(self, query: str) -> None:
        """Search for ``query`` off the GUI thread; the results replace the list when they come."""
        self._searches.submit(query, self._exact, SEARCH_LIMIT)
        self._searching_note.start()

    def _on_search_finished(self, outcome: SearchOutcome) -> None:
        """The newest query's outcome: its results listed, or a word under the field saying why not."""
        window = self.window
        self._searching_note.stop()
        query, result = outcome.request.query, outcome.result
        if isinstance(outcome.error, InvalidQueryError):  # the reader's typing: a gentle word under the field
            window.search_bar.show_message(query_message(outcome.error))
            return
        if result is None:  # the index itself failed (damaged, unreadable): say so, keep the window
            reason = str(outcome.error) if outcome.error is not None else self.tr("an internal error")
            window.search_bar.show_message(self.tr("The search failed: {reason}").format(reason=reason))
            return
        if self._search_query is None:
            current = window.paper_list.current_paper()
            self._before_search = (self.view, current.key if current else None)
        self._search_query, self._search_result = query, result
        if not result.total:
            window.search_bar.show_message(self.tr("No papers match"))
        else:
            window.search_bar.show_message(*self._forms_message(outcome.forms))
        window.sidebar_model.set_search_count(result.total)
        if self.view == View("search"):
            self.show_view(View("search"))
        else:
            window.sidebar.select_view(View("search"))

    def _forms_message(self, forms: list[GlossaryForms]) -> tuple[str, str]:
        """The other-language forms searched too, short next to the field and whole in its tooltip."""
        if not forms:
            return "", ""
        short = "; ".join(f"{term} → {', '.join(added[:FORMS_SHOWN])}{'…' if len(added) > FORMS_SHOWN else ''}"
                          for term, added in forms)
        whole = "\n".join(f"{term} → {', '.join(added)}" for term, added in forms)
        return (self.tr("Also searched: {forms}").format(forms=short),
                self.tr("Also searched, from the glossary (Exact Search turns this off):\n{forms}").format(forms=whole))

    def stop_searching(self) -> None:
        """The window closes: no search (or listing) runs or is delivered after this."""
        self._searching_note.stop()
        self._searches.stop()
        self._listings.cancel()

    def end_search(self) -> None:
        self._searches.cancel()  # a search still running for the emptied field is not listed
        self._searching_note.stop()
        self.window.search_bar.show_message("")
        if self._search_query is None:
            return
        before_view, before_key = self._before_search or (None, None)
        self._search_query = self._search_result = self._before_search = None
        if self.view == View("search"):
            self._pending_key = before_key
            if not (before_view and self.window.sidebar.select_view(before_view)):
                self._pending_key = None
                self.select_first_start_view()
        self.window.sidebar_model.set_search_count(None)

