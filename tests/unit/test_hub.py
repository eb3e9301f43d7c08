"""The Hugging Face source against a stub of /api/daily_papers on 127.0.0.1 (huggingface_hub's own client)."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cli_runner import cli_env
from http_fixture import DigestServer, Route

from reader.core.parse import read_digest
from reader.core.reports import DayStatus
from reader.library import Library
from reader.sources.hub import fetch_hub_days
from reader.sources.hub_digest import render_day

DAY1, DAY2, DAY3 = "2025-06-02", "2025-06-03", "2025-06-04"


def api_path(day: str) -> str:
    return f"/api/daily_papers?limit=100&date={day}"


def hub_paper(arxiv_id: str, title: str, upvotes: int, authors: list[str], summary: str, **paper: object) -> dict:
    """One element of the list the hub sends, in the shape huggingface_hub's PaperInfo parses."""
    return {
        "paper": {"id": arxiv_id, "title": title, "authors": [{"_id": f"a{n}", "name": name, "hidden": False}
                                                              for n, name in enumerate(authors)],
                  "summary": summary, "upvotes": upvotes, "publishedAt": "2025-06-01T17:59:00.000Z",
                  "discussionId": "abc", **paper},
        "title": title,
        "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png",
        "publishedAt": "2025-06-02T01:23:00.000Z",
        "numComments": 2,
        "submittedBy": {"_id": "u1", "fullname": "Someone", "name": "someone", "type": "user", "isPro": False,
                        "avatarUrl": "/avatars/x.svg"},
        "isAuthorParticipating": False,
    }


DAY1_PAPERS = [
    hub_paper("2506.00001", "Small Models, Big Ideas", 12, ["Ada Lovelace", "Kurt Gödel"],
              "We study quokkanisation of small language models.\nIt works."),
    hub_paper("2506.00002", "A* Search for [IDK] Tokens", 40, ["Grace Hopper"],
              "Heuristic decoding for abstention tokens."),
    hub_paper("2506.00003", "Zero Votes", 0, ["Alan Turing", "Çırpar Thunø"], "Nobody voted yet."),
]
DAY3_PAPERS = [hub_paper("2506.00301", "Third Day Paper", 5, ["Emmy Noether"], "Symmetry everywhere.")]


def json_route(items: object) -> Route:
    return Route(json.dumps(items).encode(), content_type="application/json")


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> DigestServer:
    routes = {api_path(DAY1): json_route(DAY1_PAPERS), api_path(DAY2): json_route([]),
              api_path(DAY3): json_route(DAY3_PAPERS)}
    with DigestServer(routes) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        yield server


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(dest: Path, since: str, until: str, **kwargs: object) -> dict[str, DayStatus]:
    report = fetch_hub_days(dest, date.fromisoformat(since), date.fromisoformat(until), **kwargs)  # type: ignore[arg-type]
    return {day.date: day.status for day in report.days}


def test_each_day_becomes_a_digest_the_parser_reads_back(hub: DigestServer, tmp_path: Path) -> None:
    assert fetch(tmp_path, DAY1, DAY3) == {DAY1: DayStatus.FETCHED, DAY2: DayStatus.NONE, DAY3: DayStatus.FETCHED}
    digest = read_digest(tmp_path / "2025" / "06" / "02.md")
    assert digest.problems == ()
    by_id = {paper.arxiv_id: paper for paper in digest.papers}
    assert [paper.arxiv_id for paper in digest.papers] == ["2506.00002", "2506.00001", "2506.00003"]  # by votes
    first = by_id["2506.00001"]
    assert (first.title, first.votes, first.authors) == ("Small Models, Big Ideas", 12, ("Ada Lovelace", "Kurt Gödel"))
    assert first.url == "https://arxiv.org/abs/2506.00001"
    assert first.media is not None and first.media.url.endswith("/2506.00001.png")
    assert [(s.label, s.text) for s in first.sections] == [
        ("Abstract", "We study quokkanisation of small language models. It works.")]
    assert by_id["2506.00002"].title == "A* Search for [IDK] Tokens"
    assert by_id["2506.00003"].votes == 0
    assert not (tmp_path / "2025" / "06" / "03.md").exists()  # an empty day writes nothing


HUB_EXTRAS = {"ai_summary": "A one-line summary.", "ai_keywords": ["diffusion", "LoRA"],
              "githubRepo": "https://github.com/example/linked", "projectPage": "https://example.org/linked"}


@pytest.mark.parametrize("nested", [True, False], ids=["inside-paper-as-the-hub-sends-them", "top-level"])
def test_the_hubs_ai_summary_keywords_and_links_are_kept_when_it_gives_them(
        nested: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if nested:  # the real /api/daily_papers: inside `paper`, where huggingface_hub's PaperInfo does not read them
        item = hub_paper("2506.00009", "Linked", 3, ["A B"], "Abstract text.", githubStars=12, **HUB_EXTRAS)
    else:
        item = hub_paper("2506.00009", "Linked", 3, ["A B"], "Abstract text.")
        item.update(HUB_EXTRAS)
    with DigestServer({api_path(DAY1): json_route([item])}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        fetch(tmp_path, DAY1, DAY1)
    (paper,) = read_digest(tmp_path / "2025" / "06" / "02.md").papers
    assert {s.label: s.text for s in paper.sections} == {
        "Abstract": "Abstract text.", "AI Summary": "A one-line summary.", "Keywords": "diffusion, LoRA",
        "GitHub": "https://github.com/example/linked", "Project Page": "https://example.org/linked"}


def test_a_settled_day_is_never_asked_for_again(hub: DigestServer, tmp_path: Path) -> None:
    fetch(tmp_path, DAY1, DAY3)
    hits = dict(hub.hits)
    assert set(fetch(tmp_path, DAY1, DAY3).values()) == {DayStatus.PRESENT}
    assert hub.hits == hits
    assert all(path.startswith("/api/daily_papers?") for path in hits)  # nothing but the days (no telemetry)


def test_a_day_fetched_before_it_was_over_is_fetched_again_keeping_its_korean_summary(
        hub: DigestServer, tmp_path: Path) -> None:
    fetch(tmp_path, DAY1, DAY1)
    target = tmp_path / "2025" / "06" / "02.md"
    papers = list(read_digest(target).papers)
    from reader.core.models import Section
    from reader.sources.hub_digest import with_korean
    papers[0] = with_korean(papers[0], [Section("What's New", "새로운 점.")])
    early = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)  # the morning of that day: the hub was still listing papers
    target.write_text(render_day(date(2025, 6, 2), papers, early), encoding="utf-8")
    assert fetch(tmp_path, DAY1, DAY1) == {DAY1: DayStatus.FETCHED}
    assert hub.hits[api_path(DAY1)] == 2
    again = {paper.arxiv_id: paper for paper in read_digest(target).papers}
    assert [s.label for s in again[papers[0].arxiv_id].sections] == ["What's New", "Abstract"]


@pytest.mark.parametrize(("route", "reason"), [
    (Route(b'{"error": "boom"}', status=500, content_type="application/json"), "HTTP 500"),
    (Route(b'[{"paper": {"id": "2506.00001", "title": "cut', content_type="application/json"), "malformed"),
    (Route(b'[{"paper": {"id": "2506.00001"}}]', declared_length=400, content_type="application/json"),
     "truncated"),
    (Route(b"<html>hello</html>", content_type="text/html"), "malformed"),
])
def test_http_errors_and_broken_answers_fail_that_day_only(
        route: Route, reason: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with DigestServer({api_path(DAY1): route, api_path(DAY3): json_route(DAY3_PAPERS)}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        report = fetch_hub_days(tmp_path, date(2025, 6, 2), date(2025, 6, 4))
    first = report.days[0]
    assert first.status is DayStatus.FAILED and reason in first.reason
    assert not (tmp_path / "2025" / "06" / "02.md").exists()
    assert report.days[2].status is DayStatus.FETCHED and not report.offline


def test_a_slow_server_costs_one_day_not_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with DigestServer({api_path(DAY1): Route(b"[]", delay_s=30), api_path(DAY3): json_route(DAY3_PAPERS)}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        report = fetch_hub_days(tmp_path, date(2025, 6, 2), date(2025, 6, 4), timeout_s=0.5)
    assert report.days[0].status is DayStatus.FAILED and "timeout" in report.days[0].reason
    assert report.days[2].status is DayStatus.FETCHED


def test_cancel_during_a_slow_answer_stops_within_the_poll(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stop = threading.Event()
    with DigestServer({api_path(DAY1): Route(b"[]", delay_s=30)}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        threading.Timer(0.3, stop.set).start()
        report = fetch_hub_days(tmp_path, date(2025, 6, 2), date(2025, 6, 4), should_stop=stop.is_set)
    assert report.cancelled and report.days == ()


def test_no_network_is_one_calm_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    report = fetch_hub_days(tmp_path, date(2025, 6, 1), date(2025, 6, 10))
    assert report.offline and report.unreachable
    assert report.notes == ("no network: carrying on offline",)
    assert len(report.days) == 3  # gave up after three unreachable days in a row


def test_library_fetch_hf_follows_the_hub_folder_and_indexes_it(hub: DigestServer, tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        report = library.fetch("hf", date(2025, 6, 2), date(2025, 6, 4))
        assert report.fetched == 2
        library.update()
        assert {paper.arxiv_id for paper in library.papers(date=DAY1)} == {"2506.00001", "2506.00002", "2506.00003"}
        assert [hit.paper.arxiv_id for hit in library.search("quokkanisation").hits] == ["2506.00001"]
        assert library.fetch_folder("hf") == tmp_path / "data" / "library" / "hf"


def run_cli(data_dir: Path, endpoint: str, *args: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    env = cli_env() | {"HF_ENDPOINT": endpoint}
    env.pop("HF_HUB_OFFLINE", None)
    done = subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_cli_fetch_source_hf_then_list_json_gives_every_served_paper_exactly(hub: DigestServer,
                                                                              tmp_path: Path) -> None:
    code, out, err = run_cli(tmp_path, hub.url, "fetch", "--source", "hf", "--since", DAY1, "--until", DAY3)
    assert code == 0, err
    assert f"{DAY1}  fetched" in out and f"{DAY2}  none" in out
    code, out, _ = run_cli(tmp_path, hub.url, "list", "--json")
    listed = {(entry["arxiv_id"], entry["date"]): entry for entry in json.loads(out)}
    for day, served in ((DAY1, DAY1_PAPERS), (DAY3, DAY3_PAPERS)):
        for item in served:
            entry = listed[(item["paper"]["id"], day)]
            assert entry["title"] == item["title"]
            assert entry["votes"] == item["paper"]["upvotes"]
            assert entry["authors"] == [author["name"] for author in item["paper"]["authors"]]
    assert len([key for key in listed if key[1] in (DAY1, DAY3)]) == 4
    code, out, _ = run_cli(tmp_path, hub.url, "search", "Symmetry", "--json")
    assert [entry["arxiv_id"] for entry in json.loads(out)] == ["2506.00301"]
    hits = sum(hub.hits.values())
    code, out, _ = run_cli(tmp_path, hub.url, "fetch", "--source", "hf", "--since", DAY1, "--until", DAY3)
    assert code == 0
    assert sum(hub.hits.values()) == hits  # settled days, the empty one too, are never asked for again
    assert "0 fetched" in out


KOREAN_DAY1 = """## Daily Papers (2025-06-02)

### [Small Models, Big Ideas](https://arxiv.org/abs/2506.00001)

Vote: 11

Authors: Ada Lovelace, Kurt Gödel

- ***What's New***: 작은 언어 모델(Small Language Model)의 쿼카화를 제안합니다.
"""


def test_a_korean_digest_and_a_hub_day_with_the_same_paper_make_one_entry_with_the_korean_summary(
        hub: DigestServer, tmp_path: Path) -> None:
    korean = tmp_path / "korean" / "2025" / "06"
    korean.mkdir(parents=True)
    (korean / "02.md").write_text(KOREAN_DAY1, encoding="utf-8")
    with Library(tmp_path / "data") as library:
        library.add_sources([tmp_path / "korean"])
        library.fetch("hf", date(2025, 6, 2), date(2025, 6, 2))
        library.update()
        day = library.papers(date=DAY1)
        assert sorted(paper.arxiv_id for paper in day) == ["2506.00001", "2506.00002", "2506.00003"]
        (merged,) = [paper for paper in day if paper.arxiv_id == "2506.00001"]
        assert merged.sections[0].label == "What's New" and "쿼카화" in merged.sections[0].text
        assert len(library.papers_for("2506.00001")) == 1
        (korean / "02.md").unlink()  # the Korean digest goes: the hub's entry of that paper comes back
        library.update()
        (back,) = library.papers_for("2506.00001")
        assert back.sections[0].label == "Abstract"


def test_a_hub_day_on_a_seed_day_steps_aside_per_paper_and_the_seeds_stay(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seed_paper = hub_paper("2404.00399", "Aurora-M (from the hub)", 1, ["X"], "English abstract of Aurora-M.")
    other = hub_paper("2404.99999", "Only on the hub", 1, ["Y"], "Not in the seeds.")
    with DigestServer({api_path("2024-04-02"): json_route([seed_paper, other])}) as server, \
            Library(tmp_path / "data") as library:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        seeds_before = {paper.arxiv_id for paper in (library.update(), library.papers(date="2024-04-02"))[1]}
        library.fetch("hf", date(2024, 4, 2), date(2024, 4, 2))
        library.update()
        day = {paper.arxiv_id: paper for paper in library.papers(date="2024-04-02")}
    assert set(day) == seeds_before | {"2404.99999"}
    assert day["2404.00399"].title.startswith("Aurora-M: The First")  # the seed's Korean entry


def test_cli_fetch_source_hf_without_network_is_one_calm_line_and_exit_1(tmp_path: Path) -> None:
    code, out, err = run_cli(tmp_path, f"http://127.0.0.1:{closed_port()}", "fetch", "--source", "hf",
                             "--since", DAY1, "--until", DAY3)
    assert code == 1 and "Traceback" not in err
    assert err.strip() == "daily-papers: no network: carrying on offline"
    assert out.count("failed: connection refused") == 3


def test_a_day_of_more_than_one_page_is_read_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = [hub_paper(f"2506.{n:05d}", f"Paper {n}", n, ["A B"], "An abstract.") for n in range(1, 101)]
    second = [hub_paper("2506.00101", "Paper 101", 101, ["A B"], "An abstract.")]
    routes = {api_path(DAY1): json_route(first), f"/api/daily_papers?p=1&limit=100&date={DAY1}": json_route(second)}
    with DigestServer(routes) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        fetch(tmp_path, DAY1, DAY1)
    assert len(read_digest(tmp_path / "2025" / "06" / "02.md").papers) == 101
