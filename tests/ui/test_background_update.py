"""Indexing in the background: the window shows at once, fills in when the worker is done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.background.library_updater import LibraryUpdater
from reader.ui.dialogs.problems_dialog import ProblemsDialog
from reader.ui.models.view import View
from reader.ui.window.launch import run_window
from reader.ui.window.main_window import MainWindow

UPDATE_TIMEOUT_MS = 120_000


def test_a_new_library_shows_an_empty_window_then_fills_in(open_window, tmp_path: Path, qtbot) -> None:
    window = open_window(tmp_path / "fresh")
    assert window.paper_proxy.rowCount() == 0
    assert window.detail.paper() is None
    progress: list[tuple[int, int]] = []
    window.updater.progress.connect(lambda done, total, _path: progress.append((done, total)))
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()
        assert window.update_status.progress_bar.isVisible()
        assert not window.updater.start()  # one update at a time
    assert progress and progress[-1][0] == progress[-1][1]  # the last file was reported
    assert not window.update_status.progress_bar.isVisible()
    assert window.sidebar_model.day_dates()[0] == "2024-11-20"
    assert window.sidebar.current_view() == View("day", "2024-11-20")
    assert window.paper_list.current_paper() is not None
    assert "52" in window.statusBar().currentMessage()


def test_an_update_keeps_the_reader_where_they_are(open_window, qtbot) -> None:
    window = open_window()
    window.sidebar.select_view(View("day", "2024-08-22"))
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()
    assert window.sidebar.current_view() == View("day", "2024-08-22")
    assert window.paper_list.current_paper() == paper


def test_days_appear_in_the_sidebar_while_a_large_library_is_still_indexing(open_window, tmp_path: Path, qtbot) -> None:
    """Committed days land in the sidebar during the update (counted by the update's process), not only at its end."""
    import datetime

    from reader.library import FILES_PER_COMMIT

    folder = tmp_path / "archive"
    first = datetime.date(2023, 1, 1)
    for number in range(FILES_PER_COMMIT + 40):  # more than one commit's worth of files
        day = first + datetime.timedelta(days=number)
        path = folder / f"{day:%Y/%m/%d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"## Daily Papers ({day})\n\n### [Paper {number}](https://arxiv.org/abs/2301.{number:05d})\n\n"
            f"Vote: {number}\n\nAuthors: Kim Minji, Lee Jun\n\n- 요약 {number}.\n",
            encoding="utf-8",
        )
    library = Library(tmp_path / "data")
    library.add_sources([folder])
    library.close()
    window = open_window(tmp_path / "data")
    window.updater.days_interval_s = 0.0  # every progress message also brings the days
    during: list[int] = []
    window.updater.days.connect(lambda days: during.append(len(window.sidebar_model.day_dates())))
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()
    total = FILES_PER_COMMIT + 40 + 5  # the archive's days and the five seed days
    assert any(0 < shown < total for shown in during)  # some days were listed before the update ended
    assert len(window.sidebar_model.day_dates()) == total
    first_shown = window.sidebar_model.day_dates()[0]
    assert window.library.rows(date=first_shown)  # a day the sidebar shows can be listed


def test_problems_are_counted_in_the_status_bar_and_listed(open_window, tmp_path: Path, qtbot, monkeypatch) -> None:
    broken = tmp_path / "digests" / "broken.md"
    broken.parent.mkdir()
    broken.write_bytes(b"\x00\x01\x02 not a digest \xff\xfe\x00")
    data_dir = tmp_path / "data"
    library = Library(data_dir)
    library.add_sources([broken.parent])
    library.close()
    window = open_window(data_dir)
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()
    button = window.update_status.problems_button
    assert button.isVisible() and "1" in button.text()
    listed: list[str] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda dialog: listed.append(dialog.text.toPlainText()))
    button.click()
    assert listed and str(broken) in listed[0]


def test_stopping_an_update_waits_for_the_worker_and_drops_its_result(tmp_path: Path, qtbot) -> None:
    updater = LibraryUpdater(tmp_path / "data")
    delivered: list[str] = []
    for name in ("progress", "days", "finished", "failed"):
        getattr(updater, name).connect(lambda *_args, name=name: delivered.append(name))
    assert updater.start()
    thread = updater.findChild(QThread, "library-update")
    updater.stop()
    assert not updater.is_running()
    assert thread.isFinished()  # stop() waited for the job, and a job ends by emitting the update's outcome...
    qtbot.wait(50)  # ...so whatever was queued for the window is delivered during this wait
    assert delivered == []  # yet nothing came: a result after stop() is dropped, never shown by a closing window
    assert updater.start()  # a new one can begin; not stopped, its outcome does reach the same listeners
    qtbot.waitUntil(lambda: "finished" in delivered, timeout=UPDATE_TIMEOUT_MS)


def test_run_window_shows_the_reader_and_updates_the_library(tmp_path: Path, qtbot) -> None:
    data_dir = tmp_path / "data"
    seen: list[str] = []

    def close_when_updated() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and not windows[0].updater.is_running() and windows[0].paper_list.current_paper():
            seen.append(windows[0].windowTitle())
            windows[0].close()
        else:
            QTimer.singleShot(50, close_when_updated)

    QTimer.singleShot(0, close_when_updated)
    assert run_window(data_dir) == 0
    assert seen == ["Daily Papers Reader"]
    library = Library(data_dir)
    try:
        assert len(library.days()) == 5
    finally:
        library.close()


def test_the_first_frame_comes_before_the_detail_pane_and_the_update(seeded_data_dir: Path, qtbot) -> None:
    """What the first paint does not need (the paper's page, the update's child process) starts right after it."""
    library = Library(seeded_data_dir)
    try:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.start_update()  # as run_window does, before show()
        assert window.paper_list.current_paper() is not None  # the list is filled for the first frame
        assert window.detail.paper() is None and not window.updater.is_running()
        window.show()
        qtbot.waitUntil(window.is_started)
        assert window.detail.paper() == window.paper_list.current_paper()
        assert window.updater.is_running()
        with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
            pass
        window.close()
    finally:
        library.close()


NEW_DAY = """## Daily Papers (2025-03-03)

""" + "".join(f"""### [New paper {n}](https://arxiv.org/abs/2503.{n:05d})

Vote: {votes}

Authors: Kim Minsu

- ***What's New***: 새로운 언어모델 {n}.

""" for n, votes in ((1, 500), (2, 7), (3, 0)))


def update_with_a_new_day(window: MainWindow, tmp_path: Path, qtbot, monkeypatch) -> list[object]:
    """Add a folder with one new day and run the window's update; what it asked of library.rows() for the whole
    list (not one day's), one entry a read."""
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "2025-03-03.md").write_text(NEW_DAY, "utf-8")
    window.library.add_sources([folder])
    whole_lists: list[object] = []
    rows = window.library.rows

    def counted_rows(date: str | None = None, **kwargs: bool) -> object:
        if date is None:
            whole_lists.append(kwargs)
        return rows(date=date, **kwargs)

    monkeypatch.setattr(window.library, "rows", counted_rows)
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()
    return whole_lists


def test_a_new_day_joins_all_papers_in_place(open_window, tmp_path: Path, qtbot, monkeypatch) -> None:
    """After an update that only adds a day, All papers gets its listings where the sort puts them, without
    reading the whole list again; the selection stays."""
    window = open_window()
    window.sidebar.select_view(View("all"))
    window.paper_list.select_row(3)
    paper = window.paper_list.current_paper()
    before = window.paper_proxy.rowCount()
    whole_lists = update_with_a_new_day(window, tmp_path, qtbot, monkeypatch)
    model = window.paper_model
    shown = [model.paper_at(row).key for row in range(model.rowCount())]
    assert whole_lists == [] and len(shown) == before + 3
    assert window.paper_list.current_paper() == paper
    window.navigation.show_view(View("all"))  # what reading the list again gives
    assert [model.paper_at(row).key for row in range(model.rowCount())] == shown
    assert shown[0] == "2025-03-03/2503.00001"  # 500 votes: first in the votes order


def test_more_new_days_than_a_month_read_the_list_again(open_window, tmp_path: Path, qtbot, monkeypatch) -> None:
    from reader.ui.window import navigation

    monkeypatch.setattr(navigation, "NEW_DAYS_IN_PLACE", 0)  # as if the new folder held years of days
    window = open_window()
    window.sidebar.select_view(View("all"))
    assert len(update_with_a_new_day(window, tmp_path, qtbot, monkeypatch)) == 1
    assert window.paper_model.paper_at(0).key == "2025-03-03/2503.00001"
