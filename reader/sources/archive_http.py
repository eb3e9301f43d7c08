"""One day's download for `archive`: a whole body or a reason, within a total deadline, cancellable.

The blocking part (connect, TLS, proxy tunnel, headers, body) runs in a short-lived worker thread
that hands the answer over chunk by chunk; the calling thread waits on it in slices of at most
``POLL_S`` seconds, so ``should_stop`` is honoured within a second and a day never takes longer than
its deadline, however slowly a server dribbles (one byte every few seconds never trips a per-read
timeout). A worker left behind notices the abort at its next read and closes its connection.

What is refused, each with a plain reason: redirects other than http(s) to the source's own host
and port (an http source may move to https on the default port), more than ``MAX_REDIRECTS`` of
them, an HTML answer (``Content-Type: text/html``), a body over the size cap, and a body that is
shorter than its Content-Length, or whose Content-Length is invalid or contradicts itself.
"""

from __future__ import annotations

import http.client
import queue
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from typing import IO, Any, TypeVar

from reader import __version__

MAX_REDIRECTS = 5
POLL_S = 0.2  # how often the calling thread looks at should_stop and the deadline
CHUNK_BYTES = 16 * 1024
USER_AGENT = f"daily-papers-reader/{__version__} (+https://github.com/l-yohai/daily_papers_ko)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_PORTS = {"http": 80, "https": 443}
MessageT = TypeVar("MessageT")  # what a worker thread hands the calling thread
_LENGTH = re.compile(r"[0-9]{1,15}")


class CancelledError(Exception):
    """should_stop said so during the download."""


class FailedError(Exception):
    """This day's download failed; `unreachable` when no HTTP answer came at all (counts towards offline)."""

    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.unreachable = reason, unreachable


def download(url: str, *, source: str, timeout_s: float, deadline_s: float, stop: Callable[[], bool],
             max_bytes: int, opener: urllib.request.OpenerDirector | None = None) -> bytes | None:
    """The whole body of `url`, or None for a 404. FailedError or CancelledError otherwise.

    `source` is the archive's base URL: redirects are followed only within it (see redirect_allowed).
    `timeout_s` bounds each wait for the server, `deadline_s` the whole download, redirects included.
    A caller's own `opener` brings its own redirect rules; the deadline and cancel still apply.
    """
    deadline = time.monotonic() + deadline_s
    channel: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
    abort = threading.Event()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    worker = threading.Thread(target=_transfer, name="digest-download", daemon=True,
                              args=(opener or _opener(source), request, min(timeout_s, deadline_s), channel, abort))
    worker.start()
    try:
        return _receive(channel, deadline, deadline_s, timeout_s, stop, max_bytes)
    finally:
        abort.set()  # the worker stops at its next read, or right away when it is done


def redirect_allowed(source: str, target: str) -> bool:
    """True for http(s) on the source's host and port; an http source may also move to https on 443."""
    origin, there = urllib.parse.urlsplit(source), urllib.parse.urlsplit(target)
    scheme, wanted = there.scheme.lower(), origin.scheme.lower()
    if scheme not in DEFAULT_PORTS or not there.hostname or there.hostname != origin.hostname:
        return False
    try:
        port, origin_port = there.port or DEFAULT_PORTS[scheme], origin.port or DEFAULT_PORTS[wanted]
    except ValueError:
        return False
    if scheme == wanted:
        return port == origin_port
    return (wanted, scheme) == ("http", "https") and (port == origin_port or (origin_port, port) == (80, 443))


# -- the calling thread -----------------------------------------------------------


def next_message(channel: queue.SimpleQueue[MessageT], deadline: float, stop: Callable[[], bool]) -> MessageT | None:
    """A worker thread's next message, looked for every POLL_S so that `stop` is honoured within one; None once
    `deadline` (time.monotonic) has passed (the caller says what timed out). CancelledError when stop() says so.
    The one wait of every download the sources make on a worker (the archive, the hub, the chat model)."""
    while not stop():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            return channel.get(timeout=min(POLL_S, remaining))
        except queue.Empty:
            continue
    raise CancelledError


def _receive(channel: queue.SimpleQueue[tuple[str, Any]], deadline: float, deadline_s: float, timeout_s: float,
             stop: Callable[[], bool], max_bytes: int) -> bytes | None:
    chunks: list[bytes] = []
    received, expected = 0, None
    while True:
        message = next_message(channel, deadline, stop)
        if message is None:
            raise FailedError(f"timed out after {deadline_s:g} s")
        kind, value = message
        if kind == "error":
            _raise_unless_404(value, timeout_s, received)
            return None
        if kind == "head":
            expected = _check_head(value, max_bytes)
            continue
        if not value:
            break
        chunks.append(value)
        received += len(value)
        if received > max_bytes:
            raise FailedError(f"too large for a digest (over {max_bytes} bytes)")
    if expected is not None and received != expected:
        raise FailedError(f"truncated response ({received} of {expected} bytes)")
    return b"".join(chunks)


def _check_head(head: _Head, max_bytes: int) -> int | None:
    """The body length the headers promise; None: until the connection closes."""
    if head.content_type in HTML_TYPES:
        raise FailedError(f"not a digest (an HTML page: Content-Type {head.content_type})")
    if head.status not in (200, 203):
        raise FailedError(f"unexpected answer HTTP {head.status}")
    values = [part.strip() for value in head.lengths for part in value.split(",")]
    if not values:
        return None
    if head.chunked:
        raise FailedError("conflicting Content-Length and Transfer-Encoding headers")
    if not all(_LENGTH.fullmatch(value) for value in values) or len({int(value) for value in values}) > 1:
        raise FailedError(f"invalid Content-Length header ({', '.join(values)[:60]})")
    expected = int(values[0])
    if expected > max_bytes:
        raise FailedError(f"too large for a digest ({expected} bytes)")
    return expected


def _raise_unless_404(error: BaseException, timeout_s: float, received: int) -> None:
    """Returns for a 404 (no digest that day); FailedError for everything else the worker met."""
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 404:
            return None
        raise FailedError(f"HTTP {error.code} {error.reason}".rstrip())
    if isinstance(error, RedirectRefusedError):
        raise FailedError(error.reason)
    if isinstance(error, urllib.error.URLError):  # no HTTP answer at all
        reason = error.reason if isinstance(error.reason, BaseException) else str(error.reason)
        raise FailedError(_network_reason(reason, timeout_s), unreachable=True)
    if isinstance(error, http.client.IncompleteRead):
        raise FailedError(f"truncated response ({received + len(error.partial)} bytes, then cut off)")
    if isinstance(error, (OSError, http.client.HTTPException)):  # answer started, then broke off
        raise FailedError(_network_reason(error, timeout_s))
    raise FailedError(f"request failed ({type(error).__name__}: {error})"[:200])


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


# -- the worker thread ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Head:
    status: int
    lengths: tuple[str, ...]  # every Content-Length value as sent
    chunked: bool
    content_type: str


def _transfer(opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout_s: float,
              channel: queue.SimpleQueue[tuple[str, Any]], abort: threading.Event) -> None:
    """Runs in the worker: every blocking step, reported as ("head" | "chunk" | "error", value)."""
    try:
        response = opener.open(request, timeout=timeout_s)
    except BaseException as error:  # noqa: BLE001 - the calling thread turns it into a reason
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        channel.put(("error", error))
        return
    try:
        with response:
            channel.put(("head", _head(response)))
            while not abort.is_set():
                chunk = response.read1(CHUNK_BYTES)
                channel.put(("chunk", chunk))
                if not chunk:
                    return
    except BaseException as error:  # noqa: BLE001
        channel.put(("error", error))


def _head(response: IO[bytes]) -> _Head:
    headers: Message = getattr(response, "headers", Message())
    status = getattr(response, "status", None) or 200
    transfer = (headers.get("Transfer-Encoding") or "").strip().lower()
    return _Head(int(status), tuple(headers.get_all("Content-Length") or ()), transfer == "chunked",
                 headers.get_content_type() if headers.get("Content-Type") else "text/plain")


def _opener(source: str) -> urllib.request.OpenerDirector:
    """http(s) only (proxies from the environment as usual), with the redirect rule below."""
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), urllib.request.HTTPHandler(),
        urllib.request.HTTPDefaultErrorHandler(), _Redirects(source), urllib.request.HTTPErrorProcessor()]
    if hasattr(urllib.request, "HTTPSHandler"):  # Python built without ssl: http only
        handlers.append(urllib.request.HTTPSHandler())
    for handler in handlers:
        opener.add_handler(handler)
    return opener


class RedirectRefusedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, each one only where redirect_allowed() says."""

    max_redirections = max_repeats = MAX_REDIRECTS + 5  # our own count below answers first, more clearly

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source, self.hops = source, 0

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: HTTPMessage) -> IO[bytes] | None:
        location = headers.get("Location") or headers.get("URI")
        if location:  # before the standard handler, which would follow ftp: too
            self._check(req, fp, urllib.parse.urljoin(req.full_url, location.strip()))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        self._check(req, fp, newurl)  # the exact URL about to be opened
        self.hops += 1
        if self.hops > MAX_REDIRECTS:
            fp.close()
            raise RedirectRefusedError(f"too many redirects (more than {MAX_REDIRECTS})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def _check(self, req: urllib.request.Request, fp: IO[bytes], target: str) -> None:
        if not redirect_allowed(self.source, target):
            fp.close()
            raise RedirectRefusedError(f"redirected to {_shown(target)} (only http(s) on the same host is followed)")


def _shown(url: str) -> str:
    """A URL for a message: no user:password@, not endless."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    shown = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return shown if len(shown) <= 120 else shown[:117] + "..."
