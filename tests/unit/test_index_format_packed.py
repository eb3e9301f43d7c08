"""Index format korean-bigram-5: posting blocks hold arrays (ids, weights, a positional field's positions
packed in two arrays) instead of a Python object per posting. An index written the korean-bigram-4 way
(Whoosh's tuples, one bytes value per posting) rebuilds itself, and both ways answer every query alike:
the same hits, scores and totals on the seed corpus, in one segment and after merges."""

from __future__ import annotations

from array import array
from itertools import chain
from operator import sub
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3PostingsWriter

from reader.core.models import Paper
from reader.core.parse import read_digest
from reader.index import search_index
from reader.index.query import parse_query
from reader.index.search_index import INDEX_FORMAT, SearchIndex
from reader.index.whoosh_internals import CompactBlockWriter, PackedPositions

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.md"))
QUERIES = ["모델", "데이터셋", "언어모델", "언어 모델", '"대규모 언어 모델"', '"비디오 생성"', "강화학습", "성능을",
           "LLM", "LLM을", "GPT-4o", "Llama-3", "diffusion", '"large language models"', "title:LLM",
           "author:Kim", "3D", "text-to-image", "비디오 -생성", "확산 OR 추론"]


def _format_4_block(writer: Any) -> tuple[Any, Any, Any]:
    """A block's data tuple as korean-bigram-4 wrote it: Whoosh's tuples, one bytes value per posting."""
    ids = writer._ids
    mini_ids = tuple(ids) if writer._byteids else tuple(map(sub, ids, chain((0,), ids)))
    weights = writer._mini_weights()
    return mini_ids, tuple(weights) if isinstance(weights, array) else weights, W3PostingsWriter._mini_values(writer)


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return [paper for path in SEED_FILES for paper in read_digest(path).papers]


def _build(directory: Path, papers: list[Paper], commit_size: int | None = None) -> SearchIndex:
    index = SearchIndex(directory)
    step = commit_size or len(papers)
    for start in range(0, len(papers), step):
        index.update([], papers[start : start + step])
        index.merge_small()
    return index


def _answers(index: SearchIndex) -> list[tuple[list[search_index.RawHit], int]]:
    return [index.search(parse_query(text), None) for text in QUERIES]


def test_both_block_layouts_answer_alike(tmp_path: Path, papers: list[Paper], monkeypatch: pytest.MonkeyPatch) -> None:
    packed = []
    real_block_data = CompactBlockWriter._block_data

    def spy(writer: Any) -> tuple[Any, Any, Any]:
        data = real_block_data(writer)
        packed.append(isinstance(data[2], PackedPositions))
        return data

    with monkeypatch.context() as patch:
        patch.setattr(CompactBlockWriter, "_block_data", spy)
        new = _build(tmp_path / "new", papers)
    assert any(packed)  # the positional fields' blocks were packed
    merged = _build(tmp_path / "merged", papers, commit_size=5)  # merges re-read packed blocks
    assert len(merged.segment_ids()) < len(range(0, len(papers), 5))
    with monkeypatch.context() as patch:
        patch.setattr(CompactBlockWriter, "_block_data", _format_4_block)
        old = _build(tmp_path / "old", papers)
        old_merged = _build(tmp_path / "old-merged", papers, commit_size=5)
    expected = _answers(old)
    assert any(total for _hits, total in expected)
    assert _answers(new) == expected
    assert _answers(merged) == _answers(old_merged)
    for index in (new, merged, old, old_merged):
        index.close()


def test_an_index_of_format_4_rebuilds_itself(tmp_path: Path, papers: list[Paper],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "index"
    with monkeypatch.context() as patch:
        patch.setattr(CompactBlockWriter, "_block_data", _format_4_block)
        old = _build(directory, papers)
    old.close()
    (directory / search_index._FORMAT_FILE).write_text("korean-bigram-4\n", encoding="utf-8")
    reopened = SearchIndex(directory)
    assert reopened.was_reset  # the library then reads every digest again (tests/unit/test_search_spacing.py)
    assert reopened.doc_count() == 0
    assert (directory / search_index._FORMAT_FILE).read_text(encoding="utf-8").strip() == INDEX_FORMAT
    reopened.update([], papers)
    assert reopened.search(parse_query("모델"), None)[1] > 0
    reopened.close()
