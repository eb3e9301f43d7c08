"""The catalogue's file: its schema and migrations, and how it is opened, checked and rebuilt.

The catalogue is a cache of the digests, so a damaged file (truncated, overwritten, another
program's database, or marked damaged when a query met a broken page) is deleted, not kept:
deleting it costs one re-parse and re-index, keeping copies would fill the disk with caches. The
new file carries an "index is stale" mark, so the search index is emptied too before the next
update re-reads every digest (see reader.library).

In a data directory that cannot be written, the file is read as it is, or, when that is impossible
(damaged, missing, from another version), an empty catalogue in memory stands in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from reader.stores.sqlite_files import (
    connect_read_only,
    delete_database,
    header_problem,
    is_damage,
    short,
)

SCHEMA_VERSION = 4
# 2: list-row columns (first_authors, author_count) and a stored `visible` flag
# 3: the bundled seeds step aside for every day a user's source has (visibility recomputed once)
# 4: files.ctime_ns and files.inode, so a rewrite that keeps size and modification time is seen
OLDEST_MIGRATED = 2  # older catalogues are rebuilt from the digests
DAMAGED_SUFFIX = ".damaged"  # catalogue.sqlite.damaged: a query found damage; rebuild at the next open
INDEX_STALE = "index_stale"  # meta key: the search index still holds entries of a catalogue since deleted

_TABLES = [
    """CREATE TABLE files (
        path TEXT PRIMARY KEY,
        mtime_ns INTEGER NOT NULL,
        size INTEGER NOT NULL,
        builtin INTEGER NOT NULL,
        paper_count INTEGER NOT NULL,
        problems TEXT NOT NULL,          -- JSON list of [line, reason, code, [args]] (older: [line, reason])
        ctime_ns INTEGER NOT NULL DEFAULT 0,  -- 0: not known yet (a file recorded before version 4)
        inode INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE papers (
        source TEXT NOT NULL,
        date TEXT NOT NULL,
        arxiv_id TEXT NOT NULL,
        builtin INTEGER NOT NULL,       -- a copy of the file's kind (USER_FILE ...): see HIDDEN
        line INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        votes INTEGER,
        authors TEXT NOT NULL,          -- JSON list
        authors_truncated INTEGER NOT NULL,
        media TEXT,                     -- JSON {"kind", "url"} or NULL
        sections TEXT NOT NULL,         -- JSON list of [label, text]
        first_authors TEXT NOT NULL,    -- the first SHORT_AUTHORS names, ", "-joined: a list row needs no JSON
        author_count INTEGER NOT NULL,
        visible INTEGER NOT NULL DEFAULT 1,  -- 0: shadowed by another entry (see HIDDEN)
        PRIMARY KEY (source, date, arxiv_id)
    )""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]
_INDEXES = [
    "CREATE INDEX IF NOT EXISTS papers_entry ON papers (date, arxiv_id)",
    # Every column of a list row, in list order: "All papers" is read from this index alone. The
    # table rows hold the summaries (~3 KB a paper): scanning them for 100,000 rows took ~0.9 s.
    """CREATE INDEX IF NOT EXISTS papers_list ON papers (
        visible, date DESC, votes IS NULL, votes DESC, source, line,
        arxiv_id, title, first_authors, author_count, authors_truncated)""",
    # The sidebar's totals per day, and its read/starred counts per day when every entry is joined
    # to the flags: a scan of this narrow index, not of papers_list.
    "CREATE INDEX IF NOT EXISTS papers_day_id ON papers (visible, date, arxiv_id)",
    # One paper's entries; and, read from this index alone, the days a flagged paper is listed on when
    # the flags drive the counts, and the distinct papers listed.
    "CREATE INDEX IF NOT EXISTS papers_id_day ON papers (arxiv_id, visible, date)",
]
# Columns a file must have to be this catalogue; anything else is another program's database.
REQUIRED_COLUMNS = {
    "files": {"path", "mtime_ns", "size", "builtin", "paper_count", "problems", "ctime_ns", "inode"},
    "papers": {"source", "date", "arxiv_id", "builtin", "line", "title", "url", "votes", "authors",
               "authors_truncated", "media", "sections", "first_authors", "author_count", "visible"},
    "meta": {"key", "value"},
}

# The visibility rule: one entry per (date, arXiv id). `builtin` is the file's kind: USER_FILE (0), SEED_FILE (1,
# the bundled seeds) or HUB_FILE (2, a day fetched from Hugging Face, English abstract only).
# * The bundled seeds step aside for any day a user's source has: all their entries of that day are
#   hidden, so a day is never a mix of two versions of that day's digest.
# * A hub entry steps aside for the entry of the same paper on the same day in a Korean digest (a user's,
#   or a seed not stepping aside): the Korean summary wins; the hub's other papers of that day stay.
# * Otherwise an entry listed in several files of the same kind is shown once, from the
#   alphabetically first path.
# HIDDEN is 1 for an entry of `papers` that this rule hides. It is computed when files change, for
# the days they touch, and stored in `visible`, so listing 100,000 papers is an index range scan.
USER_FILE, SEED_FILE, HUB_FILE = 0, 1, 2
HIDDEN = """(
    (papers.builtin = 1 AND EXISTS (SELECT 1 FROM papers AS u WHERE u.date = papers.date AND u.builtin = 0))
    OR (papers.builtin = 2 AND EXISTS (
        SELECT 1 FROM papers AS k WHERE k.date = papers.date AND k.arxiv_id = papers.arxiv_id AND k.builtin < 2
          AND NOT (k.builtin = 1 AND EXISTS (SELECT 1 FROM papers AS u WHERE u.date = k.date AND u.builtin = 0))))
    OR EXISTS (SELECT 1 FROM papers AS q
               WHERE q.date = papers.date AND q.arxiv_id = papers.arxiv_id
                 AND q.builtin = papers.builtin AND q.source < papers.source))"""
# Flip exactly the entries whose stored flag disagrees with the rule (visible = hidden): unchanged
# rows are not rewritten.
REFRESH_DAY = f"UPDATE papers SET visible = 1 - visible WHERE date = ? AND visible = {HIDDEN}"


def _seeds_step_aside(db: sqlite3.Connection) -> None:
    """Version 2 -> 3: recompute the seeds' entries once (user entries keep their visibility: the rule
    among user files did not change); the day index gains the arXiv id, one paper's index its flag."""
    db.execute(f"UPDATE papers SET visible = 1 - visible WHERE builtin = 1 AND visible = {HIDDEN}")
    db.execute("DROP INDEX IF EXISTS papers_day")
    db.execute("DROP INDEX IF EXISTS papers_id")


def _file_identity(db: sqlite3.Connection) -> None:
    """Version 3 -> 4: files remember their ctime and inode; 0 until the next update fills them in
    (without re-reading the file)."""
    db.execute("ALTER TABLE files ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE files ADD COLUMN inode INTEGER NOT NULL DEFAULT 0")


# Step functions from version N (the key) to N + 1. Append one per schema change; never edit an old one.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _seeds_step_aside,
    3: _file_identity,
}


class DamagedError(Exception):
    """The file is not a usable catalogue; the message says why."""


@dataclass
class Opened:
    """A ready connection, and what the user should be told about it."""

    db: sqlite3.Connection
    read_only: bool = False
    warnings: list[str] = field(default_factory=list)


def damaged_marker(path: Path) -> Path:
    """The file that asks the next open to rebuild the catalogue."""
    return path.with_name(path.name + DAMAGED_SUFFIX)


def open_catalogue(
    path: Path, *, read_only: bool, lock: Callable[[], AbstractContextManager[object]] | None = None
) -> Opened:
    """Open (creating, migrating, or rebuilding when damaged) the catalogue at `path`.

    `lock` is held while a damaged file is deleted, so two processes that both find it damaged do
    not delete each other's new file. Raises sqlite3.Error or OSError when the file cannot be used
    and cannot be replaced either (a folder in its place, a full disk, ...).
    """
    if read_only:
        return _open_read_only(path)
    problem = _known_damage(path)
    if problem is None:
        try:
            return Opened(_connect_ready(path))
        except DamagedError as error:
            problem = str(error)
    with (lock or nullcontext)():
        if _known_damage(path) is None:
            try:  # another process rebuilt it while this one waited for the lock
                return Opened(_connect_ready(path))
            except DamagedError:
                pass
        delete_database(path)
        damaged_marker(path).unlink(missing_ok=True)
        db = _connect_ready(path)
    warning = (f"The catalogue {path} was damaged ({short(problem)}) and is being rebuilt: it is a cache, so it was "
               "deleted, and the next update reads every digest again. Stars and read marks are not affected.")
    return Opened(db, warnings=[warning])


def _known_damage(path: Path) -> str | None:
    marker = damaged_marker(path)
    if marker.exists():
        try:
            return marker.read_text(encoding="utf-8", errors="replace").strip() or "marked damaged"
        except OSError:
            return "marked damaged"
    return header_problem(path)


def _connect_ready(path: Path) -> sqlite3.Connection:
    """A connection to a catalogue at SCHEMA_VERSION; raises DamagedError for a file that is not one."""
    db = sqlite3.connect(str(path), uri=True, timeout=30, isolation_level=None)  # uri: ATTACH ...?mode=ro
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last commit only costs a re-parse
        if _version(db) != SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")  # re-read under the lock: another process may have done it
            try:
                upgrade(db)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        check_tables(db)
        return db
    except sqlite3.DatabaseError as error:
        db.close()
        if is_damage(error):
            raise DamagedError(str(error)) from error
        raise
    except BaseException:
        db.close()
        raise


def _version(db: sqlite3.Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def upgrade(db: sqlite3.Connection) -> None:
    """Inside a transaction: create, migrate or (from an unknown version) recreate the tables."""
    version = _version(db)
    if version == SCHEMA_VERSION:
        return
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and tables:
        raise DamagedError("not a Daily Papers Reader catalogue (tables " + ", ".join(sorted(tables)) + ")")
    if OLDEST_MIGRATED <= version < SCHEMA_VERSION:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
    else:  # new, too old to migrate, or from a newer version: a cache, so start again
        for name in sorted(tables & set(REQUIRED_COLUMNS)):
            db.execute(f"DROP TABLE {name}")
        for statement in _TABLES:
            db.execute(statement)
        # A new catalogue: whatever the search index holds is not in it (see reader.library).
        db.execute("INSERT INTO meta VALUES (?, '1')", (INDEX_STALE,))
    for statement in _INDEXES:
        db.execute(statement)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def check_tables(db: sqlite3.Connection) -> None:
    """Raise DamagedError unless every table has the columns this version reads."""
    for table, wanted in REQUIRED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not wanted <= have:
            missing = ", ".join(sorted(wanted - have))
            raise DamagedError(f"not a Daily Papers Reader catalogue (table {table} lacks {missing})")


def _open_read_only(path: Path) -> Opened:
    """Read the file as it is; when that is impossible, an empty catalogue in memory stands in."""
    if not path.exists():
        return Opened(_in_memory(), read_only=True)
    problem = _known_damage(path)
    if problem is None:
        try:
            db, _uri = connect_read_only(path)
        except sqlite3.DatabaseError as error:
            problem = str(error)
        else:
            try:
                if _version(db) == SCHEMA_VERSION:
                    check_tables(db)
                    return Opened(db, read_only=True)
                return Opened(_migrated_in_memory(db), read_only=True)
            except (sqlite3.DatabaseError, DamagedError) as error:
                problem = str(error)
                db.close()
    warning = (f"The catalogue {path} is damaged ({short(problem)}) and cannot be rebuilt because its folder cannot "
               "be written: no papers are listed.")
    return Opened(_in_memory(), read_only=True, warnings=[warning])


def _migrated_in_memory(db: sqlite3.Connection) -> sqlite3.Connection:
    """A copy in memory of a catalogue from another version, brought to this one (its folder cannot take the
    change); `db` is closed."""
    memory = _in_memory(empty=False)
    try:
        db.backup(memory)
        db.close()
        memory.execute("BEGIN IMMEDIATE")
        upgrade(memory)
        memory.execute("COMMIT")
        check_tables(memory)
        return memory
    except BaseException:
        memory.close()
        raise


def _in_memory(empty: bool = True) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", uri=True, isolation_level=None)
    if empty:
        db.execute("BEGIN")
        upgrade(db)
        db.execute("DELETE FROM meta")
        db.execute("COMMIT")
    return db
