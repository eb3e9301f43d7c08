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
