"""The command line is a contract other tools drive: exact JSON keys, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run

PAPER_KEYS = {"arxiv_id", "date", "title", "url", "votes", "authors", "authors_truncated", "media", "sections",
              "starred", "read", "source", "tags", "note"}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    result = run(data_dir, "index")
    assert result.returncode == 0, result.stderr
    return data_dir


def test_index_prints_summary_of_the_seeds(indexed: Path) -> None:
    result = run(indexed, "index")
    assert result.returncode == 0
    assert result.stdout.startswith("5 files (0 parsed, 5 unchanged, 0 removed), 52 papers, 0 skipped")


def test_list_json_has_exactly_the_contract_keys(indexed: Path) -> None:
    result = run(indexed, "list", "--json")
    papers = json.loads(result.stdout)
    assert len(papers) == 52
    assert all(set(paper) == PAPER_KEYS for paper in papers)
    dates = [paper["date"] for paper in papers]
    assert dates == sorted(dates, reverse=True)
    first = papers[0]
    assert first["date"] == "2024-11-20" and first["source"].endswith("2024-11-20.md")
    assert first["media"]["kind"] == "image" and first["media"]["url"].startswith("https://")


def test_list_by_date(indexed: Path) -> None:
    papers = json.loads(run(indexed, "list", "--date", "2024-07-04", "--json").stdout)
    assert len(papers) == 9 and {paper["date"] for paper in papers} == {"2024-07-04"}
    votes = [paper["votes"] for paper in papers]
    assert votes == sorted(votes, reverse=True)


def test_star_then_list_starred_and_unread(indexed: Path, tmp_path: Path) -> None:
    assert run(indexed, "star", "2407.21783").returncode == 0
    assert run(indexed, "read", "2411.12275").returncode == 0
    starred = json.loads(run(indexed, "list", "--starred", "--json").stdout)
    assert [paper["arxiv_id"] for paper in starred] == ["2407.21783"]
    assert starred[0]["starred"] is True
    unread = json.loads(run(indexed, "list", "--unread", "--json").stdout)
    assert len(unread) == 51 and "2411.12275" not in {paper["arxiv_id"] for paper in unread}
    assert run(indexed, "unstar", "2407.21783").returncode == 0
    assert json.loads(run(indexed, "list", "--starred", "--json").stdout) == []
    assert run(indexed, "unread", "2411.12275").returncode == 0


def test_search_json_adds_score(indexed: Path) -> None:
    result = run(indexed, "search", "Llama", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    assert all(set(hit) == PAPER_KEYS | {"score"} for hit in hits)
    assert hits[0]["arxiv_id"] == "2407.21783"  # "The Llama 3 Herd of Models": a title match ranks first


def test_show_text_and_json(indexed: Path) -> None:
    text = run(indexed, "show", "2407.21783")
    assert text.returncode == 0 and "The Llama 3 Herd of Models" in text.stdout
    shown = json.loads(run(indexed, "show", "2407.21783v2", "--json").stdout)
    assert [paper["date"] for paper in shown] == ["2024-08-01"]


def test_table_output_is_readable(indexed: Path) -> None:
    lines = run(indexed, "list", "--date", "2024-11-20").stdout.splitlines()
    assert len(lines) == 8
    assert lines[0].startswith("2024-11-20") and "2411." in lines[0]


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "*", "title:", "x" * 10_000, ")))"])
def test_hostile_queries_answer_or_exit_2_without_traceback(indexed: Path, query: str) -> None:
    result = run(indexed, "search", query, "--json")
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert isinstance(json.loads(result.stdout), list)
    else:
        assert result.returncode == 2 and result.stderr.startswith("daily-papers: invalid query:")


@pytest.mark.parametrize("args", [("show", "not-an-id"), ("star",), ("list", "--date", "2024-13-45"),
                                  ("search", "x", "--limit", "0"), ("frobnicate",)])
def test_usage_errors_exit_2(indexed: Path, args: tuple[str, ...]) -> None:
    result = run(indexed, *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr


def test_unknown_paper_exits_1_with_message(indexed: Path) -> None:
    result = run(indexed, "show", "1111.11111")
    assert result.returncode == 1 and "not in the library" in result.stderr


def test_index_reports_broken_digest_by_file_and_line_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "good.md").write_text(
        "## Daily Papers (2025-01-02)\n\n### [Good paper](https://arxiv.org/abs/2501.00001)\n\nVote: 3\n", "utf-8")
    (folder / "broken.md").write_text(
        "## Daily Papers (2025-01-03)\n\n### [No link here]\n\n### [Fine](https://arxiv.org/abs/2501.00002)\n", "utf-8")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02garbage\x00")
    result = run(tmp_path / "data", "index", str(folder))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"{folder / 'broken.md'}:3:" in result.stdout
    assert f"{folder / 'binary.md'}" in result.stdout
    ids = {paper["arxiv_id"] for paper in json.loads(run(tmp_path / "data", "list", "--json").stdout)}
    assert {"2501.00001", "2501.00002"} <= ids and len(ids) == 54


def test_data_dir_from_environment(tmp_path: Path) -> None:
    env = {**os.environ, "DAILY_PAPERS_DATA_DIR": str(tmp_path / "env-data"), "PYTHONWARNINGS": "ignore"}
    result = subprocess.run([sys.executable, "-m", "reader", "star", "2411.12275"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    assert (tmp_path / "env-data" / "state.sqlite").exists()


def test_index_a_clone_of_the_public_archive_layout(tmp_path: Path) -> None:
    """`daily-papers index DIR` on a clone laid out as paper_logs/YYYY/MM/DD.md finds every day below it."""
    seed = (Path(__file__).resolve().parents[2] / "seeds" / "2024-04-02.md").read_text(encoding="utf-8")
    days = ["2024-12-31", "2025-01-02", "2025-02-10"]
    for day in days:
        year, month, dom = day.split("-")
        digest = tmp_path / "daily_papers_ko" / "paper_logs" / year / month / f"{dom}.md"
        digest.parent.mkdir(parents=True, exist_ok=True)
        digest.write_text(seed.replace("## Daily Papers (2024-04-02)", f"## Daily Papers ({day})"), "utf-8")
    (tmp_path / "daily_papers_ko" / "README.md").write_text("# Daily Papers (Korean)\n\nAn index page.\n", "utf-8")

    result = run(tmp_path / "data", "index", str(tmp_path / "daily_papers_ko"))
    assert result.returncode == 0, result.stderr
    listed_days = {paper["date"] for paper in json.loads(run(tmp_path / "data", "list", "--json").stdout)}
    assert set(days) <= listed_days
