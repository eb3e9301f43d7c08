"""Hangul words across the spaces of a compound, position-free run suffixes, and the format change."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.collectors import TopCollector

from reader.core.errors import InvalidQueryError
from reader.core.models import Paper, Section
from reader.index import engine, search_index
from reader.index.query import parse_query
from reader.index.search_index import INDEX_FORMAT, SearchIndex
from reader.library import Library


def paper(arxiv_id: str, body: str = "", title: str = "제목 없음", authors: tuple[str, ...] = ("A. Author",),
          source: str = "/lib/s.md") -> Paper:
    return Paper(arxiv_id=arxiv_id, date="2025-02-03", title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=1,
                 authors=authors, sections=(Section(None, body),), source=source)


CORPUS = [
    paper("glued", body="우리는 강화학습으로 정책을 다듬었다."),
    paper("spaced", body="여기서는 강화 학습을 써서 로봇을 움직인다."),
    paper("tab", body="강화\t학습 기반의 방법"),
    paper("comma", body="성능을 강화, 학습 속도도 높였다."),  # punctuation between: not the compound
    paper("newline", body="보상을 강화\n학습 곡선을 그렸다."),  # a line break: not the compound
    paper("three", title="대형 언어 모델의 평가", body="벤치마크를 만들었다."),
    paper("two", body="대형 언어모델을 미세 조정했다."),
    paper("one", body="대형언어모델은 크다."),
    paper("college", body="대학 습관 조사"),  # 학습 with one syllable before the space: no
    paper("unknown", body="모델이 미지의 환경에 놓인다."),  # 이미지 across 이 | 미지: no
    paper("image", body="이미지 생성 모델을 학습했다."),
    paper("data", body="새 데이터셋을 공개했다. 데이터 셋은 작다."),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = SearchIndex(tmp_path_factory.mktemp("spacing") / "index")
    built.update([], CORPUS)
    yield built
    built.close()


def found(index: SearchIndex, text: str) -> set[str]:
    hits, total = index.search(parse_query(text), None)
    assert total == len(hits)
    return {hit.arxiv_id for hit in hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("강화학습", {"glued", "spaced", "tab"}),
        ('"강화 학습"', {"glued", "spaced", "tab"}),
        ("강화 학습", {"glued", "spaced", "tab", "comma", "newline"}),  # two words, each anywhere
        ("언어모델", {"three", "two", "one"}),
        ("대형언어모델", {"three", "two", "one"}),
        ("대형 언어모델", {"three", "two", "one"}),
        ('"대형 언어 모델"', {"three", "two", "one"}),
        ("모델", {"three", "two", "one", "unknown", "image"}),  # particles and compounds as before
        ("학습", {"glued", "spaced", "tab", "comma", "newline", "image"}),
        ("이미지", {"image"}),
        ("데이터셋", {"data"}),  # 데이터 셋 has one syllable after the space
        ('"데이터 셋"', {"data"}),
        ("title:언어모델", {"three"}),
        ("강화학습 -로봇", {"glued", "tab"}),
    ],
)
def test_hangul_words_match_across_the_spaces_of_a_compound(index: SearchIndex, text: str, expected: set[str]) -> None:
    assert found(index, text) == expected


def test_the_index_agrees_with_the_query_rules(index: SearchIndex) -> None:
    for text in ["강화학습", '"강화 학습"', "대형언어모델", "이미지", "학습", "데이터셋", '"데이터 셋"', "모델 학습"]:
        query = parse_query(text)
        truth = {p.arxiv_id for p in CORPUS
                 if query.matches_fields({"title": p.title, "authors": ", ".join(p.authors), "body": p.summary_text})}
        assert found(index, text) == truth, text


@pytest.mark.parametrize(
    ("text", "body", "pieces"),
    [
        ("강화학습", "강화 학습과 강화학습, 그리고 강화, 학습", ["강화 학습", "강화학습"]),
        ('"강화 학습"', "강화학습을 했다", ["강화학습"]),
        ("대형언어모델", "대형 언어 모델과 대형 언어모델", ["대형 언어 모델", "대형 언어모델"]),
        ("학습", "대학 습관과 학습", ["학습"]),
        ("reinforcement learning", "Reinforcement learning and learning", ["Reinforcement", "learning", "learning"]),
    ],
)
def test_highlight_covers_what_matched(text: str, body: str, pieces: list[str]) -> None:
    query = parse_query(text)
    assert [body[start:end] for start, end in query.highlight("body", body)] == pieces


def test_highlight_in_titles_and_authors() -> None:
    query = parse_query("강화학습 김민")
    assert query.highlight("title", "심층 강화 학습 연구") == [(3, 8)]
    assert query.highlight("authors", "김민수") == [(0, 2)]


def test_a_word_inside_one_run_reads_no_positions(index: SearchIndex, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """Three or more syllables inside one run come from the position-free run suffixes alone."""
    fresh = SearchIndex(tmp_path / "index")
    fresh.update([], [paper("a", body="새 데이터셋을 만들었다"), paper("b", body="데이터셋과 모델"),
                      paper("c", body="이터 셋")])

    def no_positions(*_args: object) -> object:
        raise AssertionError("positions were read")

    monkeypatch.setattr(engine.Snapshot, "position_keys", no_positions)
    assert found(fresh, "데이터셋") == {"a", "b"}  # 데이터셋: no document has 데이 and 터셋 apart
    assert found(fresh, "이터셋") == {"a", "b"}
    fresh.close()


def _whoosh_ranking(index: SearchIndex, text: str) -> tuple[list[tuple[float, tuple[str, str, str]]], int]:
    searcher = index._current_searcher()
    collector = TopCollector(limit=searcher.doc_count_all(), usequality=False, replace=0)
    searcher.search_with_collector(parse_query(text).whoosh(), collector)
    results = collector.results()
    return [(round(score, 6), searcher.stored_fields(docnum)["ident"]) for score, docnum in results.top_n], len(results)


@pytest.mark.parametrize("text", ["강화학습", '"강화 학습"', "대형언어모델", '"대형 언어 모델"', "데이터셋",
                                  '"데이터 셋"'])
def test_scores_equal_whoosh_own_searcher(index: SearchIndex, text: str) -> None:
    expected, total = _whoosh_ranking(index, text)
    hits, found_total = index.search(parse_query(text), None)
    assert found_total == total
    assert [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits] == expected


def test_spacing_variants_score_alike(index: SearchIndex) -> None:
    """A Hangul word scores its bigrams: the spaced form only lacks the one across the space."""
    hits, _ = index.search(parse_query('"강화 학습"'), None)
    scores = {hit.arxiv_id: hit.score for hit in hits}
    assert scores["glued"] == pytest.approx(scores["spaced"], rel=0.3)


SYLLABLES = [*"가나다모델학습강화", "ViT", "vits", "Vital", "LLM", "ab"]
SEPARATORS = ["", "", "", " ", " ", "  ", ", ", "\n", ". ", "\t", "-"]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) + rng.choice(SEPARATORS) for _ in range(rng.randint(3, 25)))


def test_random_texts_and_queries_agree_with_the_rules(tmp_path: Path) -> None:
    """Whatever the spacing, the index answers exactly what the highlight rules say (no extra, none missing)."""
    rng = random.Random(7)
    papers = [paper(f"r{i}", body=random_text(rng), title=random_text(rng)) for i in range(400)]
    index = SearchIndex(tmp_path / "index")
    index.update([], papers)
    queries = []
    for _ in range(300):
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 3))]
        queries.append(" ".join(words) if rng.random() < 0.5 else '"' + " ".join(words) + '"')
    checked = 0
    for text in queries:
        try:
            query = parse_query(text)
        except InvalidQueryError:  # a stop word alone
            continue
        truth = {p.arxiv_id for p in papers
                 if query.matches_fields({"title": p.title, "authors": ", ".join(p.authors), "body": p.summary_text})}
        assert found(index, text) == truth, text
        checked += bool(truth)
    assert checked > 50
    index.close()


def test_an_index_of_the_previous_format_is_rebuilt_once(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-02-03.md").write_text(
        "## Daily Papers (2025-02-03)\n\n### [강화 학습 연구](https://arxiv.org/abs/2502.00001)\n\n"
        "Authors: Kim Lee\n\n- 로봇 팔을 위한 강화 학습 방법을 제안한다.\n", encoding="utf-8")
    with Library(data_dir) as library:
        library.add_sources([folder])
        library.update()
        assert [hit.paper.arxiv_id for hit in library.search("강화학습").hits] == ["2502.00001"]
    (data_dir / "index" / search_index._FORMAT_FILE).write_text("korean-bigram-3\n", encoding="utf-8")
    with Library(data_dir) as library:
        report = library.update()
        assert report.changed == report.files > 1  # every digest read again (the seeds too)
        assert [hit.paper.arxiv_id for hit in library.search("강화학습").hits] == ["2502.00001"]
    assert (data_dir / "index" / search_index._FORMAT_FILE).read_text(encoding="utf-8").strip() == INDEX_FORMAT
    with Library(data_dir) as library:
        assert library.update().changed == 0  # once
        assert library.search('"강화 학습"').total == 1
