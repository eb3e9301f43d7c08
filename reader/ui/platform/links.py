"""The one gate between a link in the app and the user's browser.

Digest text is untrusted, so only absolute http/https URLs leave the app, and only through
QDesktopServices (the user's browser). Everything else (file:, javascript:, data:, mailto:, relative
links) is refused; callers tell the user with a status-bar note.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

_EXTERNAL_SCHEMES = frozenset({"http", "https"})


def as_qurl(url: QUrl | str) -> QUrl:
    """Parse strictly, so a malformed string is refused instead of being "fixed up" by Qt."""
    return url if isinstance(url, QUrl) else QUrl(url, QUrl.ParsingMode.StrictMode)


def is_external_url(url: QUrl | str) -> bool:
    """True for a valid absolute http(s) URL with a host: the only kind we hand to the browser."""
    qurl = as_qurl(url)
    return qurl.isValid() and qurl.scheme().lower() in _EXTERNAL_SCHEMES and bool(qurl.host())


def open_external(url: QUrl | str) -> bool:
    """Open an http(s) URL in the user's browser; refuse anything else.

    Returns False when the URL was refused or the desktop could not open it.
    """
    if not is_external_url(url):
        return False
    return bool(QDesktopServices.openUrl(as_qurl(url)))


def open_kept_file(path: str) -> bool:
    """A file the reader keeps in its own data directory (a kept PDF), opened with the system's viewer; never
    a path a digest names (those are not links the reader opens)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def display_url(url: QUrl | str, limit: int = 80) -> str:
    """A URL shortened for a status-bar note, with control characters removed."""
    text = url.toString() if isinstance(url, QUrl) else str(url)
    text = "".join(char for char in text if char.isprintable())
    return text if len(text) <= limit else text[: limit - 1] + "…"
