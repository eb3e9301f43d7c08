"""Where a digest archive's days are: the source URL rule, the local folder, and how far it was checked.

Light on purpose (no http client): the window's fetch dialog and the command line's argument checks
use it without loading the downloader (`archive`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import urllib.parse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_text
from reader.core.reports import DayResult, DayStatus

DEFAULT_SOURCE = "https://raw.githubusercontent.com/l-yohai/daily_papers_ko/main/paper_logs"
LIBRARY_DIR = "library"
DAYS_BACK_WHEN_EMPTY = 30
SETTLE_DAYS = 2  # a 404 for a day at least this old is taken as final (upstream may publish a day late)
STATE_FILE = ".fetch-state.json"  # not *.md: the library scan ignores it


class FetchError(ReaderError):
    """The fetch cannot start (for example a source that is not an http(s) URL)."""


def check_source(url: str) -> str:
    """The base URL without a trailing slash; FetchError unless it is an http(s) URL with a host."""
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url!r} (a source looks like {DEFAULT_SOURCE})")
    if parts.query or parts.fragment:
        raise FetchError(f"a source URL has no ?query or #fragment: {url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise FetchError(f"not a valid port in {url!r}") from None
    return text.rstrip("/")


def source_folder(data_dir: Path, url: str) -> Path:
    """The library folder for one source: a readable, file-system-safe slug of host and path, and a hash.

    The slug alone is lossy ('/a/b' and '/a_b', or two non-ASCII hosts, give the same one), so the name
    ends in 8 hex digits of sha256 of source_key(url): one folder per archive. A folder named the old
    way (slug only, before the hash) is still used when it exists and records this same source in its
    .fetch-state.json, so existing libraries keep their days; otherwise a new folder is made.
    """
    key = source_key(url)
    library = data_dir / LIBRARY_DIR
    folder = library / f"{_slug(key)[:100]}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"
    if not folder.is_dir():
        legacy = library / _legacy_name(url)
        recorded = recorded_source(legacy) if legacy.is_dir() else None
        if recorded is not None and _key_or_none(recorded) == key:
            return legacy
    return folder


def source_key(url: str) -> str:
    """What tells one archive from another: host (IDNA, lower case), a port other than the scheme's
    default, and path. Scheme and user:password@ do not pick another archive."""
    text = check_source(url)
    parts = urllib.parse.urlsplit(text)
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    port = parts.port
    default = 443 if parts.scheme.lower() == "https" else 80
    return f"{host}{f':{port}' if port and port != default else ''}{parts.path}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "source"


def _legacy_name(url: str) -> str:
    """The folder name of versions before the hash: lossy, so only used when its state file agrees."""
    parts = urllib.parse.urlsplit(check_source(url))
    raw = f"{parts.hostname}{f'_{parts.port}' if parts.port else ''}{parts.path}"  # never user:password@
    return _slug(raw)[:150]


def _key_or_none(url: str) -> str | None:
    try:
        return source_key(url)
    except FetchError:
        return None


def day_path(folder: Path, day: date) -> Path:
    return folder / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}.md"


def default_since(folder: Path, newest_library_day: str | None, today: date) -> date:
    """The day after the newest day the library has (or that this source was checked through);
    30 days back when there is neither."""
    known = [day for day in (newest_library_day, checked_through(folder)) if day]
    if not known:
        return today - timedelta(days=DAYS_BACK_WHEN_EMPTY)
    return date.fromisoformat(max(known)) + timedelta(days=1)


# -- how far a source has been checked ----------------------------------------------


def _state(folder: Path) -> dict[str, object]:
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def checked_through(folder: Path) -> str | None:
    value = _state(folder).get("checked_through")
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def recorded_source(folder: Path) -> str | None:
    """The source URL the folder's days were fetched from, as its state file records it."""
    value = _state(folder).get("source")
    return value if isinstance(value, str) else None


def remember_checked(folder: Path, base: str, since: date, results: list[DayResult]) -> None:
    """Record the newest day up to which every day of this run has a final answer, so the next
    default range does not ask again for days the archive never had (hundreds of 404s each time).
    Only a run that starts where the record ends (or before) moves it: no unchecked gap is skipped.
    The state also records the source, once a day was fetched: source_folder() trusts a folder
    named the old way only when that record names the same archive."""
    state = _state(folder)
    previous = checked_through(folder)
    through = previous
    if not (previous and since > date.fromisoformat(previous) + timedelta(days=1)):
        newest = _settled_through(results)
        if newest and (through is None or newest > through):
            through = newest
    fetched = any(result.status is DayStatus.FETCHED for result in results)
    record_source = state.get("source") != base and (fetched or bool(state))
    if through == previous and not record_source:
        return
    new_state = {"source": base} | ({"checked_through": through} if through else {})
    with contextlib.suppress(OSError):  # only an optimisation: the next run asks again
        atomic_write_text(folder / STATE_FILE, json.dumps(new_state))


def _settled_through(results: list[DayResult]) -> str | None:
    """The last day of the unbroken run of final answers at the start of results."""
    settled = datetime.now(UTC).date() - timedelta(days=SETTLE_DAYS)
    through = None
    for result in results:
        final = result.status in (DayStatus.FETCHED, DayStatus.PRESENT) or (
            result.status is DayStatus.NONE and date.fromisoformat(result.date) <= settled)
        if not final:
            break
        through = result.date
    return through
