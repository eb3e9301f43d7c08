"""Domain errors: backends (Whoosh, sqlite) are translated into these at the boundary."""


class ReaderError(Exception):
    """Base class of every error the library raises on purpose; its message is for the user."""


class DigestError(ReaderError):
    """A digest file cannot be read at all (binary, undecodable, not a digest)."""


class InvalidQueryError(ReaderError):
    """A search query that cannot be answered; the message says why in plain words."""


class StateError(ReaderError):
    """The read/starred state cannot be used safely (for example written by a newer version)."""


class LibraryError(ReaderError):
    """A library operation failed (unknown source, unreadable data directory, ...)."""
