"""Send to Zotero against a stub of the Zotero desktop app's connector server on 127.0.0.1.

The stub answers as zotero/zotero's server_connector.js and server_localAPI.js do: /connector/ping
says "Zotero is running", /connector/saveItems answers 201 (or what a test asks), the local API
answers 403 while it is off and a JSON array of items for `?q=`. It records every request.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.cli.main import main
from reader.core.models import Paper, Section
from reader.exports.latex_text import title_text
from reader.exports.zotero import ZoteroError, names_paper, save_items_payload, send_to_zotero, zotero_item


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class StubZotero:
    """What the stub answers; `requests` is every request it got, in order."""

    local_api: bool = False  # False: 403 "Local API is not enabled", as Zotero with the setting off
    library: list[dict[str, Any]] = field(default_factory=list)  # items the local API searches
    save_status: int = 201
    save_body: bytes = b""
    ping_body: bytes = b"<!DOCTYPE html><html><body>Zotero is running</body></html>"
    drop_saves: bool = False  # close the connection without an answer (what Zotero does to browser requests)
    requests: list[Recorded] = field(default_factory=list)

    def saves(self) -> list[dict[str, Any]]:
        return [json.loads(r.body) for r in self.requests if r.path == "/connector/saveItems"]


@pytest.fixture
def zotero() -> Iterator[tuple[StubZotero, str]]:
    stub = StubZotero()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

        def _record(self) -> Recorded:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            recorded = Recorded(self.command, parts.path, parse_qs(parts.query),
                                {key.lower(): value for key, value in self.headers.items()}, self.rfile.read(length))
            stub.requests.append(recorded)
            return recorded

        def _answer(self, status: int, body: bytes = b"", content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            request = self._record()
            if request.path == "/connector/ping":
                self._answer(200, stub.ping_body, "text/html")
            elif request.path == "/api/users/0/items/top":
                if not stub.local_api:
                    self._answer(403, b"Local API is not enabled", "text/plain")
                    return
                words = request.query.get("q", [""])[0].lower().split()
                found = [item for item in stub.library
                         if all(word in json.dumps(item["data"]).lower() for word in words)]
                self._answer(200, json.dumps(found).encode())
            else:
                self._answer(404, b"No endpoint found\n", "text/plain")

        def do_POST(self) -> None:
            request = self._record()
            if request.path != "/connector/saveItems":
                self._answer(404, b"No endpoint found\n", "text/plain")
            elif stub.drop_saves:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            else:
                self._answer(stub.save_status, stub.save_body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield stub, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused, like Zotero not running."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def paper(arxiv_id: str, title: str, authors: tuple[str, ...] = ("Ada Lovelace",), **extra: Any) -> Paper:
    sections = (Section("What's New", "새로운 방법을 제안합니다 <script>alert(1)</script> & 더 많은 것.\n  - 중첩"),
                Section(None, "실험 결과가 좋습니다."))
    return Paper(arxiv_id=arxiv_id, date="2024-11-20", title=title, url=f"https://arxiv.org/abs/{arxiv_id}",
                 votes=6, authors=authors, sections=sections, **extra)


VILA = paper("2407.17453", "$VILA^2$: VILA Augmented VILA",
             authors=("Yunhao Fang", "Ligeng Zhu", "Yunhao  Fang", "홍길동", "Llama Team, AI @ Meta"),
             authors_truncated=True)
TRUST = paper("2411.12275", "Building Trust: Foundations of Security, Safety and Transparency in AI",
              authors=("Mark Bestavros", "Garth Mollett"))


def in_zotero(arxiv_id: str, **data: str) -> dict[str, Any]:
    """An item as the local API returns it (`?format=json`: key, version, library, links, meta, data)."""
    return {"key": "ABCD2345", "version": 7, "library": {"type": "user", "id": 0},
            "data": {"key": "ABCD2345", "itemType": "preprint", "title": f"Something about {arxiv_id}", **data}}


# -- the one request ------------------------------------------------------------------------------


def test_one_save_items_request_with_items_shaped_like_zoteros_arxiv_importer(
        zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    report = send_to_zotero([VILA, TRUST, VILA], url)
    assert [(r.method, r.path) for r in stub.requests if r.path.startswith("/connector")] == [
        ("GET", "/connector/ping"), ("POST", "/connector/saveItems")]
    assert report.sent == ("2407.17453", "2411.12275") and report.skipped == () and not report.checked
    [payload] = stub.saves()
    assert set(payload) == {"items", "uri", "sessionID"} and payload["sessionID"]
    vila, trust = payload["items"]
    assert vila["itemType"] == "preprint"
    assert vila["title"] == "VILA²: VILA Augmented VILA"  # LaTeX shown as text, as the arXiv importer does
    assert vila["creators"] == [  # each person once; names a split would get wrong kept whole
        {"firstName": "Yunhao", "lastName": "Fang", "creatorType": "author"},
        {"firstName": "Ligeng", "lastName": "Zhu", "creatorType": "author"},
        {"name": "홍길동", "creatorType": "author"},
        {"name": "Llama Team, AI @ Meta", "creatorType": "author"},
    ]
    assert vila["date"] == "2024-07"
    assert vila["url"] == "https://arxiv.org/abs/2407.17453"
    assert vila["DOI"] == "10.48550/arXiv.2407.17453"
    assert vila["archiveID"] == "arXiv:2407.17453"
    assert vila["repository"] == "arXiv"
    assert vila["tags"] == [{"tag": "Hugging Face Daily Papers"}]
    assert "abstractNote" not in vila  # the digests have no English abstract
    [note] = vila["notes"]
    assert set(note) == {"note"}
    html = note["note"]
    assert "<strong>What's New</strong>: 새로운 방법을 제안합니다" in html and "실험 결과가 좋습니다." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 더 많은 것.<br/>  - 중첩" in html  # escaped, never markup
    assert "<script>" not in html and "저자 목록은 일부만" in html
    assert trust["creators"][0] == {"firstName": "Mark", "lastName": "Bestavros", "creatorType": "author"}


def test_the_request_does_not_look_like_a_web_page(zotero: tuple[StubZotero, str]) -> None:
    """server.js drops requests with an Origin header or a Mozilla/ user agent without an answer."""
    stub, url = zotero
    send_to_zotero([TRUST], url)
    for request in stub.requests:
        assert "origin" not in request.headers
        assert not request.headers.get("user-agent", "").startswith("Mozilla/")
        assert "x-zotero-connector-api-version" not in request.headers
    save = next(r for r in stub.requests if r.path == "/connector/saveItems")
    assert save.headers["content-type"] == "application/json"
    assert int(save.headers["content-length"]) == len(save.body)
    assert json.loads(save.body)["items"][0]["notes"][0]["note"].count("새로운") == 1  # Korean arrives intact


def test_payload_is_the_same_run_to_run_but_for_the_session() -> None:
    first, second = save_items_payload([VILA], "s1"), save_items_payload([VILA], "s1")
    assert first == second and save_items_payload([VILA])["sessionID"] != save_items_payload([VILA])["sessionID"]
    assert zotero_item(VILA)["title"] == title_text(VILA.title)


# -- duplicates -----------------------------------------------------------------------------------


def test_papers_already_in_the_zotero_library_are_skipped(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.local_api = True
    stub.library = [in_zotero("2411.12275", DOI="10.48550/arXiv.2411.12275"),
                    # mentions the other id in its title only: not that paper
                    in_zotero("2407.17453", DOI="10.1000/other", url="https://example.org/x")]
    report = send_to_zotero([VILA, TRUST], url)
    assert report.checked and report.skipped == ("2411.12275",) and report.sent == ("2407.17453",)
    searches = [r.query for r in stub.requests if r.path == "/api/users/0/items/top"]
    assert [q["q"] for q in searches] == [["2407.17453"], ["2411.12275"]]
    assert all(q["qmode"] == ["everything"] for q in searches)
    [payload] = stub.saves()
    assert [item["archiveID"] for item in payload["items"]] == ["arXiv:2407.17453"]
    assert str(report) == "sent 1 paper to Zotero; skipped 1 already in the Zotero library"


def test_nothing_is_posted_when_every_paper_is_already_there(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.local_api = True
    stub.library = [in_zotero("2411.12275", archiveID="arXiv:2411.12275"),
                    in_zotero("2407.17453", extra="arXiv:2407.17453v2 [cs.CV]")]
    report = send_to_zotero([VILA, TRUST], url)
    assert report.sent == () and set(report.skipped) == {"2411.12275", "2407.17453"}
    assert stub.saves() == []


@pytest.mark.parametrize("data, found", [
    ({"DOI": "10.48550/ARXIV.2411.12275"}, True),
    ({"archiveID": "arXiv:2411.12275"}, True),
    ({"url": "http://arxiv.org/abs/2411.12275v3"}, True),
    ({"extra": "arXiv:2411.12275 [cs.AI]\nversion: 1"}, True),
    ({"title": "Building Trust 2411.12275"}, False),
    ({"DOI": "10.48550/arXiv.2411.12276"}, False),
])
def test_an_item_is_the_paper_by_its_identifiers_only(data: dict[str, str], found: bool) -> None:
    assert names_paper({"data": data}, "2411.12275") is found


# -- failures: one sentence, nothing half-sent ----------------------------------------------------


def test_zotero_not_running_is_one_sentence() -> None:
    with pytest.raises(ZoteroError) as caught:
        send_to_zotero([TRUST], closed_port_url())
    message = str(caught.value)
    assert message.startswith("Zotero is not running") and message.endswith("nothing was sent")
    assert "\n" not in message


def test_a_read_only_target_library_is_explained(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.save_status, stub.save_body = 500, b'{"libraryEditable":false}'
    with pytest.raises(ZoteroError, match="read-only"):
        send_to_zotero([TRUST], url)
    assert len(stub.saves()) == 1


def test_a_failed_save_is_an_error(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.save_status = 500
    with pytest.raises(ZoteroError, match="HTTP 500"):
        send_to_zotero([TRUST], url)


def test_something_else_on_the_port_gets_nothing(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.ping_body = b"<html>a printer's web page</html>"
    with pytest.raises(ZoteroError, match="something other than Zotero"):
        send_to_zotero([TRUST], url)
    assert stub.saves() == []


def test_a_dropped_connection_during_the_save_says_to_look_in_zotero(zotero: tuple[StubZotero, str]) -> None:
    stub, url = zotero
    stub.drop_saves = True
    with pytest.raises(ZoteroError, match="look in Zotero before sending again"):
        send_to_zotero([TRUST], url)


# -- the command line -----------------------------------------------------------------------------

DAY = """## Daily Papers (2024-11-20)

### [Building Trust: Foundations of Security, Safety and Transparency in AI](https://arxiv.org/abs/2411.12275)

Vote: 6

Authors: Mark Bestavros, Garth Mollett, Mark Bestavros

- ***What's New***: 이 논문은 공개 AI 모델 생태계의 보안을 다룹니다.

### [$VILA^2$: VILA Augmented VILA](https://arxiv.org/abs/2407.17453)

Vote: 3

Authors: Yunhao Fang, Ligeng Zhu

- ***What's New***: 자기 증강으로 VLM을 개선합니다.
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2024-11-20.md").write_text(DAY, encoding="utf-8")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "index", str(folder)]) == 0
    return data


def test_cli_sends_the_starred_papers_by_default(data_dir: Path, zotero: tuple[StubZotero, str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    stub, url = zotero
    assert main(["--data-dir", str(data_dir), "star", "2411.12275"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "zotero", "--connector", url]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "sent 1 paper to Zotero"
    assert "local API is off" in err  # the duplicates could not be looked for: said, not an error
    [payload] = stub.saves()
    [item] = payload["items"]
    assert item["archiveID"] == "arXiv:2411.12275"
    assert [c["lastName"] for c in item["creators"]] == ["Bestavros", "Mollett"]  # listed twice, sent once
    assert "이 논문은 공개 AI 모델 생태계의 보안을 다룹니다." in item["notes"][0]["note"]


def test_cli_sends_named_papers_or_a_day_and_reports_the_skipped(data_dir: Path, zotero: tuple[StubZotero, str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    stub, url = zotero
    stub.local_api = True
    stub.library = [in_zotero("2411.12275", DOI="10.48550/arXiv.2411.12275")]
    assert main(["--data-dir", str(data_dir), "zotero", "--date", "2024-11-20", "--connector", url]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "sent 1 paper to Zotero; skipped 1 already in the Zotero library" and err == ""
    assert main(["--data-dir", str(data_dir), "zotero", "2407.17453v2", "--connector", url]) == 0
    assert [[item["id"] for item in payload["items"]] for payload in stub.saves()] == [["2407.17453"]] * 2


def test_cli_zotero_not_running_exits_1_with_one_sentence(data_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "zotero", "2411.12275", "--connector", closed_port_url()]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("daily-papers: Zotero is not running")


def test_cli_refuses_unknown_papers_before_talking_to_zotero(data_dir: Path, zotero: tuple[StubZotero, str],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    stub, url = zotero
    assert main(["--data-dir", str(data_dir), "zotero", "2411.12275", "2501.00001", "--connector", url]) == 1
    assert "2501.00001 is not in the library; nothing was sent" in capsys.readouterr().err
    assert stub.requests == []


def test_cli_nothing_starred_sends_nothing(data_dir: Path, zotero: tuple[StubZotero, str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    stub, url = zotero
    assert main(["--data-dir", str(data_dir), "zotero", "--connector", url]) == 0
    assert "nothing to send to Zotero (no starred papers)" in capsys.readouterr().err
    assert stub.requests == []


@pytest.mark.parametrize("args", [
    ("zotero", "2411.12275", "--starred"),
    ("zotero", "--starred", "--date", "2024-11-20"),
    ("zotero", "--connector", "ftp://127.0.0.1:23119"),
    ("zotero", "--connector", "http://127.0.0.1:23119/connector"),
    ("zotero", "not-an-id"),
])
def test_cli_zotero_usage_errors_exit_2(data_dir: Path, args: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as caught:
        code = main(["--data-dir", str(data_dir), *args])
        raise SystemExit(code)
    assert caught.value.code == 2
