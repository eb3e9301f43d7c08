"""For you in a process of its own, for the window: the child keeps the text matrix and the model, and answers.

Why a process: built on a thread of the window's process, the matrix stalled the window (a CPU-bound
Python thread makes each of the GUI thread's short calls into Python wait for the GIL: scrolling 5,000
papers stalled 80-1,350 ms while it was built, 19 ms without it). Why one that stays: at 100,000 papers the
matrix is about a gigabyte, which the window held (and its pickled copy while it arrived: 1,149 MB peak)
when a short-lived child sent it back. Now the window gets only the order (ids and scores, a few MB,
:class:`Ranking`) and asks the child for a paper's reasons and similar papers when it shows the paper. A
child that stays also builds the matrix again after an update from its last build's term counts (only new
or changed papers are read again: reader/library/recommend.py).

Two pipes, each served by a thread of the child: fits (and the background check's count), which may take
seconds while the matrix is built, and questions (reasons, similar papers), answered meanwhile from the
model already fitted. On the window's side each pipe has a thread of its own that sends and receives, so a
caller interrupted while it waits (reader/ui/background/bounded_jobs.py stops a stale job) never leaves a
half-read answer in the pipe.
"""

from __future__ import annotations

import logging
import queue
import threading
import weakref
from array import array
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from reader.core.errors import LibraryError, ReaderError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from reader.features.recommend import ForYou
    from reader.features.recommend_reasons import Reason
    from reader.library.facade import Library

log = logging.getLogger("reader.library")

POLL_S = 0.1  # waits this short let Python's asynchronous interrupt (background/bounded_jobs.py) stop a wait
ENDED = "For you's process ended"
ROWS_AT_A_TIME = 8192  # a fit's ids taken in by the window in steps: the GUI thread may run between them
Marks = tuple[frozenset[str], frozenset[str]]  # (starred, not interested)


class Ranking:
    """For you's order as the window needs it: every paper's sort key, and whether For you has learned.

    What crosses from the child: the ids as one string and the scores, votes and places in the order as packed
    numbers (a few MB at 100,000 papers, read in a few C calls), not the model (the matrix stays in the child).
    """

    def __init__(self, model: ForYou) -> None:
        self.learned = model.learned
        self.starred = model.starred
        self.dismissed = model.dismissed
        ids = model.matrix.ids
        keys = [model.order_key(arxiv_id) for arxiv_id in ids]
        self._ids = ids
        self._scores: Sequence[float] = [-key[1] for key in keys]  # arrays in the window (see __setstate__)
        self._votes: Sequence[int] = [-key[2] for key in keys]
        self._places: Sequence[int] = _places_of_keys(keys)  # sorted here, in the child: the window sorts by them
        self._row_of = model.matrix.row_of

    def __getstate__(self) -> dict[str, object]:
        return {"learned": self.learned, "starred": self.starred, "dismissed": self.dismissed,
                "ids": "\n".join(self._ids), "scores": array("d", self._scores).tobytes(),
                "votes": array("q", self._votes).tobytes(), "places": array("q", self._places).tobytes()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.learned, self.starred, self.dismissed = state["learned"], state["starred"], state["dismissed"]
        self._ids = ids = state["ids"].split("\n") if state["ids"] else []
        self._row_of = {}
        for start in range(0, len(ids), ROWS_AT_A_TIME):  # one dict(zip()) holds the GIL 14 ms at 100,000 ids
            step = ids[start:start + ROWS_AT_A_TIME]
            self._row_of.update(zip(step, range(start, start + len(step)), strict=True))
        self._scores = array("d", state["scores"])  # read in place: a list of them is 2 ms more of the GIL each
        self._votes = array("q", state["votes"])
        self._places = array("q", state["places"])

    def score(self, arxiv_id: str) -> float:
        """Higher is better; 0 for a paper the child's matrix does not hold yet."""
        row = self._row_of.get(arxiv_id)
        return 0.0 if row is None else self._scores[row]

    def order_key(self, arxiv_id: str) -> tuple[bool, float, int]:
        """A sort key, best first: not dismissed, then score, then votes (as ForYou.order_key)."""
        row = self._row_of.get(arxiv_id)
        if row is None:
            return (arxiv_id in self.dismissed, 0.0, 0)
        return (arxiv_id in self.dismissed, -self._scores[row], -self._votes[row])

    def places(self, arxiv_ids: list[str]) -> list[int] | None:
        """Each paper's place in the order (papers of equal keys share one); None when the child has not seen one
        of them (a paper new since the fit: order_key places it). Sorting 100,000 rows by these numbers takes a
        fraction of sorting them by order_key, which calls Python for each row (0.35 s)."""
        rows = list(map(self._row_of.get, arxiv_ids))
        if None in rows:
            return None
        return list(map(self._places.__getitem__, cast("list[int]", rows)))


def _places_of_keys(keys: list[tuple[bool, float, int]]) -> list[int]:
    """Each key's place among the keys sorted, equal keys sharing one (so a sort by places keeps their order)."""
    places = [0] * len(keys)
    place, previous = -1, None
    for row in sorted(range(len(keys)), key=keys.__getitem__):
        if keys[row] != previous:
            place, previous = place + 1, keys[row]
        places[row] = place
    return places


@dataclass
class _Answer:
    ready: threading.Event = field(default_factory=threading.Event)
    value: object = None
    error: str | None = None


class _Channel:
    """One pipe to the child and the thread that sends each request and receives its answer, in turn."""

    def __init__(self, connection: Connection, alive: Callable[[], bool]) -> None:
        self._connection = connection
        self._alive = alive
        self._requests: queue.SimpleQueue[tuple[tuple[str, tuple[object, ...]], _Answer] | None] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="for-you-pipe", daemon=True).start()

    def ask(self, kind: str, *args: object) -> object:
        """Send a request and wait for its answer; LibraryError when the child failed it or ended."""
        answer = _Answer()
        self._requests.put(((kind, args), answer))
        while not answer.ready.wait(POLL_S):
            if not self._alive():
                raise LibraryError(ENDED)
        if answer.error is not None:
            raise LibraryError(answer.error)
        return answer.value

    def close(self) -> None:
        self._requests.put(None)

    def _run(self) -> None:
        broken = False
        while (item := self._requests.get()) is not None:
            request, answer = item
            if not broken:
                try:
                    self._connection.send(request)
                    ok, answer.value = self._connection.recv()
                    if not ok:
                        answer.error = str(answer.value)
                except (EOFError, OSError):
                    broken = True
            if broken:
                answer.error = ENDED
            answer.ready.set()
        self._connection.close()


class ForYouProcess:
    """The window's For you: a child process started on first use, started again should it end.

    Every method blocks until the child answers: call them off the GUI thread. Each raises LibraryError
    when the child cannot answer (the library cannot be read, the process ended).
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._child: BaseProcess | None = None
        self._channels: tuple[_Channel, _Channel] | None = None  # (fits, questions)
        self._finalizer: weakref.finalize[Any, Any] | None = None

    def fit(self, marks: Marks) -> Ranking:
        """For you fitted to these marks (the matrix built again first when the library changed)."""
        ranking: Ranking = self._open()[0].ask("fit", marks)  # type: ignore[assignment]
        return ranking

    def among(self, entries: Collection[tuple[str, str]]) -> int | None:
        """Library.for_you_among in the child: how many of these new (date, arXiv id) entries are For you."""
        count: int | None = self._open()[0].ask("among", list(entries))  # type: ignore[assignment]
        return count

    def reasons(self, arxiv_id: str) -> list[Reason]:
        """Why the last fit scores this paper as it does (empty before the first fit)."""
        reasons: list[Reason] = self._open()[1].ask("reasons", arxiv_id)  # type: ignore[assignment]
        return reasons

    def similar(self, arxiv_id: str, limit: int) -> list[tuple[str, float]]:
        """The papers most like this one in the last fit's matrix, best first (empty before the first fit)."""
        similar: list[tuple[str, float]] = self._open()[1].ask("similar", arxiv_id, limit)  # type: ignore[assignment]
        return similar

    def close(self) -> None:
        """End the child (the window closes); a later call starts another."""
        with self._lock:
            if self._finalizer is not None:
                self._finalizer()
            self._child = self._channels = self._finalizer = None

    def _open(self) -> tuple[_Channel, _Channel]:
        with self._lock:
            child = self._child
            if child is None or not child.is_alive() or self._channels is None:
                if self._finalizer is not None:
                    self._finalizer()
                self._start()
            assert self._channels is not None
            return self._channels

    def _start(self) -> None:
        import multiprocessing  # here, not at the top: the window imports this module before its first frame

        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        fits_here, fits_there = context.Pipe()
        questions_here, questions_there = context.Pipe()
        child = context.Process(target=_serve, args=(str(self.data_dir), fits_there, questions_there),
                                name="for-you", daemon=True)
        child.start()
        fits_there.close()
        questions_there.close()
        channels = (_Channel(fits_here, child.is_alive), _Channel(questions_here, child.is_alive))
        self._child, self._channels = child, channels
        self._finalizer = weakref.finalize(self, _end, child, channels)


def _end(child: BaseProcess, channels: tuple[_Channel, _Channel]) -> None:
    """End the child at once (it only reads: nothing of the reader's is lost) and close the pipes."""
    child.terminate()
    child.join(1.0)
    for channel in channels:
        channel.close()


# --- in the child ------------------------------------------------------------------------------


class _Server:
    """The child's Library and the last fitted model."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.model: ForYou | None = None

    def fit(self, marks: Marks) -> Ranking:
        self.model = model = self.library.for_you(marks=marks)
        return Ranking(model)

    def among(self, entries: list[tuple[str, str]]) -> int | None:
        return self.library.for_you_among(entries)

    def reasons(self, arxiv_id: str) -> list[Reason]:
        model = self.model
        return [] if model is None else model.reasons(arxiv_id)

    def similar(self, arxiv_id: str, limit: int) -> list[tuple[str, float]]:
        model = self.model
        return [] if model is None else model.similar(arxiv_id, limit)


def _serve(data_dir: str, fits: Connection, questions: Connection) -> None:
    """The child's life: answer both pipes until the window closes them."""
    import multiprocessing

    from reader.core.priority import lower_priority
    from reader.library.facade import Library

    # A daemonic process may not start processes, and this one reads a big library's text in a pool of them
    # (reader/features/recommend_text.py). Only this process's view of itself changes: the window still
    # ends it as a daemon, and the pool's processes end with it.
    multiprocessing.current_process().daemon = False
    lower_priority()  # the window's thread first; the pool's processes inherit it

    with Library(data_dir) as library:
        server = _Server(library)
        threading.Thread(target=_answer, args=(questions, server), name="questions", daemon=True).start()
        _answer(fits, server)  # the Library is used by this thread only; questions read only the model


def _answer(connection: Connection, server: _Server) -> None:
    handlers: dict[str, Callable[..., object]] = {"fit": server.fit, "among": server.among,
                                                 "reasons": server.reasons, "similar": server.similar}
    while True:
        try:
            kind, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, object] = (True, handlers[kind](*args))
        except ReaderError as error:
            answer = (False, str(error))
        except Exception as error:  # noqa: BLE001 - the process boundary: the window hears why, the child lives on
            log.exception("For you's process failed a %s request", kind)
            answer = (False, f"For you failed: {type(error).__name__}")
        try:
            connection.send(answer)
        except (EOFError, OSError):
            return
