"""Where a digest archive's days are: the source URL rule, the local folder, and how far it was checked.

Light on purpose (no http client): the window's fetch dialog and the command line's argument checks
use it without loading the downloader (`archive`).
"""

from __future__ import annotations

import contextlib
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
    """The library folder for one source: a readable, file-system-safe slug of host and path."""
    parts = urllib.parse.urlsplit(check_source(url))
    raw = f"{parts.hostname}{f'_{parts.port}' if parts.port else ''}{parts.path}"  # never user:password@
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or "source"
    return data_dir / LIBRARY_DIR / slug[:150]


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


def checked_through(folder: Path) -> str | None:
    try:
        value = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["checked_through"]
        return date.fromisoformat(value).isoformat()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_checked(folder: Path, base: str, since: date, results: list[DayResult]) -> None:
    """Record the newest day up to which every day of this run has a final answer, so the next
    default range does not ask again for days the archive never had (hundreds of 404s each time).
    Only a run that starts where the record ends (or before) moves it: no unchecked gap is skipped."""
    previous = checked_through(folder)
    if previous and since > date.fromisoformat(previous) + timedelta(days=1):
        return
    settled = datetime.now(UTC).date() - timedelta(days=SETTLE_DAYS)
    through = None
    for result in results:
        final = result.status in (DayStatus.FETCHED, DayStatus.PRESENT) or (
            result.status is DayStatus.NONE and date.fromisoformat(result.date) <= settled)
        if not final:
            break
        through = result.date
    if through is None or (previous and previous >= through):
        return
    with contextlib.suppress(OSError):  # only an optimisation: the next run asks again
        atomic_write_text(folder / STATE_FILE, json.dumps({"source": base, "checked_through": through}))
