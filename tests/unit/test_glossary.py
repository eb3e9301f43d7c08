"""The bilingual glossary: mining pairs from summaries, the evidence rule, the store, expansion in search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.models import Paper, Section
from reader.index.expansion import Glossary
from reader.index.glossary import build, paper_evidence
from reader.index.glossary_mining import (
    Evidence,
    abbreviation_fits,
    abbreviation_key,
    english_key,
    is_abbreviation,
    korean_key,
    mine,
)
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex
from reader.library import Library
from reader.stores.glossary import GlossaryStore


def paper(arxiv_id: str, body: str, title: str = "Untitled", source: str = "/lib/g.md") -> Paper:
    return Paper(arxiv_id=arxiv_id, date="2025-04-05", title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=1,
                 authors=("A. Author",), sections=(Section(None, body),), source=source)


# Summaries of our own making, in the house style of the digests.
SUMMARIES = [
    "이 연구는 강화학습(Reinforcement Learning; RL)으로 로봇 팔을 제어한다.",
    "우리는 강화 학습(RL)을 써서 보상을 최적화한다.",
    "오프라인 강화 학습(Reinforcement Learning)의 한계를 다룬다.",
    "최근 대형 언어 모델(Large Language Models; LLMs)은 추론을 잘한다.",
    "이 논문은 대형 언어 모델(LLM)의 환각을 줄인다.",
    "기존 대형 언어모델(large language model, LLM) 평가를 넘어선다.",
    "새로운 직접 선호 최적화(Direct Preference Optimization; DPO) 변형을 제안한다.",
    "우리는 직접 선호 최적화(DPO)로 정렬한다.",
    "Segment Anything Model (SAM)을 의료 영상에 적용한다.",
    "Sharpness-Aware Minimization(SAM)은 일반화를 돕는다.",
    "분할 모델(SAM)을 개선한다.",
    "평탄도 인지 최소화(SAM)를 쓴다.",
    "단 한 번만 나오는 희귀 개념(Rare Concept; RC)이다.",
    "LoRA(저랭크 적응)를 쓴다. 저랭크 적응(Low-Rank Adaptation; LoRA)은 가볍다.",
]
PAPERS = [paper(f"2501.{i:05d}", text) for i, text in enumerate(SUMMARIES)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("강화학습(Reinforcement Learning; RL)으로", [Evidence("강화학습", True, "Reinforcement Learning", "RL")]),
        ("최근 대형 언어 모델(Large Language Models, LLMs)은",
         [Evidence("대형 언어 모델", True, "Large Language Models", "LLMs")]),
        ("이는 광학 흐름(optical flow)을", [Evidence("광학 흐름", True, "optical flow", "")]),
        ("LLM (대규모 언어 모델)에서", [Evidence("대규모 언어 모델", False, "", "LLM")]),
        ("업데이트당 perplexity(혼란도)는", [Evidence("혼란도", False, "perplexity", "")]),
        ("Neural Radiance Fields (NeRFs)는", [Evidence("", False, "Neural Radiance Fields", "NeRFs")]),
        ("모델을 위한 시각-언어 모델(VLM)", [Evidence("시각-언어 모델", True, "", "VLM")]),
        ("정확도(95.3%)와 속도(2배)", []),
        ("모델 크기(예: 7B)", []),
        ("확산 모델(Ho et al. 2020)", []),
        ("GPT-4o(OpenAI)와 비교", []),
        ("(1) 첫째 (2) 둘째", []),
        ("정책 최적화(Policy Optimization, PO)와 지도 학습(Supervised Fine-Tuning, SFT)",
         [Evidence("정책 최적화", True, "Policy Optimization", "PO"),
          Evidence("지도 학습", True, "Supervised Fine-Tuning", "SFT")]),
    ],
)
def test_mining_reads_the_parenthesis_styles(text: str, expected: list[Evidence]) -> None:
    assert mine(text) == expected


def test_normalisation() -> None:
    assert english_key("Large Language Models") == english_key("large-language model") == "large language model"
    assert english_key("Strategies") == "strategy" and english_key("inductive bias") == "inductive bias"
    assert abbreviation_key("LLMs") == abbreviation_key("LLM") == "LLM"
    assert korean_key("강화 학습") == korean_key("강화학습") == korean_key("강화-학습")
    assert is_abbreviation("NeRF") and is_abbreviation("NR-IQA") and is_abbreviation("I2I")
    assert not is_abbreviation("TokenPacker") and not is_abbreviation("model") and not is_abbreviation("A")
    assert abbreviation_fits("LLM", "Large Language Models") and abbreviation_fits("CoT", "chain of thought")
    assert not abbreviation_fits("RL", "policy optimization")


def test_the_glossary_keeps_pairs_that_two_papers_write() -> None:
    entries = build(row for p in PAPERS for row in paper_evidence(p))
    pairs = {(entry.korean, entry.english, entry.abbreviations): entry.papers for entry in entries}
    assert pairs[("대형 언어 모델", ("large language model",), ("LLM",))] == 3
    assert pairs[("강화 학습", ("reinforcement learning",), ("RL",))] == 3  # 강화학습 and 강화 학습 are one form
    assert pairs[("직접 선호 최적화", ("direct preference optimization",), ("DPO",))] == 2
    assert not any(entry.korean == "희귀 개념" for entry in entries)  # one paper only
    assert not any(entry.korean.startswith(("최근", "우리는", "오프라인")) for entry in entries)  # not part of the term


def test_an_abbreviation_of_two_unrelated_terms_is_ambiguous() -> None:
    entries = build(row for p in PAPERS for row in paper_evidence(p))
    assert not any("SAM" in entry.abbreviations for entry in entries)
    glossary = Glossary(entries)
    assert glossary.lookup("SAM", typed="SAM") == []
    assert [[c.text for c in option] for option in parse_query("SAM", glossary).required[0]] == [["SAM"]]


def test_expansion_adds_the_other_forms() -> None:
    glossary = Glossary(build(row for p in PAPERS for row in paper_evidence(p)))

    def options(text: str) -> list[list[str]]:
        return [[c.text for c in option] for option in parse_query(text, glossary).required[0]]

    assert options("강화학습") == [["강화학습"], ["reinforcement learning"], ["RL"]]
    assert options('"강화 학습"') == [["강화 학습"], ["reinforcement learning"], ["RL"]]
    # Words that name a term are that term (one phrase); the English normal form matches plurals and hyphens.
    assert options("reinforcement learning") == [["reinforcement learning"], ["강화 학습"], ["reinforcement learning"],
                                                 ["RL"]]
    assert options("RL") == [["RL"], ["강화 학습"], ["reinforcement learning"]]
    assert options("rl") == [["rl"]]  # not typed as an abbreviation
    assert options("대형 언어 모델") == [["대형 언어 모델"], ["large language model"], ["LLM"]]
    assert options("LLMs") == [["LLMs"], ["대형 언어 모델"], ["large language model"]]
    title = parse_query("title:강화학습", glossary).required[0]
    assert {option[0].field for option in title} == {"title"}
    excluded = parse_query("모델 -RL", glossary)
    assert [c.text for c in excluded.excluded] == ["RL"]
    exact = parse_query("대형 언어 모델")  # no glossary: three words, each anywhere
    assert [[c.text for c in option] for group in exact.required for option in group] == [["대형"], ["언어"], ["모델"]]


def test_a_term_with_a_stop_word_is_found() -> None:
    rows = [(f"p{i}", "연쇄적 사고", True, "Chain of Thought", "CoT") for i in range(3)]
    glossary = Glossary(build(rows))
    group = parse_query("chain of thought prompting", glossary).required[0]
    assert [[c.text for c in option] for option in group] == [
        ["chain of thought"], ["연쇄적 사고"], ["chain of thought"], ["CoT"]]
    assert len(parse_query("chain of thought prompting", glossary).required) == 2


def test_expanded_search_finds_every_form(tmp_path: Path) -> None:
    glossary = Glossary(build(row for p in PAPERS for row in paper_evidence(p)))
    index = SearchIndex(tmp_path / "index")
    docs = [paper("ko", "강화 학습으로 걷는다"), paper("en", "Reinforcement learning for walking"),
            paper("ab", "An RL agent walks"), paper("rlhf", "RLHF aligns"), paper("none", "걷기 연구")]
    index.update([], docs)

    def found(text: str, exact: bool = False) -> set[str]:
        hits, total = index.search(parse_query(text, None if exact else glossary), None)
        assert total == len(hits)
        return {hit.arxiv_id for hit in hits}

    for text in ("강화학습", "reinforcement learning", "RL", '"강화 학습"'):
        assert found(text) == {"ko", "en", "ab"}, text
    assert found("강화학습", exact=True) == {"ko"}
    assert found("RL", exact=True) == {"ab"}
    assert found("reinforcement learning 걷는다") == {"ko"}
    query = parse_query("RL", glossary)
    assert query.highlight("body", "강화 학습과 RL, reinforcement learnings") == [(0, 5), (7, 9), (11, 34)]
    index.close()


def test_the_store_replaces_evidence_per_file(tmp_path: Path) -> None:
    store = GlossaryStore(tmp_path / "glossary.sqlite",
                          build=lambda pairs: [("강화 학습", (), ("RL",), len(pairs), (), "a:RL")])
    assert store.was_reset  # a new file: the library must read every digest into it
    store.replace_rows([], [("/a.md", "1", "강화 학습", True, "", "RL"), ("/b.md", "2", "강화학습", True, "", "RL")])
    assert store.dirty()
    store.refresh()
    assert not store.dirty() and store.entries() == [("강화 학습", (), ("RL",), 2, (), "a:RL")]
    first = store.cached(len)
    store.replace_rows(["/a.md"], [])
    assert [row[0] for row in store.evidence()] == ["2"]
    assert store.cached(len) == first  # the entries did not change yet
    store.close()
    reopened = GlossaryStore(tmp_path / "glossary.sqlite")
    assert not reopened.was_reset and reopened.dirty()
    reopened.close()
    (tmp_path / "glossary.sqlite").write_bytes(b"not a database at all" * 10)
    damaged = GlossaryStore(tmp_path / "glossary.sqlite")
    assert damaged.was_reset and damaged.evidence() == []
    damaged.replace_rows([], [("/a.md", "1", "강화 학습", True, "", "RL")])
    damaged.close()
    other = sqlite3.connect(tmp_path / "glossary.sqlite")
    other.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    other.commit()
    other.close()
    older = GlossaryStore(tmp_path / "glossary.sqlite")  # another schema: replaced
    assert older.was_reset and older.evidence() == []
    older.close()


def test_an_empty_file_another_process_is_creating_is_completed_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "glossary.sqlite"
    path.touch()
    inode = path.stat().st_ino
    store = GlossaryStore(path)
    assert store.was_reset and path.stat().st_ino == inode
    second = GlossaryStore(path)  # the tables are there now: this one did not create them
    assert not second.was_reset
    store.close()
    second.close()


def test_a_read_only_data_directory_reads_the_glossary_as_it_is(tmp_path: Path) -> None:
    store = GlossaryStore(tmp_path / "glossary.sqlite")
    store.set_entries([("강화 학습", ("reinforcement learning",), ("RL",), 2, (), "e:reinforcement learning")])
    store.close()
    read_only = GlossaryStore(tmp_path / "glossary.sqlite", read_only=True)
    assert [entry[0] for entry in read_only.entries()] == ["강화 학습"]
    read_only.replace_rows([], [("/a.md", "1", "강화 학습", True, "", "RL")])  # nothing is written
    assert read_only.evidence() == []
    read_only.close()
    missing = GlossaryStore(tmp_path / "none" / "glossary.sqlite", read_only=True)
    assert missing.entries() == [] and not missing.was_reset
    missing.close()


def _digest(path: Path, day: str, papers: list[tuple[str, str]]) -> None:
    lines = [f"## Daily Papers ({day})", ""]
    for arxiv_id, body in papers:
        lines += [f"### [Paper {arxiv_id}](https://arxiv.org/abs/{arxiv_id})", "", "Authors: Kim Lee", "", f"- {body}",
                  ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_library_mines_while_indexing_and_forgets_removed_files(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    _digest(folder / "2025-04-01.md", "2025-04-01", [("2504.00001", "보상 모델링(Reward Modeling; RWM)을 다룬다.")])
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        library.update()
        assert library.glossary() == []  # one paper is not enough
        _digest(folder / "2025-04-02.md", "2025-04-02", [("2504.00002", "우리는 보상 모델링(RWM)을 개선한다."),
                                                          ("2504.00003", "reward modeling 없이 학습한다.")])
        library.update()
        (entry,) = library.glossary()
        assert (entry.korean, entry.english, entry.abbreviations, entry.papers) == (
            "보상 모델링", ("reward modeling",), ("RWM",), 2)
        assert library.glossary("RWM") == [entry] and library.glossary("보상모델링") == [entry]
        assert library.glossary("diffusion") == []
        found = {hit.paper.arxiv_id for hit in library.search("보상 모델링").hits}
        assert found == {"2504.00001", "2504.00002", "2504.00003"}
        assert {hit.paper.arxiv_id for hit in library.search("보상 모델링", exact=True).hits} == {"2504.00001",
                                                                                           "2504.00002"}
        (folder / "2025-04-01.md").unlink()
        library.update()
        assert library.glossary() == []  # its evidence left with the file


def test_a_lost_glossary_file_makes_the_library_read_everything_again(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.update()
        assert library.glossary()  # the seeds have pairs
    (data_dir / "glossary.sqlite").unlink()
    with Library(data_dir) as library:
        report = library.update()
        assert report.changed == report.files
        assert library.glossary()


def test_expanded_queries_rank_as_whoosh_and_agree_with_the_rules(tmp_path: Path) -> None:
    from whoosh.collectors import TopCollector

    glossary = Glossary(build(row for p in PAPERS for row in paper_evidence(p)))
    docs = [*PAPERS, paper("x1", "대형 언어 모델과 LLM, large language models"),
            paper("x2", "RL과 강화학습 그리고 보상"),
            paper("x3", "Direct preference optimization (DPO) 연구", title="직접 선호 최적화")]
    index = SearchIndex(tmp_path / "index")
    index.update([], docs)
    searcher = index._current_searcher()
    for text in ("LLM", "대형 언어 모델 평가", "강화학습 -로봇", "title:DPO", "reinforcement learning OR DPO"):
        query = parse_query(text, glossary)
        collector = TopCollector(limit=searcher.doc_count_all(), usequality=False, replace=0)
        searcher.search_with_collector(query.whoosh(), collector)
        expected = [(round(score, 6), searcher.stored_fields(docnum)["ident"])
                    for score, docnum in collector.results().top_n]
        hits, total = index.search(query, None)
        assert [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits] == expected, text
        truth = {p.arxiv_id for p in docs
                 if query.matches_fields({"title": p.title, "authors": ", ".join(p.authors), "body": p.summary_text})}
        assert {hit.arxiv_id for hit in hits} == truth and total == len(truth), text
    index.close()
