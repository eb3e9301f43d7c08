"""Short words typed in capitals are acronyms: the whole word or its plural, never a longer word."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.models import Paper, Section
from reader.index.clauses import is_acronym
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex


def paper(arxiv_id: str, body: str) -> Paper:
    return Paper(arxiv_id=arxiv_id, date="2025-03-04", title="Untitled", url=f"https://arxiv.org/abs/{arxiv_id}",
                 votes=1, authors=("A. Author",), sections=(Section(None, body),), source="/lib/a.md")


CORPUS = [
    paper("vit", body="A plain ViT backbone."),
    paper("vits", body="Several ViTs were compared."),
    paper("based", body="Our ViT-based detector."),
    paper("particle", body="ViT를 백본으로 쓴다."),
    paper("possessive", body="The ViT's attention maps."),
    paper("vitality", body="Vitality of the field."),
    paper("vital", body="A vital step."),
    paper("det", body="ViTDet is another model."),
    paper("llms", body="Recent LLMs reason well."),
    paper("llm-based", body="An LLM-based agent."),
    paper("llmrec", body="LLMRec recommends items."),
    paper("rl", body="We train with RL and 강화학습."),
    paper("rlhf", body="RLHF aligns the policy."),
    paper("lower", body="the vit of lower case"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = SearchIndex(tmp_path_factory.mktemp("acronyms") / "index")
    built.update([], CORPUS)
    yield built
    built.close()


def found(index: SearchIndex, text: str) -> set[str]:
    hits, total = index.search(parse_query(text), None)
    assert total == len(hits)
    return {hit.arxiv_id for hit in hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ViT", {"vit", "vits", "based", "particle", "possessive", "lower"}),
        ("VIT", {"vit", "vits", "based", "particle", "possessive", "lower"}),
        ("vit", {"vit", "vits", "based", "particle", "possessive", "vitality", "vital", "det", "lower"}),  # a prefix
        ("Vit", {"vit", "vits", "based", "particle", "possessive", "vitality", "vital", "det", "lower"}),
        ("LLM", {"llms", "llm-based"}),
        ("llm", {"llms", "llm-based", "llmrec"}),  # ordinary words keep word-start matching
        ("LLMs", {"llms"}),
        ("RL", {"rl"}),
        ('"plain ViT"', {"vit"}),
        ("ViT -ViTs", {"vit", "based", "particle", "possessive", "lower"}),
    ],
)
def test_acronyms_match_whole_words_and_plurals(index: SearchIndex, text: str, expected: set[str]) -> None:
    assert found(index, text) == expected


def test_the_index_agrees_with_the_rules(index: SearchIndex) -> None:
    for text in ["ViT", "RL", "LLM", "vit", "ViT를", '"ViT backbone"', "RoPE"]:
        query = parse_query(text)
        truth = {p.arxiv_id for p in CORPUS if query.matches("body", p.summary_text)}
        assert found(index, text) == truth, text


@pytest.mark.parametrize(
    ("word", "acronym"),
    [("ViT", True), ("RL", True), ("LLM", True), ("LLMs", True), ("RoPE", True), ("3DGS", True), ("IoU", True),
     ("vit", False), ("Vit", False), ("3D", False), ("LLaMA", False), ("GPT-4o", False), ("A", False),
     ("BERTs", False)],
)
def test_what_counts_as_an_acronym(word: str, acronym: bool) -> None:
    assert is_acronym(word) is acronym


def test_acronym_highlights() -> None:
    text = "ViT, ViTs와 ViT-based 모델; Vitality는 아니다"
    spans = parse_query("ViT").highlight("body", text)
    assert [text[start:end] for start, end in spans] == ["ViT", "ViTs", "ViT"]


def test_acronyms_in_a_fresh_index_of_their_own(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.update([], [paper("a", "GANs and a GAN"), paper("b", "Gangs of words"), paper("c", "GAN을 학습")])
    assert found(index, "GAN") == {"a", "c"}
    index.close()
