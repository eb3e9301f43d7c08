"""The bounds on hostile input speak Korean in the Korean window (issue 12): a query that is too broad or has too
many words, and the parser's limits, read from the catalogue after a restart (their codes are stored)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core.errors import InvalidQueryError
from reader.index.query import query_error
from reader.library import Library
from reader.ui.platform.problem_text import problem_line, query_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_digests  # noqa: E402 - the hostile corpus generator


def test_query_bounds_are_explained_in_korean(korean, seeded_data_dir: Path) -> None:
    library = Library(seeded_data_dir)
    try:
        with pytest.raises(InvalidQueryError) as too_many:
            library.search(" OR ".join(["x"] * 40))
    finally:
        library.close()
    assert query_message(too_many.value) == "검색어의 단어와 구가 너무 많습니다(40개, 최대 32개)."
    assert query_message(query_error("query-too-broad", 6000, 5000, "s")) == (
        "검색어가 라이브러리에서 너무 많은 서로 다른 단어에 해당합니다(6000개, 최대 5000개). 's'를 더 입력하세요.")


def test_parser_limits_are_explained_in_korean_after_a_restart(korean, tmp_path: Path) -> None:
    path = tmp_path / "digests" / "dup.md"
    path.parent.mkdir()
    path.write_text(hostile_digests.duplicate_headings(300), encoding="utf-8")
    first = Library(tmp_path / "data")
    first.add_sources([path.parent])
    first.update()
    first.close()
    again = Library(tmp_path / "data")
    try:
        [last] = [problem for problem in again.problems() if problem.path == str(path)][-1:]
    finally:
        again.close()
    assert problem_line(last) == f"{path}:{last.line}: 이 파일의 여기부터 문제 100개는 더 표시하지 않습니다"
