"""The organising commands as a user runs them (the issue's contract), on the bundled seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_runner import cli_env, run

from reader.core.contract import PAPER_KEYS

FIRST, SECOND = "2411.12275", "2411.12372"  # two papers of the seed day 2024-11-20
NOTE = "## 메모\n신뢰에 대한 **좋은** 정리 zyxquux\n"


def json_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_tags_notes_and_the_json_keys(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "tag", FIRST, "LLM", "읽을 것").returncode == 0
    assert run(data, "tag", SECOND, "LLM").returncode == 0
    assert run(data, "untag", SECOND, "llm").returncode == 0
    note = subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data), "note", FIRST, "-"],
                          input=NOTE, capture_output=True, text=True, env=cli_env())
    assert note.returncode == 0, note.stderr
    listed = json_of(run(data, "list", "--tag", "읽을 것", "--json"))
    assert [paper["arxiv_id"] for paper in listed] == [FIRST]
    assert tuple(listed[0]) == PAPER_KEYS and PAPER_KEYS[-2:] == ("tags", "note")
    assert listed[0]["tags"] == ["LLM", "읽을 것"] and listed[0]["note"] == NOTE
    plain = json_of(run(data, "list", "--date", "2024-11-20", "--json"))
    assert all(paper["tags"] == [] and paper["note"] is None for paper in plain if paper["arxiv_id"] != FIRST)
    found = json_of(run(data, "search", "zyxquux", "--json"))  # a word only the note has
    assert [paper["arxiv_id"] for paper in found] == [FIRST] and "score" in found[0] and found[0]["tags"]
    assert [paper["arxiv_id"] for paper in json_of(run(data, "search", "tag:LLM", "--json"))] == [FIRST]
    shown = run(data, "show", FIRST).stdout
    assert "Tags: LLM, 읽을 것" in shown and "Note:\n## 메모" in shown
    assert run(data, "note", FIRST, "--clear").returncode == 0
    assert json_of(run(data, "show", FIRST, "--json"))[0]["note"] is None


def test_queue_saved_and_mute_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "queue", "add", SECOND, FIRST).returncode == 0
    queued = json_of(run(data, "queue", "list", "--json"))
    assert [paper["arxiv_id"] for paper in queued] == [SECOND, FIRST]
    assert [paper["arxiv_id"] for paper in json_of(run(data, "list", "--queued", "--json"))] == [SECOND, FIRST]
    assert run(data, "queue", "remove", SECOND).returncode == 0
    assert [paper["arxiv_id"] for paper in json_of(run(data, "queue", "list", "--json"))] == [FIRST]
    assert run(data, "read", FIRST).returncode == 0  # finished: off the queue
    assert json_of(run(data, "queue", "list", "--json")) == []

    assert run(data, "saved", "add", "신뢰", "Trust", "--exact").returncode == 0
    saved = json_of(run(data, "saved", "list", "--json"))
    assert saved == [{"name": "신뢰", "query": "Trust", "exact": True, "total": saved[0]["total"],
                      "unread": 0}] and saved[0]["total"]  # the one Trust paper was read just before
    assert run(data, "saved", "remove", "신뢰").returncode == 0
    assert run(data, "saved", "remove", "신뢰").returncode == 1

    everything = json_of(run(data, "list", "--json"))
    assert run(data, "mute", "add", "Trust").returncode == 0
    muted = json_of(run(data, "mute", "list", "--json"))
    assert muted[0]["rule"] == "Trust" and muted[0]["papers"] >= 1
    shown = json_of(run(data, "list", "--json"))
    assert FIRST not in {paper["arxiv_id"] for paper in shown} and len(shown) < len(everything)
    assert len(json_of(run(data, "list", "--muted", "--json"))) == len(everything)
    assert run(data, "mute", "remove", "Trust").returncode == 0
    assert len(json_of(run(data, "list", "--json"))) == len(everything)


def test_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for args, code in ((("tag", "not-an-id", "x"), 2), (("tag", FIRST, "a,b"), 1), (("note", FIRST), 2),
                       (("note", FIRST, "  "), 2), (("saved", "add", "x", "-only"), 2), (("mute", "add", "author:"), 1),
                       (("queue", "shuffle"), 2)):
        result = run(data, *args)
        assert result.returncode == code, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.strip(), args


def test_state_export_and_import_carry_the_organisation(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    run(there, "tag", FIRST, "LLM")
    run(there, "note", FIRST, "there")
    run(there, "queue", "add", FIRST)
    exported = tmp_path / "state.json"
    assert run(there, "state", "export", "-o", str(exported)).returncode == 0
    imported = run(here, "state", "import", str(exported))
    assert imported.returncode == 0 and "1 paper newly tagged" in imported.stdout
    paper = json_of(run(here, "show", FIRST, "--json"))[0]
    assert paper["tags"] == ["LLM"] and paper["note"] == "there"
    assert [p["arxiv_id"] for p in json_of(run(here, "queue", "list", "--json"))] == [FIRST]
