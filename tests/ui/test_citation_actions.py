"""Citations from the window: RIS and CSL-JSON on the clipboard and in the export dialog, and a send to a
(stub) Zotero app on 127.0.0.1 that runs off the GUI thread and reports in the status bar."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox


@pytest.fixture
def zotero() -> Iterator[tuple[list[dict[str, Any]], str]]:
    """A Zotero connector that says it runs, keeps every saveItems body, and has its local API off."""
    saved: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/connector/ping":
                self._answer(200, b"<html><body>Zotero is running</body></html>")
            else:
                self._answer(403, b"Local API is not enabled")

        def do_POST(self) -> None:
            saved.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self._answer(201, b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        yield saved, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_copy_as_ris_and_csl_json(open_window) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    window.commands["copy_ris"].trigger()
    ris = QGuiApplication.clipboard().text()
    assert ris.startswith("TY  - ") and f"arXiv:{paper.arxiv_id}" in ris
    window.commands["copy_csljson"].trigger()
    [item] = json.loads(QGuiApplication.clipboard().text())
    assert item["type"] and paper.arxiv_id in json.dumps(item)


def test_the_export_dialog_offers_ris_and_csl_json(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    window.library.set_starred([window.paper_list.current_paper().arxiv_id])
    target = tmp_path / "starred.csl.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.commands["export_starred"].trigger()
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)


def test_send_the_starred_papers_to_zotero(open_window, qtbot, zotero) -> None:
    saved, url = zotero
    window = open_window()
    starred = sorted({paper.arxiv_id for paper in window.library.papers(date="2024-11-20")})[:2]
    window.library.set_starred(starred)
    window.export_actions.zotero_connector = url
    window.commands["zotero_starred"].trigger()
    qtbot.waitUntil(lambda: "Sent 2" in window.statusBar().currentMessage(), timeout=10_000)
    assert len(saved) == 1  # one request for the whole selection
    assert sorted(item["archiveID"] for item in saved[0]["items"]) == [f"arXiv:{i}" for i in starred]


def test_zotero_not_running_is_one_clear_message(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    window.export_actions.zotero_connector = "http://127.0.0.1:9"  # the discard port: nothing listens
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: shown.append(text))
    window.commands["zotero_paper"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "Zotero" in shown[0] and "not running" in shown[0]
