"""The update's progress in the status bar: told in papers, full only when the update is done."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.panes.update_status import UpdateStatus

UPDATE_TIMEOUT_MS = 120_000
DAY = """## Daily Papers (2025-01-{day:02d})

### [Paper of day {day}: 언어모델](https://arxiv.org/abs/2501.{day:05d})

Vote: {day}

Authors: Kim Minsu

- ***What's New***: 새로운 언어모델을 제안합니다.
"""


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


def test_an_idle_merge_says_so_in_the_status_bar(open_window, tmp_path: Path, qtbot,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """An update with nothing to read that merges the index's segments says so while it does (it takes a
    minute after a first build of 100,000 papers)."""
    from reader.index import merge_policy
    from reader.library import Library

    monkeypatch.setattr(merge_policy, "SMALL_MERGE_DOCS", 4)  # here: eight one-paper days that no update folds
    folder, data = tmp_path / "digests", tmp_path / "data"
    folder.mkdir()
    with Library(data) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        for day in range(1, merge_policy.MERGE_FACTOR + 1):
            (folder / f"{day:02d}.md").write_text(DAY.format(day=day), "utf-8")
            library.update()
        assert len(library.search("언어모델").hits) == merge_policy.MERGE_FACTOR
    window = open_window(data)
    shown: list[str] = []
    with qtbot.waitSignal(window.updater.finished, timeout=UPDATE_TIMEOUT_MS):
        window.start_update()  # the update's own process, with the shipped policy: the eight days merged
        # after the status's own slot (connected as the update starts): what it shows
        window.updater.merging.connect(lambda _papers: shown.append(window.update_status.label.text()))
    assert shown == ["Merging the search index: 8 paper(s)"]
    assert not window.update_status.progress_bar.isVisible()
    assert [hit.paper.arxiv_id for hit in window.library.search("언어모델").hits] == [
        f"2501.{day:05d}" for day in range(merge_policy.MERGE_FACTOR, 0, -1)]
