"""The query language: what a user may type, what it means, and what gets highlighted."""

from __future__ import annotations

import pytest

from reader.core.errors import InvalidQueryError
from reader.index.query import parse_query


def marked(query: str, text: str, field: str = "body") -> list[str]:
    """The highlighted pieces of ``text``."""
    return [text[start:end] for start, end in parse_query(query).highlight(field, text)]


@pytest.mark.parametrize(
    ("query", "text", "pieces"),
    [
        ("모델", "모델의 성능과 언어모델을 비교한 모델은", ["모델", "모델", "모델"]),
        ("데이터셋", "새 데이터셋을 공개했다", ["데이터셋"]),
        ("LLM", "LLM을 쓰는 LLMs, LLM-based 방법", ["LLM", "LLMs", "LLM"]),
        ("llm", "FocusLLM is not an llm start", ["llm"]),
        ("GPT-4o", "GPT-4o와 GPT-4o-mini, gpt-4 그리고 GPT 4o", ["GPT-4o", "GPT-4o"]),
        ("Llama-3", "Llama-3.1-8B and Meta-Llama-3 beat Llama 2", ["Llama-3", "Llama-3"]),
        ('"language model"', "A language model; language-models; language and model",
         ["language model", "language-models"]),
        ('"언어 모델"', "대형 언어 모델을 쓰고 언어모델도 쓰고 언어, 모델은 아니다", ["언어 모델", "언어모델"]),
    ],
)
def test_highlight_marks_what_a_reader_expects(query: str, text: str, pieces: list[str]) -> None:
    assert marked(query, text) == pieces


def test_highlight_spans_are_sorted_and_merged() -> None:
    spans = parse_query("데이터 데이터셋 셋").highlight("body", "데이터셋과 데이터")
    assert spans == [(0, 4), (6, 9)]


def test_excluded_words_never_highlight() -> None:
    assert marked("LLM -모델", "LLM 모델") == ["LLM"]


def test_field_restricted_words_highlight_only_in_their_field() -> None:
    query = parse_query("title:diffusion 모델")
    assert query.highlight("title", "Diffusion 모델") == [(0, 9), (10, 12)]
    assert query.highlight("body", "Diffusion 모델") == [(10, 12)]


@pytest.mark.parametrize("field_word", ["author:", "authors:", "AUTHOR:"])
def test_author_field_has_several_spellings(field_word: str) -> None:
    query = parse_query(f"{field_word}Kim")
    assert query.matches("authors", "Jihwan Kim, Jiho Jang")
    assert not query.matches("body", "Kim")


def test_field_with_quoted_phrase() -> None:
    query = parse_query('title:"language model" 평가')
    assert query.matches_fields({"title": "Large Language Models", "body": "평가를 했다"})
    assert not query.matches_fields({"title": "Models of language", "body": "평가를 했다"})
    assert not query.matches_fields({"title": "x", "body": "language model 평가"})


def test_several_words_mean_all_of_them() -> None:
    query = parse_query("언어 모델")
    assert query.matches("body", "대형 언어 처리 모델")
    assert not query.matches("body", "대형 모델")


def test_or_means_either() -> None:
    query = parse_query("diffusion OR 확산 모델")
    assert query.matches("body", "확산 모델")
    assert query.matches("body", "diffusion 모델")
    assert not query.matches("body", "diffusion")


def test_minus_and_not_exclude() -> None:
    for text in ("LLM -모델", "LLM NOT 모델", 'LLM -"대형 모델"'):
        query = parse_query(text)
        assert query.matches("body", "LLM 연구")
        assert not query.matches("body", "LLM 대형 모델")


def test_unbalanced_quote_is_a_phrase_to_the_end() -> None:
    query = parse_query('"language model')
    assert query.matches("body", "a language model")
    assert not query.matches("body", "model of language")


def test_stop_words_are_dropped_next_to_real_words() -> None:
    assert parse_query("the LLM").matches("body", "LLM only")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("AND OR (", "nothing to search for"),
        ("*", "nothing to search for"),
        ("title:", "nothing to search for"),
        (")))", "nothing to search for"),
        ("", "nothing to search for"),
        ("   ", "nothing to search for"),
        ("the of and", "nothing to search for"),
        ("및 의", "nothing to search for"),
        ('""', "nothing to search for"),
        ("- -- ---", "nothing to search for"),
        ("-모델", "only excludes"),
        ("x" * 10_000, "too long"),
        ("모델 " * 400, "too long"),
    ],
)
def test_hostile_queries_raise_only_invalid_query_error(query: str, message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        parse_query(query)


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "OR LLM", "LLM OR", "NOT", "(LLM)", "title:(x", 'a"b"c', "\\", "\x00모델", "🙂 LLM",
     "title:title:x", "-title:", "LLM AND AND", '"" 모델', "NOT NOT 모델 LLM"],
)
def test_odd_queries_parse_or_fail_cleanly(query: str) -> None:
    try:
        parsed = parse_query(query)
    except InvalidQueryError:
        return
    parsed.whoosh()
    parsed.highlight("body", "LLM 모델 x title")
