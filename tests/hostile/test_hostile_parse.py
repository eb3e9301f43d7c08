"""The parser reads every hostile digest of the corpus: the paper is there, its text kept as written, nothing
raised. (The window's side is tests/ui/test_hostile_pane.py; the renderer's tests/unit/test_render.py.)"""

from __future__ import annotations

from pathlib import Path

import hostile_digests
import pytest

from reader.core import parse
from reader.core.parse import read_digest
from reader.library import Library

SIZES = {  # enough to pass every bound of the renderer, small enough for CI
    "deep_bullets": lambda: hostile_digests.deep_bullets(1500),
    "many_dashes": lambda: hostile_digests.many_dashes(600),
    "huge_line": lambda: hostile_digests.huge_line(2_000_000),
    "many_headings": lambda: hostile_digests.many_headings(200_000),
    "many_brackets": lambda: hostile_digests.many_brackets(10_000),
}


@pytest.mark.parametrize("case", sorted(hostile_digests.CASES))
def test_the_parser_reads_every_hostile_digest(tmp_path: Path, case: str) -> None:
    summary = SIZES.get(case, hostile_digests.CASES[case])()
    path, ids = hostile_digests.write_digest(tmp_path, {case: summary})
    digest = read_digest(path)
    papers = {paper.arxiv_id: paper for paper in digest.papers}
    assert set(papers) == {hostile_digests.arxiv_id(0), ids[case]}  # the ordinary paper and the hostile one
    paper = papers[ids[case]]
    assert paper.sections and paper.authors == ("Kim Minji", "Lee Jun") and paper.votes == 1
    assert all(problem.code for problem in digest.problems)


def test_a_line_of_dashes_is_kept_as_written(tmp_path: Path) -> None:
    path, ids = hostile_digests.write_digest(tmp_path, {"dashes": hostile_digests.many_dashes(600)})
    [paper] = [paper for paper in read_digest(path).papers if paper.arxiv_id == ids["dashes"]]
    assert paper.sections[0].text == hostile_digests.many_dashes(600)[2:]  # the bullet's own "- " opens the section


def test_deep_bullets_keep_their_nesting(tmp_path: Path) -> None:
    path, ids = hostile_digests.write_digest(tmp_path, {"deep": hostile_digests.deep_bullets(400)})  # 165 KB
    [paper] = [paper for paper in read_digest(path).papers if paper.arxiv_id == ids["deep"]]
    lines = paper.summary_text.splitlines()
    assert len(lines) == 400 and lines[-1] == "  " * 399 + "- level 399"


def test_a_file_lists_at_most_its_first_problems_and_says_how_many_more(tmp_path: Path) -> None:
    path = tmp_path / "dup.md"
    path.write_text(hostile_digests.duplicate_headings(5_000), encoding="utf-8")
    digest = read_digest(path)
    assert len(digest.papers) == 1
    *listed, more = digest.problems
    assert len(listed) == parse.MAX_PROBLEMS_PER_FILE and {p.code for p in listed} == {"duplicate-paper"}
    assert (more.code, more.args) == ("more-problems", (str(5_000 - parse.MAX_PROBLEMS_PER_FILE),))
    assert more.line == listed[-1].line + 1  # the first heading not listed
    assert more.reason == f"{more.args[0]} more problems in this file from here on are not listed"


def test_a_file_adds_at_most_its_first_papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "MAX_PAPERS_PER_FILE", 30)
    path, ids = hostile_digests.write_digest(tmp_path, {f"case{n}": "- 요약" for n in range(39)}, normal_papers=1)
    digest = read_digest(path)
    assert [paper.arxiv_id for paper in digest.papers] == [hostile_digests.arxiv_id(n) for n in range(30)]
    [problem] = digest.problems
    assert (problem.code, problem.args) == ("too-many-papers", ("30",))
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].endswith(f"{hostile_digests.arxiv_id(30)})")


def test_a_huge_summary_is_cut_with_a_problem_at_its_line(tmp_path: Path) -> None:
    path, ids = hostile_digests.write_digest(tmp_path, {"huge": hostile_digests.huge_line(250_000)})
    digest = read_digest(path)
    [paper] = [paper for paper in digest.papers if paper.arxiv_id == ids["huge"]]
    assert len(paper.summary_text) <= parse.MAX_SUMMARY_CHARS
    assert paper.summary_text == hostile_digests.huge_line(250_000)[2 : parse.MAX_SUMMARY_CHARS + 2].strip()
    [problem] = digest.problems
    assert (problem.code, problem.args) == ("summary-too-long", (str(parse.MAX_SUMMARY_CHARS),))
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("- 초거대")


def test_a_summary_of_a_million_headings_is_cut_and_the_next_paper_is_read(tmp_path: Path) -> None:
    path, ids = hostile_digests.write_digest(
        tmp_path, {"headings": hostile_digests.many_headings(40_000), "after": "- 다음 논문"})
    papers = {paper.arxiv_id: paper for paper in read_digest(path).papers}
    assert len(papers[ids["headings"]].summary_text) <= parse.MAX_SUMMARY_CHARS
    assert papers[ids["after"]].summary_text == "다음 논문"


def test_empty_files_are_recorded_once_with_their_code(tmp_path: Path) -> None:
    """Each command's cost must not grow with junk: empty files are read once, then known unchanged."""
    hostile_digests.empty_files(tmp_path / "digests", 300)
    hostile_digests.write_digest(tmp_path / "digests", ["html_script"])
    library = Library(tmp_path / "data")
    try:
        library.add_sources([tmp_path / "digests"])
        first = library.update()
        again = library.update()
    finally:
        library.close()
    assert first.changed == first.files >= 301 and (again.changed, again.unchanged) == (0, first.files)  # + seeds
    empty = [problem for problem in again.problems if "empty-" in problem.path]
    assert len(empty) == 300 and {(problem.code, problem.line) for problem in empty} == {("empty", 0)}


def test_a_huge_title_and_author_list_are_cut_with_problems(tmp_path: Path) -> None:
    title = "긴 제목 " * 1_000
    path = tmp_path / "long.md"
    authors = "Authors: " + ", ".join(f"Author {n}" for n in range(5_000))
    paper_text = hostile_digests.paper_markdown(5, title, "- 요약").replace("Authors: Kim Minji, Lee Jun", authors)
    path.write_text(hostile_digests.digest_text({})[0] + paper_text, encoding="utf-8")
    digest = read_digest(path)
    paper = digest.papers[-1]
    assert paper.title == title.strip()[: parse.MAX_TITLE_CHARS] and len(paper.authors) == parse.MAX_AUTHORS
    assert paper.authors_truncated and paper.authors[-1] == f"Author {parse.MAX_AUTHORS - 1}"
    assert [(problem.code, problem.args) for problem in digest.problems] == [
        ("title-too-long", (str(parse.MAX_TITLE_CHARS),)), ("too-many-authors", (str(parse.MAX_AUTHORS),))]
