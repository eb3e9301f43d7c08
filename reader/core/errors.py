"""Domain errors: backends (Whoosh, sqlite) are translated into these at the boundary."""

from __future__ import annotations


class ReaderError(Exception):
    """Base class of every error the library raises on purpose; its message is for the user."""


class DigestError(ReaderError):
    """A digest file cannot be read at all (binary, undecodable, not a digest)."""


class InvalidQueryError(ReaderError):
    """A search query that cannot be answered; the message says why in plain words (English).

    ``code`` and ``args`` say the same for a front end in another language, as for a Problem: the window
    translates the code's template and fills in the arguments (``{0}``...). An empty code (the default):
    only the English message is known.
    """

    def __init__(self, message: str, code: str = "", args: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.arguments = args  # not `args`: Exception.args is the message tuple, which pickling relies on

    def __reduce__(self) -> tuple[type[InvalidQueryError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (str(self), self.code, self.arguments))


class StateError(ReaderError):
    """The read/starred state cannot be used safely (for example written by a newer version)."""


class LibraryError(ReaderError):
    """A library operation failed (unknown source, unreadable data directory, ...)."""
