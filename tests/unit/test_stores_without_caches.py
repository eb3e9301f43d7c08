"""Stars, read marks and `state export` never need the caches: they work when neither the catalogue
nor the search index can be opened, and the commands that need a cache say why they cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_stores_catalogue import SEAGULL

from reader.core.errors import LibraryError
from reader.library import Library


def block_the_caches(data_dir: Path) -> None:
    """A folder where the catalogue file should be, a file where the index folder should be: neither
    can be opened, nor replaced (the reader never deletes what it did not make)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "catalogue.sqlite").mkdir()
    (data_dir / "catalogue.sqlite" / "something of the user's").write_text("keep me", "utf-8")
    (data_dir / "index").write_text("not an index", "utf-8")


def test_marks_and_state_export_work_when_no_cache_can_be_opened(data_dir: Path) -> None:
    block_the_caches(data_dir)
    with Library(data_dir) as library:
        library.set_starred([SEAGULL, "2411.12372"])
        library.set_read(["2411.12372"])
        library.set_starred(["2411.12372"], False)
        assert library.flags(SEAGULL).starred
        assert library.flags_of([SEAGULL])[SEAGULL].starred
        assert library.all_flags().keys() == {SEAGULL, "2411.12372"}
        assert library.export_state()["papers"] == {SEAGULL: {"starred": True, "read": False},
                                                    "2411.12372": {"starred": False, "read": True}}
        with pytest.raises(LibraryError, match="catalogue"):
            library.days()
        with pytest.raises(LibraryError, match="catalogue"):
            library.update()
    assert (data_dir / "catalogue.sqlite" / "something of the user's").read_text("utf-8") == "keep me"


def test_marks_work_when_only_the_index_cannot_be_opened(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
    for path in (data_dir / "index").iterdir():
        path.unlink()
    (data_dir / "index").rmdir()
    (data_dir / "index").write_text("not an index", "utf-8")
    with Library(data_dir) as library:
        library.set_starred([SEAGULL])
        assert [paper.arxiv_id for paper in library.papers(starred=True)] == [SEAGULL]  # browsing needs no index
        with pytest.raises(LibraryError, match="index"):
            library.search("SEAGULL")


def test_an_import_works_without_the_catalogue(data_dir: Path) -> None:
    block_the_caches(data_dir)
    with Library(data_dir) as library:
        report = library.import_state({"format": "daily-papers-state", "version": 1,
                                       "papers": {SEAGULL: {"starred": True}}})
        assert report.newly_starred == 1
        assert library.flags(SEAGULL).starred
