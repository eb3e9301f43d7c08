"""Check for New Digests: a fetched day appears in the window; Cancel; no network said calmly.

Served by a local HTTP server on 127.0.0.1 (tests/unit/http_fixture.py); no test touches the internet.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from test_library_dialog import WAIT_MS, days_of, redated_digest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from http_fixture import DigestServer, Route  # lives with the fetcher's unit tests

from reader.ui.dialogs import fetch_dialog as fetch_dialog_module

BASE = "/paper_logs"
ARCHIVE = {
    f"{BASE}/2025/01/07.md": Route(redated_digest("2025-01-07").encode("utf-8")),
    f"{BASE}/2025/01/08.md": Route(b"boom", status=500),
    f"{BASE}/2025/01/10.md": Route(redated_digest("2025-01-10").encode("utf-8"), delay_s=30),
}


@pytest.fixture
def server():
    with DigestServer(ARCHIVE) as running:
        yield running


def open_fetch_dialog(window, qtbot, source: str, since: str, until: str):
    dialog = window.library_tools.fetch_dialog()
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(source)
    dialog.since_edit.setDate(QDate.fromString(since, "yyyy-MM-dd"))
    dialog.until_edit.setDate(QDate.fromString(until, "yyyy-MM-dd"))
    return dialog


def log_lines(dialog) -> list[str]:
    return dialog.log_view.toPlainText().splitlines()


def test_a_fetched_day_appears_in_the_window(open_window, qtbot, server) -> None:
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, server.url + BASE, "2025-01-06", "2025-01-08")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    lines = log_lines(dialog)
    assert lines[0] == "2025-01-06  no digest that day"
    assert lines[1] == "2025-01-07  fetched"
    assert lines[2].startswith("2025-01-08  failed: HTTP 500")
    assert "1 fetched" in dialog.message.text()
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    qtbot.waitUntil(lambda: "2025-01-07" in days_of(window), timeout=WAIT_MS)

    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)  # again: nothing is downloaded twice
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert "2025-01-07  already here" in log_lines(dialog)
    assert server.hits[f"{BASE}/2025/01/07.md"] == 1


def test_cancel_stops_the_fetch_and_keeps_what_arrived(open_window, qtbot, server, monkeypatch) -> None:
    monkeypatch.setattr(fetch_dialog_module, "FETCH_TIMEOUT_S", 1.0)
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, server.url + BASE, "2025-01-07", "2025-01-20")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(log_lines(dialog)) >= 3, timeout=WAIT_MS)  # now waiting on the slow 2025-01-10
    assert dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert dialog.report.cancelled
    assert "Cancelled" in dialog.message.text()
    assert len(log_lines(dialog)) < 14  # the days after the cancel were not tried
    assert dialog.fetch_button.isEnabled()
    qtbot.waitUntil(lambda: "2025-01-07" in days_of(window), timeout=WAIT_MS)  # kept and indexed


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_without_a_network_the_reader_says_so_and_carries_on(open_window, qtbot) -> None:
    window = open_window()
    fetched: list[int] = []
    dialog = open_fetch_dialog(window, qtbot, f"http://127.0.0.1:{closed_port()}{BASE}", "2025-01-01", "2025-01-10")
    dialog.fetched.connect(fetched.append)
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert dialog.message.text().startswith("No network")
    assert len(log_lines(dialog)) == 3  # it gave up after a few refused connections
    assert not fetched
    assert not window.updater.is_running()
    assert len(window.sidebar_model.day_dates()) == 5  # the window is as it was


def test_a_source_that_is_not_a_url_is_explained(open_window, qtbot) -> None:
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, "ftp://example.org/paper_logs", "2025-01-01", "2025-01-02")
    dialog.source_edit.editingFinished.emit()
    assert "not an http(s) URL" in dialog.message.text()
