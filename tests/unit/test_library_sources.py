"""Library management the window needs: hiding the bundled seeds, paper counts per source."""

from __future__ import annotations

import json
from pathlib import Path

from test_library import write_digest

from reader.library import Library


def test_hidden_seeds_leave_the_library_and_come_back(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        assert len(library.days()) == 5
        library.set_starred(["2411.12275"])  # any id: state is per paper, independent of sources
        library.set_seeds_hidden(True)
        library.update()
        assert library.days() == []
        assert [source.builtin for source in library.sources()] == [True]  # still listed
    with Library(data_dir) as reopened:  # persisted in library.json
        assert reopened.seeds_hidden()
        reopened.set_seeds_hidden(False)
        reopened.update()
        assert len(reopened.days()) == 5
        assert reopened.flags("2411.12275").starred


def test_adding_a_source_keeps_seeds_hidden(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write_digest(folder / "2024" / "11" / "20.md", "2024-11-20", "2411.00001", "Mine")
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        assert library.seeds_hidden()
        library.update()
        assert [day.date for day in library.days()] == ["2024-11-20"]


def test_paper_counts_per_source(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write_digest(folder / "a.md", "2024-11-20", "2411.00001", "One")
    write_digest(folder / "sub" / "b.md", "2024-11-21", "2411.00002", "Two")
    with Library(data_dir) as library:
        library.add_sources([folder])
        library.update()
        counts = library.source_paper_counts()
    seeds = next(source.path for source in library.sources() if source.builtin)
    assert counts == {seeds: 52, str(folder.resolve()): 2}


def test_seeds_hidden_is_only_true_when_it_says_true(data_dir: Path) -> None:
    """A hand-edited library.json with "seeds_hidden": "no" (or 1, or "false") keeps the seeds shown."""
    data_dir.mkdir(parents=True)
    for value in ("no", "false", 1, None):
        (data_dir / "library.json").write_text(json.dumps({"version": 1, "sources": ["builtin:seeds"],
                                                           "seeds_hidden": value}), "utf-8")
        with Library(data_dir) as library:
            assert not library.seeds_hidden(), value
            assert library.update().papers == 52, value
