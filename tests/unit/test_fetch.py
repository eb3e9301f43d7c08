"""Following an archive: every HTTP failure mode against a local server, atomic writes, the CLI end to end."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from http_fixture import DigestServer, Route

from reader.core import fs
from reader.core.reports import DayStatus, FetchProgress
from reader.library import Library
from reader.sources import archive
from reader.sources.archive import NO_NETWORK, fetch_days
from reader.sources.archive_layout import FetchError, check_source, day_path, default_since, source_folder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BASE = "/paper_logs"
SHORT_TIMEOUT_S = 0.3


def digest_for(day: str, seed: str = "2024-04-02") -> bytes:
    """A real seed digest re-dated to `day`, so fetched days do not collide with the bundled seeds."""
    text = (SEEDS / f"{seed}.md").read_text(encoding="utf-8")
    return text.replace(f"## Daily Papers ({seed})", f"## Daily Papers ({day})").encode("utf-8")


def route_path(day: str) -> str:
    year, month, dom = day.split("-")
    return f"{BASE}/{year}/{month}/{dom}.md"


# One day of each kind, 2025-01-01 .. 2025-01-07 (2025-01-02 has no route: 404).
ARCHIVE = {
    route_path("2025-01-01"): Route(digest_for("2025-01-01")),
    route_path("2025-01-03"): Route(b"boom", status=500),
    route_path("2025-01-04"): Route(digest_for("2025-01-04"), delay_s=5 * SHORT_TIMEOUT_S),
    route_path("2025-01-05"): Route(digest_for("2025-01-05")[:3000], declared_length=len(digest_for("2025-01-05"))),
    route_path("2025-01-06"): Route(b"<html><body>Sign in to the Wi-Fi</body></html>"),
    route_path("2025-01-07"): Route(digest_for("2025-01-07", seed="2024-11-20")),
}


@pytest.fixture
def server() -> DigestServer:
    with DigestServer(ARCHIVE) as running:
        yield running


def closed_port() -> int:
    """A local port nobody listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_week(server: DigestServer, dest: Path, **kwargs: object) -> dict[str, object]:
    report = fetch_days(server.url + BASE, dest, date(2025, 1, 1), date(2025, 1, 7), timeout_s=SHORT_TIMEOUT_S,
                        **kwargs)  # type: ignore[arg-type]
    return {day.date: day for day in report.days} | {"report": report}


def test_each_kind_of_day_is_reported_and_only_good_digests_are_kept(server: DigestServer, tmp_path: Path) -> None:
    days = fetch_week(server, tmp_path)
    assert days["2025-01-01"].status is DayStatus.FETCHED
    assert days["2025-01-02"].status is DayStatus.NONE
    assert (days["2025-01-03"].status, days["2025-01-03"].reason) == (
        DayStatus.FAILED, "HTTP 500 Internal Server Error")
    assert days["2025-01-04"].status is DayStatus.FAILED and "timeout" in days["2025-01-04"].reason
    assert days["2025-01-05"].status is DayStatus.FAILED and "truncated" in days["2025-01-05"].reason
    assert days["2025-01-06"].status is DayStatus.FAILED and "not a digest" in days["2025-01-06"].reason
    assert days["2025-01-07"].status is DayStatus.FETCHED
    assert not any(days[d].unreachable for d in ("2025-01-03", "2025-01-04", "2025-01-05", "2025-01-06"))

    kept = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file())
    assert kept == [".fetch-state.json", "2025/01/01.md", "2025/01/07.md"]  # no partial or temp file anywhere
    assert (tmp_path / "2025/01/01.md").read_bytes() == digest_for("2025-01-01")
    report = days["report"]
    assert report.fetched == 2 and not report.offline and not report.unreachable
    assert report.summary() == "2025-01-01 … 2025-01-07: 2 fetched, 1 without a digest, 4 failed, 0 already present"


def test_days_already_present_are_not_fetched_again(server: DigestServer, tmp_path: Path) -> None:
    mine = b"## Daily Papers (2025-01-07)\n\nmy own copy\n"
    day_path(tmp_path, date(2025, 1, 7)).parent.mkdir(parents=True)
    day_path(tmp_path, date(2025, 1, 7)).write_bytes(mine)
    fetch_week(server, tmp_path)
    days = fetch_week(server, tmp_path)
    assert server.hits[route_path("2025-01-01")] == 1
    assert server.hits[route_path("2025-01-07")] == 0
    assert day_path(tmp_path, date(2025, 1, 7)).read_bytes() == mine
    assert days["2025-01-01"].status is DayStatus.PRESENT
    assert server.hits[route_path("2025-01-03")] == 2  # failures are tried again next time


def test_truncated_download_leaves_no_file(server: DigestServer, tmp_path: Path) -> None:
    report = fetch_days(server.url + BASE, tmp_path, date(2025, 1, 5), date(2025, 1, 5))
    assert report.days[0].reason == f"truncated response (3000 of {len(digest_for('2025-01-05'))} bytes)"
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_non_utf8_body_is_not_kept(tmp_path: Path) -> None:
    with DigestServer({route_path("2025-02-01"): Route(digest_for("2025-02-01").decode().encode("utf-16"))}) as srv:
        report = fetch_days(srv.url + BASE, tmp_path, date(2025, 2, 1), date(2025, 2, 1))
    assert report.days[0].reason == "not a digest (not UTF-8 text)"
    assert not day_path(tmp_path, date(2025, 2, 1)).exists()


def test_cancel_between_days_and_during_a_download(tmp_path: Path) -> None:
    big = digest_for("2025-03-01") + b"\n" + b"- padding line\n" * 20_000  # many read chunks
    routes = {route_path("2025-03-01"): Route(big), route_path("2025-03-02"): Route(digest_for("2025-03-02"))}
    with DigestServer(routes) as srv:
        steps: list[FetchProgress] = []
        after_first_day = fetch_days(srv.url + BASE, tmp_path / "a", date(2025, 3, 1), date(2025, 3, 2),
                                     progress=steps.append, should_stop=lambda: bool(steps))
        calls = iter(range(1_000))
        mid_download = fetch_days(srv.url + BASE, tmp_path / "b", date(2025, 3, 1), date(2025, 3, 2),
                                  should_stop=lambda: next(calls) >= 3)
    assert [day.date for day in after_first_day.days] == ["2025-03-01"] and after_first_day.cancelled
    assert steps == [FetchProgress(1, 2, after_first_day.days[0])]
    assert day_path(tmp_path / "a", date(2025, 3, 1)).read_bytes() == big
    assert mid_download.cancelled and mid_download.days == ()
    assert not any(path.suffix in (".md", ".tmp") for path in (tmp_path / "b").rglob("*"))


def test_no_network_stops_early_with_one_message(tmp_path: Path) -> None:
    steps: list[FetchProgress] = []
    report = fetch_days(f"http://127.0.0.1:{closed_port()}{BASE}", tmp_path, date(2025, 1, 1), date(2025, 1, 31),
                        progress=steps.append)
    assert [day.reason for day in report.days] == ["connection refused"] * 3
    assert all(day.unreachable for day in report.days) and len(steps) == 3
    assert report.offline and report.unreachable and report.notes == (NO_NETWORK,)
    assert not any(tmp_path.rglob("*.md"))


def test_long_ranges_are_capped_and_continue_where_the_last_run_stopped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_DAYS", 40)
    with DigestServer({}) as srv:
        report = fetch_days(srv.url + BASE, tmp_path, date(2020, 1, 1), date(2020, 12, 31))
    assert len(report.days) == 40 and report.days[-1].date == "2020-02-09"
    assert "366 days asked for; this run covered the first 40 (up to 2020-02-09)" in report.notes[0]
    # the archive never had those days: the next default range starts after them, not at the same 404s
    assert default_since(tmp_path, "2020-01-30", date(2026, 1, 1)) == date(2020, 2, 10)
    assert default_since(tmp_path / "elsewhere", None, date(2026, 1, 31)) == date(2026, 1, 1)


def test_fetch_into_library_adds_the_folder_and_new_days_get_indexed(server: DigestServer, data_dir: Path) -> None:
    with Library(data_dir) as library:
        report = library.fetch(server.url + BASE + "/", date(2025, 1, 1), date(2025, 1, 2))
        folder = source_folder(library.data_dir, server.url + BASE)
        assert report.folder == str(folder) and report.fetched == 1
        assert str(folder.resolve()) in [source.path for source in library.sources()]
        library.update()
        assert library.days()[0].date == "2025-01-01"
        assert len(library.papers(date="2025-01-01")) == len(library.papers(date="2024-04-02"))
        # default range: after the newest day the library has
        assert library.fetch(server.url + BASE, until=date(2025, 1, 1)).days == ()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "paper_logs", "https:///nohost",
                                 "http://127.0.0.1:99999/logs"])
def test_only_http_sources(url: str) -> None:
    with pytest.raises(FetchError):
        check_source(url)


def test_source_folder_is_a_safe_slug_without_credentials(tmp_path: Path) -> None:
    folder = source_folder(tmp_path, "https://me:secret@raw.example.org:8443/a b/paper_logs/")
    assert folder.parent == tmp_path / "library"
    assert re.fullmatch(r"raw\.example\.org_8443_a_b_paper_logs-[0-9a-f]{8}", folder.name), folder.name
    assert folder == source_folder(tmp_path, "https://raw.example.org:8443/a b/paper_logs")  # same archive


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    env.pop("DAILY_PAPERS_DATA_DIR", None)
    env["PYTHONWARNINGS"] = "ignore"
    return subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
                          check=False, capture_output=True, text=True, env=env, timeout=120)


def test_cli_fetch_then_list_the_fetched_day(server: DigestServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = run_cli(data_dir, "fetch", "--source", server.url + BASE, "--since", "2025-01-01", "--until", "2025-01-03")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["2025-01-01  fetched", "2025-01-02  none",
                                              "2025-01-03  failed: HTTP 500 Internal Server Error"]
    assert "1 fetched, 1 without a digest, 1 failed" in result.stdout
    listed = json.loads(run_cli(data_dir, "list", "--date", "2025-01-01", "--json").stdout)
    assert len(listed) == 12 and {paper["date"] for paper in listed} == {"2025-01-01"}
    assert "/library/127.0.0.1_" in listed[0]["source"].replace(os.sep, "/")

    again = run_cli(data_dir, "fetch", "--source", server.url + BASE, "--since", "2025-01-01", "--until", "2025-01-01")
    assert again.returncode == 0 and again.stdout.splitlines()[0].endswith("0 fetched, 0 without a digest, "
                                                                           "0 failed, 1 already present")


def test_cli_without_network_says_so_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "data", "fetch", "--source", f"http://127.0.0.1:{closed_port()}/logs",
                     "--since", "2025-01-01", "--until", "2025-01-10")
    assert result.returncode == 1
    assert f"daily-papers: {NO_NETWORK}" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.count("failed: connection refused") == 3


def test_cli_rejects_bad_sources_and_ranges(tmp_path: Path) -> None:
    assert run_cli(tmp_path / "d", "fetch", "--source", "file:///tmp").returncode == 2
    backwards = run_cli(tmp_path / "d", "fetch", "--since", "2025-02-01", "--until", "2025-01-01")
    assert backwards.returncode == 2 and "--since" in backwards.stderr


def test_a_failed_write_leaves_neither_the_day_nor_a_temp_file(
        server: DigestServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fs.os, "fsync", disk_full)
    report = fetch_days(server.url + BASE, tmp_path, date(2025, 1, 1), date(2025, 1, 1))
    assert report.days[0].status is DayStatus.FAILED and "No space left on device" in report.days[0].reason
    assert not any(path.is_file() and path.suffix in (".md", ".tmp") for path in tmp_path.rglob("*"))


def test_the_fetcher_does_not_import_qt() -> None:
    code = "import sys, reader.sources.archive; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
