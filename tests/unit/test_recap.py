"""The weekly recap: the week's papers only, the top ten by votes, stable groups, byte-identical exports."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_runner import run
from test_trends import make_library, write_day

from reader.library import Library

TOPICS = {
    "rl": "강화 학습(Reinforcement Learning; RL)으로 에이전트를 훈련합니다.",
    "diffusion": "확산 모델(Diffusion Model)로 비디오를 생성합니다.",
    "speech": "음성 인식(Speech Recognition) 성능을 높입니다.",
}


@pytest.fixture()
def digests(tmp_path: Path) -> Path:
    """2025-W10 (Mon 3 March) and the days around it: four papers a day, topics in turn, votes all different."""
    folder = tmp_path / "digests"
    names = sorted(TOPICS)
    for number in range(-2, 9):  # 1 and 2 March (W09), the whole of W10, 10 and 11 March (W11)
        day = (date(2025, 3, 3) + timedelta(days=number)).isoformat()
        papers = []
        for slot in range(4):
            serial = (number + 2) * 4 + slot
            topic = names[serial % 3]
            title = f"{topic.title()} study {serial}"
            if serial == 10:
                title = f"<b>{title}</b> & more"
            papers.append((f"2503.{serial:05d}", title, (serial * 37) % 101, TOPICS[topic]))
        write_day(folder, day, papers)
    return folder


def test_recap_selects_the_week(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        library.set_starred(["2503.00009", "2503.00001"])  # one of W10, one of 1 March (W09)
        recap = library.recap("2025-W10")
        assert (recap.week, recap.start, recap.end) == ("2025-W10", "2025-03-03", "2025-03-09")
        assert {paper.date for paper in recap.papers} == {f"2025-03-{day:02d}" for day in range(3, 10)}
        assert len(recap.papers) == 28
        votes = [paper.votes or 0 for paper in recap.top]
        assert len(recap.top) == 10 and votes == sorted(votes, reverse=True)
        assert votes[-1] >= max(paper.votes or 0 for paper in recap.papers if paper not in recap.top)
        assert [paper.arxiv_id for paper in recap.starred] == ["2503.00009"]


def test_groups_are_labelled_in_both_languages_and_stable(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        recap = library.recap("2025-W10")
    labels = [group.label for group in recap.groups]
    assert 0 < len(labels) <= 5
    assert any(label.startswith("강화 학습(") for label in labels), labels
    for group in recap.groups:
        assert len(group.papers) >= 2
    grouped = [paper.arxiv_id for group in recap.groups for paper in group.papers]
    assert len(grouped) == len(set(grouped))  # a paper is in one group at most
    rl_group = next(group for group in recap.groups if group.label.startswith("강화 학습("))
    assert all("Rl study" in paper.title for paper in rl_group.papers)
    # the same digests read in another data directory, added in another order: the same groups
    other = tmp_path / "other"
    with Library(other) as second:
        second.set_seeds_hidden(True)
        second.add_sources(sorted(digests.glob("*/*/*.md"), reverse=True))
        second.update()
        again = second.recap("2025-W10")
    assert [(g.label, [p.arxiv_id for p in g.papers]) for g in again.groups] == [
        (g.label, [p.arxiv_id for p in g.papers]) for g in recap.groups]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_exports_are_byte_identical_and_html_is_self_contained(tmp_path: Path, digests: Path, fmt: str) -> None:
    make_library(tmp_path / "data", digests).close()
    first = run(tmp_path / "data", "recap", "--week", "2025-W10", "--format", fmt, "-o", str(tmp_path / "a"))
    second = run(tmp_path / "data", "recap", "--week", "2025-W10", "--format", fmt, "-o", str(tmp_path / "b"))
    assert first.returncode == second.returncode == 0, first.stderr
    text = (tmp_path / "a").read_bytes()
    assert text == (tmp_path / "b").read_bytes()
    if fmt == "html":
        page = text.decode("utf-8")
        assert "<b>Rl study 10</b>" not in page and "&lt;b&gt;Rl study 10&lt;/b&gt; &amp; more" in page
        for remote in ("<img", "<script", "src=", "<link", "@import", "url("):
            assert remote not in page
        assert "주간 요약 2025-W10" in page
    if fmt == "json":
        document = json.loads(text)
        assert set(document) >= {"week", "papers", "top", "groups", "starred"}
        assert all(set(group) >= {"label", "papers"} for group in document["groups"])
        assert set(document["top"][0]) >= {"arxiv_id", "date", "title", "votes", "starred", "read"}


def test_english_headings_and_stdout(tmp_path: Path, digests: Path) -> None:
    make_library(tmp_path / "data", digests).close()
    result = run(tmp_path / "data", "recap", "--week", "2025-W10", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Weekly recap 2025-W10\n") and "## Top 10 by votes" in result.stdout
    assert r"\<b\>Rl study 10\</b\> \& more" in result.stdout  # Markdown in a title is shown, not obeyed


def test_a_week_without_papers(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        recap = library.recap("2024-W10")
        assert recap.papers == () and recap.top == () and recap.groups == ()
        assert "없음" in library.recap_text("2024-W10", "markdown")


def test_noted_papers_of_the_week_come_with_their_notes(tmp_path: Path, digests: Path) -> None:
    with make_library(tmp_path / "data", digests) as library:
        library.set_note("2503.00009", "다시 읽기: <script>alert(1)</script>\n두 번째 줄")
        library.set_note("2503.00001", "1 March, the week before")
        recap = library.recap("2025-W10")
        assert [(paper.arxiv_id, note) for paper, note in recap.noted] == [
            ("2503.00009", "다시 읽기: <script>alert(1)</script>\n두 번째 줄")]
        page = library.recap_text("2025-W10", "html")
        assert "<script>" not in page and "다시 읽기: &lt;script&gt;alert(1)&lt;/script&gt;\n두 번째 줄" in page
        document = json.loads(library.recap_text("2025-W10", "json"))
        assert [(paper["arxiv_id"], paper["note"]) for paper in document["noted"]] == [
            ("2503.00009", "다시 읽기: <script>alert(1)</script>\n두 번째 줄")]
        assert "## 메모한 논문" in library.recap_text("2025-W10", "markdown")
