"""Korean summaries of a hub day by the reader's own model (any OpenAI-compatible chat-completions endpoint).

For each paper of the day's hub file without a Korean summary, one ``POST {endpoint}/chat/completions``
asks for a JSON object with the archive's keys (What's New, Technical Details, Performance Highlights),
in the archive's style: a Korean newsletter, English terms in parentheses. The request holds the
paper's title and English abstract and nothing else (no reading state, no stars, no file paths); the
API key, when there is one, goes only into the Authorization header of that endpoint.

The day's file is rewritten (atomically) after each paper that got a good answer, so a cancel, a crash
or a failure later in the day loses nothing: a failed or malformed answer leaves that paper as it was
and is listed. An endpoint that cannot be reached, or refuses the key (401/403), ends the run with
one sentence (SummariseError). Each request runs in a short-lived worker thread so that
``should_stop`` is honoured within a second, whatever the model is doing.
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_text
from reader.core.models import Paper, Section
from reader.sources.archive_http import CancelledError, next_message
from reader.sources.hub_digest import KOREAN_LABELS, abstract, fetched_at, needs_korean, render_day, with_korean

DEFAULT_ENDPOINT = "http://localhost:11434/v1"  # Ollama's OpenAI-compatible API
DEFAULT_MODEL = "qwen2.5:7b"
CHAT_DEFAULTS = (DEFAULT_ENDPOINT, DEFAULT_MODEL)  # what the window's fields show first
MAX_ANSWER_BYTES = 1024 * 1024
KEYRING_SERVICE = "daily-papers-reader"  # keyring entries: this service, the endpoint URL as user name
PROMPT = (
    "당신은 AI 연구 논문을 한국어 뉴스레터로 소개하는 전문 에디터입니다. 주어진 논문의 제목과 초록(abstract)을 읽고 "
    "한국어로 요약하세요. 전문 용어는 한국어로 쓰고 처음 나올 때 괄호 안에 영어 원어를 함께 적으세요 "
    "(예: 강화학습(Reinforcement Learning)). 모델 이름, 데이터셋 이름, 수치는 원문 그대로 쓰세요. "
    "초록에 없는 내용은 지어내지 마세요. 답은 JSON 객체 하나로만 하고, 키는 정확히 다음 세 개입니다: "
    "\"What's New\" (이 논문이 새로 제안하는 것, 2-3문장), \"Technical Details\" (방법과 구조, 2-4문장), "
    "\"Performance Highlights\" (실험 결과와 성능, 1-3문장). 각 값은 한국어 문자열입니다."
)
if TYPE_CHECKING:
    import urllib.request

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class SummariseError(ReaderError):
    """The run cannot go on: no such day, an endpoint that cannot be reached or refuses the key."""


@dataclass(frozen=True, slots=True)
class ChatModel:
    """Where the summaries come from. `api_key` is never written anywhere (see api_key_for)."""

    endpoint: str  # base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1
    model: str
    api_key: str | None = None
    timeout_s: float = 120.0  # one paper's answer; a local model on a laptop may take a while

    def __repr__(self) -> str:  # a key must not reach a log line through a repr
        return f"ChatModel({self.endpoint!r}, {self.model!r}, key={'set' if self.api_key else 'none'})"


@dataclass(frozen=True, slots=True)
class SummaryProgress:
    """Sent after each paper: `done` of `total` asked; `reason` is empty when it was written."""

    done: int
    total: int
    arxiv_id: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SummaryReport:
    day: str
    written: int  # papers that got a Korean summary
    failed: tuple[tuple[str, str], ...]  # (arXiv id, why) for each paper left as it was
    already: int  # papers that had a Korean summary before
    cancelled: bool = False

    def summary(self) -> str:
        text = (f"{self.day}: {self.written} summarised, {len(self.failed)} failed, "
                f"{self.already} already had a Korean summary")
        return text + ("; cancelled: the summaries written so far are kept" if self.cancelled else "")


def check_endpoint(url: str) -> str:
    """The base URL without a trailing slash; SummariseError unless it is an http(s) URL with a host."""
    text = url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SummariseError(f"not an http(s) URL: {url!r} (an endpoint looks like {DEFAULT_ENDPOINT})")
    return text


def summarise_day(path: Path, day: date, model: ChatModel, *,
                  progress: Callable[[SummaryProgress], None] | None = None,
                  should_stop: Callable[[], bool] | None = None, skip: Collection[str] = ()) -> SummaryReport:
    """Ask the model for each paper of the hub file `path` that has no Korean summary; write each answer.

    Papers in `skip` (a Korean digest already summarises them that day) are counted as already done."""
    from reader.core.parse import parse_digest  # here: the window imports this module without the parser

    endpoint = check_endpoint(model.endpoint)
    text = _read_day(path, day)
    papers = list(parse_digest(text, str(path)).papers)
    wanted = [index for index, paper in enumerate(papers)
              if needs_korean(paper.sections) and paper.arxiv_id not in skip]
    stop = should_stop or (lambda: False)
    failed: list[tuple[str, str]] = []
    written, cancelled = 0, False
    for done, index in enumerate(wanted, 1):
        if stop():
            cancelled = True
            break
        paper = papers[index]
        try:
            sections = _ask(endpoint, model, paper, stop)
        except CancelledError:
            cancelled = True
            break
        except _PaperFailedError as failure:
            failed.append((paper.arxiv_id, failure.reason))
            if progress:
                progress(SummaryProgress(done, len(wanted), paper.arxiv_id, failure.reason))
            continue
        papers[index] = with_korean(paper, sections)
        _write(path, day, papers, fetched_at(text))
        written += 1
        if progress:
            progress(SummaryProgress(done, len(wanted), paper.arxiv_id))
    return SummaryReport(day.isoformat(), written, tuple(failed), len(papers) - len(wanted), cancelled)


def _read_day(path: Path, day: date) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SummariseError(f"the library has no Hugging Face day {day.isoformat()}: fetch it first "
                             f"(daily-papers fetch --source hf --since {day} --until {day})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SummariseError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None


def _write(path: Path, day: date, papers: list[Paper], when: datetime | None) -> None:
    try:
        atomic_write_text(path, render_day(day, papers, when or datetime.now(UTC)))
    except OSError as error:
        raise SummariseError(f"cannot write {path}: {error.strerror}") from None


# -- one paper -----------------------------------------------------------------


class _PaperFailedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _ask(endpoint: str, model: ChatModel, paper: Paper, stop: Callable[[], bool]) -> tuple[Section, ...]:
    """The model's Korean sections for one paper; _PaperFailedError, CancelledError or SummariseError otherwise."""
    import urllib.request  # here: the window imports this module at start, the HTTP client only when asked

    body = json.dumps({
        "model": model.model,
        "messages": [{"role": "system", "content": PROMPT},
                     {"role": "user", "content": f"Title: {paper.title}\n\nAbstract: {abstract(paper)}"}],
        "response_format": {"type": "json_object"},
        "temperature": 0.3,
        "stream": False,
    }, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": f"daily-papers-reader/{__version__}"}
    if model.api_key:
        headers["Authorization"] = f"Bearer {model.api_key}"
    request = urllib.request.Request(f"{endpoint}/chat/completions", data=body, headers=headers, method="POST")
    answer = _post(request, endpoint, model.timeout_s, stop)
    return _sections(answer)


def _post(request: urllib.request.Request, endpoint: str, timeout_s: float, stop: Callable[[], bool]) -> bytes:
    import urllib.request

    channel: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()

    def transfer() -> None:
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 - http(s) checked
                channel.put((True, response.read(MAX_ANSWER_BYTES + 1)))
        except Exception as error:  # handed to the calling thread, which names it
            channel.put((False, error))

    threading.Thread(target=transfer, name="chat-request", daemon=True).start()
    message = next_message(channel, time.monotonic() + timeout_s + 1, stop)
    if message is None:
        raise _PaperFailedError(f"no answer within {timeout_s:g} s")
    ok, value = message
    if ok:
        return bytes(value)
    raise _failure(value, endpoint, timeout_s)


def _failure(error: BaseException, endpoint: str, timeout_s: float) -> Exception:
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        if error.code in (401, 403):
            return SummariseError(f"the model's endpoint {endpoint} refused the request (HTTP {error.code}): "
                                  "check the API key (DAILY_PAPERS_API_KEY or the system keyring)")
        if error.code == 404:
            return SummariseError(f"{endpoint}/chat/completions does not exist (HTTP 404): "
                                  "is this an OpenAI-compatible endpoint, and is the model name right?")
        return _PaperFailedError(f"HTTP {error.code} {error.reason}".rstrip())
    if isinstance(error, TimeoutError) or (isinstance(error, urllib.error.URLError)
                                           and isinstance(error.reason, TimeoutError)):
        return _PaperFailedError(f"no answer within {timeout_s:g} s")
    if isinstance(error, urllib.error.URLError):
        reason = error.reason.strerror if isinstance(error.reason, OSError) else error.reason
        return SummariseError(f"cannot reach the model at {endpoint}: {reason or 'no connection'}")
    return _PaperFailedError(f"the answer broke off ({type(error).__name__})")


def _sections(answer: bytes) -> tuple[Section, ...]:
    """The three labelled Korean sections of a chat-completions answer; _PaperFailedError when it has not got them."""
    if len(answer) > MAX_ANSWER_BYTES:
        raise _PaperFailedError("the answer is too large")
    try:
        content = json.loads(answer.decode("utf-8"))["choices"][0]["message"]["content"]
        fenced = _FENCE.match(content)
        fields = json.loads(fenced[1] if fenced else content)
    except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError):
        raise _PaperFailedError("malformed answer (not a chat completion holding a JSON object)") from None
    if not isinstance(fields, dict):
        raise _PaperFailedError("malformed answer (not a JSON object)")
    sections = []
    for label in KOREAN_LABELS:
        value = fields.get(label)
        if isinstance(value, list):
            value = " ".join(str(item) for item in value)
        if not isinstance(value, str) or not value.strip():
            raise _PaperFailedError(f"malformed answer (no {label!r})")
        sections.append(Section(label, value.strip()))
    return tuple(sections)


def api_key_for(endpoint: str, environ: dict[str, str]) -> str | None:
    """The key for `endpoint`: $DAILY_PAPERS_API_KEY, else the system keyring's entry for that endpoint."""
    if key := environ.get("DAILY_PAPERS_API_KEY", "").strip():
        return key
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, check_endpoint(endpoint)) or None
    except Exception:  # no keyring backend, a locked keyring, a bad URL: simply no key
        return None


def store_api_key(endpoint: str, key: str) -> None:
    """Keep the key for `endpoint` in the system keyring (an empty key removes it); SummariseError when
    there is no usable keyring: the key is then given by $DAILY_PAPERS_API_KEY, never written to a file."""
    try:
        import keyring
        import keyring.errors

        if key:
            keyring.set_password(KEYRING_SERVICE, check_endpoint(endpoint), key)
        else:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, check_endpoint(endpoint))
    except SummariseError:
        raise
    except Exception as error:
        raise SummariseError(f"the system keyring cannot keep the key ({type(error).__name__}): "
                             "set DAILY_PAPERS_API_KEY instead") from None
