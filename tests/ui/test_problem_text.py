"""Problems and query errors carry a code and arguments from the core; the window says them in its language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core import decode, parse
from reader.core.decode import read_text
from reader.core.errors import InvalidQueryError
from reader.core.models import Problem
from reader.core.parse import parse_digest
from reader.index.query import QUERY_ERRORS
from reader.library import Library
from reader.library.organise_query import ORGANISE_QUERY_ERRORS
from reader.sources import folders
from reader.ui.dialogs.problems_dialog import ProblemsDialog
from reader.ui.platform.problem_text import PROBLEM_TEXTS, QUERY_TEXTS, problem_line, problem_reason, query_message

HEADER = "## Daily Papers (2024-01-01)\n\n"
PAPER = "### [Title](https://arxiv.org/abs/2401.00001)\n\n"


def test_the_windows_templates_are_the_cores() -> None:
    core = {**parse.PROBLEMS, **decode.PROBLEMS, **folders.PROBLEMS}
    assert dict(PROBLEM_TEXTS) == core


PARSED = {
    "not-a-digest": "# just notes\n",
    "unclosed-code-block": HEADER + PAPER + "```\ncode\n",
    "invalid-header-date": "## Daily Papers (2024-13-45)\n",
    "no-arxiv-link": HEADER + "### [Title](https://example.org/x)\n",
    "duplicate-paper": HEADER + PAPER + PAPER,
    "bad-media-link": HEADER + PAPER + "![thumb](javascript:alert(1))\n",
    "bad-vote": HEADER + PAPER + "Vote: lots\n",
}


@pytest.mark.parametrize("code", sorted(PARSED))
def test_every_parse_problem_has_its_code_and_arguments(code: str) -> None:
    [problem] = parse_digest(PARSED[code], "x.md").problems
    assert problem.code == code
    assert problem.reason == parse.PROBLEMS[code].format(*problem.args)


def test_decode_and_folder_problems_have_codes(tmp_path: Path) -> None:
    cases = {"empty": b"  \n", "binary": b"\x00\x01\x02", "not-utf8": b"caf\xe9 " * 50,
             "truncated": HEADER.encode() + "한".encode()[:2]}
    for code, data in cases.items():
        (tmp_path / f"{code}.md").write_bytes(data)
        [problem] = read_text(tmp_path / f"{code}.md").problems
        assert (problem.code, problem.reason) == (code, decode.PROBLEMS[code].format(*problem.args))
    assert read_text(tmp_path).problems[0].code == "is-a-folder"
    assert read_text(tmp_path / "missing.md").problems[0].code == "not-found"
    os.mkfifo(tmp_path / "pipe.md")
    scan = folders.scan_sources([tmp_path, tmp_path / "gone"])
    assert sorted(problem.code for problem in scan.problems) == ["not-a-regular-file", "source-missing"]


def test_codes_do_not_change_equality_or_the_english_text() -> None:
    coded = Problem.coded("x.md", 3, "duplicate-paper", parse.PROBLEMS["duplicate-paper"], "1")
    assert coded == Problem("x.md", 3, "duplicate of line 1; skipped")  # what the catalogue gives back
    assert str(coded) == "x.md:3: duplicate of line 1; skipped"


def test_english_ui_shows_the_english_reason() -> None:
    problem = Problem("x.md", 0, "something new", "a-code-from-a-newer-core", ("1",))
    assert problem_reason(problem) == "something new"
    assert problem_line(Problem("x.md", 4, "duplicate of line 1; skipped")) == "x.md:4: duplicate of line 1; skipped"


def test_query_errors_keep_their_message_and_may_have_a_code() -> None:
    error = InvalidQueryError("The query is too long (more than 1000 characters).", "query-too-long", ("1000",))
    assert str(error) == "The query is too long (more than 1000 characters)."
    assert (error.code, error.arguments) == ("query-too-long", ("1000",))
    assert InvalidQueryError("old call site").code == ""
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.code, again.arguments) == (str(error), error.code, error.arguments)


# --- the Korean UI ------------------------------------------------------------------------------------


def test_problems_dialog_speaks_korean(korean, qtbot) -> None:
    problems = [
        *parse_digest(PARSED["duplicate-paper"], "/digests/a.md").problems,
        Problem("/digests/b.md", 0, "empty file; skipped"),  # from the catalogue: no code, matched by its text
        Problem("/digests/c.md", 2, "vote 'lots' is not a whole number from 0 to 2147483647; ignored"),
        Problem("/digests/d.md", 0, "a reason this window does not know"),
    ]
    dialog = ProblemsDialog(problems)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().splitlines() == [
        "/digests/a.md:5: 3번째 줄과 중복되어 건너뜁니다",
        "/digests/b.md: 빈 파일이라 건너뜁니다",
        "/digests/c.md:2: 추천 수 'lots'은(는) 0부터 2147483647까지의 정수가 아니어서 무시합니다",
        "/digests/d.md: a reason this window does not know",
    ]


def test_an_invalid_query_is_explained_in_korean(korean, seeded_data_dir: Path) -> None:
    library = Library(seeded_data_dir)
    try:
        with pytest.raises(InvalidQueryError) as excluded:
            library.search("-모델")
        with pytest.raises(InvalidQueryError) as too_long:
            library.search("x" * 1001)
    finally:
        library.close()
    assert query_message(excluded.value) == "검색할 단어를 넣으세요. '-단어'는 논문을 제외하기만 합니다."
    assert query_message(too_long.value) == "검색어가 너무 깁니다(1000자 초과)."
    assert query_message(InvalidQueryError("There is nothing to search for in this query.", "query-empty")) == (
        "이 검색어에는 검색할 내용이 없습니다.")
    assert dict(QUERY_TEXTS) == {**QUERY_ERRORS, **ORGANISE_QUERY_ERRORS}  # the core's codes and templates
