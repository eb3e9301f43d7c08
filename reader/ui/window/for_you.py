"""For you in the window: the For you view's and sort's order, the reason and the similar papers under the
detail pane, and Not interested (X) with Undo.

The model lives in a child process (reader.library.recommend_child.ForYouProcess, the window's
``for_you_process``), which keeps the text matrix (about a gigabyte at 100,000 papers) and builds it again
when the library changed. The window asks it, each time on a thread of its own (background/bounded_jobs.py),
for a fit (the order: ids and scores) and, for the paper on show, its reasons and similar papers. Whether the
marks changed is checked a moment after the list's flags change (a star, an undo, an import), so no other
part of the window needs to know For you exists. One fit runs at a time: a change while one runs starts
another when it is done, so a reader starring quickly never keeps a build from finishing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import chain
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand

from reader.core.errors import ReaderError
from reader.core.models import Flags, Paper
from reader.ui.background.bounded_jobs import BoundedJobs, Interrupted
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.row_order import ListItem, RowOrder
from reader.ui.models.view import View
from reader.ui.panes.for_you_panel import SIMILAR_ROWS, ForYouPanel
from reader.ui.platform.collector import freeze_what_is_alive
from reader.ui.window.commands import PAPER, QT_TRANSLATE_NOOP, VIEW, command
from reader.ui.window.frame import WindowFrame

if TYPE_CHECKING:
    from reader.library.recommend import Reason
    from reader.library.recommend_child import ForYouProcess, Marks, Ranking
    from reader.ui.window.navigation import Navigation
    from reader.ui.window.reading import Reading

log = logging.getLogger("reader.ui.window.for_you")

FIT_BUDGET_S = 300.0  # a build at 100,000 papers takes tens of seconds on a slow machine
SIMILAR_BUDGET_S = 10.0  # similar papers: milliseconds at thousands of papers, a fifth of a second at 100,000
REASONS_BUDGET_S = 10.0  # a paper's reasons: milliseconds, once the child has fitted
CHECK_MS = 150  # how soon after the list's flags change the marks are compared with the model's


def _writable(actions: ForYouActions) -> bool:
    return not actions.window.library.read_only


def _no_answer(error: BaseException) -> None:
    """A question to For you's process replaced by the next paper's (Interrupted) or failed: nothing to show."""
    if not isinstance(error, Interrupted):
        log.warning("For you could not answer: %r", error)


Fitted = tuple["Marks", "Ranking", tuple[list[ListItem], list[ListItem]] | None]  # see _fit


def _fit(process: ForYouProcess, marks: Marks, papers: list[ListItem] | None) -> Fitted:
    """On a thread: For you fitted to ``marks`` and, when the list shows its order, the list's ``papers`` in the
    new order (sorting 100,000 rows takes 60 ms, which the GUI thread would otherwise spend)."""
    ranking = process.fit(marks)
    if papers is None:
        return marks, ranking, None
    order = RowOrder(PaperTableModel.FOR_YOU, rank=ranking.order_key, places=ranking.places)
    return marks, ranking, (papers, order.sorted(papers, {}))


class NotInterestedChange(QUndoCommand):
    """Not interested (or interested again) in some papers, on the window's undo stack with stars and reads."""

    def __init__(self, text: str, write: Callable[[list[str], bool], bool], arxiv_ids: list[str],
                 value: bool) -> None:
        super().__init__(text)
        self._write, self._ids, self._value = write, arxiv_ids, value
        self._done = True  # pushed after the change was written: the first redo() is the push itself

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        if not self._write(self._ids, self._value):
            self.setObsolete(True)

    def undo(self) -> None:
        self._done = False
        if not self._write(self._ids, not self._value):
            self.setObsolete(True)


class ForYouActions(QObject):
    """The window's For you: its model, its order in the list, the panel under the detail pane, X."""

    def __init__(self, window: WindowFrame, navigation: Navigation, reading: Reading) -> None:
        super().__init__(window)
        self.window, self.navigation, self.reading = window, navigation, reading
        self.model: Ranking | None = None
        self.process = window.for_you_process
        self._fitted_marks: Marks | None = None
        self._again = False  # the marks or the library changed while a fit ran
        self._jobs = BoundedJobs(self, FIT_BUDGET_S)
        self._jobs.finished.connect(self._on_fitted)
        self._reason_jobs = BoundedJobs(self, REASONS_BUDGET_S)  # each a question to the child
        self._reason_jobs.finished.connect(self._on_reasons_found)
        self._similar_jobs = BoundedJobs(self, SIMILAR_BUDGET_S)
        self._similar_jobs.finished.connect(self._on_similar_found)
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self.refit_if_changed)

        self.panel = ForYouPanel(window.detail)
        layout = window.detail.layout()
        if layout is not None:
            layout.addWidget(self.panel)
        self.panel.paper_chosen.connect(self.go_to)
        window.paper_model.dataChanged.connect(lambda *_args: self._check.start())
        window.updater.finished.connect(self._on_library_changed)
        window.paper_list.current_paper_changed.connect(self.show_for)
        window.sidebar.view_selected.connect(self._on_view_selected)

    def start(self) -> None:
        """The first fit (after the window's first frame)."""
        self.refit()

    # --- commands -------------------------------------------------------------------------

    @command("not_interested", QT_TRANSLATE_NOOP("Shortcuts", "&Not Interested"), keys=("X",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Not interested: For you leaves the paper out and learns from it "
                                                 "(again: take it back)"), menu=PAPER.at(4, 1),
             enabled=_writable)
    def toggle_not_interested(self) -> None:
        paper = self.window.paper_list.current_paper()
        if paper is None:
            return
        library = self.window.library
        if library.read_only:
            self.window.status(self.reading.read_only_message())
            return
        try:
            value = not library.flags(paper.arxiv_id).dismissed
        except ReaderError as error:
            self.window.status(self.tr("Could not read the marks: {error}").format(error=error))
            return
        text = self.tr("Not Interested") if value else self.tr("Interested Again")
        if self._write([paper.arxiv_id], value):
            self.reading.history.stack.push(NotInterestedChange(text, self._write, [paper.arxiv_id], value))
            message = (self.tr("Not interested: For you leaves it out (Ctrl+Z takes it back)") if value
                       else self.tr("Interested again: For you lists it"))
            self.window.status(message)

    @command("sort_for_you", QT_TRANSLATE_NOOP("Shortcuts", "Sort For &You"), menu=VIEW.at(2, 4),
             checkable=True, group="sort")
    def sort_for_you(self) -> None:
        self.navigation.sort_for_you()

    # --- the model ------------------------------------------------------------------------

    def refit(self) -> None:
        """Fit For you to the marks as they are now, off the GUI thread (after the running fit, if one runs)."""
        if self._jobs.is_busy():
            self._again = True
            return
        try:
            marks = self.window.library.for_you_marks()
        except ReaderError as error:
            log.warning("For you cannot read the marks: %s", error)
            return
        self._again = False
        process, model = self.process, self.window.paper_model
        papers = model.papers_given() if model.sort_column() == PaperTableModel.FOR_YOU else None
        self._jobs.submit(lambda: _fit(process, marks, papers), self._failed)

    def refit_if_changed(self) -> None:
        """A moment after the list's flags changed: fit again when the stars or "not interested" marks did."""
        try:
            marks = self.window.library.for_you_marks()
        except ReaderError:
            return
        if marks != self._fitted_marks:
            self.refit()

    @staticmethod
    def _failed(error: BaseException) -> None:
        log.warning("For you could not be fitted: %r", error)

    def _on_library_changed(self, *_report: object) -> None:
        """An update ran: the papers may have changed, so the child builds the matrix again (when they did)."""
        self.refit()

    def _on_fitted(self, _generation: int, result: Fitted | None) -> None:
        if result is not None:
            self._fitted_marks, self.model, sorted_from = result
            self.window.paper_model.set_rank(self.model.order_key, self.model.places, sorted_from)
            freeze_what_is_alive()  # the order's 100,000 entries, out of the full collections' walk
            self.show_for(self.window.paper_list.current_paper())
        if self._again:
            self.refit()

    # --- the list and the panel -----------------------------------------------------------

    def show_for(self, paper: Paper | None) -> None:
        """The reasons and similar papers of the paper on show, once For you's process has told them (the last
        paper's stay until then, a few milliseconds, so the pane does not jump)."""
        if paper is None or self.model is None:
            self._reason_jobs.cancel()
            self._similar_jobs.cancel()
            self.panel.show_nothing()
            return
        process, key, arxiv_id = self.process, paper.key, paper.arxiv_id
        self._reason_jobs.submit(lambda: (key, process.reasons(arxiv_id)), _no_answer)
        try:
            rows = SIMILAR_ROWS + self.window.library.hidden_count()  # room for the muted ones, left out below
        except ReaderError:
            rows = SIMILAR_ROWS
        self._similar_jobs.submit(lambda: (key, process.similar(arxiv_id, rows)), _no_answer)

    def _on_reasons_found(self, _generation: int, result: tuple[str, list[Reason]] | None) -> None:
        current = self.window.paper_list.current_paper()
        if result is None:  # the question failed: no reason rather than the last paper's
            self.panel.show_reasons([])
        elif current is not None and current.key == result[0]:
            self.panel.show_reasons(result[1])

    def _on_similar_found(self, _generation: int, result: tuple[str, list[tuple[str, float]]] | None) -> None:
        current = self.window.paper_list.current_paper()
        if result is None or current is None or current.key != result[0]:
            return
        similar: list[tuple[Paper, float]] = []
        try:
            for arxiv_id, similarity in result[1]:
                listings = self.window.library.without_muted(self.window.library.papers_for(arxiv_id))
                if listings:
                    similar.append((max(listings, key=lambda listing: listing.date), similarity))
                if len(similar) == SIMILAR_ROWS:
                    break
        except ReaderError as error:
            log.info("similar papers not shown: %s", error)
        self.panel.show_similar(similar)

    def go_to(self, key: str) -> None:
        """A similar paper clicked: selected in the list when listed there, else on its day."""
        paper_list = self.window.paper_list
        if paper_list.select_key(key, chosen=True):
            return
        if self.window.sidebar.select_view(View("day", key.partition("/")[0])):
            paper_list.select_key(key, chosen=True)

    def _on_view_selected(self, view: View) -> None:
        """Entering the For you view puts the For you order on (navigation.py sorts it; the menu says so)."""
        if view.kind == "for_you" or self.window.paper_model.sort_column() == PaperTableModel.FOR_YOU:
            self.window.commands["sort_for_you"].setChecked(True)

    def _write(self, arxiv_ids: list[str], value: bool) -> bool:
        """Save the mark and show it: the For you view drops (or takes back) the paper in place, keeping the place."""
        window = self.window
        library = window.library
        try:
            library.set_dismissed(arxiv_ids, value)
            flags = library.flags_of(arxiv_ids)
            returning = [] if value else [paper for arxiv_id in arxiv_ids for paper in library.papers_for(arxiv_id)
                                          if not flags.get(arxiv_id, Flags()).read]
        except ReaderError as error:
            window.status(self.tr("Could not save: {error}").format(error=error))
            return False
        marks = {arxiv_id: flags.get(arxiv_id, Flags()) for arxiv_id in arxiv_ids}
        if self.navigation.view == View("for_you"):
            if value:
                self._leave_for_you(arxiv_ids)
            else:
                window.paper_model.add_items(returning, marks)
                if returning:
                    window.paper_list.select_key(returning[0].key)
        window.paper_model.update_flags(arxiv_ids, marks)
        self._check.start()
        return True

    def _leave_for_you(self, arxiv_ids: list[str]) -> None:
        """Take the papers out of the For you list; the paper after the current one (or before) is selected."""
        window = self.window
        paper_list, proxy = window.paper_list, window.paper_proxy
        current = paper_list.current_paper()
        following = None
        if current is not None and current.arxiv_id in arxiv_ids:
            row = paper_list.currentIndex().row()
            for other in chain(range(row + 1, proxy.rowCount()), range(row - 1, -1, -1)):
                paper = window.paper_model.paper_at(proxy.mapToSource(proxy.index(other, 0)).row())
                if paper.arxiv_id not in arxiv_ids:
                    following = paper.key
                    break
        window.paper_model.remove_ids(arxiv_ids)
        if following is not None:
            paper_list.select_key(following)
