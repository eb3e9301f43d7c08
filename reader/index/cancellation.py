"""Stopping a search that is no longer wanted: a newer keystroke makes the running search stale.

The caller installs a ``should_stop`` callback for the searches of one block (:func:`stop_when`); the
index calls :func:`check` between units of bounded work (a posting list read, a scoring step, a
prefix's expansions), and :func:`check` raises :class:`SearchCancelledError` once the callback says so.
A context variable holds the callback, so it is per thread and the layers between the facade and the
index need not pass it along; without one, :func:`check` costs one lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reader.core.errors import ReaderError

_should_stop: ContextVar[Callable[[], bool] | None] = ContextVar("should_stop", default=None)


class SearchCancelledError(ReaderError):
    """The search was stopped because its ``should_stop`` callback returned True; it has no result."""


@contextmanager
def stop_when(should_stop: Callable[[], bool]) -> Iterator[None]:
    """Within the block, searches on this thread stop (raise SearchCancelledError) once ``should_stop()`` is true."""
    token = _should_stop.set(should_stop)
    try:
        yield
    finally:
        _should_stop.reset(token)


def check() -> None:
    """Raise SearchCancelledError when the current search's ``should_stop`` callback says so."""
    should_stop = _should_stop.get()
    if should_stop is not None and should_stop():
        raise SearchCancelledError("The search was cancelled.")
