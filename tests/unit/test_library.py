"""The facade: incremental scanning, sources, shadowed duplicates, shared state across days."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.errors import InvalidQueryError, LibraryError
from reader.library import Library

DIGEST = """## Daily Papers ({date})

### [{title}](https://arxiv.org/abs/{arxiv_id})

Vote: {votes}

Authors: Kim Minsu, Lee Jiwon

- ***What's New***: {text}
"""


def write_digest(path: Path, date: str, arxiv_id: str, title: str, text: str = "새로운 언어모델을 제안합니다.",
                 votes: int = 5) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DIGEST.format(date=date, arxiv_id=arxiv_id, title=title, text=text, votes=votes), "utf-8")
    return path


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def library(data_dir: Path) -> Library:
    with Library(data_dir) as opened:
        yield opened


def test_first_update_loads_the_seeds(library: Library) -> None:
    report = library.update()
    assert (report.files, report.changed, report.papers, report.skipped) == (5, 5, 52, 0)
    assert [day.date for day in library.days()] == ["2024-11-20", "2024-08-22", "2024-08-01", "2024-07-04",
                                                   "2024-04-02"]
    assert all(day.unread == day.total for day in library.days())


def test_update_is_incremental(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    first = write_digest(folder / "2025" / "01" / "02.md", "2025-01-02", "2501.00001", "First")
    second = write_digest(folder / "2025" / "01" / "03.md", "2025-01-03", "2501.00002", "Second")
    library.add_sources([folder])
    assert library.update().changed == 7

    report = library.update()
    assert (report.changed, report.unchanged, report.removed) == (0, 7, 0)

    write_digest(first, "2025-01-02", "2501.00001", "First, revised")
    bump_mtime(first)
    second.unlink()
    report = library.update()
    assert (report.changed, report.unchanged, report.removed) == (1, 5, 1)
    assert [paper.title for paper in library.papers(date="2025-01-02")] == ["First, revised"]
    assert library.papers(date="2025-01-03") == []
    assert library.search("Second").total == 0
    assert library.search("revised").total == 1


def test_same_paper_on_two_days_shares_state(library: Library, tmp_path: Path) -> None:
    write_digest(tmp_path / "a.md", "2025-02-01", "2502.00007", "Twice listed")
    write_digest(tmp_path / "b.md", "2025-02-02", "2502.00007v2", "Twice listed")
    library.add_sources([tmp_path / "a.md", tmp_path / "b.md"])
    library.update()
    assert [paper.date for paper in library.papers_for("2502.00007")] == ["2025-02-02", "2025-02-01"]
    library.set_starred(["2502.00007"])
    assert len(library.papers(starred=True)) == 2
    days = {day.date: day for day in library.days()}
    assert days["2025-02-01"].starred == days["2025-02-02"].starred == 1


def test_user_copy_of_a_seed_day_shows_each_paper_once(library: Library, tmp_path: Path, seeds_dir: Path) -> None:
    copy = tmp_path / "archive" / "2024" / "11" / "20.md"
    copy.parent.mkdir(parents=True)
    shutil.copy(seeds_dir / "2024-11-20.md", copy)
    library.add_sources([tmp_path / "archive"])
    library.update()
    papers = library.papers(date="2024-11-20")
    assert len(papers) == 8
    assert all(paper.source == str(copy.resolve()) for paper in papers)  # the user's own file wins
    result = library.search("SEAGULL")
    assert result.total == 1 and len(result.hits) == 1


def test_removing_a_source_drops_its_papers_but_keeps_stars(library: Library, tmp_path: Path) -> None:
    digest = write_digest(tmp_path / "d.md", "2025-03-01", "2503.00009", "Starred then removed")
    library.add_sources([digest])
    library.update()
    library.set_starred(["2503.00009"])
    library.remove_source(digest)
    library.update()
    assert library.papers_for("2503.00009") == []
    assert library.flags("2503.00009").starred
    with pytest.raises(LibraryError):
        library.remove_source(digest)


def test_missing_source_is_a_problem_not_a_crash(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    write_digest(folder / "x.md", "2025-04-01", "2504.00001", "Soon gone")
    library.add_sources([folder])
    library.update()
    shutil.rmtree(folder)
    report = library.update()
    assert report.papers == 52
    assert any("source not found" in problem.reason for problem in report.problems)


def test_add_nonexistent_source_is_refused(library: Library, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such file"):
        library.add_sources([tmp_path / "nope"])


def test_problems_survive_reopening(data_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("## Daily Papers (2025-05-01)\n\n### [No link]\n", "utf-8")
    with Library(data_dir) as library:
        library.add_sources([broken])
        library.update()
    with Library(data_dir) as library:
        problems = [str(problem) for problem in library.problems()]
    assert any(problem.startswith(f"{broken}:3:") for problem in problems)


def test_search_hits_carry_highlight_spans(library: Library) -> None:
    library.update()
    result = library.search("모델")
    assert result.total > 10
    hit = result.hits[0]
    section_spans = [span for span in hit.spans if span.field == "section"]
    assert section_spans
    span = section_spans[0]
    assert hit.paper.sections[span.index].text[span.start:span.end] == "모델"


def test_invalid_query_is_a_domain_error(library: Library) -> None:
    library.update()
    with pytest.raises(InvalidQueryError):
        library.search("x" * 10_000)
    assert library.highlight("x" * 10_000, "text") == []


def test_corrupt_library_list_is_reported(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "library.json").write_text("{not json", "utf-8")
    with Library(data_dir) as library, pytest.raises(LibraryError, match="library list"):
        library.sources()


def test_a_same_size_rewrite_that_keeps_the_modification_time_is_read_again(library: Library, tmp_path: Path) -> None:
    """A sync tool or `touch -r` can rewrite a digest and set its time back; the size may not change either."""
    digest = write_digest(tmp_path / "d.md", "2025-06-01", "2506.00001", "Original title")
    library.add_sources([digest])
    library.update()
    before = digest.stat()
    write_digest(digest, "2025-06-01", "2506.00001", "Revised  title")  # same length, same inode
    os.utime(digest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (digest.stat().st_size, digest.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert library.update().changed == 1
    assert [paper.title for paper in library.papers(date="2025-06-01")] == ["Revised  title"]

    replacement = write_digest(tmp_path / "new.md", "2025-06-01", "2506.00001", "Replaced title")  # another inode
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, digest)
    assert library.update().changed == 1
    assert [paper.title for paper in library.papers(date="2025-06-01")] == ["Replaced title"]
    assert library.update().changed == 0  # and an unchanged file stays unread
