"""The read/starred state: what the user marks stays marked, and no state file is ever wiped."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from reader.core.errors import StateError
from reader.core.models import Flags
from reader.stores import reading_state as store_module
from reader.stores.reading_state import StateStore


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "state.sqlite"


@pytest.fixture
def store(path: Path) -> Iterator[StateStore]:
    with StateStore(path) as opened:
        yield opened


def raw_rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def user_version(path: Path) -> int:
    return raw_rows(path, "PRAGMA user_version")[0][0]


def make_database(path: Path, version: int) -> None:
    """A file as some other version of the app would leave it (plain rollback journal)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE future (x)")
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()


def test_star_round_trip(store: StateStore) -> None:
    store.set_starred(["2411.12275", "2411.00001"])
    assert store.get("2411.12275") == Flags(starred=True, read=False)
    assert store.get("2499.99999") == Flags()
    assert store.starred_ids() == {"2411.12275", "2411.00001"}
    assert store.all() == {"2411.12275": Flags(starred=True), "2411.00001": Flags(starred=True)}


def test_versioned_id_shares_state_with_plain_id(store: StateStore) -> None:
    store.set_starred(["2411.12275v2"])
    assert store.get("2411.12275").starred
    assert store.get("2411.12275v1").starred
    assert store.starred_ids() == {"2411.12275"}


def test_unstar_keeps_read_flag(store: StateStore, path: Path) -> None:
    store.set_starred(["2411.12275", "2411.00001"])
    store.set_read(["2411.12275"])
    store.set_starred(["2411.12275", "2411.00001"], False)
    assert store.get("2411.12275") == Flags(starred=False, read=True)
    assert store.starred_ids() == set()
    assert store.all() == {"2411.12275": Flags(read=True)}  # no flag set: not listed
    assert len(raw_rows(path, "SELECT * FROM flags")) == 2  # rows (and their timestamps) kept


def test_read_and_unread(store: StateStore) -> None:
    store.set_read(["2411.12275", "2411.00001"])
    assert store.read_ids() == {"2411.12275", "2411.00001"}
    store.set_read(["2411.00001"], value=False)
    assert store.read_ids() == {"2411.12275"}
    assert store.get("2411.00001") == Flags()


def test_empty_id_list_is_a_no_op(store: StateStore) -> None:
    store.set_starred([])
    store.set_read(iter(()), False)
    assert store.all() == {}


def test_timestamps_record_when_a_flag_last_changed(store: StateStore, path: Path) -> None:
    store.set_starred(["2411.12275"])
    [(starred_at, read_at, updated_at)] = raw_rows(path, "SELECT starred_at, read_at, updated_at FROM flags")
    assert starred_at.endswith("+00:00") and read_at is None and updated_at == starred_at

    store.set_starred(["2411.12275"])  # already starred: the original time stays
    assert raw_rows(path, "SELECT starred_at FROM flags") == [(starred_at,)]

    store.set_read(["2411.12275"])
    [(starred_again, read_at)] = raw_rows(path, "SELECT starred_at, read_at FROM flags")
    assert starred_again == starred_at and read_at >= starred_at


def test_state_persists_across_reopen(path: Path) -> None:
    with StateStore(path) as first:
        first.set_starred(["2411.12275"])
        first.set_read(["2411.00001"])
    with StateStore(path) as second:
        assert second.all() == {"2411.12275": Flags(starred=True), "2411.00001": Flags(read=True)}
        assert second.warnings == []


def test_two_stores_on_one_file_see_each_other(path: Path) -> None:
    with StateStore(path) as window, StateStore(path) as cli:
        cli.set_starred(["2411.12275"])
        assert window.get("2411.12275").starred
        window.set_read(["2411.12275"])
        assert cli.get("2411.12275") == Flags(starred=True, read=True)


def test_merge_true_flag_from_either_side_wins(store: StateStore) -> None:
    store.set_starred(["2411.00001"])
    store.set_read(["2411.00002"])
    store.merge(
        {
            "2411.00001": Flags(starred=False, read=True),  # must not unstar
            "2411.00002": Flags(starred=True, read=False),  # must not mark unread
            "2411.00003": Flags(starred=True),
            "2411.00004": Flags(),
        }
    )
    assert store.all() == {
        "2411.00001": Flags(starred=True, read=True),
        "2411.00002": Flags(starred=True, read=True),
        "2411.00003": Flags(starred=True),
    }


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*[0-9]"))


def assert_moved_aside_and_empty(path: Path, original: bytes) -> None:
    store = StateStore(path)
    try:
        [backup] = backups(path)
        assert backup.read_bytes() == original
        assert len(store.warnings) == 1
        assert "corrupt" in store.warnings[0] and str(backup) in store.warnings[0]
        assert store.all() == {}
        store.set_starred(["2411.12275"])  # and it works again
        assert store.starred_ids() == {"2411.12275"}
    finally:
        store.close()


def test_file_that_is_not_a_database_is_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = "이건 데이터베이스가 아닙니다\n".encode() * 200
    path.write_bytes(original)
    assert_moved_aside_and_empty(path, original)


def test_damaged_database_is_moved_aside(path: Path) -> None:
    with StateStore(path) as store:
        store.set_starred([f"2401.{number:05d}" for number in range(2000)])  # many pages
    damaged = bytearray(path.read_bytes())
    page_size = raw_rows(path, "PRAGMA page_size")[0][0]
    damaged[2 * page_size : 3 * page_size] = b"\xa5" * page_size  # scribble over a b-tree page
    path.write_bytes(damaged)
    assert_moved_aside_and_empty(path, bytes(damaged))


def test_second_corruption_gets_its_own_backup(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for text in (b"first broken file" * 100, b"second broken file" * 100):
        path.unlink(missing_ok=True)
        path.write_bytes(text)
        StateStore(path).close()
    assert sorted(backup.read_bytes() for backup in backups(path)) == sorted(
        [b"first broken file" * 100, b"second broken file" * 100]
    )


def test_file_from_newer_version_is_refused_and_untouched(path: Path) -> None:
    make_database(path, version=7)
    before = path.read_bytes()
    known = StateStore.SCHEMA_VERSION
    with pytest.raises(StateError, match=rf"newer version.*schema 7, this version knows {known}.*not modified"):
        StateStore(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["state.sqlite"]


def test_empty_file_is_set_aside_and_reported(path: Path) -> None:
    """A 0-byte state file held no marks, but the user is told, and the file is kept."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with StateStore(path) as store:
        [warning] = store.warnings
        [backup] = backups(path)
        assert "empty" in warning and str(backup) in warning
        assert backup.read_bytes() == b""
        store.set_starred(["2411.12275"])
    assert user_version(path) == StateStore.SCHEMA_VERSION
    assert raw_rows(path, "PRAGMA journal_mode") == [("wal",)]
    assert not list(path.parent.glob("*.backup-*"))  # nothing to back up in an empty file


def test_a_new_state_file_is_never_seen_half_made(path: Path) -> None:
    """The file appears whole (tables and version set), so a second process never takes it for a damaged one."""
    with StateStore(path) as store:
        assert store.warnings == []
    assert user_version(path) == StateStore.SCHEMA_VERSION
    assert sorted(p.name for p in path.parent.iterdir()) == ["state.sqlite"]  # no temporary file left
    with StateStore(path) as again:
        assert again.warnings == []


def test_migration_steps_run_in_order_after_a_backup(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with StateStore(path) as store:
        store.set_starred(["2411.12275"])

    def add_note_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE flags ADD COLUMN note TEXT")

    current = StateStore.SCHEMA_VERSION
    monkeypatch.setattr(StateStore, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, current, add_note_column)
    with StateStore(path) as store:
        assert store.starred_ids() == {"2411.12275"}
    assert user_version(path) == current + 1
    assert "note" in [column[1] for column in raw_rows(path, "PRAGMA table_info(flags)")]
    backup = path.with_name(f"state.sqlite.backup-v{current}")
    assert user_version(backup) == current
    assert raw_rows(backup, "SELECT arxiv_id, starred FROM flags") == [("2411.12275", 1)]


def test_failed_migration_leaves_the_file_at_its_old_version(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with StateStore(path) as store:
        store.set_starred(["2411.12275"])

    def broken_step(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE flags ADD COLUMN note TEXT")
        db.execute("SELECT * FROM no_such_table")

    current = StateStore.SCHEMA_VERSION
    monkeypatch.setattr(StateStore, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, current, broken_step)
    with pytest.raises(StateError, match="no_such_table"):
        StateStore(path)
    assert user_version(path) == current
    assert "note" not in [column[1] for column in raw_rows(path, "PRAGMA table_info(flags)")]


def test_write_blocked_too_long_is_a_readable_state_error(path: Path) -> None:
    with StateStore(path, busy_timeout=0.05) as store, closing(
        sqlite3.connect(path, isolation_level=None)
    ) as other:
        other.execute("BEGIN IMMEDIATE")  # another process holding the write lock
        with pytest.raises(StateError, match="busy"):
            store.set_starred(["2411.12275"])
        other.execute("ROLLBACK")
        store.set_starred(["2411.12275"])  # the failed call left no transaction behind
        assert store.starred_ids() == {"2411.12275"}


def test_unusable_path_is_a_state_error(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="folder"):
        StateStore(tmp_path)
    (tmp_path / "a file").write_text("")
    with pytest.raises(StateError, match="Could not open the state file"):
        StateStore(tmp_path / "a file" / "state.sqlite")


def test_closed_store_raises_state_error(path: Path) -> None:
    store = StateStore(path)
    store.close()
    store.close()
    with pytest.raises(StateError, match="closed"):
        store.get("2411.12275")
