"""Domain errors: backends (Whoosh, sqlite) are translated into these at the boundary."""

from __future__ import annotations


class ReaderError(Exception):
    """Base class of every error the library raises on purpose; its message is for the user."""


class DigestError(ReaderError):
    """A digest file cannot be read at all (binary, undecodable, not a digest)."""


class CodedError(ReaderError):
    """An error whose English message a front end can say in another language.

    ``code`` and ``args`` say the same as the message, as for a Problem: the window translates the code's
    template and fills in the arguments (``{0}``...). An empty code (the default): only the English message
    is known.
    """

    def __init__(self, message: str, code: str = "", args: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.arguments = args  # not `args`: Exception.args is the message tuple, which pickling relies on

    def __reduce__(self) -> tuple[type[CodedError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (str(self), self.code, self.arguments))


class InvalidQueryError(CodedError):
    """A search query that cannot be answered; the message says why in plain words (English)."""


class StateError(ReaderError):
    """The read/starred state cannot be used safely (for example written by a newer version)."""


class InvalidEntryError(CodedError, StateError):
    """Something the reader gave to organise papers (a tag, a note, a saved search, a mute rule, an arXiv id)
    that cannot be kept; nothing was saved. Codes: reader.stores.organise.ENTRY_ERRORS."""


class LibraryError(ReaderError):
    """A library operation failed (unknown source, unreadable data directory, ...)."""
