"""The "not interested" mark: kept like a star (schema 2, export/import, kill -9, the CLI)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from test_state_crash import kill_after, start_worker

from reader.cli.main import main
from reader.core.models import Flags
from reader.library import Library
from reader.stores.carry import STATE_FORMAT, export_state, import_state
from reader.stores.reading_state import StateStore


def make_version_1_file(path: Path) -> None:
    """A state file as the version before the mark left it: a star and a read mark."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            """
            CREATE TABLE flags (
                arxiv_id TEXT PRIMARY KEY NOT NULL,
                starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
                read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
                starred_at TEXT, read_at TEXT, updated_at TEXT NOT NULL);
            INSERT INTO flags VALUES ('2411.12275', 1, 0, 'x', NULL, 'x'), ('2411.00001', 0, 1, NULL, 'x', 'x');
            PRAGMA user_version = 1;
            """
        )


def test_dismiss_round_trip_keeps_stars_and_reads(tmp_path: Path) -> None:
    with StateStore(tmp_path / "state.sqlite") as store:
        store.set_starred(["2411.12275"])
        store.set_dismissed(["2411.12275v2", "2411.00002"])
        assert store.dismissed_ids() == {"2411.12275", "2411.00002"}
        assert store.get("2411.12275") == Flags(starred=True, dismissed=True)
        store.set_dismissed(["2411.12275"], False)
        assert store.get("2411.12275") == Flags(starred=True)
        assert store.all() == {"2411.12275": Flags(starred=True), "2411.00002": Flags(dismissed=True)}
        assert store.get_many(["2411.00002"]) == {"2411.00002": Flags(dismissed=True)}


def test_a_version_1_file_is_backed_up_and_upgraded_with_its_marks(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    make_version_1_file(path)
    with StateStore(path) as store:
        assert store.warnings == []
        assert store.all() == {"2411.12275": Flags(starred=True), "2411.00001": Flags(read=True)}
        store.set_dismissed(["2411.00001"])
    with StateStore(path) as again:
        assert again.get("2411.00001") == Flags(read=True, dismissed=True)
    backup = path.with_name("state.sqlite.backup-v1")
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM flags").fetchone()[0] == 2


def test_a_version_1_file_that_cannot_be_written_is_read_with_no_dismissals(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.sqlite"
    make_version_1_file(path)
    before = path.read_bytes()
    monkeypatch.setattr("reader.stores.reading_state.cannot_write", lambda _path: True)
    with StateStore(path) as store:
        assert store.read_only
        assert store.starred_ids() == {"2411.12275"} and store.dismissed_ids() == set()
    assert path.read_bytes() == before


def test_export_carries_dismissals_and_an_older_export_still_imports(tmp_path: Path) -> None:
    with StateStore(tmp_path / "home.sqlite") as home:
        home.set_dismissed(["2411.00002"])
        home.set_starred(["2411.12275"])
        document = export_state(home)
    assert document["papers"] == {"2411.00002": {"starred": False, "read": False, "dismissed": True},
                                  "2411.12275": {"starred": True, "read": False}}
    older = {"format": STATE_FORMAT, "version": 1, "papers": {"2411.00003": {"starred": True, "read": False}}}
    with StateStore(tmp_path / "laptop.sqlite") as laptop:
        report = import_state(laptop, json.loads(json.dumps(document)), None)
        assert report.newly_dismissed == 1 and "1 newly marked not interested" in str(report)
        import_state(laptop, older, None)
        assert laptop.dismissed_ids() == {"2411.00002"}
        assert laptop.starred_ids() == {"2411.12275", "2411.00003"}
        bad = {**older, "papers": {"2411.00004": {"dismissed": "yes"}}}
        assert "must be true or false" in import_state(laptop, bad, None).skipped[0]


def test_acknowledged_dismissals_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"
    for batch, prefix, delay in ((1, "2501", 0.0), (1, "2502", 0.01), (25, "2503", 0.01)):
        worker = start_worker(db, "dismiss", prefix, 0, 100_000, "--batch", str(batch))
        acknowledged = kill_after(worker, 150, delay)
        with StateStore(db) as store:
            dismissed = {arxiv_id for arxiv_id in store.dismissed_ids() if arxiv_id.startswith(prefix)}
        assert not set(acknowledged) - dismissed
        assert len(dismissed) % batch == 0, "a batch was saved in part"


def test_cli_dismiss_and_undismiss(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "dismiss", "2411.12275", "2499.99999"]) == 0
    assert "2499.99999 is not in the library" in capsys.readouterr().err
    with Library(data_dir) as library:
        assert library.dismissed_ids() == {"2411.12275", "2499.99999"}
    assert main(["--data-dir", str(data_dir), "undismiss", "2499.99999"]) == 0
    with Library(data_dir) as library:
        assert library.dismissed_ids() == {"2411.12275"}
        assert library.flags("2411.12275").dismissed
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(data_dir), "dismiss", "not-an-id"])
    assert exit_info.value.code == 2
    assert "not an arXiv id" in capsys.readouterr().err
