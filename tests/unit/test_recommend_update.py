"""For you after an update: only the new papers' text is read, and the matrix is the one a fresh build makes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from test_recommend import ids_of, write_digests

import reader.features.recommend_text as recommend_text
import reader.library.recommend as library_recommend
from reader.library import Library

NEW_DAY = "2025-03-05"
NEW_PAPERS = {  # arXiv id -> (title, Korean summary)
    "2503.00101": ("Robot Arm Grasping With Tactile Gloves", "촉각 장갑으로 로봇 팔의 파지를 학습한다. 촉각 데이터."),
    "2503.00102": ("Speech Synthesis For Lullabies", "자장가 음성 합성 모델을 만든다. 음성 데이터셋."),
}


def add_new_day(folder: Path) -> None:
    lines = [f"## Daily Papers ({NEW_DAY})", ""]
    for arxiv_id, (title, summary) in NEW_PAPERS.items():
        lines += [f"### [{title}](https://arxiv.org/abs/{arxiv_id})", "", "Vote: 7", "", "Authors: Kim Lee", "",
                  f"- {summary}", ""]
    (folder / f"{NEW_DAY}.md").write_text("\n".join(lines), encoding="utf-8")


def matrix_arrays(library: Library) -> tuple[list[str], list[str], list[np.ndarray]]:
    matrix = library.for_you_corpus().matrix
    return matrix.ids, matrix.vocabulary, [matrix.indptr, matrix.indices, matrix.data, matrix.mean_row]


def test_an_update_reads_only_the_new_papers_and_ranks_as_a_fresh_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digests = write_digests(tmp_path / "digests")
    with Library(tmp_path / "data") as library:
        library.set_seeds_hidden(True)
        library.add_sources([digests])
        library.update()
        library.set_starred(ids_of("arm")[:3])
        known_before = library.for_you_corpus().matrix.ids

        read: Counter[str] = Counter()
        real_terms = recommend_text.terms
        monkeypatch.setattr(recommend_text, "terms",
                            lambda document: read.update([document.arxiv_id]) or real_terms(document))
        add_new_day(digests)
        library.update()
        ids, vocabulary, arrays = matrix_arrays(library)
        assert set(read) == set(NEW_PAPERS)  # the papers already known were not read again
        assert set(ids) == set(known_before) | set(NEW_PAPERS)
        incremental = library.for_you()
        order = [entry.paper.arxiv_id for entry in library.recommend()]
        similar = {arxiv_id: library.similar(arxiv_id, 3) for arxiv_id in known_before}
        assert order.index("2503.00101") < order.index("2503.00102")  # the new arm paper before the new speech one

        library_recommend._last_counts.clear()  # noqa: SLF001 - the same library, built from nothing
        library._for_you_corpus = None  # noqa: SLF001
        fresh_ids, fresh_vocabulary, fresh_arrays = matrix_arrays(library)
        assert (fresh_ids, fresh_vocabulary) == (ids, vocabulary)
        assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(arrays, fresh_arrays, strict=True))
        fresh = library.for_you()
        assert [fresh.score(i) for i in ids] == [incremental.score(i) for i in ids]
        assert [entry.paper.arxiv_id for entry in library.recommend()] == order
        assert {arxiv_id: library.similar(arxiv_id, 3) for arxiv_id in known_before} == similar


def test_a_paper_whose_summary_changed_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digests = write_digests(tmp_path / "digests")
    with Library(tmp_path / "data") as library:
        library.set_seeds_hidden(True)
        library.add_sources([digests])
        library.update()
        library.for_you_corpus()
        changed = ids_of("speech")[0]
        day = digests / "2025-03-01.md"
        day.write_text(day.read_text(encoding="utf-8").replace("음성 합성 모델로", "로봇 팔 파지 촉각으로"),
                       encoding="utf-8")
        read: Counter[str] = Counter()
        real_terms = recommend_text.terms
        monkeypatch.setattr(recommend_text, "terms",
                            lambda document: read.update([document.arxiv_id]) or real_terms(document))
        library.update()
        library.for_you_corpus()
        assert set(read) == {changed}
        ids, vocabulary, arrays = matrix_arrays(library)
        matrix = library.for_you_corpus().matrix
        assert vocabulary.index("파지") in matrix.row(matrix.row_of[changed])[0].tolist()  # its new text's terms
        library_recommend._last_counts.clear()  # noqa: SLF001 - the same library, built from nothing
        library._for_you_corpus = None  # noqa: SLF001
        fresh_ids, fresh_vocabulary, fresh_arrays = matrix_arrays(library)
        assert (fresh_ids, fresh_vocabulary) == (ids, vocabulary)
        assert all(np.array_equal(a, b) for a, b in zip(arrays, fresh_arrays, strict=True))


def test_the_matrix_reads_each_papers_first_listing_and_its_most_votes(tmp_path: Path) -> None:
    digests = write_digests(tmp_path / "digests")
    relisted = ids_of("arm")[0]
    lines = [f"## Daily Papers ({NEW_DAY})", "", f"### [Relisted Arm Paper](https://arxiv.org/abs/{relisted})", "",
             "Vote: 1", "", "Authors: Kim Lee", "", "- 다시 실린 로봇 팔 논문.", ""]
    (digests / f"{NEW_DAY}.md").write_text("\n".join(lines), encoding="utf-8")
    with Library(tmp_path / "data") as library:
        library.set_seeds_hidden(True)
        library.add_sources([digests])
        library.update()
        papers = library.papers()
        first = {paper.arxiv_id: paper for paper in reversed(papers)}  # the first listing in papers()' order
        assert first[relisted].title == "Relisted Arm Paper"
        texts = library._catalogue.paper_texts()  # noqa: SLF001
        assert [arxiv_id for arxiv_id, *_ in texts] == list(dict.fromkeys(paper.arxiv_id for paper in papers))
        assert {arxiv_id: (title, summary) for arxiv_id, title, summary, _votes in texts} == {
            arxiv_id: (paper.title, paper.summary_text) for arxiv_id, paper in first.items()}
        most = {arxiv_id: max(paper.votes or 0 for paper in papers if paper.arxiv_id == arxiv_id) for arxiv_id in first}
        assert {arxiv_id: votes for arxiv_id, *_, votes in texts} == most
        assert most[relisted] > 1  # an earlier listing's votes, not the first listing's
        assert library.for_you_corpus().votes == most
