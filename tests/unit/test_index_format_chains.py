"""A Hangul word across spaces is checked at its positions without the slots those imply: the same papers."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from whoosh import query as wq

from reader.core.models import Paper, Section
from reader.index.query import parse_query
from reader.index.ranking import checked_offsets
from reader.index.search_index import SearchIndex

PIECES = ["대형", "언어", "모델", "대", "형", "언", "어", "모", "델", "언어모델", "어모", "형언어", "모델을"]
SEPARATORS = ["", "", "", " ", " ", "  ", "-", ", ", "\n", " x "]
QUERIES = ["언어모델", "대형언어모델", "형언어모", '"언어 모델"', '"대형 언어 모델"', '"언 어모델"', "어모델", "언어모"]


def noisy_text(rng: random.Random) -> str:
    """Runs of the query words' syllables, cut and joined every way the index's position rules tell apart."""
    return "".join(rng.choice(PIECES) + rng.choice(SEPARATORS) for _ in range(rng.randint(2, 12)))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SearchIndex, list[Paper]]]:
    rng = random.Random(19)
    papers = [Paper(arxiv_id=f"2401.{i:05d}", date="2024-03-01", title=noisy_text(rng),
                    url=f"https://arxiv.org/abs/2401.{i:05d}", votes=1, authors=("A. Author",),
                    sections=(Section(None, noisy_text(rng)),), source="/lib/a.md") for i in range(400)]
    built = SearchIndex(tmp_path_factory.mktemp("chains") / "index")
    built.update([], papers)
    yield built, papers
    built.close()


def test_a_lone_syllable_between_a_bigram_and_its_next_syllable_is_not_checked() -> None:
    chain = wq.Sequence([wq.Term("body", "언어"), wq.Or([wq.Term("body", "어모"), wq.Term("body", "어")]),
                         wq.Term("body", "모델")])
    assert checked_offsets(chain.subqueries) == [0, 2]
    # A slot that is only the bigram is checked: the run may end before it.
    plain = wq.Sequence([wq.Term("body", "언어"), wq.Term("body", "어모"), wq.Term("body", "모델")])
    assert checked_offsets(plain.subqueries) == [0, 1, 2]
    # Latin words are not runs of syllables.
    latin = wq.Sequence([wq.Term("body", "ab"), wq.Or([wq.Term("body", "bc"), wq.Term("body", "b")]),
                         wq.Term("body", "cd")])
    assert checked_offsets(latin.subqueries) == [0, 1, 2]


@pytest.mark.parametrize("text", QUERIES)
def test_spaced_words_find_exactly_what_their_rule_says(index: tuple[SearchIndex, list[Paper]], text: str) -> None:
    search_index, papers = index
    query = parse_query(text)
    hits, total = search_index.search(query, limit=None)
    found = {hit.arxiv_id for hit in hits}
    truth = {paper.arxiv_id for paper in papers
             if query.matches_fields({"title": paper.title, "authors": ", ".join(paper.authors),
                                      "body": paper.summary_text})}
    assert total == len(found)
    assert found == truth
    assert truth  # the noisy texts hold every query somewhere
