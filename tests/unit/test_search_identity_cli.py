"""Look-up by identity (an arXiv id or paper URL as the query), search --exact and the glossary command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.library import Library
from tests.unit.cli_runner import run

DAYS = {
    "2025-05-01": [("2505.00011", "Diffusion for robots", "확산 모델(Diffusion Models; DMs)로 로봇 동작을 만든다."),
                   ("2505.00012", "A study of 2505.00011", "2505.00011을 다시 평가한다. 강화 학습은 쓰지 않는다.")],
    "2025-05-02": [("2505.00011", "Diffusion for robots", "확산 모델(DMs)로 로봇 동작을 만든다. 둘째 날."),
                   ("2505.00013", "Walking policies", "강화학습(Reinforcement Learning; RL)으로 걷는다."),
                   ("2505.00014", "Policy search", "우리는 강화 학습(RL)과 diffusion models를 섞는다.")],
}


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    for day, papers in DAYS.items():
        lines = [f"## Daily Papers ({day})", ""]
        for arxiv_id, title, body in papers:
            lines += [f"### [{title}](https://arxiv.org/abs/{arxiv_id})", "", "Authors: Mina Park, Leo Kim", "",
                      f"- {body}", ""]
        (folder / f"{day}.md").write_text("\n".join(lines), encoding="utf-8")
    data = tmp_path / "data"
    with Library(data) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        library.update()
    return data


@pytest.mark.parametrize("query", ["2505.00011", "2505.00011v3", " 2505.00011 ", "https://arxiv.org/abs/2505.00011v2",
                                   "arxiv.org/pdf/2505.00011.pdf", "https://huggingface.co/papers/2505.00011"])
def test_an_id_or_url_shows_that_paper_first_on_all_its_days(library_dir: Path, query: str) -> None:
    with Library(library_dir) as library:
        result = library.search(query, limit=None)
        assert [(hit.paper.arxiv_id, hit.paper.date) for hit in result.hits[:2]] == [
            ("2505.00011", "2025-05-02"), ("2505.00011", "2025-05-01")]
        assert result.total == len(result.hits)
        assert result.hits[0].score > max((hit.score for hit in result.hits[2:]), default=0.0)
        limited = library.search(query, limit=1)
        assert [hit.paper.arxiv_id for hit in limited.hits] == ["2505.00011"] and limited.total == result.total


def test_an_id_counts_a_paper_that_also_mentions_it_once(library_dir: Path) -> None:
    with Library(library_dir) as library:
        result = library.search("2505.00011", limit=None)
        assert [hit.paper.arxiv_id for hit in result.hits] == ["2505.00011", "2505.00011", "2505.00012"]
        assert result.total == 3
        assert library.search("2599.99999").total == 0  # not in the library: an ordinary (empty) search


def test_cli_search_exact_and_json_keys(library_dir: Path) -> None:
    expanded = run(library_dir, "search", "강화학습", "--json")
    exact = run(library_dir, "search", "강화학습", "--exact", "--json")
    assert expanded.returncode == exact.returncode == 0, expanded.stderr + exact.stderr
    found = {obj["arxiv_id"] for obj in json.loads(expanded.stdout)}
    assert found == {"2505.00012", "2505.00013", "2505.00014"}  # 강화 학습, RL too
    assert {obj["arxiv_id"] for obj in json.loads(exact.stdout)} == {"2505.00012", "2505.00013", "2505.00014"}
    only_rl = run(library_dir, "search", "RL", "--exact", "--json")
    assert {obj["arxiv_id"] for obj in json.loads(only_rl.stdout)} == {"2505.00013", "2505.00014"}
    keys = {"arxiv_id", "date", "title", "url", "votes", "authors", "authors_truncated", "media", "sections", "starred",
            "read", "source", "tags", "note", "score"}
    assert all(set(obj) == keys for obj in json.loads(expanded.stdout))
    by_id = run(library_dir, "search", "https://arxiv.org/abs/2505.00011", "--json")
    assert [obj["arxiv_id"] for obj in json.loads(by_id.stdout)][:2] == ["2505.00011", "2505.00011"]


def test_cli_glossary(library_dir: Path) -> None:
    listed = run(library_dir, "glossary", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert not any(entry["korean"] == "확산 모델" for entry in entries)  # one paper (on two days) is not enough
    rl = {"korean": "강화 학습", "english": ["reinforcement learning"], "abbreviations": ["RL"], "papers": 2}
    assert rl in entries
    assert all(set(entry) == {"korean", "english", "abbreviations", "papers"} for entry in entries)
    one = run(library_dir, "glossary", "RL")
    assert one.returncode == 0 and one.stdout.splitlines() == ["강화 학습\treinforcement learning\tRL\t2 papers"]
    none = run(library_dir, "glossary", "양자 컴퓨팅", "--json")
    assert none.returncode == 0 and json.loads(none.stdout) == []
