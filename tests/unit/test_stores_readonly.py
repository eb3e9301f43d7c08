"""A data directory that cannot be written (a backup, a read-only mount, another user's folder): the
reading commands still answer from it, writing ones fail with a sentence, and nothing in it changes.

Root ignores file permissions, so as root the command runs through `setpriv` without the capability
that lets it (CAP_DAC_OVERRIDE); where that is impossible the test is skipped. The in-process tests
make the folder look read-only to the reader (os.access) and check it then writes nothing at all.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from test_stores_catalogue import SEAGULL, downgrade_to_version_2

from reader.core.errors import StateError
from reader.library import Library

DROP_DAC = ["--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def indexed(data_dir: Path) -> Path:
    with Library(data_dir) as library:
        library.update()
        library.set_starred([SEAGULL])
    return data_dir


def set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755 if writable else 0o555)
        else:
            path.chmod(0o644 if writable else 0o444)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reader", *args]


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[list[str]]:
    """The prefix that runs a command subject to file permissions (empty unless running as root)."""
    if os.geteuid() != 0:
        yield []
        return
    setpriv = shutil.which("setpriv")
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    try:
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a folder read-only to the reader")
        checked = subprocess.run([setpriv, *DROP_DAC, sys.executable, "-c",
                                  f"import os; print(os.access({str(probe)!r}, os.W_OK))"],
                                 capture_output=True, text=True, timeout=60)
        if checked.stdout.strip() != "False":
            pytest.skip(f"cannot drop CAP_DAC_OVERRIDE here: {checked.stderr.strip()}")
        yield [setpriv, *DROP_DAC]
    finally:
        probe.chmod(0o755)


def test_reading_commands_work_on_a_read_only_data_directory(indexed: Path, unprivileged: list[str]) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DAILY_PAPERS_DATA_DIR", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*unprivileged, *command("--data-dir", str(indexed), *args)],
                              capture_output=True, text=True, env=env, timeout=120)

    before = snapshot(indexed)
    set_writable(indexed, False)
    try:
        listed = run("list", "--json")
        assert listed.returncode == 0, listed.stderr
        papers = json.loads(listed.stdout)
        assert len(papers) == 52
        assert [paper["arxiv_id"] for paper in papers if paper["starred"]] == [SEAGULL]
        assert "cannot be written" in listed.stderr

        shown = run("show", SEAGULL)
        assert shown.returncode == 0, shown.stderr
        found = run("search", "SEAGULL")
        assert found.returncode == 0, found.stderr
        assert SEAGULL in found.stdout
        exported = run("state", "export")
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["papers"] == {SEAGULL: {"starred": True, "read": False}}

        starred = run("star", "2411.12372")  # writing fails, with a sentence
        assert starred.returncode == 1
        assert "cannot be written" in starred.stderr and "Traceback" not in starred.stderr
    finally:
        set_writable(indexed, True)
    assert snapshot(indexed) == before


@pytest.fixture
def looks_read_only(monkeypatch: pytest.MonkeyPatch, indexed: Path) -> Path:
    """The data directory and everything in it reported as not writable, as a read-only folder would be."""
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(indexed)):
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return indexed


def test_a_library_that_cannot_write_reads_and_writes_nothing(looks_read_only: Path) -> None:
    before = snapshot(looks_read_only)
    with Library(looks_read_only) as library:
        assert library.read_only
        assert any("cannot be written" in warning for warning in library.warnings)
        report = library.update()  # skipped: the report tells what the catalogue holds
        assert (report.files, report.changed, report.papers) == (5, 0, 52)
        assert len(library.rows()) == 52 and len(library.days()) == 5
        assert library.days()[0].starred == 1
        assert library.search("SEAGULL").total == 1
        assert library.export_state()["papers"] == {SEAGULL: {"starred": True, "read": False}}
        with pytest.raises(StateError, match="cannot be written"):
            library.set_starred(["2411.12372"])
    assert snapshot(looks_read_only) == before


def test_an_older_catalogue_in_a_folder_that_cannot_be_written_is_read_all_the_same(
        indexed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    downgrade_to_version_2(indexed / "catalogue.sqlite")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if mode & os.W_OK and str(path).startswith(
        str(indexed)) else real_access(path, mode, *a, **k))
    with Library(indexed) as library:
        assert len(library.rows()) == 52
        assert library.smart_counts().starred == 1
    with closing(sqlite3.connect(indexed / "catalogue.sqlite")) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2  # left as it was
