"""Trends count what the search finds, period by period; emerging terms name the planted term first."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_runner import run

from reader.core.errors import InvalidQueryError
from reader.features.trends import period_bounds, period_of
from reader.library import Library

RL = "강화 학습(Reinforcement Learning; RL)을 사용해 정책을 학습합니다."
DIFFUSION = "확산 모델(Diffusion Model)로 이미지를 생성합니다."
FILLER = "이 논문은 새로운 벤치마크를 제시하고 여러 과제에서 평가합니다."


def paper_block(arxiv_id: str, title: str, votes: int, summary: str) -> str:
    return (f"### [{title}](https://arxiv.org/abs/{arxiv_id})\n\nVote: {votes}\n\n"
            f"Authors: Ada Lovelace, Alan Turing\n\n- ***What's New***: {summary}\n\n")


def write_day(folder: Path, day: str, papers: list[tuple[str, str, int, str]]) -> None:
    path = folder / day[:4] / day[5:7] / f"{day[8:]}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"## Daily Papers ({day})\n\n" + "".join(paper_block(*paper) for paper in papers), "utf-8")


def make_library(data_dir: Path, folder: Path) -> Library:
    library = Library(data_dir)
    library.set_seeds_hidden(True)
    library.add_sources([folder])
    library.update()
    return library


@pytest.fixture()
def digests(tmp_path: Path) -> Path:
    """Ten weeks from 2025-01-06, three papers a day on Mondays and Thursdays; RL grows, diffusion fades."""
    folder = tmp_path / "digests"
    start = date(2025, 1, 6)
    number = 0
    for week in range(10):
        for offset in (0, 3):
            day = (start + timedelta(weeks=week, days=offset)).isoformat()
            papers = []
            for slot in range(3):
                number += 1
                if slot < week // 3:
                    summary = RL
                elif slot == 2 and week < 5:
                    summary = DIFFUSION
                else:
                    summary = FILLER
                papers.append((f"2501.{number:05d}", f"Paper {number} on agents", (number * 7) % 23, summary))
            write_day(folder, day, papers)
    return folder


def search_counts(library: Library, term: str, by: str, exact: bool = False) -> dict[str, int]:
    counts: dict[str, int] = {}
    for hit in library.search(term, limit=None, exact=exact).hits:
        period = period_of(hit.paper.date, by)
        counts[period] = counts.get(period, 0) + 1
    return counts


@pytest.mark.parametrize("by", ["week", "month"])
@pytest.mark.parametrize("term", ["강화 학습", "RL", "reinforcement learning", "diffusion", "확산", "agents", "정책"])
def test_trend_counts_equal_the_search_counts(tmp_path: Path, digests: Path, term: str, by: str) -> None:
    with make_library(tmp_path / "data", digests) as library:
        points = library.trends([term], by=by)
        found = {point.period: point.papers for point in points if point.papers}
        assert found == search_counts(library, term, by)
        assert sum(point.total for point in points) == len(library.papers())


def test_glossary_forms_count_unless_exact(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        korean = sum(point.papers for point in library.trends(["강화 학습"]))
        english = sum(point.papers for point in library.trends(["reinforcement learning"], exact=True))
        assert korean == english > 0  # every RL paper writes both forms
        exact = {p.period: p.papers for p in library.trends(["RL"], exact=True) if p.papers}
        assert exact == search_counts(library, "RL", "month", exact=True)


def test_a_period_range_and_the_share(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        points = library.trends(["RL", "diffusion"], by="week", since="2025-02-03", until="2025-02-23")
        assert [(p.term, p.period) for p in points] == [
            ("RL", "2025-W06"), ("RL", "2025-W07"), ("RL", "2025-W08"),
            ("diffusion", "2025-W06"), ("diffusion", "2025-W07"), ("diffusion", "2025-W08")]
        week6 = points[0]
        assert (week6.papers, week6.total, week6.share) == (2, 6, pytest.approx(1 / 3))
        assert (week6.start, week6.end) == ("2025-02-03", "2025-02-09")
        papers = library.trend_papers("RL", week6.start, week6.end)
        assert len(papers) == week6.papers and all(week6.start <= p.date <= week6.end for p in papers)


def test_hidden_duplicate_entries_are_not_counted(tmp_path: Path, digests: Path) -> None:
    copy = tmp_path / "copy"
    day = "2025-03-10"  # week 10 of the fixture: RL in three papers of the day
    original = digests / "2025" / "03" / "10.md"
    (copy / "2025" / "03").mkdir(parents=True)
    (copy / "2025" / "03" / "10.md").write_text(original.read_text("utf-8"), "utf-8")
    with make_library(tmp_path / "data", digests) as library:
        library.add_sources([copy])
        library.update()
        points = {p.period: p.papers for p in library.trends(["RL"], by="week") if p.papers}
        assert points == search_counts(library, "RL", "week")
        assert points[period_of(day, "week")] == 6  # three a day on two days, the copy's entries hidden


def test_an_invalid_term_is_a_query_error(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library, pytest.raises(InvalidQueryError):
        library.trends(["the"])


def test_periods() -> None:
    assert period_of("2025-01-01", "week") == "2025-W01" and period_of("2024-12-30", "week") == "2025-W01"
    assert period_of("2025-02-28", "month") == "2025-02"
    assert period_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds("2025-W01") == (date(2024, 12, 30), date(2025, 1, 5))


def test_emerging_terms_name_the_planted_term_first(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    topics = ["벤치마크(benchmark) 평가", "비디오 생성(video generation)", "코드 생성(code generation)",
              "음성 인식(speech recognition)", "그래프 신경망(graph neural network)"]
    start = date(2025, 3, 3)
    for day_number in range(56):  # eight weeks: the planted term appears in the last four only
        day = start + timedelta(days=day_number)
        papers = []
        for slot in range(4):
            text = f"{topics[(day_number + slot) % len(topics)]} 연구입니다."
            if day_number >= 28 and slot < 2:
                text += " 우리는 Quokkaformer 구조를 제안합니다."
            papers.append((f"2503.{day_number * 4 + slot:05d}", f"Study {day_number}-{slot}", slot, text))
        write_day(folder, day.isoformat(), papers)
    with make_library(tmp_path / "data", folder) as library:
        found = library.emerging_terms(limit=5)
        assert (found.start, found.end) == ("2025-03-31", "2025-04-27")
        assert (found.before_start, found.before_end) == ("2025-03-03", "2025-03-30")
        first = found.terms[0]
        assert (first.term.label, first.papers, first.before) == ("Quokkaformer", 56, 0)
        assert all(term.term.label != "Quokkaformer" for term in found.terms[1:])
    result = run(tmp_path / "data", "trends", "--emerging", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert listed[0]["term"] == "Quokkaformer"
    assert set(listed[0]) >= {"term", "papers", "before", "growth"}


def test_cli_trends_json_contract(tmp_path: Path, digests: Path) -> None:
    make_library(tmp_path / "data", digests).close()
    result = run(tmp_path / "data", "trends", "RL", "확산", "--by", "week", "--until", "2025-01-31", "--json")
    assert result.returncode == 0, result.stderr
    points = json.loads(result.stdout)
    assert points and all(set(point) == {"term", "period", "papers", "total", "share"} for point in points)
    assert [point["period"] for point in points if point["term"] == "확산"] == [
        "2025-W02", "2025-W03", "2025-W04", "2025-W05"]
    assert all(point["share"] == round(point["papers"] / point["total"], 4) for point in points)


@pytest.mark.parametrize("args", [["trends"], ["trends", "RL", "--emerging"], ["trends", "RL", "--by", "year"],
                                  ["trends", "RL", "--since", "2025-13-01"],
                                  ["trends", "RL", "--since", "2025-03-01", "--until", "2025-02-01"],
                                  ["recap", "--week", "2025-W60"], ["recap", "--week", "next week"]])
def test_cli_bad_input_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    result = run(tmp_path / "data", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_cli_invalid_term_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "data", "trends", "the")
    assert result.returncode == 2 and "invalid query" in result.stderr


def test_cli_trends_table_and_recap_format_from_the_suffix(tmp_path: Path, digests: Path) -> None:
    make_library(tmp_path / "data", digests).close()
    result = run(tmp_path / "data", "trends", "RL", "--until", "2025-01-31")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "RL" and lines[1].split() == ["2025-01", "2", "of", "24", "8.3%"]
    target = tmp_path / "week.html"
    result = run(tmp_path / "data", "recap", "--week", "2025-W06", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    result = run(tmp_path / "data", "recap", "--week", "2025-W06", "-o", str(target / "x.md"))  # under a file
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_a_trend_counts_again_after_an_update(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        before = {p.period: p.papers for p in library.trends(["RL"])}
        write_day(digests, "2025-03-20", [("2503.99999", "One more", 1, RL)])
        library.update()
        after = {p.period: p.papers for p in library.trends(["RL"])}
        assert after["2025-03"] == before["2025-03"] + 1
        assert after == {period: count for period, count in search_counts(library, "RL", "month").items()} | {
            period: 0 for period, count in after.items() if count == 0}
