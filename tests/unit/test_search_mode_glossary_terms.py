"""What the glossary added to a query, as the window shows it: the forms searched, the words found through one."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library


def _digest(path: Path, day: str, papers: list[tuple[str, str]]) -> None:
    lines = [f"## Daily Papers ({day})", ""]
    for arxiv_id, body in papers:
        lines += [f"### [Paper {arxiv_id}](https://arxiv.org/abs/{arxiv_id})", "", "Authors: Kim Lee", "", f"- {body}",
                  ""]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path):
    folder = tmp_path / "digests"
    folder.mkdir()
    _digest(folder / "2025-03-01.md", "2025-03-01", [
        ("2503.00001", "보행 로봇을 강화학습(Reinforcement Learning; RL)으로 훈련한다."),
        ("2503.00002", "우리는 강화 학습(RL)으로 보상을 키운다."),
        ("2503.00003", "A new reinforcement learning recipe for agents."),
    ])
    with Library(tmp_path / "data") as opened:
        opened.set_seeds_hidden(True)
        opened.add_sources([folder])
        opened.update()
        yield opened


def test_the_forms_a_korean_term_added_are_listed(library: Library) -> None:
    ((term, forms),) = library.glossary_forms("강화학습")
    assert term == "강화학습"
    assert "reinforcement learning" in forms and "RL" in forms
    assert "강화학습" not in forms  # what the reader typed is not "added"


def test_an_english_term_lists_its_korean_form(library: Library) -> None:
    ((term, forms),) = library.glossary_forms("reinforcement learning")
    assert term == "reinforcement learning"
    assert "강화학습" in forms or "강화 학습" in forms
    assert all(form.casefold() != "reinforcement learning" for form in forms)


def test_nothing_added_for_unknown_words_and_invalid_queries(library: Library) -> None:
    assert library.glossary_forms("보행") == []
    assert library.glossary_forms("-강화학습") == []  # excluded words are not expanded; nothing to search
    assert library.glossary_spans("\"", "text") == []


def test_spans_found_through_another_form_name_the_typed_term(library: Library) -> None:
    text = "강화 학습(RL)과 Reinforcement Learning 그리고 보상"
    spans = library.glossary_spans("강화학습", text)
    found = [(text[start:end], term) for start, end, term in spans]
    assert found == [("RL", "강화학습"), ("Reinforcement Learning", "강화학습")]  # 강화 학습 is the typed word itself
    english = [(text[start:end], term) for start, end, term in library.glossary_spans("reinforcement learning", text)]
    assert ("강화 학습", "reinforcement learning") in english
    assert library.glossary_spans("보상", text) == []


@pytest.mark.parametrize(("word", "written", "other"), [
    ("강화", "강화학습", "reinforcement learning"),  # a Korean form glued to its particle: 강화학습(...)으로
    ("학습", "강화 학습", "RL"),  # written with a space
    ("recipe", None, None),  # an ordinary word
    ("reinforcement", "reinforcement learning", "강화 학습"),  # the English, in another case
])
def test_the_term_under_an_offset_and_its_other_forms(library: Library, word: str, written: str | None,
                                                      other: str | None) -> None:
    text = "보행 로봇을 강화학습으로 훈련한다. 우리는 강화 학습을 쓴다. A Reinforcement Learning recipe."
    offset = text.casefold().index(word.casefold(), 0 if word != "학습" else text.index("강화 학습"))
    found = library.glossary_term_at(text, offset + 1)
    if written is None:
        assert found is None
        return
    start, end, forms = found
    assert text[start:end].casefold() == written.casefold()
    assert other in forms
    assert all(form.replace(" ", "").casefold() != written.replace(" ", "").casefold() for form in forms)


def test_no_term_where_the_library_has_no_glossary(tmp_path: Path) -> None:
    with Library(tmp_path / "empty") as library:
        library.set_seeds_hidden(True)
        assert library.glossary_term_at("강화학습(RL)", 1) is None
