"""A trend's counts per day are kept in the data directory for the index as it is, and only for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_trends import RL, digests, make_library, search_counts, write_day  # noqa: F401 - digests: a fixture

from reader.index.search_index import SearchIndex
from reader.library import Library
from reader.library.insights import TREND_COUNTS_FILE


def papers_by_month(library: Library, term: str) -> dict[str, int]:
    return {point.period: point.papers for point in library.trends([term]) if point.papers}


def test_a_later_library_counts_from_the_kept_file(tmp_path: Path, digests: Path,  # noqa: F811
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with make_library(tmp_path / "data", digests) as library:
        counted = papers_by_month(library, "RL")
    assert (tmp_path / "data" / TREND_COUNTS_FILE).is_file()

    def no_index_count(*_args: object) -> list[dict[int, int]]:
        raise AssertionError("the index was asked again")

    monkeypatch.setattr(SearchIndex, "matching_days", no_index_count)
    with Library(tmp_path / "data") as library:
        assert papers_by_month(library, "RL") == counted
        with pytest.raises(AssertionError):  # another term is not kept
            library.trends(["diffusion"])


def test_a_commit_in_another_library_makes_them_count_again(tmp_path: Path, digests: Path) -> None:  # noqa: F811
    data = tmp_path / "data"
    with make_library(data, digests) as library:
        papers_by_month(library, "RL")
    with Library(data) as other:  # a new day: a new segment
        write_day(digests, "2025-03-20", [("2503.99999", "One more", 1, RL)])
        other.update()
    with Library(data) as library:
        after = papers_by_month(library, "RL")
        assert after == search_counts(library, "RL", "month")
        assert after["2025-03"] >= 1
        papers_by_month(library, "RL")
    with Library(data) as other:  # a day of the first segment removed: deletions only, no new segment
        segments = other._index.segment_ids()
        (digests / "2025" / "03" / "10.md").unlink()
        other.update()
        assert other._index.segment_ids() == segments
    with Library(data) as library:
        assert papers_by_month(library, "RL") == search_counts(library, "RL", "month") != after


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_a_damaged_file_is_only_a_cache(tmp_path: Path, digests: Path, content: bytes,  # noqa: F811
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    with make_library(data, digests) as library:
        (data / TREND_COUNTS_FILE).write_bytes(content)
        assert papers_by_month(library, "RL") == search_counts(library, "RL", "month")
    with Library(data) as library:
        counted = papers_by_month(library, "RL")  # the damaged file was removed: kept again now
        assert counted == search_counts(library, "RL", "month")

    def no_index_count(*_args: object) -> list[dict[int, int]]:
        raise AssertionError("the index was asked again")

    monkeypatch.setattr(SearchIndex, "matching_days", no_index_count)
    with Library(data) as library:
        assert papers_by_month(library, "RL") == counted
