"""Offline PDFs against a stub server on 127.0.0.1: a PDF, a broken-off download resumed, an HTML page refused,
the size limit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.sources.pdf_cache import PdfError, keep_pdf, kept_pdf, pdf_path

PDF = b"%PDF-1.5\n" + b"0123456789" * 5000 + b"\n%%EOF\n"


class PdfServer:
    """GET /pdf/<name>: `body`, honouring Range; `cut_after` bytes then a hang-up on the first request;
    `stall_after` bytes, then the rest once `release` is set (a slow line)."""

    def __init__(self, body: bytes, content_type: str = "application/pdf", cut_after: int | None = None,
                 stall_after: int | None = None) -> None:
        self.body, self.content_type, self.cut_after, self.stall_after = body, content_type, cut_after, stall_after
        self.release = threading.Event()
        self.ranges: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                wanted = self.headers.get("Range")
                server.ranges.append(wanted)
                start = int(wanted.removeprefix("bytes=").rstrip("-")) if wanted else 0
                part = server.body[start:]
                self.send_response(206 if wanted else 200)
                self.send_header("Content-Type", server.content_type)
                self.send_header("Content-Length", str(len(part)))
                if wanted:
                    self.send_header("Content-Range", f"bytes {start}-{len(server.body) - 1}/{len(server.body)}")
                self.end_headers()
                cut, server.cut_after = server.cut_after, None
                stall, server.stall_after = server.stall_after, None
                if stall is not None:
                    self.wfile.write(part[:stall])
                    self.wfile.flush()
                    server.release.wait(10)
                    part = part[stall:]
                self.wfile.write(part if cut is None else part[:cut])
                self.wfile.flush()
                if cut is not None:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def url(self, name: str = "2506.00001") -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/pdf/{name}"

    def __enter__(self) -> PdfServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def pdf_server() -> Iterator[PdfServer]:
    with PdfServer(PDF) as server:
        yield server


def test_a_pdf_is_kept_in_the_data_directory_and_not_downloaded_twice(pdf_server: PdfServer, tmp_path: Path) -> None:
    path = keep_pdf(tmp_path, "2506.00001", url=pdf_server.url())
    assert path == pdf_path(tmp_path, "2506.00001") == tmp_path / "pdfs" / "2506.00001.pdf"
    assert path.read_bytes() == PDF and kept_pdf(tmp_path, "2506.00001v2") == path
    keep_pdf(tmp_path, "2506.00001", url=pdf_server.url())
    assert len(pdf_server.ranges) == 1


def test_a_download_that_broke_off_is_continued_where_it_stopped(tmp_path: Path) -> None:
    with PdfServer(PDF, cut_after=20_000) as server:
        with pytest.raises(PdfError, match="broke off"):
            keep_pdf(tmp_path, "2506.00001", url=server.url())
        assert kept_pdf(tmp_path, "2506.00001") is None
        assert (tmp_path / "pdfs" / "2506.00001.pdf.part").stat().st_size == 20_000
        path = keep_pdf(tmp_path, "2506.00001", url=server.url())
    assert server.ranges == [None, "bytes=20000-"]
    assert path.read_bytes() == PDF and not (tmp_path / "pdfs" / "2506.00001.pdf.part").exists()


def test_an_html_page_is_refused(tmp_path: Path) -> None:
    with PdfServer(b"<!doctype html><p>not available", content_type="text/html") as server, \
            pytest.raises(PdfError, match="web page"):
        keep_pdf(tmp_path, "2506.00001", url=server.url())
    assert kept_pdf(tmp_path, "2506.00001") is None


def test_a_body_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    with PdfServer(b"just some bytes, not a PDF", content_type="application/octet-stream") as server, \
            pytest.raises(PdfError, match="not a PDF"):
        keep_pdf(tmp_path, "2506.00001", url=server.url())
    assert not list((tmp_path / "pdfs").iterdir())


def test_the_size_limit(pdf_server: PdfServer, tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="too large"):
        keep_pdf(tmp_path, "2506.00001", url=pdf_server.url(), max_bytes=10_000)
    assert kept_pdf(tmp_path, "2506.00001") is None


def test_no_server_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="cannot download"):
        keep_pdf(tmp_path, "2506.00001", url="http://127.0.0.1:9/pdf/2506.00001", timeout_s=2)
