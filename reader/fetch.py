"""Follow a digest archive: download the days a source has and the library lacks.

A source is an http(s) base URL whose days live at ``{base}/YYYY/MM/DD.md`` (the raw-file layout
of the public archive). Downloads land in ``<data_dir>/library/<host-path-slug>/YYYY/MM/DD.md``,
laid out like the archive, so the library indexes that folder as an ordinary folder source.

Safety: a day is written only when the whole body arrived (Content-Length honoured, no short read),
decodes as UTF-8 and carries a ``## Daily Papers (`` header; the write goes to a temporary file
that is fsynced and then renamed, so no half-written digest is ever indexed.

No network: a connection failure is reported once per day; after a few in a row the fetch stops
with one message ("no network: carrying on offline"). `daily-papers fetch` exits 0 when the run was
orderly (some day got an answer from the server, or there was nothing to fetch; per-day failures
are listed) and 1 when no day could reach the server at all.

Cancel: ``should_stop`` is checked before each day and between chunks of a download; a blocked
read ends within ``timeout_s``. Nothing here imports Qt: the window runs it in a worker.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import ReaderError
from reader.datadir import atomic_write_text

if TYPE_CHECKING:
    from reader.library import Library

DEFAULT_SOURCE = "https://raw.githubusercontent.com/l-yohai/daily_papers_ko/main/paper_logs"
LIBRARY_DIR = "library"
MAX_DAYS = 400  # per call: a year and a bit; a longer range is fetched oldest first over several calls
DAYS_BACK_WHEN_EMPTY = 30
OFFLINE_AFTER = 3  # consecutive connection failures before we conclude there is no network
SETTLE_DAYS = 2  # a 404 for a day at least this old is taken as final (upstream may publish a day late)
MAX_DIGEST_BYTES = 16 * 1024 * 1024  # real digests are ~100 KB; anything huge is not one
CHUNK_BYTES = 16 * 1024
STATE_FILE = ".fetch-state.json"  # not *.md: the library scan ignores it
NO_NETWORK = "no network: carrying on offline"
DIGEST_HEADER = re.compile(r"^\ufeff?## Daily Papers \(", re.MULTILINE)
USER_AGENT = f"daily-papers-reader/{__version__} (+https://github.com/l-yohai/daily_papers_ko)"


class FetchError(ReaderError):
    """The fetch cannot start (for example a source that is not an http(s) URL)."""


class DayStatus(StrEnum):
    FETCHED = "fetched"
    PRESENT = "present"  # already on disk: not fetched again
    NONE = "none"  # 404: no digest that day
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class DayResult:
    """What happened to one day."""

    date: str  # YYYY-MM-DD
    status: DayStatus
    reason: str = ""  # why it failed, in plain words ("HTTP 500 Internal Server Error", "timeout after 15 s")
    unreachable: bool = False  # failed before any HTTP answer (refused, DNS, no route): counts towards "offline"

    def describe(self) -> str:
        """One line for the command line or a log view."""
        return f"{self.date}  {self.status}" + (f": {self.reason}" if self.reason else "")


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Sent after each day: `done` of `total` days handled, and how that day went."""

    done: int
    total: int
    result: DayResult


@dataclass(frozen=True, slots=True)
class FetchReport:
    """Every day handled (oldest first), and messages the user should see once."""

    source: str
    folder: str  # where the days were written
    days: tuple[DayResult, ...] = ()
    notes: tuple[str, ...] = ()  # "no network: carrying on offline", the day cap, "cancelled"
    cancelled: bool = False
    offline: bool = False

    def count(self, status: DayStatus) -> int:
        return sum(1 for day in self.days if day.status is status)

    @property
    def fetched(self) -> int:
        return self.count(DayStatus.FETCHED)

    @property
    def unreachable(self) -> bool:
        """True when days were tried and not one reached the server: the run achieved nothing."""
        return _none_reached(self.days)

    def summary(self) -> str:
        """One line: how many days went which way."""
        if not self.days:
            return "cancelled before the first day" if self.cancelled else "nothing to fetch: the library is up to date"
        span = f"{self.days[0].date} … {self.days[-1].date}"
        return (f"{span}: {self.fetched} fetched, {self.count(DayStatus.NONE)} without a digest, "
                f"{self.count(DayStatus.FAILED)} failed, {self.count(DayStatus.PRESENT)} already present")


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
    known = [day for day in (newest_library_day, _checked_through(folder)) if day]
    if not known:
        return today - timedelta(days=DAYS_BACK_WHEN_EMPTY)
    return date.fromisoformat(max(known)) + timedelta(days=1)


def fetch_days(
    base_url: str,
    dest_dir: Path,
    since: date,
    until: date,
    *,
    progress: Callable[[FetchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout_s: float = 15.0,
    opener: urllib.request.OpenerDirector | None = None,
) -> FetchReport:
    """Download each day of since..until (inclusive, at most MAX_DAYS, oldest first) not yet in dest_dir.

    Blocking: call it off the GUI thread. Never raises for network trouble; that goes into the report.
    """
    base = check_source(base_url)
    requested = max(0, (until - since).days + 1)
    days = [since + timedelta(days=n) for n in range(min(requested, MAX_DAYS))]
    opener = opener or urllib.request.build_opener()
    stop = should_stop or (lambda: False)
    results: list[DayResult] = []
    cancelled = gave_up = False
    failures_in_a_row = 0
    for done, day in enumerate(days, 1):
        if stop():
            cancelled = True
            break
        target = day_path(dest_dir, day)
        if target.exists():
            result = DayResult(day.isoformat(), DayStatus.PRESENT)
        else:
            try:
                result = _fetch_day(opener, f"{base}/{day:%Y}/{day:%m}/{day:%d}.md", day, target, timeout_s, stop)
            except _CancelledError:
                cancelled = True
                break
        results.append(result)
        failures_in_a_row = failures_in_a_row + 1 if result.unreachable else 0
        if progress:
            progress(FetchProgress(done, len(days), result))
        if failures_in_a_row >= OFFLINE_AFTER and done < len(days):
            gave_up = True
            break
    offline = gave_up or _none_reached(results)
    notes = []
    if offline:
        notes.append(NO_NETWORK)
    elif requested > MAX_DAYS and not cancelled:
        notes.append(f"{requested} days asked for; this run covered the first {MAX_DAYS} (up to {days[-1]}): "
                     "run again for the rest")
    if cancelled:
        notes.append("cancelled: the days fetched so far are kept")
    _remember_checked(dest_dir, base, since, results)
    return FetchReport(base, str(dest_dir), tuple(results), tuple(notes), cancelled, offline)


def fetch_into_library(
    library: Library,
    source: str = DEFAULT_SOURCE,
    since: date | None = None,
    until: date | None = None,
    *,
    progress: Callable[[FetchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout_s: float = 15.0,
    opener: urllib.request.OpenerDirector | None = None,
) -> FetchReport:
    """Fetch a source's missing days into the library folder and make that folder a library source.

    The caller runs Library.update() afterwards when report.fetched > 0 (the window does that in
    its own update worker). Defaults: since = default_since(...), until = today (UTC).
    """
    base = check_source(source)
    folder = source_folder(library.data_dir, base)
    today = datetime.now(UTC).date()
    if since is None:
        known_days = library.days()
        since = default_since(folder, known_days[0].date if known_days else None, today)
    report = fetch_days(base, folder, since, until or today, progress=progress, should_stop=should_stop,
                        timeout_s=timeout_s, opener=opener)
    if report.fetched and str(folder.resolve()) not in {entry.path for entry in library.sources()}:
        library.add_sources([folder])
    return report


# -- one day -------------------------------------------------------------------


class _CancelledError(Exception):
    pass


class _FailedError(Exception):
    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.unreachable = reason, unreachable


def _none_reached(days: list[DayResult] | tuple[DayResult, ...]) -> bool:
    tried = [day for day in days if day.status is not DayStatus.PRESENT]
    return bool(tried) and all(day.unreachable for day in tried)


def _fetch_day(opener: urllib.request.OpenerDirector, url: str, day: date, target: Path, timeout_s: float,
               stop: Callable[[], bool]) -> DayResult:
    try:
        body = _download(opener, url, timeout_s, stop)
        if body is None:
            return DayResult(day.isoformat(), DayStatus.NONE)
        _check_digest(body)
        _write_atomically(target, body)
    except _FailedError as failure:
        return DayResult(day.isoformat(), DayStatus.FAILED, failure.reason, failure.unreachable)
    return DayResult(day.isoformat(), DayStatus.FETCHED)


def _download(
    opener: urllib.request.OpenerDirector, url: str, timeout_s: float, stop: Callable[[], bool]
) -> bytes | None:
    """The whole body, or None for 404; _FailedError for anything else that went wrong."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        response = opener.open(request, timeout=timeout_s)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 404:
            return None
        raise _FailedError(f"HTTP {error.code} {error.reason}".rstrip()) from None
    except urllib.error.URLError as error:  # no HTTP answer at all
        raise _FailedError(_network_reason(error.reason, timeout_s), unreachable=True) from None
    except (OSError, http.client.HTTPException) as error:  # answer started, then broke off
        raise _FailedError(_network_reason(error, timeout_s)) from None
    with response:
        declared = response.headers.get("Content-Length", "")
        expected = int(declared) if declared.strip().isdigit() else None
        if expected is not None and expected > MAX_DIGEST_BYTES:
            raise _FailedError(f"too large for a digest ({expected} bytes)")
        chunks, received = [], 0
        while True:
            if stop():
                raise _CancelledError
            try:
                chunk = response.read(CHUNK_BYTES)
            except http.client.IncompleteRead as error:
                got = received + len(error.partial)
                raise _FailedError(f"truncated response ({got} bytes, then cut off)") from None
            except (OSError, http.client.HTTPException) as error:
                raise _FailedError(_network_reason(error, timeout_s)) from None
            if not chunk:
                break
            chunks.append(chunk)
            received += len(chunk)
            if received > MAX_DIGEST_BYTES:
                raise _FailedError(f"too large for a digest (over {MAX_DIGEST_BYTES} bytes)")
    if expected is not None and received != expected:
        raise _FailedError(f"truncated response ({received} of {expected} bytes)")
    return b"".join(chunks)


def _network_reason(error: object, timeout_s: float) -> str:
    if isinstance(error, TimeoutError):
        return f"timeout after {timeout_s:g} s"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "cannot resolve the host name"
    if isinstance(error, ConnectionError):
        return f"connection lost ({error.strerror or type(error).__name__})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _check_digest(body: bytes) -> None:
    """Keep only what the reader can use: UTF-8 text with a digest header (not an HTML error page)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _FailedError("not a digest (not UTF-8 text)") from None
    if not DIGEST_HEADER.search(text):
        raise _FailedError("not a digest (no '## Daily Papers (' header)")


def _write_atomically(path: Path, body: bytes) -> None:
    """Temp file in the same folder, fsync, rename: the scan sees the whole file or none."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _FailedError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _FailedError(f"cannot write {path}: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- how far a source has been checked ----------------------------------------------


def _checked_through(folder: Path) -> str | None:
    try:
        value = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["checked_through"]
        return date.fromisoformat(value).isoformat()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember_checked(folder: Path, base: str, since: date, results: list[DayResult]) -> None:
    """Record the newest day up to which every day of this run has a final answer, so the next
    default range does not ask again for days the archive never had (hundreds of 404s each time).
    Only a run that starts where the record ends (or before) moves it: no unchecked gap is skipped."""
    previous = _checked_through(folder)
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
