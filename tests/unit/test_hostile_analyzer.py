"""One unbroken Hangul word of 20,000 syllables (issue 12, finding 11): indexing it needed memory and time
growing with the square of its length (430 MB, 4.9 s); its position-free suffixes are now cut, and every word
of the run is still found, its first words too, and words longer than a cut suffix."""

from __future__ import annotations

import random

import pytest

from reader.core.models import Paper, Section
from reader.index.analysis import MAX_SUFFIX, index_terms
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex

RUN = "".join(random.Random(12).choice("가나다라마바사아자차카타파하거너더러머버서어저") for _ in range(20_000))


def test_the_suffixes_of_a_long_run_grow_with_its_length_not_its_square() -> None:
    _positions, suffixes = index_terms(RUN)
    assert sum(map(len, suffixes)) <= MAX_SUFFIX * len(RUN)  # was len(RUN) ** 2 / 2: 200 million characters
    assert all(3 <= len(suffix) <= MAX_SUFFIX for suffix in suffixes)


@pytest.fixture(scope="module")
def long_run_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex(tmp_path_factory.mktemp("run") / "index")
    index.update([], [
        Paper(arxiv_id="2402.90001", date="2024-02-29", title="Hostile", url="https://arxiv.org/abs/2402.90001",
              votes=1, authors=("Kim Minji",), sections=(Section(None, RUN),)),
        Paper(arxiv_id="2402.90002", date="2024-02-29", title="Ordinary", url="https://arxiv.org/abs/2402.90002",
              votes=1, authors=("Lee Jun",), sections=(Section(None, "평범한 " + RUN[:3] + " 요약"),)),
    ])
    yield index
    index.close()


def found(index: SearchIndex, text: str) -> set[str]:
    query = parse_query(f'"{text}"')
    hits, total = index.search(query, None)
    assert total == len(hits)
    return {hit.arxiv_id for hit in hits}


@pytest.mark.parametrize("start, length", [(0, 3), (0, 5), (0, MAX_SUFFIX), (0, MAX_SUFFIX + 8),
                                           (9_000, 4), (9_000, MAX_SUFFIX + 1), (19_990, 10)])
def test_every_word_of_a_long_run_is_found(long_run_index: SearchIndex, start: int, length: int) -> None:
    word = RUN[start : start + length]
    assert "2402.90001" in found(long_run_index, word)
    assert parse_query(word).matches("body", RUN)  # the index and the match rules agree


def test_a_word_not_in_the_run_is_not_found(long_run_index: SearchIndex) -> None:
    word = RUN[:MAX_SUFFIX + 5] + "힣"  # longer than a cut suffix, and not in the text
    assert found(long_run_index, word) == set()
    assert found(long_run_index, RUN[:3]) == {"2402.90001", "2402.90002"}
