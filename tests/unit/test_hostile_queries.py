"""Hostile queries below the 1,000-character cap (issue 12, finding 7): bounded words, bounded expansions,
bounded highlights, a search that stops when asked, and every refusal with a code for the window."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from cli_runner import run

from reader.core.errors import InvalidQueryError
from reader.core.models import Paper, Section
from reader.index import cost
from reader.index.query import MAX_HIGHLIGHTS, MAX_QUERY_WORDS, QUERY_ERRORS, parse_query
from reader.index.search_index import SearchIndex
from reader.library import Library, SearchCancelledError

LETTERS = "bcdefghijklmnopqrst"  # "a" is a stop word
EVERY_LETTER = " OR ".join("abcdefghijklmnopqrst")  # the 81-character query that took 11.4 s


def made_up_words(letter: str, count: int) -> list[str]:
    """``count`` different Latin words starting with ``letter`` (bxaa, bxab, ...)."""
    alphabet = string.ascii_lowercase
    return [f"{letter}x{alphabet[i // 26 % 26]}{alphabet[i % 26]}{alphabet[i // 676]}" for i in range(count)]


def paper(arxiv_id: str, body: str) -> Paper:
    return Paper(arxiv_id=arxiv_id, date="2024-08-01", title=f"Paper {arxiv_id}",
                 url=f"https://arxiv.org/abs/{arxiv_id}", votes=1, authors=("Kim Minji",),
                 sections=(Section("What's New", body),), source="/lib/a.md")


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """An index whose vocabulary has 300 words for each of 19 letters: more than the bound in all."""
    index = SearchIndex(tmp_path_factory.mktemp("wide") / "index")
    index.update([], [paper(f"2408.{n:05d}", " ".join(made_up_words(letter, 300)))
                      for n, letter in enumerate(LETTERS)])
    yield index
    index.close()


def test_many_ored_words_are_refused_with_a_code() -> None:
    with pytest.raises(InvalidQueryError) as refused:
        parse_query(" OR ".join(["x"] * 200))  # 200 OR'd letters took 67 s
    assert refused.value.code == "query-too-many-words"
    assert refused.value.arguments == ("200", str(MAX_QUERY_WORDS))
    assert str(refused.value) == "The query has too many words and phrases (200; at most 32)."
    parse_query(" OR ".join(["x"] * MAX_QUERY_WORDS))  # up to the bound: fine


def test_a_query_standing_for_too_many_words_is_refused_naming_its_broadest_word(wide_index: SearchIndex) -> None:
    with pytest.raises(InvalidQueryError) as refused:
        wide_index.search(parse_query(EVERY_LETTER), 20)
    total, bound, word = refused.value.arguments
    assert refused.value.code == "query-too-broad" and int(total) > int(bound) == cost.MAX_EXPANSIONS
    assert word in LETTERS and f"type more of '{word}'" in str(refused.value)


def test_a_broad_prefix_under_the_bound_still_finds_every_paper(wide_index: SearchIndex) -> None:
    hits, total = wide_index.search(parse_query("s OR t"), None)
    assert total == 2 == len(hits)  # 600 expansions: answered, exactly
    hits, total = wide_index.search(parse_query("bxaba"), None)
    assert [hit.arxiv_id for hit in hits] == ["2408.00000"]


def test_the_cli_refuses_every_letter_ored_at_once(tmp_path: Path) -> None:
    day = tmp_path / "digests" / "2024" / "08" / "01.md"
    day.parent.mkdir(parents=True)
    papers = "".join(f"### [Paper {n}](https://arxiv.org/abs/2408.{n:05d})\n\nAuthors: Kim Minji\n\n- "
                     + " ".join(made_up_words(letter, 300)) + "\n\n" for n, letter in enumerate(LETTERS))
    day.write_text("## Daily Papers (2024-08-01)\n\n" + papers, encoding="utf-8")
    assert run(tmp_path / "data", "index", str(tmp_path / "digests")).returncode == 0
    result = run(tmp_path / "data", "search", EVERY_LETTER)
    assert result.returncode == 2
    assert "stands for too many different words" in result.stderr and "Traceback" not in result.stderr


def test_highlights_of_a_huge_text_are_the_first_ones() -> None:
    query = parse_query("모델")
    spans = query.highlight("body", "모델 " * 50_000)
    assert len(spans) == MAX_HIGHLIGHTS
    assert spans[:2] == [(0, 2), (3, 5)] and spans[-1] == (3 * (MAX_HIGHLIGHTS - 1), 3 * (MAX_HIGHLIGHTS - 1) + 2)


def test_every_query_error_has_a_code_with_its_template() -> None:
    cases = {"x" * 1001: "query-too-long", "-모델": "query-only-excluded", "the ...": "query-empty"}
    for text, code in cases.items():
        with pytest.raises(InvalidQueryError) as refused:
            parse_query(text)
        assert refused.value.code == code
        assert str(refused.value) == QUERY_ERRORS[code].format(*refused.value.arguments)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    day = tmp_path / "digests" / "2024" / "08" / "01.md"
    day.parent.mkdir(parents=True)
    day.write_text("## Daily Papers (2024-08-01)\n\n### [Language models](https://arxiv.org/abs/2408.00001)\n\n"
                   "Authors: Kim Minji\n\n- 언어 모델의 추론 성능을 높인다 (zebrafinch).\n", encoding="utf-8")
    library = Library(tmp_path / "data")
    library.add_sources([day.parent.parent.parent])
    library.update()
    yield library
    library.close()


def test_a_search_stops_once_it_is_told_to(library: Library) -> None:
    asked: list[int] = []

    def stop_after_first_check() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(SearchCancelledError):
        library.search_unless_stopped("모델 OR language", stop_after_first_check)
    assert len(asked) == 2  # it stopped at the check that said so


def test_a_search_not_told_to_stop_is_the_plain_search(library: Library) -> None:
    plain = library.search("zebrafinch")
    stoppable = library.search_unless_stopped("zebrafinch", lambda: False)
    assert [hit.paper.arxiv_id for hit in stoppable.hits] == [hit.paper.arxiv_id for hit in plain.hits] == [
        "2408.00001"]
    assert stoppable.total == plain.total == 1
    assert library.search("zebrafinch").total == 1  # the callback is gone after the call


def test_problems_keep_their_code_after_a_restart(tmp_path: Path) -> None:
    day = tmp_path / "digests" / "2024" / "08" / "02.md"
    day.parent.mkdir(parents=True)
    paper_text = "### [Title](https://arxiv.org/abs/2408.00002)\n\nVote: lots\n\n- 요약.\n\n"
    day.write_text("## Daily Papers (2024-08-02)\n\n" + paper_text * 2, encoding="utf-8")
    first = Library(tmp_path / "data")
    first.add_sources([tmp_path / "digests"])
    first.update()
    first.close()
    again = Library(tmp_path / "data")  # the problems now come from the catalogue
    try:
        problems = {problem.code: problem.args for problem in again.problems() if problem.path == str(day)}
    finally:
        again.close()
    assert problems == {"bad-vote": ("'lots'", "2147483647"), "duplicate-paper": ("3",)}
