"""A search that can be stopped from outside: the window's search thread drops a query a newer keystroke replaced."""

from __future__ import annotations

from collections.abc import Callable

from reader.core.models import SearchResult
from reader.index.cancellation import stop_when


class StoppableSearch:
    """The facade's search with a ``should_stop`` callback (a mixin of :class:`reader.library.Library`)."""

    search: Callable[..., SearchResult]  # reader.library.organise.Organising.search

    def search_unless_stopped(self, query: str, should_stop: Callable[[], bool], limit: int | None = 20,
                              exact: bool = False) -> SearchResult:
        """``search(query, limit, exact)``, given up as soon as ``should_stop()`` returns True.

        Contract for a caller off the GUI thread:

        * Call it on a Library that the calling thread opened and uses alone (a Library belongs to one
          thread: its sqlite connections and Whoosh readers are per thread). A second Library on the same
          data directory is safe beside the window's (sqlite WAL, Whoosh snapshots).
        * ``should_stop`` is called on the searching thread, often (between posting lists and scoring
          steps: at most ~20 ms apart at 5,000 papers on a busy machine, the query's parse before the first
          call and the hits' papers after the last included): it must be cheap, thread-safe and never raise,
          e.g. ``lambda: latest_generation != my_generation``.
        * Once it returns True the call raises :class:`~reader.index.cancellation.SearchCancelledError`
          (a ReaderError, re-exported by :mod:`reader.library`) instead of returning; the search only reads,
          so a stopped search leaves nothing half-done. Otherwise it returns or raises exactly as ``search``
          does (InvalidQueryError for a query the user must change, LibraryError for a failed index).
        * Work before the index (the glossary's first load, the notes and tags) is not interrupted.
        """
        with stop_when(should_stop):
            return self.search(query, limit, exact)
