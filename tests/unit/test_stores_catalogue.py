"""The catalogue as a user meets it: one version of each day, an upgrade that keeps the cache, and a
damaged cache that never blocks the user's own marks (it is rebuilt from the digests instead)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from test_library import write_digest

from reader.core.errors import LibraryError
from reader.library import Library
from reader.stores.catalogue import SCHEMA_VERSION

SEED_DAY = "2024-11-20"  # 8 papers in the bundled seeds, SEAGULL among them
SEAGULL = "2411.10161"


def archive_with_a_different_version_of_the_seed_day(root: Path) -> Path:
    """A user's archive whose 2024-11-20 lists two papers (one of them also in the seeds' version)."""
    day = root / "archive" / "2024" / "11" / "20.md"
    day.parent.mkdir(parents=True)
    day.write_text(
        "## Daily Papers (2024-11-20)\n\n"
        "### [RedPajama: an Open Dataset](https://arxiv.org/abs/2411.12372)\n\nVote: 20\n\nAuthors: A Kim\n\n"
        "- ***What's New***: 새 데이터셋입니다.\n\n"
        "### [Only in the archive](https://arxiv.org/abs/2411.99999)\n\nVote: 3\n\nAuthors: B Lee\n\n"
        "- ***What's New***: 아카이브에만 있는 논문입니다.\n", "utf-8")
    return root / "archive"


# -- 1. one version of each day ---------------------------------------------------------------


def test_the_seeds_step_aside_for_a_day_a_users_source_has(data_dir: Path, tmp_path: Path) -> None:
    archive = archive_with_a_different_version_of_the_seed_day(tmp_path)
    with Library(data_dir) as library:
        library.add_sources([archive])
        library.update()
        listed = library.papers(date=SEED_DAY)
        assert {paper.arxiv_id for paper in listed} == {"2411.12372", "2411.99999"}  # none of the seeds' 8
        assert all(paper.source.startswith(str(archive.resolve())) for paper in listed)
        assert [day.total for day in library.days() if day.date == SEED_DAY] == [2]
        assert library.papers_for(SEAGULL) == []
        assert library.search("SEAGULL").total == 0
        assert {day.date: day.total for day in library.days() if day.date != SEED_DAY} == {  # other days stay
            "2024-08-22": 11, "2024-08-01": 12, "2024-07-04": 9, "2024-04-02": 12}

        library.remove_source(archive)
        library.update()
        assert len(library.papers(date=SEED_DAY)) == 8  # the seeds' version is back
        assert library.search("SEAGULL").total == 1


def test_two_users_sources_with_the_same_day_merge_first_path_wins(data_dir: Path, tmp_path: Path) -> None:
    second = write_digest(tmp_path / "b" / "day.md", "2025-01-02", "2501.00001", "From b")
    second.write_text(second.read_text("utf-8") + "\n### [Only b](https://arxiv.org/abs/2501.00002)\n\nVote: 1\n\n"
                      "Authors: C Park\n\n- ***What's New***: 비에만 있습니다.\n", "utf-8")
    write_digest(tmp_path / "a" / "day.md", "2025-01-02", "2501.00001", "From a")
    with Library(data_dir) as library:
        library.add_sources([tmp_path / "b", tmp_path / "a"])
        library.update()
        assert sorted((row.arxiv_id, row.title) for row in library.rows(date="2025-01-02")) == [
            ("2501.00001", "From a"), ("2501.00002", "Only b")]


def downgrade_to_version_2(path: Path) -> None:
    """Make the catalogue what version 2 of the reader left: its columns, indexes and visibility rule."""
    with closing(sqlite3.connect(path)) as db:
        db.executescript("""
            CREATE TABLE files_v2 (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
                                   builtin INTEGER NOT NULL, paper_count INTEGER NOT NULL, problems TEXT NOT NULL);
            INSERT INTO files_v2 SELECT path, mtime_ns, size, builtin, paper_count, problems FROM files;
            DROP TABLE files;
            ALTER TABLE files_v2 RENAME TO files;
            DROP INDEX papers_day_id; DROP INDEX papers_id_day;
            CREATE INDEX papers_day ON papers (visible, date);
            CREATE INDEX papers_id ON papers (arxiv_id);
            UPDATE papers SET visible = NOT EXISTS (
                SELECT 1 FROM papers AS q WHERE q.date = papers.date AND q.arxiv_id = papers.arxiv_id
                  AND (q.builtin < papers.builtin OR (q.builtin = papers.builtin AND q.source < papers.source)));
            DELETE FROM meta WHERE key = 'index_stale';
            PRAGMA user_version = 2;
        """)


def test_a_version_2_catalogue_is_migrated_without_reading_the_digests_again(data_dir: Path, tmp_path: Path) -> None:
    archive = archive_with_a_different_version_of_the_seed_day(tmp_path)
    with Library(data_dir) as library:
        library.add_sources([archive])
        library.update()
    downgrade_to_version_2(data_dir / "catalogue.sqlite")
    with closing(sqlite3.connect(data_dir / "catalogue.sqlite")) as db:  # the old rule mixed the two versions
        assert db.execute("SELECT COUNT(*) FROM papers WHERE visible AND date = ?", (SEED_DAY,)).fetchone()[0] == 9

    with Library(data_dir) as library:
        assert {paper.arxiv_id for paper in library.papers(date=SEED_DAY)} == {"2411.12372", "2411.99999"}
        report = library.update()
        assert (report.changed, report.unchanged) == (0, report.files)  # no digest read again
        assert library.search("SEAGULL").total == 0  # nor the index emptied: it still answers
        assert library.search("아카이브에만").total == 1
    with closing(sqlite3.connect(data_dir / "catalogue.sqlite")) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT COUNT(*) FROM files WHERE inode = 0").fetchone()[0] == 0  # learnt by the update


# -- 4. a damaged catalogue -------------------------------------------------------------------


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def another_programs_database(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE papers (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO papers (name) VALUES ('not ours')")
        db.commit()


def our_version_but_other_columns(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE files (path TEXT)")
        db.execute("CREATE TABLE papers (source TEXT)")
        db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()


DAMAGE = [truncate_to_half, random_bytes, another_programs_database, our_version_but_other_columns]


@pytest.fixture
def indexed_with_a_star(data_dir: Path) -> Path:
    with Library(data_dir) as library:
        library.update()
        library.set_starred([SEAGULL])
    return data_dir


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda damage: damage.__name__)
def test_a_damaged_catalogue_is_rebuilt_and_never_blocks_the_marks(indexed_with_a_star: Path, damage) -> None:
    data_dir = indexed_with_a_star
    damage(data_dir / "catalogue.sqlite")
    with Library(data_dir) as library:
        [warning] = library.warnings
        assert "damaged" in warning and "rebuilt" in warning
        assert library.flags(SEAGULL).starred
        library.set_read([SEAGULL])
        assert library.export_state()["papers"] == {SEAGULL: {"starred": True, "read": True}}
        report = library.update()
        assert (report.files, report.changed, report.papers) == (5, 5, 52)  # every digest read again
        assert library.search("SEAGULL").total == 1  # the index was emptied too: no leftover entries
        assert [paper.arxiv_id for paper in library.papers(starred=True)] == [SEAGULL]
    assert not list(data_dir.glob("catalogue.sqlite.*"))  # a cache: deleted, not kept
    with Library(data_dir) as library:
        assert library.warnings == []


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DAILY_PAPERS_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("damage", [truncate_to_half, another_programs_database], ids=lambda d: d.__name__)
def test_star_and_state_export_work_on_the_command_line_with_a_damaged_catalogue(
        indexed_with_a_star: Path, damage) -> None:
    damage(indexed_with_a_star / "catalogue.sqlite")
    starred = cli(indexed_with_a_star, "star", "2411.12372")
    assert starred.returncode == 0, starred.stderr
    assert "damaged" in starred.stderr and "Traceback" not in starred.stderr
    exported = cli(indexed_with_a_star, "state", "export")
    assert exported.returncode == 0, exported.stderr
    assert set(json.loads(exported.stdout)["papers"]) == {SEAGULL, "2411.12372"}


def scribble_over_the_middle(path: Path) -> None:
    """Damage pages inside the file, leaving its header whole: found only when a query reads them."""
    with closing(sqlite3.connect(path)) as db:
        page_size, pages = db.execute("PRAGMA page_size").fetchone()[0], db.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in range(pages // 3, 2 * pages // 3):
        data[page * page_size:(page + 1) * page_size] = b"\xa5" * page_size
    path.write_bytes(data)


def test_damage_found_by_a_query_is_a_sentence_and_rebuilds_at_the_next_open(indexed_with_a_star: Path) -> None:
    data_dir = indexed_with_a_star
    scribble_over_the_middle(data_dir / "catalogue.sqlite")
    with Library(data_dir) as library:
        assert library.warnings == []  # the header is whole: nothing to see yet
        with pytest.raises(LibraryError, match=r"is damaged .* rebuilt the next time"):
            library.rows()
        assert library.flags(SEAGULL).starred
    listed = cli(data_dir, "list")
    assert listed.returncode == 0, listed.stderr  # the next command rebuilds, then lists
    assert "damaged" in listed.stderr and "rebuilt" in listed.stderr
    assert len(listed.stdout.splitlines()) >= 52


def test_a_query_on_mid_file_damage_fails_with_exit_1_not_an_internal_error(indexed_with_a_star: Path) -> None:
    scribble_over_the_middle(indexed_with_a_star / "catalogue.sqlite")
    with Library(indexed_with_a_star) as library:
        library.update()  # what `list` does first: the files table is whole, nothing to do
        with pytest.raises(LibraryError):
            library.papers()


def test_rebuild_drops_catalogue_and_index_so_the_next_update_reads_everything(indexed_with_a_star: Path) -> None:
    with Library(indexed_with_a_star) as library:
        assert library.search("SEAGULL").total == 1
        library.rebuild()
        assert library.days() == []
        assert library.search("SEAGULL").total == 0
        assert library.flags(SEAGULL).starred
        report = library.update()
        assert (report.changed, report.papers) == (5, 52)
        assert library.search("SEAGULL").total == 1
    with Library(indexed_with_a_star) as library:  # the index is emptied even when it was not open
        library.rebuild()
    with Library(indexed_with_a_star) as library:
        assert library.search("SEAGULL").total == 0
        assert library.update().changed == 5
        assert library.search("SEAGULL").total == 1


def test_rebuild_replaces_a_catalogue_that_cannot_be_read(indexed_with_a_star: Path) -> None:
    scribble_over_the_middle(indexed_with_a_star / "catalogue.sqlite")
    with Library(indexed_with_a_star) as library:
        library.rebuild()
        assert library.warnings == []  # asked for: no news
        assert library.update().papers == 52
        assert len(library.rows()) == 52


def test_a_window_left_open_reads_the_catalogue_another_process_rebuilt(indexed_with_a_star: Path) -> None:
    """The window finds the damage; its background update (another Library) rebuilds; the window then
    lists the rebuilt catalogue without being restarted."""
    scribble_over_the_middle(indexed_with_a_star / "catalogue.sqlite")
    with Library(indexed_with_a_star) as window:
        with pytest.raises(LibraryError, match="damaged"):
            window.rows()
        with Library(indexed_with_a_star) as updater:
            assert any("rebuilt" in warning for warning in updater.warnings)
            assert updater.update().changed == 5
        assert len(window.rows()) == 52
        assert window.search("SEAGULL").total == 1
        assert window.smart_counts().starred == 1
