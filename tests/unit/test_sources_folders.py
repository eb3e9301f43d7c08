"""The one walk over the library's folders: what counts as a digest file, and what is reported instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import cli_env

from reader.sources.folders import scan_sources

DIGEST = "## Daily Papers (2025-02-01)\n\n### [A paper](https://arxiv.org/abs/2502.00001)\n\nVote: 1\n"


def test_only_markdown_files_outside_hidden_folders_are_digests(tmp_path: Path) -> None:
    (tmp_path / "2025" / "02").mkdir(parents=True)
    (tmp_path / "2025" / "02" / "01.md").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a digest", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.md").write_text(DIGEST, encoding="utf-8")
    scan = scan_sources([tmp_path])
    assert list(scan.files) == [str(tmp_path / "2025" / "02" / "01.md")]
    assert str(tmp_path / "2025" / "02") in scan.folders and str(tmp_path / ".git") not in scan.folders
    assert scan.problems == []


def test_a_missing_source_is_reported(tmp_path: Path) -> None:
    scan = scan_sources([tmp_path / "gone"])
    assert scan.files == {} and [problem.path for problem in scan.problems] == [str(tmp_path / "gone")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_a_digest_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "01.md").write_text(DIGEST, encoding="utf-8")
    os.mkfifo(tmp_path / "02.md")
    scan = scan_sources([tmp_path])
    assert list(scan.files) == [str(tmp_path / "01.md")]
    assert [(problem.path, problem.reason) for problem in scan.problems] == [
        (str(tmp_path / "02.md"), "not a regular file (a pipe or device?); skipped")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_index_list_and_state_export_finish_with_a_fifo_in_a_source_folder(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "01.md").write_text(DIGEST, encoding="utf-8")
    os.mkfifo(folder / "02.md")
    os.mkfifo(tmp_path / "lone.md")  # a FIFO given as a file source
    env = cli_env()
    for command in (["index", str(folder), str(tmp_path / "lone.md")], ["list"], ["state", "export"]):
        result = subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), *command],
                                capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
    index = subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), "index"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert "02.md: not a regular file" in index.stdout and "lone.md: not a regular file" in index.stdout
