"""A non-exact saved search's badge follows the glossary: when a new day brings a pair that gives the query
new forms, the saved search is searched again (in the window on a thread, as its first look is)."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.models.view import View
from reader.ui.window.main_window import MainWindow

SAVED = "강화학습"
PAIR = "강화학습(Reinforcement Learning; RL)"
DAY_ONE = [  # one paper writes the pair: not yet in the glossary (two papers must write it)
    ("2501.00001", "Robot Control One", f"이 연구는 {PAIR}으로 로봇을 제어한다."),
    ("2501.00002", "Agents in Games", "이 연구는 Reinforcement Learning 에이전트를 게임에서 평가한다."),
    ("2501.00003", "Image Benchmarks", "이미지 분할 벤치마크를 만든다."),
]
DAY_TWO = [("2501.00004", "Robot Control Two", f"{PAIR} 기반으로 로봇 팔을 학습시킨다.")]


def write_day(folder: Path, day: str, papers: list[tuple[str, str, str]]) -> None:
    lines = [f"## Daily Papers ({day})", ""]
    for number, title, body in papers:
        lines += [f"### [{title}](https://arxiv.org/abs/{number})", "", "Authors: Kim Lee", "", f"- {body}", ""]
    (folder / f"{day}.md").write_text("\n".join(lines), encoding="utf-8")


def library_with_day_one(tmp_path: Path) -> tuple[Library, Path]:
    folder = tmp_path / "digests"
    folder.mkdir()
    write_day(folder, "2025-01-01", DAY_ONE)
    library = Library(tmp_path / "data")
    library.set_seeds_hidden(True)
    library.add_sources([folder])
    library.update()
    library.save_search(SAVED, SAVED)
    library.save_search("exact", SAVED, exact=True)
    return library, folder


def badges(library: Library, followed_only: bool = False) -> dict[str, int | None]:
    return {saved.name: total for saved, total, _unread in library.saved_search_counts(followed_only)}


def test_a_new_pair_searches_the_saved_search_again(tmp_path: Path) -> None:
    library, folder = library_with_day_one(tmp_path)
    with library:
        assert badges(library) == {SAVED: 1, "exact": 1}
        write_day(folder, "2025-01-02", DAY_TWO)  # the second paper to write the pair: 강화학습 = RL now
        library.update()
        expanded = library.search(SAVED, limit=None).total
        assert expanded == 3  # 2501.00001, 2501.00002 (English only) and 2501.00004
        assert badges(library) == {SAVED: expanded, "exact": 2}


def test_the_window_keeps_the_old_badge_until_the_search_on_a_thread_is_adopted(tmp_path: Path) -> None:
    library, folder = library_with_day_one(tmp_path)
    with library:
        library.defer_first_looks = True
        for name, spec in library.pending_saved_searches():  # the first look, as the window's thread does it
            library.adopt_saved_search(name, spec, library.saved_search_keys(spec))
        assert badges(library, followed_only=True) == {SAVED: 1, "exact": 1}
        write_day(folder, "2025-01-02", DAY_TWO)
        with Library(tmp_path / "data") as updater:  # the window's background update has a Library of its own
            updater.update()
        assert badges(library, followed_only=True) == {SAVED: 2, "exact": 2}  # the old forms match the new day
        pending = library.pending_saved_searches()
        assert [name for name, _spec in pending] == [SAVED]  # the exact one does not use the glossary
        with Library(tmp_path / "data") as thread_library:
            found = [(name, spec, thread_library.saved_search_keys(spec)) for name, spec in pending]
        for name, spec, keys in found:
            library.adopt_saved_search(name, spec, keys)
        assert badges(library, followed_only=True) == {SAVED: 3, "exact": 2}
        assert library.pending_saved_searches() == []


def badge(window: MainWindow) -> str:
    index = window.sidebar_model.index_for_view(View("saved", name=SAVED))
    return index.siblingAtColumn(SidebarModel.COUNT).data() if index.isValid() else ""


def test_in_the_window_a_new_day_with_a_new_pair_updates_the_badge(open_window, tmp_path: Path, qtbot) -> None:
    library, folder = library_with_day_one(tmp_path)
    library.close()
    window = open_window(tmp_path / "data")
    qtbot.waitUntil(lambda: badge(window) == "1", timeout=10_000)  # its first look, on a thread
    write_day(folder, "2025-01-02", DAY_TWO)  # the second paper to write 강화학습(Reinforcement Learning; RL)
    with qtbot.waitSignal(window.updater.finished, timeout=120_000):
        window.start_update()
    qtbot.waitUntil(lambda: badge(window) == "3", timeout=10_000)  # the English-only paper counts now too
    assert window.library.search(SAVED, limit=None).total == 3
