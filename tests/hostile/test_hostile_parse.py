"""The parser reads every hostile digest of the corpus: the paper is there, its text kept as written, nothing
raised. (The window's side is tests/ui/test_hostile_pane.py; the renderer's tests/unit/test_render.py.)"""

from __future__ import annotations

from pathlib import Path

import hostile_digests
import pytest

from reader.core.parse import read_digest

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
    path, ids = hostile_digests.write_digest(tmp_path, {"deep": hostile_digests.deep_bullets(1500)})
    [paper] = [paper for paper in read_digest(path).papers if paper.arxiv_id == ids["deep"]]
    lines = paper.summary_text.splitlines()
    assert len(lines) == 1500 and lines[-1] == "  " * 1499 + "- level 1499"
