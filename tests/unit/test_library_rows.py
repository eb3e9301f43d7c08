"""List rows for big libraries: rows() matches papers(), paper() loads one entry, day counts,
shadowed entries stay hidden as files come and go, and an old catalogue is rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_library import bump_mtime, write_digest

from reader.library import Library, PaperRow


def test_rows_list_the_same_entries_in_the_same_order_as_papers(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        papers, rows = library.papers(), library.rows()
        assert len(rows) == len(papers) == 52
        assert [(r.date, r.arxiv_id, r.title, r.votes, r.source, r.line) for r in rows] == [
            (p.date, p.arxiv_id, p.title, p.votes, p.source, p.line) for p in papers
        ]
        assert all(isinstance(row, PaperRow) and row.key == paper.key for row, paper in zip(rows, papers, strict=True))


def test_a_row_keeps_the_first_two_authors_and_the_count(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        for row, paper in zip(library.rows(), library.papers(), strict=True):
            assert row.first_authors == ", ".join(paper.authors[:2])
            assert row.author_count == len(paper.authors)
            assert bool(row.authors_truncated) == paper.authors_truncated


def test_paper_loads_the_full_entry_of_a_row(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        row = library.rows(date="2024-11-20")[0]
        paper = library.paper(row.arxiv_id, row.date)
        assert paper is not None and paper.key == row.key and paper.sections
        assert paper == library.papers(date="2024-11-20")[0]
        assert library.paper(row.arxiv_id + "v3", row.date) == paper  # versions name the same paper
        assert library.paper(row.arxiv_id, "1999-01-01") is None


def test_rows_filter_starred_and_unread_like_papers(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        first, second = library.rows()[:2]
        library.set_starred([first.arxiv_id])
        library.set_read([second.arxiv_id])
        assert [row.key for row in library.rows(starred=True)] == [p.key for p in library.papers(starred=True)]
        assert [row.key for row in library.rows(unread=True)] == [p.key for p in library.papers(unread=True)]
        assert second.key not in {row.key for row in library.rows(unread=True)}


def test_day_counts_follow_stars_and_reads(data_dir: Path, tmp_path: Path) -> None:
    with Library(data_dir) as library:
        write_digest(tmp_path / "a.md", "2025-01-02", "2501.00001", "One")
        write_digest(tmp_path / "b.md", "2025-01-03", "2501.00001", "One again")  # same paper, next day
        library.add_sources([tmp_path / "a.md", tmp_path / "b.md"])
        library.update()
        library.set_read(["2501.00001"])
        library.set_starred(["2501.00001"])
        days = {day.date: day for day in library.days()}
        assert (days["2025-01-02"].total, days["2025-01-02"].unread, days["2025-01-02"].starred) == (1, 0, 1)
        assert (days["2025-01-03"].total, days["2025-01-03"].unread, days["2025-01-03"].starred) == (1, 0, 1)
        library.set_read(["2501.00001"], False)
        assert library.days()[0].unread == 1


def test_a_shadowed_entry_reappears_when_the_file_that_hid_it_goes(data_dir: Path, tmp_path: Path) -> None:
    with Library(data_dir) as library:
        first = write_digest(tmp_path / "a" / "day.md", "2025-01-02", "2501.00001", "Quokka a")
        second = write_digest(tmp_path / "b" / "day.md", "2025-01-02", "2501.00001", "Quokka b")
        library.add_sources([first, second])
        library.update()
        assert [row.title for row in library.rows(date="2025-01-02")] == ["Quokka a"]
        assert library.search("Quokka", limit=None).total == 1
        first.unlink()
        library.update()
        assert [row.title for row in library.rows(date="2025-01-02")] == ["Quokka b"]
        write_digest(first, "2025-01-02", "2501.00001", "Quokka a, back")
        bump_mtime(first)
        library.update()
        assert [row.title for row in library.rows(date="2025-01-02")] == ["Quokka a, back"]
        assert [day.total for day in library.days() if day.date == "2025-01-02"] == [1]


def test_a_catalogue_from_an_older_version_is_rebuilt(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
    with sqlite3.connect(data_dir / "catalogue.sqlite") as db:
        db.execute("PRAGMA user_version=1")
    with Library(data_dir) as library:
        assert library.rows() == []  # the old tables were dropped ...
        report = library.update()
        assert report.changed == report.files  # ... and every file is read again
        assert len(library.rows()) == 52
