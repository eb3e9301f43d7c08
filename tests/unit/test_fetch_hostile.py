"""Hostile and broken servers: dribbling answers, days dated otherwise, redirects away, HTML, short bodies.

Each test plays one fault found by an attack round against a stub server on 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from http_fixture import DigestServer, PortProbe, Route
from test_fetch import BASE, digest_for, route_path

from reader.core.reports import DayStatus
from reader.library import Library
from reader.sources.archive import fetch_days

DAY = date(2025, 1, 2)
DIGEST = digest_for(DAY.isoformat())
NOT_FOLLOWED = "(only http(s) on the same host is followed)"
NO_HEADER = "not a digest (it does not open with a '## Daily Papers (' header)"


def fetch_one(server: DigestServer, dest: Path, **kwargs: object) -> str:
    """The report line of 2025-01-02 fetched from server.url + BASE."""
    report = fetch_days(server.url + BASE, dest, DAY, DAY, **kwargs)  # type: ignore[arg-type]
    (day,) = report.days
    return day.describe()


def written(dest: Path) -> list[str]:
    return sorted(path.relative_to(dest).as_posix() for path in dest.rglob("*.md"))


# -- 1. a total deadline per day, and cancel during reads ---------------------------------------


def test_a_dribbling_day_fails_at_its_deadline_and_the_run_goes_on(tmp_path: Path) -> None:
    routes = {
        route_path("2025-01-01"): Route(digest_for("2025-01-01"), drip_s=0.2),  # body: a byte every 0.2 s
        route_path("2025-01-02"): Route(digest_for("2025-01-02"), drip_s=0.2, drip_head=True),  # headers too
        route_path("2025-01-03"): Route(digest_for("2025-01-03")),
    }
    with DigestServer(routes) as server:
        report = fetch_days(server.url + BASE, tmp_path, date(2025, 1, 1), date(2025, 1, 3), timeout_s=5,
                            day_deadline_s=1.5)
    assert [day.describe() for day in report.days] == [
        "2025-01-01  failed: timed out after 1.5 s",
        "2025-01-02  failed: timed out after 1.5 s",
        "2025-01-03  fetched",
    ]
    assert not any(day.unreachable for day in report.days) and not report.offline
    assert written(tmp_path) == ["2025/01/03.md"]


def test_cancel_is_honoured_while_a_server_dribbles(tmp_path: Path) -> None:
    stop = threading.Event()
    timer = threading.Timer(0.5, stop.set)
    routes = {route_path("2025-01-02"): Route(DIGEST[:80], drip_s=0.25)}  # 20 s to send it all
    with DigestServer(routes) as server:
        started = time.monotonic()
        timer.start()
        try:
            report = fetch_days(server.url + BASE, tmp_path, DAY, DAY, should_stop=stop.is_set, timeout_s=30)
        finally:
            timer.cancel()
        elapsed = time.monotonic() - started
    assert report.cancelled and report.days == ()
    assert elapsed < 10, "the cancel waited for the server"  # generous: it takes well under a second
    assert written(tmp_path) == []


# -- 2. the header's date must be the URL's day ---------------------------------------------------


def test_a_day_dated_otherwise_is_refused(tmp_path: Path) -> None:
    later_header = DIGEST + b"\n## Daily Papers (2099-12-31)\n\n### [Late](https://arxiv.org/abs/2501.00001)\n"
    with DigestServer({route_path("2025-01-02"): Route(digest_for("2099-12-31"))}) as server:
        assert fetch_one(server, tmp_path / "a") == (
            "2025-01-02  failed: the digest is dated 2099-12-31, not 2025-01-02")
    with DigestServer({route_path("2025-01-02"): Route(later_header)}) as server:
        assert fetch_one(server, tmp_path / "b") == (
            "2025-01-02  failed: the digest also holds papers dated 2099-12-31, not only 2025-01-02")
    assert written(tmp_path) == []


def test_a_misdated_day_does_not_end_later_default_ranges(data_dir: Path) -> None:
    routes = {route_path("2025-01-02"): Route(digest_for("2099-12-31")),
              route_path("2025-01-03"): Route(digest_for("2025-01-03"))}
    with DigestServer(routes) as server, Library(data_dir) as library:
        first = library.fetch(server.url + BASE, date(2025, 1, 2), date(2025, 1, 2))
        assert first.days[0].status is DayStatus.FAILED
        library.update()
        assert "2099-12-31" not in [day.date for day in library.days()]
        again = library.fetch(server.url + BASE, until=date(2025, 1, 3))  # the default range still runs
        assert [day.date for day in again.days][-1] == "2025-01-03" and again.fetched == 1


# -- 3. redirects stay on the source's host ----------------------------------------------------


def test_redirects_away_from_the_source_are_refused(tmp_path: Path) -> None:
    internal = DigestServer({"/internal": Route(DIGEST)})
    with internal, PortProbe() as ftp, DigestServer({}) as server:
        targets = {
            "2025/01/02": f"http://127.0.0.1:{internal.port}/internal",  # another port, same address
            "2025/01/03": f"ftp://127.0.0.1:{ftp.port}/2025/01/03.md",
            "2025/01/04": "file:///etc/passwd",
            "2025/01/05": f"http://localhost:{server.port}{BASE}/2025/01/09.md",  # another host name
            "2025/01/06": f"https://127.0.0.1:{server.port + 1}{BASE}/2025/01/06.md",
        }
        server.routes.update({f"{BASE}/{day}.md": Route(b"moved", status=302, headers=(("Location", target),))
                              for day, target in targets.items()})
        server.routes[f"{BASE}/2025/01/09.md"] = Route(DIGEST)
        report = fetch_days(server.url + BASE, tmp_path, date(2025, 1, 2), date(2025, 1, 6), timeout_s=1)
        assert [day.reason for day in report.days] == [
            f"redirected to {target} {NOT_FOLLOWED}" for target in targets.values()]
        assert not internal.hits and not ftp.connected() and not server.hits[f"{BASE}/2025/01/09.md"]
    assert written(tmp_path) == []


def test_redirects_within_the_source_are_followed_up_to_five(tmp_path: Path) -> None:
    def chain(start: str, hops: int) -> dict[str, Route]:
        paths = [f"{BASE}/{start}.md"] + [f"/hop/{start}/{n}" for n in range(1, hops + 1)]
        moved = [Route(b"", status=301, headers=(("Location", there),)) for there in paths[1:]]
        return dict(zip(paths, [*moved, Route(DIGEST)], strict=True))

    with DigestServer(chain("2025/01/02", 5)) as server:
        assert fetch_one(server, tmp_path / "five") == "2025-01-02  fetched"
    with DigestServer(chain("2025/01/02", 6)) as server:
        assert fetch_one(server, tmp_path / "six") == "2025-01-02  failed: too many redirects (more than 5)"
        assert not server.hits["/hop/2025/01/02/6"]
    with DigestServer({route_path("2025-01-02"): Route(b"", status=302, headers=(("Location", "02.md"),))}) as loop:
        assert fetch_one(loop, tmp_path / "loop") == "2025-01-02  failed: too many redirects (more than 5)"


@pytest.mark.parametrize(("source", "target", "allowed"), [
    ("http://h.example/logs", "http://h.example/elsewhere/x.md", True),
    ("http://h.example/logs", "https://h.example/logs/x.md", True),  # http -> https on the default port
    ("http://h.example:8080/logs", "https://h.example:8080/logs/x.md", True),
    ("https://H.example/logs", "https://h.example:443/x.md", True),
    ("http://h.example:8080/logs", "https://h.example/logs/x.md", False),
    ("https://h.example/logs", "http://h.example/logs/x.md", False),  # never down to http
    ("http://h.example/logs", "http://h.example:81/x.md", False),
    ("http://h.example/logs", "http://sub.h.example/x.md", False),
    ("http://h.example/logs", "ftp://h.example/x.md", False),
    ("http://h.example/logs", "http://h.example:notaport/x.md", False),
])
def test_the_redirect_rule(source: str, target: str, allowed: bool) -> None:
    from reader.sources.archive_http import redirect_allowed

    assert redirect_allowed(source, target) is allowed


# -- 4. whole bodies only, and no HTML ----------------------------------------------------------------


@pytest.mark.parametrize(("route", "reason"), [
    (Route(b"<!DOCTYPE html>\n<html><body><pre>\n" + DIGEST + b"</pre></body></html>"), "not a digest (an HTML page)"),
    (Route(b"\n  <html lang='en'>\n## Daily Papers (2025-01-02)\n"), "not a digest (an HTML page)"),
    (Route(DIGEST, content_type="text/html; charset=utf-8"), "not a digest (an HTML page: Content-Type text/html)"),
    (Route(b"Some notes first.\n\n" + DIGEST), NO_HEADER),
    (Route(b"## Project Description\n\n" + DIGEST), NO_HEADER),
])
def test_pages_that_merely_contain_a_header_are_refused(tmp_path: Path, route: Route, reason: str) -> None:
    with DigestServer({route_path("2025-01-02"): route}) as server:
        assert fetch_one(server, tmp_path) == f"2025-01-02  failed: {reason}"
    assert written(tmp_path) == []


@pytest.mark.parametrize("preamble", [
    b"\xef\xbb\xbf", b"\n\n  \n", b"# Daily Papers\n\n", b"<!-- generated by a bot -->\n",
    b"<!--\nmany lines\nof comment\n-->\n# Title\n\n", b"---\ntitle: daily\n---\n",
])
def test_what_the_parser_allows_before_the_header_is_fine(tmp_path: Path, preamble: bytes) -> None:
    with DigestServer({route_path("2025-01-02"): Route(preamble + DIGEST)}) as server:
        assert fetch_one(server, tmp_path) == "2025-01-02  fetched"


def raw_answer(headers: str, body: bytes) -> Route:
    return Route(raw=b"HTTP/1.1 200 OK\r\n" + headers.replace("\n", "\r\n").encode() + b"\r\n" + body)


@pytest.mark.parametrize(("route", "reason"), [
    (raw_answer("Content-Length: +99999\n", DIGEST[:3000]), "invalid Content-Length header (+99999)"),
    (raw_answer("Content-Length: -1\n", DIGEST[:3000]), "invalid Content-Length header (-1)"),
    (raw_answer("Content-Length: 100\nContent-Length: 99999\n", DIGEST[:3000]),
     "invalid Content-Length header (100, 99999)"),  # the first alone would cut the body to 100 bytes
    (raw_answer("Content-Length: 99999, 99999\n", DIGEST[:3000]), "truncated response (3000 of 99999 bytes)"),
    (raw_answer("Content-Length: 99999\n", DIGEST[:3000]), "truncated response (3000 of 99999 bytes)"),
    (raw_answer("Transfer-Encoding: chunked\n", b"%x\r\n" % 9999 + DIGEST[:3000]), "truncated response"),
    (raw_answer("Transfer-Encoding: chunked\nContent-Length: 3000\n", b"bb8\r\n" + DIGEST[:3000] + b"\r\n0\r\n\r\n"),
     "conflicting Content-Length and Transfer-Encoding headers"),
    (Route(DIGEST, declared_length=len(DIGEST) * 2), f"truncated response ({len(DIGEST)} of {len(DIGEST) * 2} bytes)"),
])
def test_a_body_shorter_than_promised_is_a_failure(tmp_path: Path, route: Route, reason: str) -> None:
    with DigestServer({route_path("2025-01-02"): route}) as server:
        line = fetch_one(server, tmp_path, timeout_s=2)
    assert line.startswith(f"2025-01-02  failed: {reason}"), line
    assert written(tmp_path) == []


def test_a_whole_body_without_content_length_or_in_chunks_is_kept(tmp_path: Path) -> None:
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in (DIGEST[:5000], DIGEST[5000:])) + b"0\r\n\r\n"
    routes = {route_path("2025-01-02"): raw_answer("", DIGEST),  # until the connection closes
              route_path("2025-01-03"): raw_answer("Transfer-Encoding: chunked\n", chunked.replace(
                  b"2025-01-02", b"2025-01-03"))}
    with DigestServer(routes) as server:
        report = fetch_days(server.url + BASE, tmp_path, date(2025, 1, 2), date(2025, 1, 3))
    assert [day.describe() for day in report.days] == ["2025-01-02  fetched", "2025-01-03  fetched"]
