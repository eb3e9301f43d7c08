"""The writer's posting blocks: full blocks (BLOCK_LIMIT postings) flushed at the right moment, all read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.collectors import TopCollector

from reader.core.models import Paper, Section
from reader.index import search_index
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex
from reader.index.whoosh_internals import block_sizes, read_postings, segment_writer
from reader.index.whoosh_internals.positions import encode_all

BLOCK = 128  # the writer's block limit (BLOCK_LIMIT) in these tests, so a few hundred papers span blocks
# term -> number of papers that have it: one block exactly, one more, two exactly, two and one, a single posting
COUNTS = {"blocka": 128, "blockb": 129, "blockc": 256, "blockd": 257, "blocke": 1}
N = 300


def paper(i: int) -> Paper:
    words = [term for term, count in COUNTS.items() if i < count]
    body = " ".join(words) + f" 모델 연구 {i}" + (" blocka" if i % 7 == 0 and i < COUNTS["blocka"] else "")
    return Paper(arxiv_id=f"2401.{i:05d}", date=f"2024-01-{1 + i % 28:02d}", title=f"Paper {i}",
                 url=f"https://arxiv.org/abs/2401.{i:05d}", votes=1, authors=("A. Author",),
                 sections=(Section(None, body),), source=f"/lib/{i % 10}.md")


def expected_blocks(count: int) -> list[int]:
    return [BLOCK] * (count // BLOCK) + ([count % BLOCK] if count % BLOCK else [])


@pytest.fixture(params=["one commit", "spilled runs", "merged segments"])
def index(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SearchIndex]:
    monkeypatch.setattr(segment_writer, "BLOCK_LIMIT", BLOCK)
    papers = [paper(i) for i in range(N)]
    if request.param == "spilled runs":  # a tiny memory budget: the postings go through sorted runs on disk
        real_writer = search_index.PaperWriter
        monkeypatch.setattr(search_index, "PaperWriter", lambda ix, limitmb: real_writer(ix, limitmb=0.005))
    built = SearchIndex(tmp_path / "index")
    if request.param == "merged segments":
        _small_commits(built, papers)
    else:
        built.update([], papers)
    yield built
    built.close()


def _small_commits(built: SearchIndex, papers: list[Paper]) -> None:
    """Commits of 25 papers: the index's merge policy (reader/index/merge_policy.py) merges the seven
    small segments into the eighth commit's, which fills their size tier."""
    for start in range(0, len(papers), 25):
        built.update([], papers[start : start + 25])
        built.merge_small()  # as Library.update does after each update


def _whoosh_postings(reader: object, term: bytes) -> tuple[list[int], list[float], list[bytes]]:
    """Whoosh's own matcher over a posting list, one posting at a time (its public API)."""
    matcher = reader.postings("body", term)  # type: ignore[attr-defined]
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def test_blocks_are_full_then_the_rest(index: SearchIndex) -> None:
    searcher = index._current_searcher()
    leaves = searcher.reader().leaf_readers()
    seen = {term: 0 for term in COUNTS}
    for leaf, _offset in leaves:
        for term in COUNTS:
            if ("body", term.encode()) not in leaf:
                continue
            count = leaf.doc_frequency("body", term.encode())
            seen[term] += count
            assert block_sizes(leaf, "body", term.encode()) == expected_blocks(count), term
            found = read_postings(leaf, "body", term.encode())
            assert found is not None
            ids, weights, positions = found
            ours = (ids.tolist(), weights.tolist(), encode_all(*positions))
            assert ours == _whoosh_postings(leaf, term.encode()), term
    assert seen == COUNTS
    if len(leaves) == 1:  # one segment holds every posting: the exact boundaries were written
        for term, count in COUNTS.items():
            assert block_sizes(leaves[0][0], "body", term.encode()) == expected_blocks(count)


@pytest.mark.parametrize("term", list(COUNTS))
def test_search_reads_every_block(index: SearchIndex, term: str) -> None:
    hits, total = index.search(parse_query(term), None)
    assert total == COUNTS[term]
    assert {hit.arxiv_id for hit in hits} == {f"2401.{i:05d}" for i in range(COUNTS[term])}  # the last block too
    searcher = index._current_searcher()
    collector = TopCollector(limit=searcher.doc_count_all(), usequality=False, replace=0)
    searcher.search_with_collector(parse_query(term).whoosh(), collector)
    top = collector.results().top_n
    expected = [(round(score, 6), searcher.stored_fields(docnum)["ident"]) for score, docnum in top]
    assert [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits] == expected
    # The last posting (in the last block) of a term that spans blocks is found with another word.
    last = COUNTS[term] - 1
    hits, total = index.search(parse_query(f"{term} {last}"), 5)
    assert total == 1 and hits[0].arxiv_id == f"2401.{last:05d}"


def test_merged_segments_are_one_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge path rewrites every posting list through the same block writer."""
    monkeypatch.setattr(segment_writer, "BLOCK_LIMIT", BLOCK)
    built = SearchIndex(tmp_path / "index")
    _small_commits(built, [paper(i) for i in range(N)])
    leaves = built._current_searcher().reader().leaf_readers()
    assert len(leaves) < N // 25
    biggest = max(leaves, key=lambda pair: pair[0].doc_count_all())[0]
    assert biggest.doc_count_all() > BLOCK
    for term in ("blockc", "blockd"):
        count = biggest.doc_frequency("body", term.encode())
        assert count > BLOCK
        assert block_sizes(biggest, "body", term.encode()) == expected_blocks(count)
    built.close()
