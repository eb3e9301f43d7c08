"""A small threaded HTTP server on 127.0.0.1 (port 0) that plays a digest archive and its failures.

Tests describe each path with a Route; unknown paths answer 404. Nothing here touches the internet.
"""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self


@dataclass(frozen=True)
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    delay_s: float = 0.0  # wait this long before answering (a slow day)
    declared_length: int | None = None  # Content-Length to claim; larger than the body = truncated response


class DigestServer:
    """`with DigestServer(routes) as server:` serves routes at server.url; server.hits counts requests."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = dict(routes)
        self.hits: collections.Counter[str] = collections.Counter()
        self._release = threading.Event()  # ends slow answers early when the server stops
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="digest-server",
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                route = server.routes.get(self.path, Route(b"not found", status=404))
                if route.delay_s and server._release.wait(route.delay_s):
                    return  # the test is over: drop the connection
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    length = len(route.body) if route.declared_length is None else route.declared_length
                    self.send_header("Content-Length", str(length))
                    self.end_headers()
                    self.wfile.write(route.body)
                except OSError:
                    pass  # the client gave up (timeout test): nothing to answer to

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-answer is part of what the tests play out
