"""A small threaded HTTP server on 127.0.0.1 (port 0) that plays a digest archive and its failures.

Tests describe each path with a Route; unknown paths answer 404. Nothing here touches the internet.
"""

from __future__ import annotations

import collections
import socket
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
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()  # more headers (Location ...); a Content-Length here replaces ours
    drip_s: float = 0.0  # send the body one byte at a time, this long apart (a server that never quite stops)
    drip_head: bool = False  # with drip_s: the status line and headers too
    raw: bytes | None = None  # send exactly these bytes instead of a composed answer, then close


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

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def answer(self, route: Route) -> tuple[bytes, bytes]:
        """(status line and headers, body) as they go on the wire."""
        if route.raw is not None:
            return b"", route.raw
        reason = BaseHTTPRequestHandler.responses.get(route.status, ("",))[0]
        lines = [f"HTTP/1.0 {route.status} {reason}", f"Content-Type: {route.content_type}"]
        if not any(name.lower() == "content-length" for name, _ in route.headers):
            length = len(route.body) if route.declared_length is None else route.declared_length
            lines.append(f"Content-Length: {length}")
        lines.extend(f"{name}: {value}" for name, value in route.headers)
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), route.body

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                route = server.routes.get(self.path, Route(b"not found", status=404))
                if route.delay_s and server._release.wait(route.delay_s):
                    return  # the test is over: drop the connection
                head, body = server.answer(route)
                try:
                    if route.drip_s:
                        self._drip(head if route.drip_head else b"", route.drip_s)
                        if not route.drip_head:
                            self.wfile.write(head)
                        self._drip(body, route.drip_s)
                    else:
                        self.wfile.write(head + body)
                    self.wfile.flush()
                except OSError:
                    pass  # the client gave up (timeout test): nothing to answer to

            def _drip(self, data: bytes, pause_s: float) -> None:
                for offset in range(len(data)):
                    self.wfile.write(data[offset:offset + 1])
                    self.wfile.flush()
                    if server._release.wait(pause_s):
                        raise OSError("the test is over")

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


class PortProbe:
    """A port that listens but never answers: `connected()` tells whether anything knocked on it."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(8)
        self.port = int(self._socket.getsockname()[1])

    def connected(self) -> bool:
        self._socket.setblocking(False)
        try:
            connection, _ = self._socket.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._socket.close()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-answer is part of what the tests play out
