"""For you's process, as the window uses it: the same order, reasons and similar papers as a Library here,
new papers seen after an update, a process that ends started again, and a clear error."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_recommend import ids_of, write_digests

from reader.core.errors import LibraryError
from reader.library import Library
from reader.library.recommend_child import ForYouProcess, Ranking, _places_of_keys


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "data") as library:
        library.set_seeds_hidden(True)
        library.add_sources([write_digests(tmp_path / "digests")])
        library.update()
        library.set_starred(ids_of("arm")[:3])
        yield library


@pytest.fixture
def process(library: Library) -> Iterator[ForYouProcess]:
    process = ForYouProcess(library.data_dir)
    yield process
    process.close()


def test_the_process_ranks_explains_and_finds_similar_papers_as_a_library_here(
        library: Library, process: ForYouProcess) -> None:
    here = library.for_you()
    ranking = process.fit(library.for_you_marks())
    papers = here.corpus.matrix.ids
    assert ranking.learned and ranking.starred == frozenset(ids_of("arm")[:3])
    assert sorted(papers, key=ranking.order_key) == sorted(papers, key=here.order_key)
    assert sorted(papers, key=ranking.order_key)[0] == ids_of("arm")[3]  # the unstarred arm paper leads
    first = papers[0]
    assert process.reasons(first) == here.reasons(first)
    assert process.similar(first, 3) == here.similar(first, 3)


def test_a_dismissal_and_an_update_reach_the_process(tmp_path: Path, library: Library,
                                                     process: ForYouProcess) -> None:
    disliked = ids_of("vision")[0]
    assert disliked not in process.fit(library.for_you_marks()).dismissed
    library.set_dismissed([disliked])
    ranking = process.fit(library.for_you_marks())
    assert disliked in ranking.dismissed
    papers = library.for_you().corpus.matrix.ids
    assert sorted(papers, key=ranking.order_key)[-1] == disliked  # "not interested" goes last
    day = "2025-03-09"
    (tmp_path / "digests" / f"{day}.md").write_text(
        f"## Daily Papers ({day})\n\n### [Robot Arm Grasping Again](https://arxiv.org/abs/2503.09999)\n\n"
        "Vote: 1\n\nAuthors: Kim Lee\n\n- 로봇 팔의 파지 동작을 촉각 센서로 학습한다. 로봇 조작 정책.\n",
        encoding="utf-8")
    library.update()
    ranking = process.fit(library.for_you_marks())
    assert ranking.score("2503.09999") > 0  # the new paper is in the child's matrix, and For you likes it
    assert process.among([(day, "2503.09999")]) == 1


def test_a_process_that_ended_is_started_again(library: Library, process: ForYouProcess) -> None:
    process.fit(library.for_you_marks())
    child = process._child  # noqa: SLF001 - the process itself, to end it as a crash would
    assert child is not None
    child.kill()
    child.join(5)
    assert len(process.fit(library.for_you_marks()).starred) == 3
    assert process._child is not child  # noqa: SLF001


def test_a_ranking_received_orders_by_score_with_dismissed_and_unknown_papers_last() -> None:
    ranking = Ranking.__new__(Ranking)  # as pickle makes it in the window
    ranking.__setstate__({"learned": True, "starred": frozenset({"a"}), "dismissed": frozenset({"c"}),
                          "ids": "a\nb\nc", "scores": _packed("d", [0.5, 0.9, 2.0]), "votes": _packed("q", [1, 2, 3]),
                          "places": _packed("q", [1, 0, 2])})
    ranking = pickle.loads(pickle.dumps(ranking))
    assert sorted(["a", "b", "c", "new"], key=ranking.order_key) == ["b", "a", "new", "c"]
    assert ranking.score("new") == 0.0 and ranking.score("b") == 0.9
    assert ranking.places(["c", "a", "b"]) == [2, 1, 0] and ranking.places(["a", "new"]) is None
    # as the child numbers them: equal keys share a place, so a sort by places keeps their order
    assert _places_of_keys([(False, -1.0, -2), (False, -1.0, -2), (True, 0.0, 0), (False, -2.0, 0)]) == [1, 1, 2, 0]


def test_the_list_sorted_by_for_yous_places_is_the_list_sorted_by_its_keys(library: Library,
                                                                           process: ForYouProcess) -> None:
    """The window sorts by the places the child numbered (equal keys sharing one, so ties keep the list's order);
    with a paper the child has not seen, by the keys."""
    from reader.ui.models.paper_table import PaperTableModel

    ranking = process.fit(library.for_you_marks())
    listed = library.papers()
    # each paper listed on a second day too: their keys tie, and the sort keeps the order given
    papers = listed + [dataclasses.replace(paper, date="2025-02-01") for paper in reversed(listed)]
    by_keys, by_places = PaperTableModel(), PaperTableModel()
    by_keys.set_rank(ranking.order_key)
    by_places.set_rank(ranking.order_key, ranking.places)
    for model in (by_keys, by_places):
        model.set_papers(papers, {})
        model.sort(PaperTableModel.FOR_YOU)
    rows = range(len(papers))
    assert [by_places.paper_at(row).key for row in rows] == [by_keys.paper_at(row).key for row in rows]
    assert by_places.paper_at(0).arxiv_id == min(papers, key=lambda paper: ranking.order_key(paper.arxiv_id)).arxiv_id


def _packed(code: str, values: list[float] | list[int]) -> bytes:
    from array import array

    return array(code, values).tobytes()


def test_a_process_that_cannot_read_the_library_says_so(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a data directory", encoding="utf-8")
    process = ForYouProcess(not_a_folder)
    try:
        with pytest.raises(LibraryError):
            process.fit((frozenset(), frozenset()))
    finally:
        process.close()

