"""Follow a digest archive: download the days a source has and the library lacks.

A source is an http(s) base URL whose days live at ``{base}/YYYY/MM/DD.md`` (the raw-file layout
of the public archive). Downloads land in ``<data_dir>/library/<host-path-slug>-<hash>/YYYY/MM/DD.md``
(see archive_layout.source_folder), laid out like the archive, so the library indexes that folder as
an ordinary folder source.

Safety: a day is written only when the whole body arrived (Content-Length honoured, no short read,
no HTML answer), decodes as UTF-8 and opens with the ``## Daily Papers (YYYY-MM-DD)`` header of the
URL's own day (archive_check); the write goes to a temporary file that is fsynced and then renamed,
so no half-written digest is ever indexed. A day already on disk is not fetched again, unless the
file there is not a whole digest of that day (empty, not UTF-8, no or another header): that day is
fetched again and repaired. Redirects are followed only within the source's host (archive_http).

No network: a connection failure is reported once per day; after a few in a row the fetch stops
with one message ("no network: carrying on offline"). `daily-papers fetch` exits 0 when the run was
orderly (some day got an answer from the server, or there was nothing to fetch; per-day failures
are listed) and 1 when no day could reach the server at all.

Time and cancel: each day has a total deadline (``day_deadline_s``, redirects included) and
``should_stop`` is looked at before each day and at least every 0.2 s during a download, so a server
that dribbles a byte every few seconds costs one failed day ("timed out after 60 s"), not the run.
Nothing here imports Qt: the window runs it in a worker.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from reader.core.fs import atomic_write_bytes
from reader.core.reports import REPAIRED as REPAIRED  # the fetched day's reason, re-exported for reader.sources.hub
from reader.core.reports import DayResult, DayStatus, FetchProgress, FetchReport, none_reached
from reader.sources.archive_check import download_problem, is_whole_day
from reader.sources.archive_http import CancelledError, FailedError, download
from reader.sources.archive_layout import check_source, day_path, remember_checked

MAX_DAYS = 400  # per call: a year and a bit; a longer range is fetched oldest first over several calls
OFFLINE_AFTER = 3  # consecutive connection failures before we conclude there is no network
MAX_DIGEST_BYTES = 16 * 1024 * 1024  # real digests are ~100 KB; anything huge is not one
DAY_DEADLINE_S = 60.0  # the most one day may take, however the server behaves
NO_NETWORK = "no network: carrying on offline"


def fetch_days(
    base_url: str,
    dest_dir: Path,
    since: date,
    until: date,
    *,
    progress: Callable[[FetchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout_s: float = 15.0,
    day_deadline_s: float = DAY_DEADLINE_S,
    opener: urllib.request.OpenerDirector | None = None,
) -> FetchReport:
    """Download each day of since..until (inclusive, at most MAX_DAYS, oldest first) not yet in dest_dir.

    `timeout_s` bounds each wait for the server, `day_deadline_s` each day as a whole.
    Blocking: call it off the GUI thread. Never raises for network trouble; that goes into the report.
    """
    base = check_source(base_url)

    def one_day(day: date, target: Path, stop: Callable[[], bool]) -> DayResult:
        return _fetch_day(f"{base}/{day:%Y}/{day:%m}/{day:%d}.md", base, day, target, stop,
                          timeout_s=timeout_s, deadline_s=day_deadline_s, opener=opener)

    return follow_days(base, dest_dir, since, until, one_day,
                       present=lambda target, day: is_whole_day(target, day, MAX_DIGEST_BYTES),
                       progress=progress, should_stop=should_stop)


def follow_days(
    source: str,
    dest_dir: Path,
    since: date,
    until: date,
    fetch_one: Callable[[date, Path, Callable[[], bool]], DayResult],
    *,
    present: Callable[[Path, date], bool],
    progress: Callable[[FetchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FetchReport:
    """The rules every source follows (this archive, the Hugging Face hub): at most MAX_DAYS oldest first,
    a day `present` on disk is not asked for again, cancel between days, "offline" after OFFLINE_AFTER
    unreachable days in a row, and how far the source was checked. `fetch_one(day, target, stop)` fetches
    one day into `target` and raises CancelledError when `stop` said so meanwhile."""
    requested = max(0, (until - since).days + 1)
    days = [since + timedelta(days=n) for n in range(min(requested, MAX_DAYS))]
    stop = should_stop or (lambda: False)
    results: list[DayResult] = []
    cancelled = gave_up = False
    failures_in_a_row = 0
    for done, day in enumerate(days, 1):
        if stop():
            cancelled = True
            break
        target = day_path(dest_dir, day)
        if present(target, day):
            result = DayResult(day.isoformat(), DayStatus.PRESENT)
        else:
            try:
                result = fetch_one(day, target, stop)
            except CancelledError:
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
    remember_checked(dest_dir, source, since, results)
    return FetchReport(source, str(dest_dir), tuple(results), tuple(notes), cancelled, offline)


def _fetch_day(url: str, base: str, day: date, target: Path, stop: Callable[[], bool], *, timeout_s: float,
               deadline_s: float, opener: urllib.request.OpenerDirector | None) -> DayResult:
    """One day: downloaded, checked, written; CancelledError when should_stop said so meanwhile."""
    try:
        body = download(url, source=base, timeout_s=timeout_s, deadline_s=deadline_s, stop=stop,
                          max_bytes=MAX_DIGEST_BYTES, opener=opener)
        if body is None:
            return DayResult(day.isoformat(), DayStatus.NONE)
        if problem := download_problem(body, day, url):
            raise FailedError(problem)
        repairing = target.exists() or target.is_symlink()
        _write_atomically(target, body)
    except FailedError as failure:
        return DayResult(day.isoformat(), DayStatus.FAILED, failure.reason, failure.unreachable)
    return DayResult(day.isoformat(), DayStatus.FETCHED, REPAIRED if repairing else "")


def _write_atomically(path: Path, body: bytes) -> None:
    """The scan sees the whole day or none; a write failure is that day's failure, not the run's."""
    try:
        atomic_write_bytes(path, body)
    except OSError as error:
        raise FailedError(f"cannot write {path}: {error.strerror}") from None
