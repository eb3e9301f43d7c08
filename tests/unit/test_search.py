"""The search index: Korean-aware matching, ranking, incremental updates and recovery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.core.errors import LibraryError
from reader.core.models import Paper, Section
from reader.core.parse import read_digest
from reader.index import search_index
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex


def paper(arxiv_id: str, title: str = "Untitled", body: str = "", authors: tuple[str, ...] = ("A. Author",),
          date: str = "2024-08-01", source: str = "/lib/a.md") -> Paper:
    return Paper(arxiv_id=arxiv_id, date=date, title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=1,
                 authors=authors, sections=(Section("What's New", body),), source=source)


CORPUS = [
    paper("1", body="제안한 모델의 성능이 좋다."),
    paper("2", body="이 모델은 빠르다."),
    paper("3", body="모델을 학습했다."),
    paper("4", body="대형 언어모델을 평가했다."),
    paper("5", body="새 데이터셋을 공개했다."),
    paper("6", body="데이터를 모으고 셋으로 나눴다."),  # 데이, 이터 and 셋 but not 데이터셋
    paper("7", body="LLM을 활용한 방법."),
    paper("8", body="Recent LLMs are large."),
    paper("9", body="An LLM-based agent."),
    paper("10", body="FocusLLM extends context."),  # LLM inside a word: not a word-start match
    paper("11", title="GPT-4o Technical Report", body="GPT-4o와 비교."),
    paper("12", body="We compare with GPT-4 and 4o-style heads."),  # not GPT-4o
    paper("13", body="Meta-Llama-3-8B is fine-tuned; Llama-3.1 too."),
    paper("14", body="Llama 2 only."),
    paper("15", title="A Large Language Model for Code", body="코드 생성 연구"),
    paper("16", title="Models of language", body="언어 처리 모델 연구"),
    paper("17", body="language and model, separately", authors=("Jihwan Kim", "Jiho Jang")),
    paper("18", title="Kim's approach", body="대형 언어 모델 연구", authors=("B. Lee",)),
]


@pytest.fixture
def corpus_index(tmp_path: Path) -> SearchIndex:
    index = SearchIndex(tmp_path / "index")
    index.update([], CORPUS)
    yield index
    index.close()


def found(index: SearchIndex, query: str) -> set[str]:
    hits, total = index.search(parse_query(query), None)
    assert total == len(hits)
    return {hit.arxiv_id for hit in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("모델", {"1", "2", "3", "4", "16", "18"}),
        ("데이터셋", {"5"}),
        ("언어모델", {"4", "18"}),  # 대형 언어 모델 too: across the space
        ("LLM", {"7", "8", "9"}),
        ("llm", {"7", "8", "9"}),
        ("LLMs", {"8"}),
        ("LLM을", {"7"}),
        ("GPT-4o", {"11"}),
        ("gpt-4O", {"11"}),
        ("Llama-3", {"13"}),
        ("llama", {"13", "14"}),
        ("언어 모델", {"4", "16", "18"}),
        ('"언어 모델"', {"4", "18"}),  # 언어모델을 too: with or without the space
        ('"language model"', {"15"}),
        ("language model", {"15", "16", "17"}),
        ('title:"language model"', {"15"}),
        ("title:language", {"15", "16"}),
        ("author:kim", {"17"}),
        ("authors:Kim", {"17"}),
        ("kim", {"17", "18"}),
        ("LLM -LLMs", {"7", "9"}),
        ("모델 -언어", {"1", "2", "3"}),
        ("데이터셋 OR GPT-4o", {"5", "11"}),
        ("모", {"1", "2", "3", "4", "6", "16", "18"}),  # 모으고 too: substring
    ],
)
def test_search_finds_what_a_korean_reader_expects(corpus_index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(corpus_index, query) == expected


def test_index_agrees_with_the_query_rules_on_the_seeds(tmp_path: Path, seeds_dir: Path) -> None:
    papers = [p for path in sorted(seeds_dir.glob("*.md")) for p in read_digest(path).papers]
    index = SearchIndex(tmp_path / "index")
    index.update([], papers)
    for text in ["모델", "데이터셋", "벤치마크", "LLM", "GPT-4o", "Llama-3", "대규모 언어 모델", '"언어 모델"',
                 'title:"language model"', "author:kim", "비디오 -모델", "diffusion OR 확산", "학습", "ViT-B", "성"]:
        query = parse_query(text)
        truth = {
            p.arxiv_id
            for p in papers
            if query.matches_fields({"title": p.title, "authors": ", ".join(p.authors), "body": p.summary_text})
        }
        hits, total = index.search(query, None)
        assert {hit.arxiv_id for hit in hits} == truth, text
        assert total == len(truth), text
    index.close()


REPEATED = [
    paper("r1", body="데이터 분석과 셋. 그리고 데이터셋을 공개한 데이터 분석 연구"),  # only the later 데이터셋
    paper("r2", body="데이터 데이터 이터셋 셋 분석 데이터"),  # 이터셋: 이터 터셋 adjacent, no 데이 before
    paper("r3", body="데이터셋 데이터셋, 그리고 또 데이터셋"),
    paper("r4", body="데이터와 데이터, 터셋 분석"),
    paper("r5", body="분석 데이터 분석"),
]


@pytest.mark.parametrize("positions_cached", [600_000, 1])
def test_words_and_phrases_repeated_in_many_papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   positions_cached: int) -> None:
    """Adjacency is checked per paper even when each paper has the terms several times; the same
    answers when the positions read for a phrase were dropped from the cache and are read again."""
    from reader.index import engine

    monkeypatch.setattr(engine, "_CACHED_POSITIONS", positions_cached)
    index = SearchIndex(tmp_path / "index")
    index.update([], REPEATED)
    assert found(index, "데이터셋") == {"r1", "r3"}
    assert found(index, '"데이터 분석"') == {"r1", "r5"}
    assert found(index, "이터셋") == {"r1", "r2", "r3"}
    assert found(index, "데이터셋") == {"r1", "r3"}  # again, from the cached postings
    index.close()


def test_title_match_ranks_above_body_only_match(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.update([], [
        paper("body", title="Something else", body="확산 모델 확산 모델을 쓴 확산 연구. diffusion diffusion"),
        paper("title", title="Diffusion 확산 Models", body="다른 연구"),
    ])
    for query in ("확산", "diffusion"):
        hits, _ = index.search(parse_query(query), 10)
        assert [hit.arxiv_id for hit in hits] == ["title", "body"], query
    index.close()


def test_equal_scores_list_newer_papers_first(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    days = ["2024-01-02", "2024-03-01", "2023-12-31", "2024-02-15"]
    index.update([], [paper(f"p{i}", title="같은 제목", body="같은 요약 LLM", date=day) for i, day in enumerate(days)])
    for query in ("요약", "LLM"):
        hits, total = index.search(parse_query(query), 3)
        assert [hit.date for hit in hits] == ["2024-03-01", "2024-02-15", "2024-01-02"]
        assert total == 4
    index.close()


def test_limit_keeps_best_and_counts_all(corpus_index: SearchIndex) -> None:
    hits, total = corpus_index.search(parse_query("모델"), 2)
    assert len(hits) == 2
    assert total == 6
    assert hits[0].score >= hits[1].score


def test_hit_carries_the_entry_identity(corpus_index: SearchIndex) -> None:
    (hit,), _ = corpus_index.search(parse_query("데이터셋"), 5)
    assert (hit.source, hit.date, hit.arxiv_id) == ("/lib/a.md", "2024-08-01", "5")


def test_update_replaces_a_source_in_one_commit(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.update([], [paper("1", body="옛 모델", source="/a.md"), paper("2", body="다른 모델", source="/b.md")])
    index.update(["/a.md"], [paper("1", body="새 데이터셋", source="/a.md")])
    assert found(index, "모델") == {"2"}
    assert found(index, "데이터셋") == {"1"}
    assert index.doc_count() == 2
    index.update(["/a.md", "/b.md"], [])
    assert index.doc_count() == 0
    index.close()


def test_the_same_paper_on_two_days_is_two_entries(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    index.update([], [paper("1", body="모델", date="2024-01-01"), paper("1", body="모델", date="2024-01-02")])
    hits, total = index.search(parse_query("모델"), None)
    assert total == 2
    assert [hit.date for hit in hits] == ["2024-01-02", "2024-01-01"]
    index.close()


def test_index_survives_reopening(tmp_path: Path) -> None:
    first = SearchIndex(tmp_path / "index")
    assert first.was_reset
    first.update([], CORPUS)
    first.close()
    second = SearchIndex(tmp_path / "index")
    assert not second.was_reset
    assert found(second, "데이터셋") == {"5"}
    second.close()


def test_a_second_index_object_sees_new_commits(tmp_path: Path) -> None:
    reader_side = SearchIndex(tmp_path / "index")
    assert reader_side.doc_count() == 0 and found(reader_side, "LLM") == set()  # opened before the commit
    writer_side = SearchIndex(tmp_path / "index")
    writer_side.update([], [paper("1", body="LLM")])
    assert found(reader_side, "LLM") == {"1"}
    writer_side.close()
    reader_side.close()


def test_clear_empties_the_index(corpus_index: SearchIndex) -> None:
    corpus_index.clear()
    assert corpus_index.doc_count() == 0
    assert found(corpus_index, "모델") == set()


@pytest.mark.parametrize("damage", ["garbage_toc", "no_segments", "other_format", "no_format_file"])
def test_unusable_index_is_rebuilt_empty(tmp_path: Path, damage: str) -> None:
    directory = tmp_path / "index"
    index = SearchIndex(directory)
    index.update([], CORPUS)
    index.close()
    if damage == "garbage_toc":
        for toc in directory.glob("_MAIN_*.toc"):
            toc.write_bytes(b"\x00garbage")
    elif damage == "no_segments":
        for segment in directory.glob("MAIN_*.seg"):
            segment.unlink()
    elif damage == "other_format":
        (directory / search_index._FORMAT_FILE).write_text("korean-bigram-0\n")
    else:
        (directory / search_index._FORMAT_FILE).unlink()
    reopened = SearchIndex(directory)
    assert reopened.was_reset
    assert reopened.doc_count() == 0
    reopened.update([], CORPUS[:1])
    assert found(reopened, "모델") == {"1"}
    reopened.close()


def test_busy_index_gives_a_library_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = SearchIndex(tmp_path / "index")
    monkeypatch.setattr(search_index, "_LOCK_WAIT_S", 0.2)
    other_writer = whoosh_index.open_dir(str(tmp_path / "index")).writer()
    try:
        with pytest.raises(LibraryError, match="busy"):
            index.update([], CORPUS[:1])
    finally:
        other_writer.cancel()
    index.update([], CORPUS[:1])  # the lock is free again
    assert index.doc_count() == 1
    index.close()


def test_whoosh_failures_become_reader_errors(corpus_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(search_index.Searcher, "search_with_collector", broken)
    with pytest.raises(LibraryError, match="disk on fire"):
        corpus_index.search(parse_query("모델"), 5)


def test_index_package_does_not_import_qt() -> None:
    code = "import sys, reader.index.search_index, reader.index.query; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert "SyntaxWarning" not in result.stderr


def test_writer_spilling_to_disk_gives_the_same_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tiny memory budget forces the writer's spill-and-merge path used by very large updates."""
    real_writer = search_index.PaperWriter
    monkeypatch.setattr(search_index, "PaperWriter", lambda ix, limitmb: real_writer(ix, limitmb=0.01))
    index = SearchIndex(tmp_path / "index")
    index.update([], CORPUS)
    assert found(index, "모델") == {"1", "2", "3", "4", "16", "18"}
    assert found(index, '"language model"') == {"15"}
    assert found(index, "author:kim") == {"17"}
    index.close()


def _whoosh_ranking(index: SearchIndex, text: str) -> tuple[list[tuple[float, tuple[str, str, str]]], int]:
    """Whoosh's own exact collector on the same searcher: the reference the fast ranking must equal."""
    from whoosh.collectors import TopCollector

    searcher = index._current_searcher()
    collector = TopCollector(limit=searcher.doc_count_all(), usequality=False, replace=0)
    searcher.search_with_collector(parse_query(text).whoosh(), collector)
    results = collector.results()
    return [(round(score, 6), searcher.stored_fields(docnum)["ident"]) for score, docnum in results.top_n], len(results)


RANKING_QUERIES = ["모델", "데이터셋", "대규모 언어 모델", '"언어 모델"', "LLM", "llama", "GPT-4o", "diffusion OR 확산",
                   "비디오 -모델", "모델 -LLM -데이터", 'title:"language model"', "author:kim", "성", "학습 title:LLM"]


def test_ranking_and_totals_equal_whoosh_across_segments_and_deletions(tmp_path: Path, seeds_dir: Path) -> None:
    papers = [p for path in sorted(seeds_dir.glob("*.md")) for p in read_digest(path).papers]
    index = SearchIndex(tmp_path / "index")
    # Three commits (several segments) and a replaced source (deleted documents).
    index.update([], papers[:20])
    index.update([], papers[20:])
    index.update([papers[0].source], [p for p in papers if p.source == papers[0].source][:3])
    for text in RANKING_QUERIES:
        expected, expected_total = _whoosh_ranking(index, text)
        for limit in (None, 1, 5):
            hits, total = index.search(parse_query(text), limit)
            got = [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits]
            assert got == expected[:limit], (text, limit)
            assert total == expected_total, (text, limit)
    index.close()


def test_many_small_updates_merge_into_the_same_answers(tmp_path: Path, seeds_dir: Path) -> None:
    """Small segments are merged as commits pile up; the merged index answers like a fresh one."""
    papers = [p for path in sorted(seeds_dir.glob("*.md")) for p in read_digest(path).papers]
    merged = SearchIndex(tmp_path / "merged")
    for start in range(0, len(papers), 5):
        merged.update([], papers[start : start + 5])
        merged.merge_small()  # as Library.update does after each update
    merged.update([papers[7].source], [])  # deletions inside merged segments
    kept = [p for p in papers if p.source != papers[7].source]
    merged.update([], [paper("new", body="새 모델 LLM")])
    merged.merge_small()
    fresh = SearchIndex(tmp_path / "fresh")
    fresh.update([], [*kept, paper("new", body="새 모델 LLM")])
    with whoosh_index.open_dir(str(tmp_path / "merged")).reader() as reader:
        assert len(reader.leaf_readers()) < len(papers) // 5
    for text in RANKING_QUERIES:
        hits, total = merged.search(parse_query(text), None)
        fresh_hits, fresh_total = fresh.search(parse_query(text), None)
        assert total == fresh_total, text
        assert {(h.source, h.date, h.arxiv_id) for h in hits} == {(h.source, h.date, h.arxiv_id) for h in fresh_hits}
        ranking = [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits]
        assert (ranking, total) == _whoosh_ranking(merged, text), text
    merged.close()
    fresh.close()
