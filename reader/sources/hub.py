"""Follow Hugging Face Daily Papers itself: each day's papers from the hub, written as a digest file.

The request is `HfApi().list_daily_papers(date=...)`'s (huggingface_hub's session, headers and error check):
``{HF_ENDPOINT}/api/daily_papers?date=YYYY-MM-DD`` (``HF_ENDPOINT`` is read at each fetch, so tests point it at a
stub on 127.0.0.1); its JSON is read here, so the fields the hub nests in each item's ``paper`` (AI summary,
keywords, GitHub, project page) reach huggingface_hub's PaperInfo, which looks for them only at the top level
(lift_paper_fields). Each day with papers is
written to ``<data_dir>/library/hf/YYYY/MM/DD.md`` in the library's own format (hub_digest), most upvoted
first, as the archive's generator listed them. The rules are the archive's (archive.follow_days): range,
day cap, never a day twice, cancel, offline after a few unreachable days, exit codes. A day fetched before
the hub had settled it (less than two days after it began) is fetched again by the next run, keeping the
Korean summaries the reader's model wrote for it meanwhile.

What is sent: the date, no token (``token=False``: a login saved for huggingface_hub is not used) and
huggingface_hub's user agent, with its telemetry off (see _quiet_hub). The request runs in a short-lived
worker thread so that ``should_stop`` is honoured within a second and a day never takes longer than its
deadline; the client's own timeout bounds each wait for the server, so a worker left behind ends too.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import arxiv
from reader.core.fs import atomic_write_text
from reader.core.models import Media, Paper, Section
from reader.core.parse import parse_digest
from reader.core.reports import DayResult, DayStatus, FetchProgress, FetchReport
from reader.sources.archive import DAY_DEADLINE_S, MAX_DIGEST_BYTES, REPAIRED, follow_days
from reader.sources.archive_check import download_problem, is_whole_day
from reader.sources.archive_http import FailedError, next_message
from reader.sources.archive_layout import checked_through
from reader.sources.hub_digest import is_settled, korean_sections, render_day, with_korean

if TYPE_CHECKING:
    from huggingface_hub.hf_api import PaperInfo

DEFAULT_ENDPOINT = "https://huggingface.co"
PAGE_LIMIT = 100  # papers asked for per request; a day has ~20-60
MAX_PAGES = 5


def hub_endpoint() -> str:
    """The hub the papers come from: ``HF_ENDPOINT`` when set (a mirror, or a test's stub)."""
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def fetch_hub_days(
    dest_dir: Path,
    since: date,
    until: date,
    *,
    progress: Callable[[FetchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout_s: float = 15.0,
    day_deadline_s: float = DAY_DEADLINE_S,
) -> FetchReport:
    """Fetch each day of since..until from the hub into dest_dir (archive rules, see follow_days).

    Blocking: call it off the GUI thread. Never raises for network trouble; that goes into the report."""
    endpoint = hub_endpoint()

    def one_day(day: date, target: Path, stop: Callable[[], bool]) -> DayResult:
        try:
            papers = _ask_hub(endpoint, day, stop, timeout_s=timeout_s, deadline_s=day_deadline_s)
            if not papers:
                return DayResult(day.isoformat(), DayStatus.NONE)
            repairing = target.exists() and not _is_hub_day(target, day)
            _write_day(target, day, papers)
        except FailedError as failure:
            return DayResult(day.isoformat(), DayStatus.FAILED, failure.reason, failure.unreachable)
        return DayResult(day.isoformat(), DayStatus.FETCHED, REPAIRED if repairing else "")

    checked = checked_through(dest_dir)

    def present(target: Path, day: date) -> bool:
        """A settled day on disk, or a day the hub had no papers for when it was checked after it was over."""
        if target.exists():
            return _is_settled_day(target, day)
        return checked is not None and day.isoformat() <= checked

    return follow_days(endpoint, dest_dir, since, until, one_day, present=present,
                       progress=progress, should_stop=should_stop)


def _is_hub_day(target: Path, day: date) -> bool:
    return is_whole_day(target, day, MAX_DIGEST_BYTES)


def _is_settled_day(target: Path, day: date) -> bool:
    """A whole digest of that day, fetched when the hub had listed all of its papers: never asked again."""
    if not _is_hub_day(target, day):
        return False
    try:
        return is_settled(target.read_text(encoding="utf-8"), day)
    except (OSError, UnicodeDecodeError):
        return False


def _write_day(target: Path, day: date, papers: list[Paper]) -> None:
    """Written atomically; the Korean summaries already in an earlier copy of the day are kept."""
    korean = {}
    if _is_hub_day(target, day):
        try:
            earlier = parse_digest(target.read_text(encoding="utf-8"), str(target)).papers
        except (OSError, UnicodeDecodeError):
            earlier = ()
        korean = {paper.arxiv_id: korean_sections(paper) for paper in earlier if korean_sections(paper)}
    papers = [with_korean(paper, korean[paper.arxiv_id]) if paper.arxiv_id in korean else paper for paper in papers]
    text = render_day(day, papers, datetime.now(UTC))
    if problem := download_problem(text.encode("utf-8"), day, str(target)):
        raise FailedError(f"the hub's answer does not make a digest ({problem})")
    try:
        atomic_write_text(target, text)
    except OSError as error:
        raise FailedError(f"cannot write {target}: {error.strerror}") from None


# -- asking the hub --------------------------------------------------------------


def _ask_hub(endpoint: str, day: date, stop: Callable[[], bool], *, timeout_s: float,
             deadline_s: float) -> list[Paper]:
    """The day's papers, most upvoted first; FailedError with a plain reason, or CancelledError."""
    answer: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    worker = threading.Thread(target=_list_day, args=(endpoint, day, min(timeout_s, deadline_s), answer),
                              name="hub-day", daemon=True)
    worker.start()
    message = next_message(answer, time.monotonic() + deadline_s, stop)
    if message is None:
        raise FailedError(f"timed out after {deadline_s:g} s")
    ok, value = message
    if not ok:
        try:
            raise FailedError(*_reason(value, timeout_s))
        except _NoDay:
            return []
    return _papers(value, day)


def _quiet_hub() -> None:
    """Only the day's list is asked for: huggingface_hub's telemetry (a request for its agent registry, a cache
    file in ~/.cache/huggingface, versions in the user agent) stays off unless the environment turns it on."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    from huggingface_hub import constants

    constants.HF_HUB_DISABLE_TELEMETRY = os.environ["HF_HUB_DISABLE_TELEMETRY"].upper() in ("1", "ON", "YES", "TRUE")


class _NoDay(Exception):  # noqa: N818 - not an error: a 404 says the hub has no such day, as an empty list does
    pass


def _list_day(endpoint: str, day: date, timeout_s: float, answer: queue.SimpleQueue[tuple[bool, Any]]) -> None:
    """In the worker: the whole answer as PaperInfo values, or the exception met.

    The request is HfApi.list_daily_papers' own (its shared session, headers and error check), but the JSON is
    read here: the hub sends the AI summary, keywords and links inside each item's ``paper``, where PaperInfo
    does not look for them (lift_paper_fields)."""
    try:
        _quiet_hub()
        from huggingface_hub.hf_api import PaperInfo
        from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

        session = get_session()
        # The hub's shared client waits forever by default (and is made anew after a connection error).
        session.timeout = timeout_s  # seconds, for every phase
        headers = build_hf_headers(token=False, library_name="daily-papers-reader")  # a saved login is not sent
        papers: list[PaperInfo] = []
        for page in range(MAX_PAGES):  # a day fills more than one page only when it has over PAGE_LIMIT papers
            params: dict[str, str | int] = {**({"p": page} if page else {}), "limit": PAGE_LIMIT,
                                            "date": day.isoformat()}
            response = session.get(f"{endpoint}/api/daily_papers", params=params, headers=headers)
            hf_raise_for_status(response)
            items = response.json()
            if not isinstance(items, list):
                raise TypeError("the answer is not a list")
            papers += [PaperInfo(**lift_paper_fields(item)) for item in items]
            if len(items) < PAGE_LIMIT:
                break
        answer.put((True, papers))
    except Exception as error:  # everything the client or the JSON parser raises becomes that day's reason
        answer.put((False, error))


# Fields PaperInfo reads from an item's top level only, which the hub's /api/daily_papers sends inside its `paper`.
NESTED_FIELDS = ("title", "ai_summary", "ai_keywords", "githubRepo", "projectPage", "githubStars")


def lift_paper_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The item with NESTED_FIELDS of its ``paper`` copied to the top level where the top level lacks them, so
    that both shapes (the hub's nested one, and the flat one of an older answer or a mirror) keep them."""
    paper = item.get("paper") if isinstance(item, dict) else None
    if not isinstance(paper, dict):
        return item  # PaperInfo says what is wrong with it
    lifted = dict(item)
    for name in NESTED_FIELDS:
        if lifted.get(name) is None and paper.get(name) is not None:
            lifted[name] = paper[name]
    return lifted


def _reason(error: BaseException, timeout_s: float) -> tuple[str, bool]:
    """(why the day failed, whether no HTTP answer came at all)."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    if isinstance(error, HfHubHTTPError):
        response = error.response
        if response.status_code == 404:
            raise _NoDay
        return f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), False
    if isinstance(error, OfflineModeIsEnabled):
        return "HF_HUB_OFFLINE is set", True
    if isinstance(error, httpx2.ConnectTimeout):
        return f"timeout after {timeout_s:g} s", True
    if isinstance(error, httpx2.ConnectError):
        return "connection refused" if "refused" in str(error).lower() else f"cannot connect ({error})"[:200], True
    if isinstance(error, httpx2.TimeoutException):
        return f"timeout after {timeout_s:g} s", False
    if isinstance(error, (httpx2.RemoteProtocolError, httpx2.ReadError)):
        return "truncated response (the connection broke off)", False
    if isinstance(error, ValueError):  # json.JSONDecodeError included
        return "not the JSON list of papers the hub sends (truncated or malformed)", False
    if isinstance(error, (TypeError, KeyError, AttributeError)):
        return "not the JSON list of papers the hub sends (unexpected fields)", False
    return f"request failed ({type(error).__name__}: {error})"[:200], False


def _papers(infos: list[PaperInfo], day: date) -> list[Paper]:
    """The day's papers as the digest lists them; entries without an arXiv id or a title are left out."""
    papers = [paper for info in infos if (paper := _paper(info, day)) is not None]
    unique = {paper.arxiv_id: paper for paper in reversed(papers)}  # the first listing of a paper wins
    return sorted(unique.values(), key=lambda paper: -(paper.votes or 0))


def _paper(info: PaperInfo, day: date) -> Paper | None:
    arxiv_id = arxiv.normalise(str(info.id or ""))
    title = (info.title or "").strip()
    if not arxiv.is_arxiv_id(arxiv_id) or not title:
        return None
    extra = vars(info)
    thumbnail = extra.get("thumbnail")
    media = Media("image", thumbnail) if isinstance(thumbnail, str) and thumbnail.startswith("https://") else None
    authors = tuple(author.name.strip() for author in info.authors or () if author.name and author.name.strip())
    keywords = ", ".join(word for word in info.ai_keywords or () if isinstance(word, str))
    sections = [Section(label, text) for label, text in (
        ("Abstract", info.summary or ""), ("AI Summary", info.ai_summary or ""), ("Keywords", keywords),
        ("GitHub", _link(info.github_repo)), ("Project Page", _link(info.project_page))) if text.strip()]
    votes = info.upvotes if isinstance(info.upvotes, int) else 0  # huggingface_hub reads 0 upvotes as None
    return Paper(arxiv_id, day.isoformat(), title, arxiv.abs_url(arxiv_id), votes, authors, media=media,
                 sections=tuple(sections))


def _link(url: str | None) -> str:
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) and " " not in url else ""
