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

import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from reader import __version__
from reader.core.fs import atomic_write_bytes
from reader.core.reports import DayResult, DayStatus, FetchProgress, FetchReport, none_reached
from reader.sources.archive_layout import check_source, day_path, remember_checked

MAX_DAYS = 400  # per call: a year and a bit; a longer range is fetched oldest first over several calls
OFFLINE_AFTER = 3  # consecutive connection failures before we conclude there is no network
MAX_DIGEST_BYTES = 16 * 1024 * 1024  # real digests are ~100 KB; anything huge is not one
CHUNK_BYTES = 16 * 1024
NO_NETWORK = "no network: carrying on offline"
DIGEST_HEADER = re.compile(r"^\ufeff?## Daily Papers \(", re.MULTILINE)
USER_AGENT = f"daily-papers-reader/{__version__} (+https://github.com/l-yohai/daily_papers_ko)"


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
    offline = gave_up or none_reached(results)
    notes = []
    if offline:
        notes.append(NO_NETWORK)
    elif requested > MAX_DAYS and not cancelled:
        notes.append(f"{requested} days asked for; this run covered the first {MAX_DAYS} (up to {days[-1]}): "
                     "run again for the rest")
    if cancelled:
        notes.append("cancelled: the days fetched so far are kept")
    remember_checked(dest_dir, base, since, results)
    return FetchReport(base, str(dest_dir), tuple(results), tuple(notes), cancelled, offline)


# -- one day -------------------------------------------------------------------


class _CancelledError(Exception):
    pass


class _FailedError(Exception):
    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.unreachable = reason, unreachable



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
    """The scan sees the whole day or none; a write failure is that day's failure, not the run's."""
    try:
        atomic_write_bytes(path, body)
    except OSError as error:
        raise _FailedError(f"cannot write {path}: {error.strerror}") from None
