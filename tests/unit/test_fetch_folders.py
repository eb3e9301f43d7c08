"""Where fetched days live: one folder per archive (old folders still found), and damaged days repaired."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from http_fixture import DigestServer, Route
from test_fetch import BASE, digest_for, route_path

from reader.core.reports import DayStatus
from reader.library import Library
from reader.sources.archive import fetch_days
from reader.sources.archive_layout import STATE_FILE, day_path, source_folder

DAY = date(2025, 1, 2)
DIGEST = digest_for(DAY.isoformat())
REPAIRED = "replaced a local copy that was not a whole digest"


def legacy_folder(data_dir: Path, url: str) -> Path:
    """The folder name of earlier versions: the slug alone, made the same way as then."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.rstrip("/"))
    raw = f"{parts.hostname}{f'_{parts.port}' if parts.port else ''}{parts.path}"
    return data_dir / "library" / (re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or "source")[:150]


# -- 5. one folder per archive --------------------------------------------------------------------


@pytest.mark.parametrize(("one", "other"), [
    ("https://h.example/a/b", "https://h.example/a_b"),
    ("https://가.example/logs", "https://나.example/logs"),
    ("https://h.example:8443/logs", "https://h.example_8443/logs"),
    ("https://h.example/논문", "https://h.example/문서"),
])
def test_different_archives_get_different_folders(tmp_path: Path, one: str, other: str) -> None:
    assert source_folder(tmp_path, one) != source_folder(tmp_path, other)
    for url in (one, other):
        name = source_folder(tmp_path, url).name
        assert re.fullmatch(r"[A-Za-z0-9._-]+-[0-9a-f]{8}", name), name  # readable, safe, and a short hash


def test_folder_names_stay_readable() -> None:
    assert source_folder(Path("/d"), "https://가.example/logs").name.startswith("xn--")  # IDNA, not "_"
    assert source_folder(Path("/d"), "https://raw.example.org/a/paper_logs").name.startswith(
        "raw.example.org_a_paper_logs-")
    assert source_folder(Path("/d"), "http://h.example:80/x") == source_folder(Path("/d"), "https://h.example/x/")


def test_two_archives_whose_old_names_collide_keep_their_own_days(tmp_path: Path) -> None:
    routes = {"/a/b/2025/01/02.md": Route(DIGEST),
              "/a_b/2025/01/02.md": Route(digest_for("2025-01-02", seed="2024-11-20"))}
    with DigestServer(routes) as server:
        one, other = server.url + "/a/b", server.url + "/a_b"
        first = fetch_days(one, source_folder(tmp_path, one), DAY, DAY)
        second = fetch_days(other, source_folder(tmp_path, other), DAY, DAY)
    assert first.days[0].status is DayStatus.FETCHED
    assert second.days[0].status is DayStatus.FETCHED  # not "already present": that was the other archive's day
    assert day_path(source_folder(tmp_path, other), DAY).read_bytes() == routes["/a_b/2025/01/02.md"].body


def test_an_old_folder_is_kept_when_it_records_the_same_source(tmp_path: Path) -> None:
    url = "https://raw.example.org/a/b"
    old = legacy_folder(tmp_path, url)
    old.mkdir(parents=True)
    (old / STATE_FILE).write_text(json.dumps({"source": url, "checked_through": "2025-01-01"}), encoding="utf-8")
    assert source_folder(tmp_path, url) == old
    assert source_folder(tmp_path, url + "/") == old
    assert source_folder(tmp_path, "http://raw.example.org/a/b") == old  # the same archive over http
    # /a_b had the same old name, but the folder records /a/b: not /a_b's, so /a_b gets its own
    assert legacy_folder(tmp_path, "https://raw.example.org/a_b") == old
    assert source_folder(tmp_path, "https://raw.example.org/a_b") != old
    # an old folder that records nothing is nobody's for sure: a new one is made
    unknown = legacy_folder(tmp_path, "https://other.example/logs")
    unknown.mkdir(parents=True)
    assert source_folder(tmp_path, "https://other.example/logs") != unknown


def test_the_library_goes_on_filling_its_old_folder(data_dir: Path) -> None:
    with DigestServer({route_path("2025-01-03"): Route(digest_for("2025-01-03"))}) as server:
        url = server.url + BASE
        old = legacy_folder(data_dir, url)
        day_path(old, date(2025, 1, 2)).parent.mkdir(parents=True)
        day_path(old, date(2025, 1, 2)).write_bytes(DIGEST)
        (old / STATE_FILE).write_text(json.dumps({"source": url, "checked_through": "2025-01-02"}))
        with Library(data_dir) as library:
            library.add_sources([old])
            report = library.fetch(url, until=date(2025, 1, 3))
    assert report.folder == str(old) and [day.describe() for day in report.days] == ["2025-01-03  fetched"]
    assert day_path(old, date(2025, 1, 3)).is_file()
    assert json.loads((old / STATE_FILE).read_text())["source"] == url


def test_a_folder_records_its_source_once_a_day_is_fetched(tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    with DigestServer({route_path(today.isoformat()): Route(digest_for(today.isoformat()))}) as server:
        url = server.url + BASE
        report = fetch_days(url, tmp_path, today - timedelta(days=1), today)  # yesterday: a 404, maybe not final
    assert [day.status for day in report.days] == [DayStatus.NONE, DayStatus.FETCHED]
    assert json.loads((tmp_path / STATE_FILE).read_text())["source"] == url


# -- 6. a damaged day on disk is fetched again -------------------------------------------------------


@pytest.mark.parametrize("damaged", [
    b"",  # empty
    DIGEST[:12],  # cut off inside the header
    DIGEST[:DIGEST.index(b"\n###")] + "\n논".encode()[:3],  # cut inside a Hangul syllable: not UTF-8
    DIGEST.decode().encode("utf-16"),  # not UTF-8
    b"<html><body>captive portal</body></html>",  # no header
    digest_for("2024-12-31"),  # another day's digest
])
def test_a_day_on_disk_that_is_not_a_whole_digest_is_fetched_again(tmp_path: Path, damaged: bytes) -> None:
    target = day_path(tmp_path, DAY)
    target.parent.mkdir(parents=True)
    target.write_bytes(damaged)
    with DigestServer({route_path("2025-01-02"): Route(DIGEST)}) as server:
        report = fetch_days(server.url + BASE, tmp_path, DAY, DAY)
        again = fetch_days(server.url + BASE, tmp_path, DAY, DAY)
        hits = server.hits[route_path("2025-01-02")]
    assert report.days[0].describe() == f"2025-01-02  fetched: {REPAIRED}"
    assert target.read_bytes() == DIGEST
    assert again.days[0].status is DayStatus.PRESENT and hits == 1  # repaired once, then never fetched again


def test_a_damaged_day_stays_as_it_is_when_the_fetch_fails(tmp_path: Path) -> None:
    target = day_path(tmp_path, DAY)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"half a dig")
    with DigestServer({route_path("2025-01-02"): Route(b"boom", status=500)}) as server:
        report = fetch_days(server.url + BASE, tmp_path, DAY, DAY)
    assert report.days[0].describe() == "2025-01-02  failed: HTTP 500 Internal Server Error"
    assert target.read_bytes() == b"half a dig"
