"""Watched folders: a digest written, changed or deleted there shows up in the window without a restart."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_library_dialog import WAIT_MS, days_of, redated_digest, write_archive

from reader.library import Library
from reader.ui.background import folder_watcher as watcher_module


@pytest.fixture
def watched_window(open_window, qtbot, seeded_data_dir: Path, tmp_path: Path):
    archive = write_archive(tmp_path / "archive", ["2025-01-07"])
    with Library(seeded_data_dir) as library:
        library.add_sources([archive])
        library.update()
    window = open_window(seeded_data_dir)
    assert "2025-01-07" in days_of(window)
    qtbot.waitUntil(window.library_tools.watcher.is_ready)  # its first look runs in the background
    return window, archive


def test_a_new_digest_appears_and_a_deleted_one_disappears(watched_window, qtbot) -> None:
    window, archive = watched_window
    new_day = archive / "2025" / "02" / "14.md"  # in a folder that did not exist: it is watched once it does
    new_day.parent.mkdir(parents=True)
    new_day.write_text(redated_digest("2025-02-14"), encoding="utf-8")
    qtbot.waitUntil(lambda: "2025-02-14" in days_of(window), timeout=WAIT_MS)
    assert str(new_day.parent) in window.library_tools.watcher.watched_folders()

    new_day.unlink()
    qtbot.waitUntil(lambda: "2025-02-14" not in days_of(window), timeout=WAIT_MS)
    assert "2025-01-07" in days_of(window)


def test_a_changed_digest_is_read_again(watched_window, qtbot) -> None:
    window, archive = watched_window
    day = archive / "2025" / "01" / "07.md"
    before = window.library.days()[0].total
    day.write_text(redated_digest("2025-01-07", seed="2024-11-20"), encoding="utf-8")  # another day's papers
    qtbot.waitUntil(lambda: window.library.days()[0].total != before, timeout=WAIT_MS)
    assert window.sidebar_model.day_dates()[0] == "2025-01-07"


def test_polling_alone_notices_a_new_digest(watched_window, qtbot, monkeypatch) -> None:
    """Where the system cannot watch (network drives, a full inotify table), the poll still finds it."""
    window, archive = watched_window
    window.library_tools.watcher.stop()
    monkeypatch.setattr(watcher_module, "POLL_INTERVAL_MS", 200)
    tools = window.library_tools
    polling_only = watcher_module.LibraryWatcher(window.library.sources, tools.updates.request, window)
    polling_only._watcher.blockSignals(True)  # no file-system notifications: only the timer remains
    qtbot.waitUntil(polling_only.is_ready)
    (archive / "2025" / "01" / "08.md").write_text(redated_digest("2025-01-08"), encoding="utf-8")
    qtbot.waitUntil(lambda: "2025-01-08" in days_of(window), timeout=WAIT_MS)
    polling_only.stop()


def test_a_change_noticed_during_an_update_runs_another_one_after_it(watched_window, qtbot) -> None:
    window, _archive = watched_window
    started: list[bool] = []
    window.updater.started.connect(lambda: started.append(True))
    with qtbot.waitSignal(window.updater.finished, timeout=WAIT_MS):
        window.start_update()
        window.library_tools.updates.request()  # e.g. the watcher saw a file; one update is already running
    qtbot.waitUntil(lambda: len(started) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.updater.is_running(), timeout=WAIT_MS)


def test_the_folders_are_walked_off_the_gui_thread(watched_window, qtbot, monkeypatch) -> None:
    """A large library's walk takes a noticeable time: the window must not wait for it."""
    window, archive = watched_window
    walked_on: list[threading.Thread] = []
    walk = watcher_module.scan_folders

    def recording_walk(*args):
        walked_on.append(threading.current_thread())
        return walk(*args)

    monkeypatch.setattr(watcher_module, "scan_folders", recording_walk)
    watcher = window.library_tools.watcher
    with qtbot.waitSignal(watcher.scanned, timeout=WAIT_MS):
        watcher.check()
    assert walked_on and threading.main_thread() not in walked_on
    assert str(archive / "2025" / "01") in watcher.watched_folders()
