"""The update's progress in the status bar: told in papers, full only when the update is done."""

from __future__ import annotations

from pathlib import Path

from reader.ui.panes.update_status import UpdateStatus

UPDATE_TIMEOUT_MS = 120_000


def test_progress_is_in_papers_and_full_only_when_the_last_paper_is_listed(open_window, tmp_path: Path, qtbot) -> None:
    window = open_window(tmp_path / "fresh")
    status = window.update_status
    seen: list[tuple[int, int, str, int]] = []

    def record(_done: int, _total: int, papers: int) -> None:
        bar = status.progress_bar
        seen.append((bar.value(), bar.maximum(), status.label.text(), papers))

    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS) as finished:
        window.start_update()
        window.updater.papers_progress.connect(record)  # after the status's own slot: it sees what the status shows
    assert seen
    assert all(value < maximum for value, maximum, _text, _papers in seen)  # never 100% while indexing
    last_value, last_maximum, last_text, last_papers = seen[-1]
    assert last_value == last_maximum - 1  # every file read; the commit that lists them is the last step
    assert last_papers == finished.args[0].papers == 52
    assert last_text == "Indexing: 52 paper(s) read"
    assert status.progress_bar.value() == status.progress_bar.maximum()  # done: the papers are listed
    assert window.paper_proxy.rowCount() > 0


def test_a_status_that_follows_no_updater_counts_files(qtbot) -> None:
    status = UpdateStatus()
    qtbot.addWidget(status)
    status.progress(3, 5)
    assert status.label.text() == "Indexing 3/5"
    assert status.progress_bar.value() < status.progress_bar.maximum()
    status.idle()
    assert status.progress_bar.value() == status.progress_bar.maximum() and not status.progress_bar.isVisible()
