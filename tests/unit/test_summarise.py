"""Korean summaries by the reader's own model, against a stub chat-completions endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_runner import cli_env
from http_fixture import DigestServer, Route

from reader.core.models import Paper, Section
from reader.core.parse import read_digest
from reader.library import ChatModel, Library, SummariseError
from reader.sources.hub_digest import render_day
from reader.sources.summarise import api_key_for, summarise_day

DAY = date(2025, 6, 2)
KOREAN = {"What's New": "작은 모델(Small Model)을 제안합니다.",
          "Technical Details": "지식 증류(Distillation)와 Quokkaformer를 씁니다.",
          "Performance Highlights": "GSM8K에서 80%를 넘습니다."}


def completion(content: str) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "model": "stub",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                    "finish_reason": "stop"}]}).encode()


class ChatServer:
    """POST /v1/chat/completions: `answer(title) -> (status, body, delay_s)`; every request is kept."""

    def __init__(self, answer: Callable[[str], tuple[int, bytes, float]]) -> None:
        self.requests: list[tuple[dict[str, str], dict[str, object]]] = []
        self._release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append((dict(self.headers), body))
                title = body["messages"][1]["content"].split("\n")[0].removeprefix("Title: ")
                status, payload, delay_s = answer(title)
                if delay_s and server._release.wait(delay_s):
                    return
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()


def good(_title: str) -> tuple[int, bytes, float]:
    return 200, completion(json.dumps(KOREAN, ensure_ascii=False)), 0.0


def paper(arxiv_id: str, title: str, abstract: str) -> Paper:
    return Paper(arxiv_id, DAY.isoformat(), title, f"https://arxiv.org/abs/{arxiv_id}", 3, ("Ada Lovelace",),
                 sections=(Section("Abstract", abstract),))


@pytest.fixture
def day_file(tmp_path: Path) -> Path:
    path = tmp_path / "hf" / "2025" / "06" / "02.md"
    path.parent.mkdir(parents=True)
    papers = [paper("2506.00001", "First Paper", "We distil a small model."),
              paper("2506.00002", "Second Paper", "We measure GSM8K.")]
    path.write_text(render_day(DAY, papers, datetime(2025, 6, 5, tzinfo=UTC)), encoding="utf-8")
    return path


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    with ChatServer(good) as server:
        yield server


def test_each_paper_gets_the_archives_labelled_korean_sections_and_keeps_its_abstract(
        chat: ChatServer, day_file: Path) -> None:
    report = summarise_day(day_file, DAY, ChatModel(chat.endpoint, "stub-model"))
    assert (report.written, report.failed, report.already) == (2, (), 0)
    papers = read_digest(day_file).papers
    for item in papers:
        assert [(s.label, s.text) for s in item.sections[:3]] == list(KOREAN.items())
        assert item.sections[3].label == "Abstract"
    assert papers[0].sections[3].text == "We distil a small model."
    again = summarise_day(day_file, DAY, ChatModel(chat.endpoint, "stub-model"))
    assert (again.written, again.already) == (0, 2) and len(chat.requests) == 2  # nothing asked twice


def test_the_request_holds_the_papers_public_text_only(chat: ChatServer, day_file: Path) -> None:
    summarise_day(day_file, DAY, ChatModel(chat.endpoint, "stub-model", api_key="sk-secret"))
    headers, body = chat.requests[0]
    assert set(body) == {"model", "messages", "response_format", "temperature", "stream"}
    assert body["model"] == "stub-model" and body["response_format"] == {"type": "json_object"}
    messages = body["messages"]
    assert isinstance(messages, list) and messages[0]["role"] == "system"
    assert "What's New" in messages[0]["content"] and "Performance Highlights" in messages[0]["content"]
    assert messages[1] == {"role": "user", "content": "Title: First Paper\n\nAbstract: We distil a small model."}
    assert headers["Authorization"] == "Bearer sk-secret"
    assert "sk-secret" not in repr(ChatModel(chat.endpoint, "m", api_key="sk-secret"))


def test_a_malformed_answer_leaves_that_paper_as_it_was_and_is_listed(day_file: Path) -> None:
    def answer(title: str) -> tuple[int, bytes, float]:
        if title == "First Paper":
            return 200, completion("Sorry, I cannot answer in JSON."), 0.0
        return good(title)

    with ChatServer(answer) as server:
        report = summarise_day(day_file, DAY, ChatModel(server.endpoint, "m"))
    assert report.written == 1
    assert [(arxiv_id, "malformed" in reason) for arxiv_id, reason in report.failed] == [("2506.00001", True)]
    first, second = read_digest(day_file).papers
    assert [s.label for s in first.sections] == ["Abstract"]
    assert second.sections[0].label == "What's New"


@pytest.mark.parametrize("content", ['{"What\'s New": "새로움"}', "[1, 2]", "```json\nnot json\n```"])
def test_answers_without_the_three_keys_are_refused(content: str, day_file: Path) -> None:
    with ChatServer(lambda _title: (200, completion(content), 0.0)) as server:
        report = summarise_day(day_file, DAY, ChatModel(server.endpoint, "m"))
    assert report.written == 0 and len(report.failed) == 2


def test_a_fenced_json_answer_is_read(day_file: Path) -> None:
    fenced = "```json\n" + json.dumps(KOREAN, ensure_ascii=False) + "\n```"
    with ChatServer(lambda _title: (200, completion(fenced), 0.0)) as server:
        assert summarise_day(day_file, DAY, ChatModel(server.endpoint, "m")).written == 2


def test_a_401_ends_the_run_with_one_sentence_and_changes_nothing(day_file: Path) -> None:
    before = day_file.read_bytes()
    with ChatServer(lambda _title: (401, b'{"error": "invalid api key"}', 0.0)) as server, \
            pytest.raises(SummariseError, match="HTTP 401"):
        summarise_day(day_file, DAY, ChatModel(server.endpoint, "m", api_key="wrong"))
    assert day_file.read_bytes() == before


def test_a_timeout_fails_that_paper_only(day_file: Path) -> None:
    def answer(title: str) -> tuple[int, bytes, float]:
        return (200, b"", 30.0) if title == "First Paper" else good(title)

    with ChatServer(answer) as server:
        report = summarise_day(day_file, DAY, ChatModel(server.endpoint, "m", timeout_s=0.5))
    assert report.written == 1 and report.failed[0][0] == "2506.00001" and "0.5 s" in report.failed[0][1]


def test_cancel_during_an_answer_keeps_what_was_written(day_file: Path) -> None:
    stop = threading.Event()

    def answer(title: str) -> tuple[int, bytes, float]:
        if title == "Second Paper":
            stop.set()
            return 200, b"", 30.0
        return good(title)

    with ChatServer(answer) as server:
        report = summarise_day(day_file, DAY, ChatModel(server.endpoint, "m"), should_stop=stop.is_set)
    assert report.cancelled and report.written == 1
    assert read_digest(day_file).papers[0].sections[0].label == "What's New"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_endpoint_is_one_clear_sentence(day_file: Path) -> None:
    before = day_file.read_bytes()
    with pytest.raises(SummariseError, match="cannot reach the model at http://127.0.0.1"):
        summarise_day(day_file, DAY, ChatModel(f"http://127.0.0.1:{closed_port()}/v1", "m"))
    assert day_file.read_bytes() == before


def test_a_day_not_fetched_says_how_to_fetch_it(tmp_path: Path) -> None:
    with pytest.raises(SummariseError, match="fetch --source hf"):
        summarise_day(tmp_path / "nothing.md", DAY, ChatModel("http://127.0.0.1:9/v1", "m"))


def test_the_api_key_comes_from_the_environment_first() -> None:
    assert api_key_for("http://127.0.0.1:9/v1", {"DAILY_PAPERS_API_KEY": " sk-env "}) == "sk-env"


def run_cli(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=cli_env() | env, timeout=120)


def test_cli_fetch_then_summarise_then_list_json_shows_the_korean_sections(chat: ChatServer, tmp_path: Path) -> None:
    item = {"paper": {"id": "2506.00001", "title": "First Paper", "authors": [{"name": "Ada Lovelace"}],
                      "summary": "We distil a small model.", "upvotes": 3}, "title": "First Paper"}
    with DigestServer({"/api/daily_papers?limit=100&date=2025-06-02":
                       Route(json.dumps([item]).encode(), content_type="application/json")}) as hub:
        env = {"HF_ENDPOINT": hub.url, "DAILY_PAPERS_API_KEY": "sk-cli"}
        assert run_cli(tmp_path, env, "fetch", "--source", "hf", "--since", "2025-06-02",
                       "--until", "2025-06-02").returncode == 0
    offline = run_cli(tmp_path, {}, "summarise", "--date", "2025-06-02",
                      "--endpoint", f"http://127.0.0.1:{closed_port()}/v1")
    assert offline.returncode == 1 and "Traceback" not in offline.stderr
    assert offline.stderr.count("\n") == 1 and "cannot reach the model" in offline.stderr
    done = run_cli(tmp_path, env, "summarise", "--date", "2025-06-02", "--endpoint", chat.endpoint, "--model", "m")
    assert done.returncode == 0, done.stderr
    assert "2506.00001  summarised" in done.stdout and "1 summarised" in done.stdout
    assert "sk-cli" not in done.stdout + done.stderr
    (entry,) = json.loads(run_cli(tmp_path, env, "list", "--json", "--date", "2025-06-02").stdout)
    assert [section["label"] for section in entry["sections"]] == [*KOREAN, "Abstract"]
    assert chat.requests[0][0]["Authorization"] == "Bearer sk-cli"
    with Library(tmp_path) as library:
        assert [hit.paper.arxiv_id for hit in library.search("Quokkaformer").hits] == ["2506.00001"]


def test_papers_a_korean_digest_already_summarises_that_day_are_not_sent(
        chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    item = {"paper": {"id": "2506.00001", "title": "First Paper", "authors": [{"name": "Ada Lovelace"}],
                      "summary": "We distil a small model.", "upvotes": 3}, "title": "First Paper"}
    other = {"paper": {"id": "2506.00002", "title": "Second Paper", "authors": [{"name": "Ada Lovelace"}],
                       "summary": "We measure GSM8K.", "upvotes": 2}, "title": "Second Paper"}
    korean = tmp_path / "korean" / "2025" / "06"
    korean.mkdir(parents=True)
    (korean / "02.md").write_text("## Daily Papers (2025-06-02)\n\n### [First Paper](https://arxiv.org/abs/2506.00001)"
                                  "\n\n- ***What's New***: 이미 있는 요약.\n", encoding="utf-8")
    route = Route(json.dumps([item, other]).encode(), content_type="application/json")
    with DigestServer({"/api/daily_papers?limit=100&date=2025-06-02": route}) as hub, \
            Library(tmp_path / "data") as library:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        library.add_sources([tmp_path / "korean"])
        library.fetch("hf", DAY, DAY)
        library.update()
        assert library.papers_to_summarise(DAY.isoformat()) == 1  # what the window's button is shown for
        assert library.summarised_elsewhere(DAY.isoformat()) == {"2506.00001"}
        report = library.summarise(DAY.isoformat(), ChatModel(chat.endpoint, "m"))
        library.update()
        assert library.papers_to_summarise(DAY.isoformat()) == 0
    assert (report.written, report.already) == (1, 1)
    assert [body["messages"][1]["content"].split("\n")[0] for _headers, body in chat.requests] == [
        "Title: Second Paper"]
