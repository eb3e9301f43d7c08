"""Check for New Digests: closing during a slow fetch never waits for it, typed dates, the archive the library
follows, a damaged day fetched again. Served on 127.0.0.1 (tests/unit/http_fixture.py); no internet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from test_fetch_dialog import BASE, log_lines, open_fetch_dialog, server  # noqa: F401 - server is a fixture
from test_library_dialog import WAIT_MS, days_of

from reader.ui.dialogs import fetch_dialog as fetch_dialog_module
from reader.ui.platform.settings import Settings


def test_closing_during_a_slow_fetch_does_not_wait_and_keeps_what_arrived(open_window, qtbot, server,  # noqa: F811
                                                                          monkeypatch) -> None:
    monkeypatch.setattr(fetch_dialog_module, "FETCH_TIMEOUT_S", 1.0)
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, server.url + BASE, "2025-01-07", "2025-01-20")
    fetched: list[int] = []
    dialog.fetched.connect(fetched.append)
    dialog.show()
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(log_lines(dialog)) >= 3, timeout=WAIT_MS)  # waiting on the slow 2025-01-10 now
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS) as closed:  # QDialog.finished: the dialog closed
        dialog.reject()  # Close
        assert dialog.is_running()  # reject() returned at once, without waiting for the fetch
        assert dialog.message.text().startswith("Stopping")
    assert closed.args == [QDialog.DialogCode.Rejected] and not dialog.isVisible()
    assert fetched == [1]  # 2025-01-07 arrived before the close: announced before the dialog closed
    assert not dialog.is_running() and dialog.report.cancelled
    qtbot.waitUntil(lambda: "2025-01-07" in days_of(window), timeout=WAIT_MS)


def test_dates_can_be_typed(open_window, qtbot) -> None:
    window = open_window()
    dialog = window.library_tools.fetch_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.since_edit
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "2024-12-31")
    assert edit.date() == QDate(2024, 12, 31)
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "2024-02-30")  # no such day: not taken
    assert edit.date() == QDate(2024, 12, 31)
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "202")  # a year typed half-way
    dialog.start()
    assert not dialog.is_running()
    assert dialog.message.text().startswith("202 is not a date: type it as YYYY-MM-DD")


def test_the_archive_fetched_from_is_remembered(open_window, qtbot, server, seeded_data_dir: Path) -> None:  # noqa: F811
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, server.url + BASE, "2025-01-06", "2025-01-07")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert Settings(seeded_data_dir).digest_source == server.url + BASE
    again = window.library_tools.fetch_dialog()  # the next Check for New Digests starts from it
    qtbot.addWidget(again)
    assert again.source_edit.text() == server.url + BASE


def test_a_damaged_day_fetched_again_is_explained(open_window, qtbot, server, seeded_data_dir: Path) -> None:  # noqa: F811
    window = open_window()
    dialog = open_fetch_dialog(window, qtbot, server.url + BASE, "2025-01-07", "2025-01-07")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    [day_file] = (seeded_data_dir / "library").rglob("07.md")
    day_file.write_text("<html><body>Service unavailable</body></html>", encoding="utf-8")  # not a digest
    dialog.report = None
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert log_lines(dialog) == [
        "2025-01-07  fetched again: the copy here was not a whole digest, and the good copy replaced it"]
