"""The index's merge policy: a small update leaves large segments alone; merges keep the results."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.models import Paper, Section
from reader.core.reports import UpdateProgress
from reader.index import merge_policy
from reader.index.merge_policy import MERGE_FACTOR, segments_to_merge, segments_to_merge_when_idle, tier
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex

QUERIES = ["모델", "언어모델", "강화 학습", "transformer", "paper", '"language model"', "title:survey", "-모델 paper"]
WORDS = ["언어모델", "언어 모델을", "강화학습", "강화 학습", "transformer", "Transformers", "language model", "survey"]


def paper(i: int, day: int = 1) -> Paper:
    body = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 3) % len(WORDS)]} 연구 {i}" + (" 모델" if i % 4 else "")
    return Paper(arxiv_id=f"2401.{i:05d}", date=f"2024-02-{day:02d}", title=f"Paper {i} {WORDS[i % 5]}",
                 url=f"https://arxiv.org/abs/2401.{i:05d}", votes=1, authors=("A. Author",),
                 sections=(Section(None, body),), source=f"/lib/{day:02d}.md")


def update(index: SearchIndex, remove: list[str], add: list[Paper]) -> None:
    """What Library.update does to the index: the commit, then the merges the policy asks for."""
    index.update(remove, add)
    index.merge_small()


def results(index: SearchIndex) -> dict[str, list[tuple[str, str, str]]]:
    found = {}
    for text in QUERIES:
        hits, total = index.search(parse_query(text), limit=None)
        assert total == len(hits)
        found[text] = sorted((hit.source, hit.date, hit.arxiv_id) for hit in hits)
    return found


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge budget small enough that a 300-paper segment counts as large in these tests."""
    monkeypatch.setattr(merge_policy, "SMALL_MERGE_DOCS", 100)


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    built = SearchIndex(tmp_path / "index")
    yield built
    built.close()


def test_tiers_are_a_merge_factor_apart() -> None:
    assert [tier(n) for n in (0, 1, MERGE_FACTOR - 1, MERGE_FACTOR, MERGE_FACTOR**2 - 1, MERGE_FACTOR**2)] == [
        0, 0, 0, 1, 1, 2]


def test_a_day_merges_small_segments_only_when_its_tier_is_full() -> None:
    large = [40_000, 40_000, 5_000]
    assert segments_to_merge(large + [25] * (MERGE_FACTOR - 2), 25) == []
    assert segments_to_merge(large + [25] * (MERGE_FACTOR - 1), 25) == list(range(3, 3 + MERGE_FACTOR - 1))
    assert segments_to_merge(large, 0) == []  # deletions only: nothing is rewritten


def test_a_cascade_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Seven day segments fill their tier; the merged ~200 would fill the next tier too (7 x 200 more) ...
    days, weeks = [25] * (MERGE_FACTOR - 1), [200] * (MERGE_FACTOR - 1)
    chosen = segments_to_merge(weeks + days, 25)
    assert chosen == list(range(len(weeks), len(weeks) + len(days)))  # ... but a day's update folds days only
    monkeypatch.setattr(merge_policy, "SMALL_MERGE_DOCS", 2_000)
    assert sorted(segments_to_merge(weeks + days, 25)) == list(range(2 * (MERGE_FACTOR - 1)))
    # ... and never the next tier up, which holds more than a small update may rewrite.
    months = [1_600] * (MERGE_FACTOR - 1)
    chosen = segments_to_merge(months + weeks + days, 25)
    assert chosen and not set(chosen) & set(range(len(months)))


def test_an_idle_merge_folds_what_updates_leave_and_a_full_tier_of_a_build() -> None:
    build, weeks, days = [5_000] * 7, [200] * MERGE_FACTOR, [25] * 3
    assert segments_to_merge_when_idle(build + weeks + days) == list(range(7, 7 + MERGE_FACTOR + 3))
    assert segments_to_merge_when_idle(build + weeks[2:] + [25]) == []  # seven small segments: not yet
    assert segments_to_merge_when_idle(build) == []  # seven of a build's segments: not yet
    # 100,000 papers: the build's 20 segments and what came since, into one
    assert segments_to_merge_when_idle([5_000] * 20 + weeks + days) == list(range(20 + MERGE_FACTOR + 3))
    # ... which then waits for MERGE_FACTOR segments of its size; the small ones fold within the budget
    assert segments_to_merge_when_idle([100_000] + [200] * 3) == []
    assert segments_to_merge_when_idle([100_000] + weeks) == list(range(1, 1 + MERGE_FACTOR))


def test_a_commit_rewrites_at_most_as_many_documents_as_it_adds() -> None:
    # A first build's commits of 5,000 papers are not merged with each other (7 x 5,000 to rewrite) ...
    assert segments_to_merge([5_000] * (MERGE_FACTOR - 1), 5_000) == []
    # ... but a large commit takes the small segments of its tier along.
    assert segments_to_merge([40_000, *[600] * (MERGE_FACTOR - 1)], 5_000) == list(range(1, MERGE_FACTOR))


@pytest.mark.usefixtures("small_budget")
def test_small_updates_do_not_rewrite_a_large_segment(index: SearchIndex, tmp_path: Path) -> None:
    index.update([], [paper(i) for i in range(300)])
    (large,) = index.segment_ids()
    large_files = sorted(path.name for path in (tmp_path / "index").iterdir() if large in path.name)
    seen: set[str] = set()
    for day in range(2, 2 + 3 * MERGE_FACTOR):
        update(index, [], [paper(1000 + 10 * day + k, day) for k in range(3)])
        ids = index.segment_ids()
        assert ids[0] == large
        assert len(ids) < 2 * MERGE_FACTOR  # the small ones are merged as they pile up
        seen.update(ids)
    assert len(seen) > len(index.segment_ids())  # small segments were merged into new ones on the way
    assert sorted(path.name for path in (tmp_path / "index").iterdir() if large in path.name) == large_files


@pytest.mark.usefixtures("small_budget")
def test_merges_and_a_full_optimize_keep_every_result(index: SearchIndex, tmp_path: Path) -> None:
    papers = [paper(i) for i in range(300)]
    days = [[paper(1000 + 10 * day + k, day) for k in range(3)] for day in range(2, 2 + 2 * MERGE_FACTOR)]
    update(index, [], papers)
    for day_papers in days:
        update(index, [], day_papers)
    update(index, ["/lib/05.md"], [])  # a day removed: deletions in a merged segment
    assert len(index.segment_ids()) > 1
    merged = results(index)

    one_commit = SearchIndex(tmp_path / "one")
    try:
        one_commit.update([], papers + [p for day_papers in days for p in day_papers if p.source != "/lib/05.md"])
        assert results(one_commit) == merged
    finally:
        one_commit.close()

    index.optimize()
    assert len(index.segment_ids()) == 1
    assert results(index) == merged
    assert index.doc_count() == 300 + 3 * (len(days) - 1)



def test_a_new_day_is_committed_before_its_merge(index: SearchIndex) -> None:
    for day in range(1, MERGE_FACTOR):
        update(index, [], [paper(10 * day + k, day) for k in range(3)])
    index.update([], [paper(500 + k, 20) for k in range(3)])
    assert len(index.segment_ids()) == MERGE_FACTOR  # searchable, not merged yet
    assert len(index.search(parse_query("paper"), limit=None)[0]) == 3 * MERGE_FACTOR
    index.merge_small()
    assert len(index.segment_ids()) == 1


def catalogue_of(papers: list[Paper]) -> Callable[[list[tuple[str, str, str]]], list[Paper] | None]:
    """What Library.update gives merge_small: the papers of the entries asked for, None if one is unknown."""
    by_entry = {(p.source, p.date, p.arxiv_id): p for p in papers}
    return lambda entries: [by_entry[entry] for entry in entries] if all(e in by_entry for e in entries) else None


@pytest.mark.usefixtures("small_budget")
def test_merges_that_index_the_papers_again_keep_every_result(index: SearchIndex, tmp_path: Path) -> None:
    papers = [paper(i) for i in range(300)]
    days = [[paper(1000 + 10 * day + k, day) for k in range(3)] for day in range(2, 2 + 2 * MERGE_FACTOR)]
    index.update([], papers)
    (large,) = index.segment_ids()
    large_files = sorted(path.name for path in (tmp_path / "index").iterdir() if large in path.name)
    catalogue = catalogue_of(papers + [p for day_papers in days for p in day_papers])
    asked: list[int] = []

    def known(entries: list[tuple[str, str, str]]) -> list[Paper] | None:
        asked.append(len(entries))
        return catalogue(entries)

    seen: set[str] = set()
    for day_papers in days:
        index.update([], day_papers)
        index.merge_small(known)
        seen.update(index.segment_ids())
        assert len(index.segment_ids()) <= 1 + MERGE_FACTOR  # the large one, a merged one, at most 7 days
    assert len(seen) > len(index.segment_ids())
    assert index.segment_ids()[0] == large
    assert sorted(path.name for path in (tmp_path / "index").iterdir() if large in path.name) == large_files
    assert index.doc_count() == 300 + 3 * len(days)
    assert asked == [3 * MERGE_FACTOR, 3 * MERGE_FACTOR]  # two merges, each of eight days' papers, none large

    posting_merges = SearchIndex(tmp_path / "merged")
    try:
        posting_merges.update([], papers)
        for day_papers in days:
            update(posting_merges, [], day_papers)
        assert posting_merges.segment_ids() != [] and results(index) == results(posting_merges)
    finally:
        posting_merges.close()


def test_an_idle_moment_merges_a_full_tier_of_commits_into_one_segment(index: SearchIndex,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build's commits (here of 60 papers: tier 1) are left by updates; once MERGE_FACTOR of them have
    piled up, an idle moment merges their postings (too many papers to index again) into one segment."""
    monkeypatch.setattr(merge_policy, "IDLE_MERGE_DOCS", 100)  # the build's tier is past an idle merge's budget
    for commit in range(MERGE_FACTOR - 1):
        index.update([], [paper(60 * commit + k, commit + 1) for k in range(60)])
    index.merge_when_idle()
    assert len(index.segment_ids()) == MERGE_FACTOR - 1  # not yet
    index.update([], [paper(1000 + k, 20) for k in range(60)])
    before = results(index)
    asked: list[list[tuple[str, str, str]]] = []
    index.merge_when_idle(lambda entries: asked.append(entries) or None)
    assert len(index.segment_ids()) == 1 and asked == []
    assert results(index) == before and index.doc_count() == 60 * MERGE_FACTOR


def test_a_merge_without_the_papers_merges_the_postings(index: SearchIndex) -> None:
    for day in range(1, MERGE_FACTOR + 1):
        index.update([], [paper(10 * day + k, day) for k in range(3)])
    before = results(index)
    index.merge_small(lambda _entries: None)  # the catalogue lacks one of them
    assert len(index.segment_ids()) == 1
    assert results(index) == before


def test_a_segment_whose_papers_are_all_removed_is_dropped(index: SearchIndex) -> None:
    index.update([], [paper(i) for i in range(30)])
    index.update([], [paper(100 + k, 2) for k in range(3)])
    assert len(index.segment_ids()) == 2
    index.update(["/lib/02.md"], [])
    assert len(index.segment_ids()) == 1
    assert index.doc_count() == 30


def test_index_optimize_merges_the_index_into_one_segment(tmp_path: Path) -> None:
    from cli_runner import run

    data = tmp_path / "data"
    assert run(data, "index").returncode == 0  # the bundled seeds: one commit
    for day in ("2025-01-02", "2025-01-03"):  # a commit each
        folder = tmp_path / day
        folder.mkdir()
        (folder / f"{day}.md").write_text(f"## Daily Papers ({day})\n\n### [언어 모델 {day}](https://arxiv.org/abs/"
                                          f"2501.0000{day[-1]})\n\nVote: 3\n\n대규모 언어 모델의 추론.\n", "utf-8")
        assert run(data, "index", str(folder)).returncode == 0
    before = found(data)
    index = SearchIndex(data / "index")
    assert len(index.segment_ids()) == 3
    index.close()

    result = run(data, "index", "--optimize")
    assert result.returncode == 0 and "merged into one segment" in result.stdout, result.stderr
    index = SearchIndex(data / "index")
    assert len(index.segment_ids()) == 1
    index.close()
    # The same papers; scores may move a little: a merged segment's total field length is the sum of its
    # documents' one-byte (rounded) lengths, so the average length in BM25F shifts, as in any Whoosh merge.
    assert found(data) == before


def found(data: Path) -> list[set[str]]:
    from cli_runner import run

    return [{paper["arxiv_id"] for paper in json.loads(run(data, "search", text, "--json", "--limit", "1000").stdout)}
            for text in ("언어모델", "모델", "LLM", "-모델 언어")]


DAY = """## Daily Papers (2025-01-{day:02d})

### [Paper of day {day}: 언어모델 {word}](https://arxiv.org/abs/2501.{day:05d})

Vote: {day}

Authors: Kim Minsu

- ***What's New***: 새로운 {word} 언어모델을 제안합니다.
"""


def test_a_library_leaves_larger_merges_to_an_update_with_nothing_to_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.library import Library

    monkeypatch.setattr(merge_policy, "SMALL_MERGE_DOCS", 4)  # eight one-paper days are more than a day may fold
    folder, data = tmp_path / "digests", tmp_path / "data"
    folder.mkdir()

    def searched(library: Library) -> dict[str, list[tuple[str, str]]]:
        return {text: [(hit.paper.date, hit.paper.arxiv_id) for hit in library.search(text, limit=None).hits]
                for text in ("언어모델", "transformer", "survey 언어모델", "-transformer 제안")}

    with Library(data) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        for day in range(1, MERGE_FACTOR + 1):
            (folder / f"{day:02d}.md").write_text(DAY.format(day=day, word=WORDS[day % len(WORDS)]), "utf-8")
            library.update()
        before = searched(library)
    index = SearchIndex(data / "index")
    assert len(index.segment_ids()) == MERGE_FACTOR  # a day each: none folded by the updates
    index.close()

    with Library(data) as library:
        steps: list[UpdateProgress] = []
        library.update(progress=steps.append)  # nothing to read: the idle moment
        assert [step.merging for step in steps if step.merging] == [MERGE_FACTOR]  # told before it merges
        assert searched(library) == before
        assert len(before["언어모델"]) == MERGE_FACTOR
    index = SearchIndex(data / "index")
    assert len(index.segment_ids()) == 1
    index.close()
