"""The window's searches, off the GUI thread: search threads with a Library each, the newest query wins.

A query can be slow (hostile ones took seconds, a huge paper's highlights too), and the window must
answer keys and paint meanwhile. Each search runs on a thread of this module, on that thread's own
Library (a Library belongs to one thread: sqlite and Whoosh readers are per thread; WAL and Whoosh's
snapshots make a second reader safe). A query typed while another runs replaces the one waiting: only
the newest waits, and a result for an older query than the newest is dropped when it arrives, so a
newer keystroke always wins.

A search made stale (a newer query, the search left, the window closing) is stopped inside the index
(``Library.search_unless_stopped``: within milliseconds between its steps); what it does before reaching
the index (the glossary's first load) runs on. So that even that never holds up the new query, a second
thread (opening a Library of its own on first use) takes the newest query while the first is still busy;
at most ``THREADS`` run, and when all are busy the newest query waits for the first to be free.

The thread touches no Qt object: it leaves its outcome in a plain attribute, which a QTimer on the GUI
thread polls while a search is under way (as background/bounded_jobs.py does).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.errors import ReaderError
from reader.library import GlossaryForms, Library, SearchCancelledError, SearchResult

log = logging.getLogger("reader.ui.background.search_worker")

POLL_MS = 10
THREADS = 2  # one for the searches, one more for the newest query while an old one runs on


@dataclass(frozen=True)
class SearchRequest:
    generation: int
    query: str
    exact: bool
    limit: int


@dataclass(frozen=True)
class SearchOutcome:
    """What one search gave: its result and the glossary's added forms, or the error to show instead (neither:
    it failed unexpectedly, which is logged)."""

    request: SearchRequest
    result: SearchResult | None = None
    forms: list[GlossaryForms] = field(default_factory=list)
    error: ReaderError | None = None


class SearchWorker(QObject):
    """Runs searches on background threads; ``finished`` gives the newest query's outcome only."""

    finished = Signal(object)  # SearchOutcome

    def __init__(self, open_library: Callable[[], Library], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_library = open_library
        self._condition = threading.Condition()
        self._waiting: SearchRequest | None = None  # the next search to run (newer ones replace it)
        self._done: list[SearchOutcome] = []  # outcomes the GUI thread has not taken yet
        self._stopping = False
        self._generation = 0  # of the newest request; older outcomes are dropped
        self._delivered = 0  # the newest generation delivered (or cancelled)
        self._running: set[int] = set()  # generations of the searches running now
        self._idle = 0  # threads waiting for a search
        self._threads: list[threading.Thread] = []
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._deliver)

    def submit(self, query: str, exact: bool, limit: int) -> int:
        """Search for ``query`` (instead of any search not delivered yet); returns the request's generation."""
        with self._condition:
            if self._stopping:
                return self._generation
            self._generation += 1
            self._waiting = SearchRequest(self._generation, query, exact, limit)
            self._condition.notify()
            start = self._idle == 0 and len(self._threads) < THREADS
            if start:
                self._threads.append(threading.Thread(target=self._run, name="search", daemon=True))
        if start:
            self._threads[-1].start()
        self._poll.start()
        return self._generation

    def cancel(self) -> None:
        """Deliver nothing for the searches asked so far (the search was left)."""
        with self._condition:
            self._generation += 1
            self._waiting = None
            self._delivered = self._generation

    def is_busy(self) -> bool:
        """True while the newest request has not been delivered."""
        return self._delivered != self._generation

    def stop(self) -> None:
        """The window closes: no more searches; each thread closes its Library and ends after its search."""
        self.cancel()
        self._poll.stop()
        with self._condition:
            self._stopping = True
            self._condition.notify_all()

    def _is_stale(self, request: SearchRequest) -> bool:
        """Called on the search thread, often: a newer request, a cancel or the window closing stops it."""
        return request.generation != self._generation or self._stopping

    def _deliver(self) -> None:
        with self._condition:
            done, self._done = self._done, []
            idle = self._waiting is None and not self._running
        for outcome in done:
            if outcome.request.generation == self._generation:
                self._delivered = self._generation
                self.finished.emit(outcome)
        if idle:
            self._poll.stop()

    def _run(self) -> None:
        library: Library | None = None
        try:
            while True:
                with self._condition:
                    self._idle += 1
                    while self._waiting is None and not self._stopping:
                        self._condition.wait()
                    self._idle -= 1
                    request, self._waiting = self._waiting, None
                    if self._stopping or request is None:
                        return
                    self._running.add(request.generation)
                try:
                    if library is None:
                        library = self._open_library()  # here: a Library belongs to the thread that opened it
                    outcome = _search(library, request, partial(self._is_stale, request))
                except ReaderError as error:  # the library cannot be opened (yet): the next search tries again
                    outcome = SearchOutcome(request, error=error)
                except Exception:  # noqa: BLE001 - the thread boundary: later searches still run
                    log.exception("the search library could not be opened")
                    outcome = SearchOutcome(request)
                with self._condition:
                    self._running.discard(request.generation)
                    self._done.append(outcome)
        finally:
            if library is not None:
                library.close()


def _search(library: Library, request: SearchRequest, stale: Callable[[], bool]) -> SearchOutcome:
    """One search and the glossary's added forms; errors become the outcome (the thread goes on)."""
    try:
        result = library.search_unless_stopped(request.query, stale, limit=request.limit, exact=request.exact)
        forms = [] if request.exact or not result.total else library.glossary_forms(request.query)
        return SearchOutcome(request, result, forms)
    except SearchCancelledError:
        return SearchOutcome(request)  # stale: never delivered
    except ReaderError as error:
        return SearchOutcome(request, error=error)
    except Exception:  # noqa: BLE001 - a bug in one search must not end every later one
        log.exception("the search for %r failed", request.query[:200])
        return SearchOutcome(request)
