"""Similar papers in a small library: papers that share terms are listed, one that shares none is not."""

from __future__ import annotations

from reader.features.recommend import ForYou
from reader.features.recommend_text import Corpus, Document, TermMatrix

PAPERS = {
    "2501.00001": ("Robot Arm Grasping", "로봇 팔의 파지를 학습한다."),
    "2501.00002": ("Robot Arm Grasping Again", "로봇 팔의 파지를 다시 학습한다."),
    "2501.00003": ("Speech Synthesis", "음성 합성 모델."),
}


def model_of(papers: dict[str, tuple[str, str]]) -> ForYou:
    matrix = TermMatrix(Document(arxiv_id, title, summary) for arxiv_id, (title, summary) in papers.items())
    return ForYou(Corpus(matrix, dict.fromkeys(papers, 1), {i: title for i, (title, _) in papers.items()}), (), ())


def test_two_papers_that_share_words_are_similar_and_one_that_shares_none_is_not() -> None:
    model = model_of(PAPERS)
    assert [arxiv_id for arxiv_id, _ in model.similar("2501.00001", 5)] == ["2501.00002"]
    two = model_of({arxiv_id: PAPERS[arxiv_id] for arxiv_id in ("2501.00001", "2501.00002")})
    assert [arxiv_id for arxiv_id, _ in two.similar("2501.00002", 5)] == ["2501.00001"]
    assert model.similar("2501.00003", 5) == []
    assert model.similar("2501.99999", 5) == []
