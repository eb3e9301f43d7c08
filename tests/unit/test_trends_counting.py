"""A trend counts what the search finds when the papers of one term use different forms of it.

The count checks a glossary form's phrase only where no other form has matched yet: papers that write
only "LLM", only "large language models", only 대형 언어 모델 (spaced or glued), several forms, or words
of the phrase out of order must still be counted exactly as the search finds them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_trends import make_library, search_counts, write_day

from reader.library import Library

SUMMARIES = [
    "대형 언어 모델(Large Language Model; LLM)을 씁니다.",  # the library's glossary learns the forms here
    "대규모 언어모델(Large Language Model)을 씁니다.",
    "LLM을 평가합니다.",
    "We study large language models for code.",
    "대형 언어 모델을 평가합니다.",
    "대형언어모델의 추론을 분석합니다.",
    "대규모 언어모델로 요약합니다.",
    "LLMs and a large language model agree.",
    "A large model of language, not the phrase.",  # the words, out of order
    "대형 모델과 언어 모델을 비교합니다.",  # the syllables, not in one run
    "강화 학습(Reinforcement Learning; RL)을 씁니다.",
    "reinforcement learning only.",
    "강화학습만 씁니다.",
    "이 논문은 벤치마크를 제시합니다.",
]


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """Twelve days, each with every summary once, rotated so each day's titles differ."""
    folder = tmp_path / "digests"
    for day in range(12):
        papers = [(f"2503.{day:02d}{slot:03d}", f"Paper {day}-{slot}", slot, SUMMARIES[(day + slot) % len(SUMMARIES)])
                  for slot in range(len(SUMMARIES) - day % 3)]
        write_day(folder, f"2025-03-{day + 3:02d}", papers)
    return folder


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("term", ["LLM", "large language model", "대형 언어 모델", "강화 학습", "RL", "모델"])
def test_every_form_is_counted_as_the_search_finds_it(tmp_path: Path, mixed: Path, term: str, exact: bool) -> None:
    with make_library(tmp_path / "data", mixed) as library:
        for by in ("week", "month"):
            points = library.trends([term], by=by, exact=exact)
            assert {p.period: p.papers for p in points if p.papers} == search_counts(library, term, by, exact)


def test_a_points_papers_are_the_searchs(tmp_path: Path, mixed: Path) -> None:
    with make_library(tmp_path / "data", mixed) as library:
        _trends_first(library)
        listed = library.trend_papers("LLM", "2025-03-03", "2025-03-09")
        found = [hit.paper for hit in library.search("LLM", limit=None).hits if hit.paper.date <= "2025-03-09"]
        assert {p.arxiv_id for p in listed} == {p.arxiv_id for p in found}
        assert len(listed) > 5


def _trends_first(library: Library) -> None:
    """The trend first, as in the window: the point's papers come from the same query's matches."""
    assert any(point.papers for point in library.trends(["LLM"], by="week"))
