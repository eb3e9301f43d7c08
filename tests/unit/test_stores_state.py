"""The reading state against odd files: a state file of another layout is set aside and explained,
an empty one is reported, and an import cannot grow the state without bound."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from reader.core.errors import StateError
from reader.library import Library
from reader.stores.carry import MAX_IMPORT_PAPERS, STATE_FORMAT
from reader.stores.reading_state import StateStore


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*[0-9]"))


def make_state_file(path: Path, *statements: str, version: int = 1) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        for statement in statements:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()
    return path.read_bytes()


WRONG_LAYOUTS = {
    "flags without the expected columns": ("CREATE TABLE flags (id TEXT PRIMARY KEY, liked INTEGER)",),
    "no flags table": ("CREATE TABLE notes (text TEXT)",),
    "an empty database": (),
}


@pytest.mark.parametrize("statements", WRONG_LAYOUTS.values(), ids=WRONG_LAYOUTS.keys())
def test_a_version_1_file_of_another_layout_is_set_aside_and_explained(tmp_path: Path, statements: tuple[str]) -> None:
    path = tmp_path / "state.sqlite"
    original = make_state_file(path, *statements)
    with StateStore(path) as store:
        [warning] = store.warnings
        [backup] = backups(path)
        assert "not a Daily Papers Reader state file" in warning and str(backup) in warning
        assert backup.read_bytes() == original  # kept as it was
        store.set_starred(["2411.12275"])  # and a fresh state works
        assert store.starred_ids() == {"2411.12275"}


def test_a_version_0_file_with_a_flags_table_of_its_own_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    make_state_file(path, "CREATE TABLE flags (x)", version=0)
    with StateStore(path) as store:
        assert len(store.warnings) == 1 and len(backups(path)) == 1
        store.set_read(["2411.12275"])


def test_the_library_reports_an_empty_state_file(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "state.sqlite").write_bytes(b"")
    with Library(data_dir) as library:
        assert any("was empty (0 bytes" in warning for warning in library.warnings)
        library.set_starred(["2411.12275"])
    assert len(backups(data_dir / "state.sqlite")) == 1


def document(count: int) -> dict[str, object]:
    return {"format": STATE_FORMAT, "version": 1,
            "papers": {f"{2400 + n // 90000}.{n % 90000 + 10000:05d}": {"starred": True} for n in range(count)}}


def test_an_import_larger_than_the_bound_is_refused_whole(tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        library.set_read(["2411.12275"])
        with pytest.raises(StateError, match=f"more than the {MAX_IMPORT_PAPERS:,}.*nothing was imported"):
            library.import_state(document(MAX_IMPORT_PAPERS + 1))
        assert library.export_state()["papers"] == {"2411.12275": {"starred": False, "read": True}}
        report = library.import_state(document(3))
        assert report.newly_starred == 3
