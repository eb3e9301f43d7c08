"""Counts that agree everywhere: search totals equal the hits a full search lists, and the sidebar's
starred/unread counts count papers, whichever side the count queries start from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_library import write_digest

from reader.library import Library, SmartCounts, search_totals
from reader.stores import catalogue_counts

QUERIES = ["모델", "LLM", "SEAGULL", "데이터셋 OR GPT-4o", "언어 -비디오", 'title:"language model"', "author:kim"]


@pytest.fixture
def library_with_duplicates(data_dir: Path, tmp_path: Path, seeds_dir: Path) -> Library:
    """Like a real library: many visible entries, a few shadowed ones. The seeds, a user's copy of all
    their days (the seeds step aside), a second copy of two of them (shadowed by the first, whose path
    comes first), and 150 papers of the user's own that match the queries too."""
    for copy, days in (("copy-a", None), ("copy-b", {"2024-11-20", "2024-08-22"})):
        for seed in seeds_dir.glob("*.md"):
            if days is None or seed.stem in days:
                year, month, day = seed.stem.split("-")
                target = tmp_path / copy / year / month / f"{day}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(seed, target)
    for n in range(150):
        write_digest(tmp_path / "own" / f"{n:03d}.md", f"2025-{n // 28 + 1:02d}-{n % 28 + 1:02d}", f"2501.{n:05d}",
                     f"A language model of my own {n}", text=f"LLM 언어모델 데이터셋 GPT-4o 비교 {n}", votes=n)
    with Library(data_dir) as library:
        library.add_sources([tmp_path / "copy-a", tmp_path / "copy-b", tmp_path / "own"])
        library.update()
        yield library


@pytest.mark.parametrize("query", QUERIES)
def test_search_total_is_what_a_full_search_lists_for_any_limit(library_with_duplicates: Library, query: str) -> None:
    everything = library_with_duplicates.search(query, limit=None)
    keys = [hit.paper.key for hit in everything.hits]
    assert len(keys) == len(set(keys))  # each (date, paper) entry once
    assert everything.total == len(everything.hits)
    for limit in (1, 2, 5, 20):
        result = library_with_duplicates.search(query, limit=limit)
        assert result.total == len(everything.hits), (query, limit)
        assert [hit.paper.key for hit in result.hits] == keys[:limit]


def test_search_total_is_exact_with_many_shadowed_entries(library_with_duplicates: Library,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_totals, "SHADOWED_CHECKED_MAX", 3)  # as if there were thousands
    for query in QUERIES:
        everything = library_with_duplicates.search(query, limit=None)
        assert library_with_duplicates.search(query, limit=2).total == len(everything.hits), query


def test_starred_and_read_count_papers_not_entries(data_dir: Path, tmp_path: Path) -> None:
    write_digest(tmp_path / "a.md", "2025-01-02", "2501.00001", "Listed twice")
    write_digest(tmp_path / "b.md", "2025-01-03", "2501.00001", "Listed twice")
    write_digest(tmp_path / "c.md", "2025-01-03", "2501.00002", "Listed once")
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md"])
        library.update()
        assert library.smart_counts() == SmartCounts(papers=2, unread=2, starred=0)
        library.set_starred(["2501.00001", "2599.99999"])  # the second is listed nowhere: not counted
        library.set_read(["2501.00001v2"])
        assert library.smart_counts() == SmartCounts(papers=2, unread=1, starred=1)
        assert len(library.rows(starred=True)) == 2  # the list still shows both entries
        assert sum(day.starred for day in library.days()) == 2  # and each day counts its own entry


def test_smart_counts_of_the_seeds(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        ids = {row.arxiv_id for row in library.rows()}
        assert library.smart_counts() == SmartCounts(papers=len(ids), unread=len(ids), starred=0)
        some = sorted(ids)[:5]
        library.set_read(some[:3])
        library.set_starred(some[2:])
        assert library.smart_counts() == SmartCounts(papers=len(ids), unread=len(ids) - 3, starred=3)


@pytest.mark.parametrize("flags_per_entry", [0, 10**9], ids=["entries-drive", "flags-drive"])
def test_counts_are_the_same_whichever_side_drives_the_join(data_dir: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            flags_per_entry: int) -> None:
    """Many imported flags switch the count queries to start from the entries: same numbers."""
    write_digest(tmp_path / "a.md", "2025-01-02", "2501.00001", "Listed twice")
    write_digest(tmp_path / "b.md", "2025-01-03", "2501.00001", "Listed twice")
    with Library(data_dir) as library:
        library.add_sources([tmp_path / "a.md", tmp_path / "b.md"])
        library.update()
        ids = sorted({row.arxiv_id for row in library.rows()})
        library.set_read(ids[::2])
        library.set_starred(ids[::3] + [f"2599.{n:05d}" for n in range(300)])  # flags for unlisted papers too
        expected_days = [(day.date, day.total, day.unread, day.starred) for day in library.days()]
        expected_counts = library.smart_counts()
        monkeypatch.setattr(catalogue_counts, "FLAGS_PER_ENTRY", flags_per_entry)
        assert [(day.date, day.total, day.unread, day.starred) for day in library.days()] == expected_days
        assert library.smart_counts() == expected_counts
        by_hand = {day: sum(1 for row in library.rows(date=day) if row.arxiv_id in set(ids[::3]))
                   for day, *_ in expected_days}
        assert {day: starred for day, _total, _unread, starred in expected_days} == by_hand


def test_flags_of_gives_the_state_of_the_papers_asked_for(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.set_starred(["2411.12275v2"])
        flags = library.flags_of(["2411.12275", "2411.00001"])
        assert flags["2411.12275"].starred and not flags["2411.12275"].read
        assert not flags["2411.00001"].starred


def test_kept_totals_follow_a_new_day_written_by_another_library(data_dir: Path, tmp_path: Path) -> None:
    """The window's counts keep the entries per day between changes; an update in another process changes them."""
    write_digest(tmp_path / "days" / "a.md", "2025-01-02", "2501.00001", "First day")
    with Library(data_dir) as window:
        window.set_seeds_hidden(True)
        window.add_sources([tmp_path / "days"])
        window.update()
        window.set_starred(["2501.00001"], True)
        assert [(day.date, day.total, day.starred) for day in window.days()] == [("2025-01-02", 1, 1)]
        assert window.smart_counts() == SmartCounts(1, 1, 1)
        write_digest(tmp_path / "days" / "b.md", "2025-01-03", "2501.00002", "Second day")
        with Library(data_dir) as updater:  # the window's update child
            updater.update()
        assert [(day.date, day.total) for day in window.days()] == [("2025-01-03", 1), ("2025-01-02", 1)]
        assert window.smart_counts() == SmartCounts(2, 2, 1)
