"""Offline PDFs: a paper's arXiv PDF kept in the data directory (``<data_dir>/pdfs/<id>.pdf``).

A download goes to ``<id>.pdf.part`` first and continues from where it stopped (an HTTP Range request; a
server that ignores it sends the whole file again); the file becomes ``<id>.pdf`` only when the whole body
arrived, starts with ``%PDF-`` and holds an ``%%EOF`` near its end, and is no larger than the size limit.
An HTML page (arXiv's "not available" or a captive portal) is refused and never kept. Blocking and
cancellable between chunks through ``should_stop``: the window runs it in a worker.
"""

from __future__ import annotations

import http.client
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reader import __version__
from reader.core import arxiv
from reader.core.errors import ReaderError

PDF_FOLDER = "pdfs"
MAX_PDF_BYTES = 100 * 1024 * 1024  # arXiv's largest papers are a few tens of MB
CHUNK_BYTES = 64 * 1024
EOF_WINDOW = 2048  # %%EOF sits in the last bytes of a PDF (a few trailing newlines or spaces allowed)
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class PdfError(ReaderError):
    """The PDF could not be kept; the message says why in one sentence."""


def pdf_path(data_dir: Path, arxiv_id: str) -> Path:
    """Where the PDF of `arxiv_id` is kept (it may not exist); old-style ids (cs/0101001) keep their slash out."""
    return data_dir / PDF_FOLDER / f"{arxiv.normalise(arxiv_id).replace('/', '_')}.pdf"


def kept_pdf(data_dir: Path, arxiv_id: str) -> Path | None:
    path = pdf_path(data_dir, arxiv_id)
    return path if path.is_file() else None


def keep_pdf(data_dir: Path, arxiv_id: str, *, url: str | None = None, max_bytes: int = MAX_PDF_BYTES,
             timeout_s: float = 30.0, should_stop: Callable[[], bool] | None = None,
             progress: Callable[[int, int | None], None] | None = None) -> Path:
    """Download the paper's PDF (default ``https://arxiv.org/pdf/ID``) into the data directory; its path.

    A PDF already kept is not downloaded again. PdfError for every failure; a cancel keeps the part
    downloaded so far for the next try."""
    target = pdf_path(data_dir, arxiv_id)
    if target.is_file():
        return target
    part = target.with_name(target.name + ".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    stop = should_stop or (lambda: False)
    _download(url or arxiv.pdf_url(arxiv_id), part, max_bytes, timeout_s, stop, progress)
    problem = _pdf_problem(part)
    if problem:
        part.unlink(missing_ok=True)
        raise PdfError(f"not kept: {problem}")
    os.replace(part, target)
    return target


def _download(url: str, part: Path, max_bytes: int, timeout_s: float, stop: Callable[[], bool],
              progress: Callable[[int, int | None], None] | None) -> None:
    have = part.stat().st_size if part.is_file() else 0
    headers = {"User-Agent": f"daily-papers-reader/{__version__}"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout_s)  # noqa: S310 - an http(s) arXiv URL
    except urllib.error.HTTPError as error:
        if error.code == 416 and have:  # asked past the end: what is there is the whole file
            return
        raise PdfError(f"the server answered HTTP {error.code} {error.reason}".rstrip()) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PdfError(f"cannot download {url}: {getattr(reason, 'strerror', None) or reason}") from None
    with response:
        content_type = response.headers.get_content_type()
        if content_type in ("text/html", "application/xhtml+xml"):
            raise PdfError("the server sent a web page, not a PDF (the paper may not be on arXiv yet)")
        resumed = response.status == 206 and _resumes_at(response.headers.get("Content-Range", ""), have)
        mode = "ab" if resumed else "wb"
        written = have if resumed else 0
        length = response.headers.get("Content-Length")
        total = written + int(length) if length and length.isdigit() else None
        if total is not None and total > max_bytes:
            raise PdfError(f"too large ({total:,} bytes; the limit is {max_bytes:,})")
        with open(part, mode) as stream:
            deadline = time.monotonic() + max(timeout_s * 20, 60.0)
            while chunk := _read(response, stream):
                written += len(chunk)
                if written > max_bytes:
                    stream.close()
                    part.unlink(missing_ok=True)
                    raise PdfError(f"too large (over {max_bytes:,} bytes)")
                stream.write(chunk)
                if progress:
                    progress(written, total)
                if stop() or time.monotonic() > deadline:
                    stream.flush()
                    raise PdfError("stopped: the part downloaded so far is kept for the next try")
            stream.flush()
            os.fsync(stream.fileno())
        if total is not None and written < total:
            raise PdfError(f"the download broke off ({written:,} of {total:,} bytes); the next try continues it")


def _read(response: http.client.HTTPResponse, stream: IO[Any]) -> bytes:
    """The next chunk: what has arrived, up to CHUNK_BYTES (so a slow line shows progress and sees a cancel
    soon); what arrived before the connection broke off is written, then PdfError (resumable)."""
    try:
        return response.read1(CHUNK_BYTES)
    except http.client.IncompleteRead as error:
        stream.write(error.partial)
        stream.flush()
        raise PdfError("the download broke off; the next try continues it") from None
    except OSError as error:
        raise PdfError(f"the download broke off ({error.strerror or type(error).__name__}); "
                       "the next try continues it") from None


def _resumes_at(content_range: str, have: int) -> bool:
    match = _RANGE.fullmatch(content_range.strip())
    return match is not None and int(match[1]) == have


def _pdf_problem(path: Path) -> str | None:
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            head = stream.read(5)
            stream.seek(max(0, size - EOF_WINDOW))
            tail = stream.read()
    except OSError as error:
        return error.strerror or str(error)
    if head != b"%PDF-":
        return "the file is not a PDF"
    if b"%%EOF" not in tail:
        return "the PDF is incomplete (no end-of-file marker)"
    return None
