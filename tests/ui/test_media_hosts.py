"""Remote images come from public hosts only: never loopback, private, link-local or local-only names, also not
by a redirect or a name that resolves to such an address. Served by a server on 127.0.0.1; no internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from reader.ui.platform import hosts
from reader.ui.platform.media_cache import MediaCache

# The first QNetworkAccessManager of a process says this (also before this module's changes); not our misuse.
# pytest-qt reads the closest qt_log_ignore only, so each test that makes a cache carries the whole list.
first_network_manager = pytest.mark.qt_log_ignore(r"QObject::connect\(QObject, Unknown\): invalid nullptr parameter",
                                                  "This plugin does not support propagateSizeHints")


def png() -> bytes:
    image = QImage(8, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc3366"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class Server:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.redirects: dict[str, str] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.hits.append(self.path)
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = png()
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()


@pytest.fixture
def server() -> Iterator[Server]:
    with Server() as running:
        yield running


@first_network_manager
@pytest.mark.parametrize("host", ["127.0.0.1", "127.1", "2130706433", "[::1]", "[::ffff:127.0.0.1]", "10.1.2.3",
                                  "192.168.0.1", "169.254.169.254", "[fe80::1]", "0.0.0.0", "localhost",
                                  "LocalHost.", "thumbs.localhost", "intranet", "printer.local"])
def test_private_hosts_are_never_asked(tmp_path: Path, server: Server, host: str) -> None:
    url = f"http://{host}:{server.port}/thumb.png"
    cache = MediaCache(tmp_path)
    assert not cache.fetch(url)
    assert not cache.fetch(url)  # and not later either
    assert server.hits == [] and cache.cached_path(url) is None


@first_network_manager
def test_a_name_with_a_private_address_is_refused_after_its_lookup(qtbot, tmp_path: Path, server: Server) -> None:
    cache = MediaCache(tmp_path)
    looked_up: list[str] = []
    cache._resolve = lambda host, done: (looked_up.append(host), done(["93.184.216.34", "127.0.0.1"]))  # type: ignore[method-assign]
    url = f"http://images.example.org:{server.port}/thumb.png"
    with qtbot.waitSignal(cache.failed, timeout=5000) as failed:
        assert cache.fetch(url)  # a name: looked up first, off the GUI thread
    assert looked_up == ["images.example.org"]
    assert failed.args == [url, "images.example.org has a private address"]
    assert server.hits == [] and not cache.fetch(url)


@first_network_manager
def test_a_redirect_to_a_private_host_is_not_followed(qtbot, tmp_path: Path, server: Server) -> None:
    server.redirects["/moved.png"] = f"http://localhost:{server.port}/thumb.png"
    cache = MediaCache(tmp_path, allowed_hosts={"127.0.0.1"})  # the first hop is the test server itself
    url = f"http://127.0.0.1:{server.port}/moved.png"
    with qtbot.waitSignal(cache.failed, timeout=10_000) as failed:
        assert cache.fetch(url)
    assert "redirected to localhost" in failed.args[1]
    assert server.hits == ["/moved.png"] and cache.cached_path(url) is None


@first_network_manager
def test_a_redirect_to_an_allowed_host_is_followed(qtbot, tmp_path: Path, server: Server) -> None:
    server.redirects["/moved.png"] = f"http://127.0.0.1:{server.port}/thumb.png"
    cache = MediaCache(tmp_path, allowed_hosts={"127.0.0.1"})
    url = f"http://127.0.0.1:{server.port}/moved.png"
    with qtbot.waitSignal(cache.ready, timeout=10_000):
        assert cache.fetch(url)
    assert server.hits == ["/moved.png", "/thumb.png"] and cache.cached_path(url) is not None


@pytest.mark.parametrize(("host", "verdict"), [("cdn-thumbnails.huggingface.co", "name"), ("8.8.8.8", "public"),
                                               ("[2606:4700::1111]", "public"), ("100.64.0.1", "private"),
                                               ("224.0.0.251", "private"), ("a.internal", "private")])
def test_host_verdicts(host: str, verdict: str) -> None:
    assert hosts.host_verdict(host) == verdict


def test_resolved_addresses_must_all_be_public() -> None:
    assert hosts.addresses_are_public(["93.184.216.34", "2606:2800:220:1::"])
    assert not hosts.addresses_are_public(["93.184.216.34", "10.0.0.1"])
    assert not hosts.addresses_are_public([])  # a name that does not resolve is not fetched
