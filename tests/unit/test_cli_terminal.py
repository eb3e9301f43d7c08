"""What the command line prints on a terminal: untrusted titles cannot drive the terminal, and `index`
shows its progress on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import cli_env, run

HOSTILE_TITLE = "Safe \x1b]0;owned\x07\x1b[2J title \u202etxt.exe\u202c end"
DIGEST = f"""## Daily Papers (2025-03-01)

### [{HOSTILE_TITLE}](https://arxiv.org/abs/2503.00001)

Vote: 3

Authors: Ann \x1b[31mRed\x1b[0m Author

- ***What's New***: 요약 \x1b[2J 문장
"""


def hostile_library(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-03-01.md").write_text(DIGEST, encoding="utf-8")
    data_dir = tmp_path / "data"
    assert run(data_dir, "index", str(folder)).returncode == 0
    return data_dir


def test_list_show_and_search_print_control_and_bidi_characters_escaped(tmp_path: Path) -> None:
    data_dir = hostile_library(tmp_path)
    outputs = [run(data_dir, "list", "--date", "2025-03-01").stdout, run(data_dir, "show", "2503.00001").stdout,
               run(data_dir, "search", "title:safe").stdout]
    for output in outputs:
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output
        assert "\\x1b]0;owned\\x07" in output and "\\u202e" in output
    assert "Ann \\x1b[31mRed" in outputs[1] and "요약 \\x1b[2J 문장" in outputs[1]


def test_json_keeps_the_title_as_written(tmp_path: Path) -> None:
    data_dir = hostile_library(tmp_path)
    [paper] = json.loads(run(data_dir, "list", "--date", "2025-03-01", "--json").stdout)
    assert paper["title"] == HOSTILE_TITLE


def test_index_shows_progress_on_a_terminal_and_nothing_extra_in_a_pipe(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    for day in range(1, 13):
        (folder / f"2025-03-{day:02d}.md").write_text(DIGEST.replace("2025-03-01", f"2025-03-{day:02d}"),
                                                      encoding="utf-8")
    piped = run(tmp_path / "piped", "index", str(folder))
    assert piped.returncode == 0 and "indexing:" not in piped.stderr and "indexing:" not in piped.stdout

    shown, stdout = index_on_a_terminal(tmp_path / "tty", str(folder))
    # the bundled seeds (5 files, 52 papers) are in every new library
    assert b"indexing: 17/17 files, 64 papers" in shown and b"ETA" in shown
    assert stdout.startswith("17 files (17 parsed")


def test_index_on_a_terminal_says_when_it_merges_the_search_index(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.index import merge_policy
    from reader.library import Library

    monkeypatch.setattr(merge_policy, "SMALL_MERGE_DOCS", 4)  # here: eight one-day segments no update folds
    folder, data_dir = tmp_path / "digests", tmp_path / "data"
    folder.mkdir()
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([folder])
        for day in range(1, merge_policy.MERGE_FACTOR + 1):
            (folder / f"2025-03-{day:02d}.md").write_text(DIGEST.replace("2025-03-01", f"2025-03-{day:02d}"),
                                                          encoding="utf-8")
            library.update()
    shown, stdout = index_on_a_terminal(data_dir)  # nothing to read: the idle moment merges the eight
    assert shown.endswith(b"merging the search index: 8 papers\x1b[K\r\x1b[K")  # cleared for the report
    assert stdout.startswith("8 files (0 parsed, 8 unchanged")


def index_on_a_terminal(data_dir: Path, *paths: str) -> tuple[bytes, str]:
    """`daily-papers index` with its stderr on a terminal: what the terminal showed, and stdout."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "reader", "--data-dir", str(data_dir), "index", *paths],
                               stdout=subprocess.PIPE, stderr=follower, env=cli_env())
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other side closed: the command is done
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    return shown, stdout.decode()
