"""Read/starred/not-interested flags per arXiv id, kept in one sqlite file that must outlive app versions.

Why sqlite and these settings:

* WAL with ``synchronous=FULL``: a star is durable when ``set_starred`` returns, even if the
  process is killed the next instant (and, as far as sqlite can promise, on power loss).
* ``BEGIN IMMEDIATE`` plus a busy timeout: the window and the CLI (or two CLI calls) may write at
  the same time; the second writer waits for the lock instead of failing or losing its write.
* ``PRAGMA user_version`` plus :data:`MIGRATIONS`: the file outlives the app version that made it.
  A file from a *newer* version is never touched; a corrupt file is moved aside, never wiped.

Every :class:`sqlite3.Error` is turned into :class:`~reader.core.errors.StateError` here.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from reader.core import arxiv
from reader.core.errors import StateError
from reader.core.models import Flags
from reader.stores.organise_schema import create_organise_tables
from reader.stores.sqlite_files import (
    SQLITE_READONLY,
    cannot_write,
    connect_read_only,
    delete_database,
    is_busy,
    is_damage,
    move_aside,
    read_uri,
    result_code,
    short,
)

Flag = Literal["starred", "read", "dismissed"]

# The columns of `flags` at version 1; later versions may add columns, never remove these.
FLAGS_COLUMNS = frozenset({"arxiv_id", "starred", "read", "starred_at", "read_at", "updated_at"})
# The columns each later version added to `flags`, by the version that has them first.
FLAGS_COLUMNS_ADDED: dict[int, frozenset[str]] = {2: frozenset({"dismissed", "dismissed_at"})}

def _create_flags_table(db: sqlite3.Connection) -> None:
    """Version 0 -> 1: the flags table.

    ``starred_at``/``read_at`` record when that flag last changed (set or cleared), so a
    "starred recently" sort and a later last-writer-wins sync both have what they need.
    Unstarring keeps the row: its read flag and timestamps stay meaningful.
    """
    db.execute(
        """
        CREATE TABLE flags (
            arxiv_id   TEXT PRIMARY KEY NOT NULL,
            starred    INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
            read       INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
            starred_at TEXT,
            read_at    TEXT,
            updated_at TEXT NOT NULL
        )
        """
    )


def _add_dismissed_columns(db: sqlite3.Connection) -> None:
    """Version 1 -> 2: the "not interested" mark (For you learns from it), kept like a star."""
    db.execute("ALTER TABLE flags ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))")
    db.execute("ALTER TABLE flags ADD COLUMN dismissed_at TEXT")


# Step functions from version N (the key) to N + 1. Append one per schema change; never edit
# an old one, since files written by every released version must keep upgrading.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _create_flags_table,
    1: _add_dismissed_columns,
    2: create_organise_tables,  # tags, notes, reading queue, saved searches, mutes (reader.stores.organise)
}


class StateStore:
    """The read/starred/not-interested state of one user, in one sqlite file.

    One StateStore belongs to one thread; another thread or process opens its own StateStore
    on the same path, and sqlite's locking keeps their writes apart.
    """

    SCHEMA_VERSION: int = 3

    def __init__(self, path: Path | str, *, busy_timeout: float = 10.0) -> None:
        """Open (creating, migrating or recovering) the state file at ``path``.

        A file that cannot be written (its folder or itself read-only) is only read: every write then
        raises StateError, and a damaged or missing one reads as no marks.

        Args:
            path: the sqlite file; its folder is created if missing.
            busy_timeout: seconds a write waits for another process's write to finish.

        Raises:
            StateError: the file was written by a newer version, or cannot be opened.
        """
        self.path = Path(path)
        self.warnings: list[str] = []
        self.read_only = False
        self._busy_timeout = busy_timeout
        self._db: sqlite3.Connection | None = None
        self._reading_uri: str | None = None
        with self._errors("open the state file"):
            if self.path.is_dir():
                raise StateError(f"The state file {self.path} is a folder, not a file.")
            if cannot_write(self.path):
                self._open_read_only()
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                self._check_existing_file()
            if not self.path.exists():
                self._create()
            # isolation_level=None: we issue BEGIN IMMEDIATE/COMMIT ourselves.
            db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
                self._db = db
                self._migrate()
            except BaseException:
                self._db = None
                db.close()
                raise
            self._reading_uri = read_uri(self.path)

    @property
    def reading_uri(self) -> str | None:
        """A URI that ATTACHes this file read-only (for the catalogue's counts); None when nothing is stored."""
        return self._reading_uri

    # -- reading -------------------------------------------------------------------------------

    def get(self, arxiv_id: str) -> Flags:
        """The flags of one id; all False for an id never seen."""
        with self._errors("read the state"):
            row = self._conn().execute(
                "SELECT starred, read, dismissed FROM flags WHERE arxiv_id = ?", (_normalise(arxiv_id),)
            ).fetchone()
        return _flags(row) if row else Flags()

    def get_many(self, arxiv_ids: Iterable[str]) -> dict[str, Flags]:
        """The flags of these ids (normalised), one look-up each: the cost does not grow with the state."""
        ids = _normalise_all(arxiv_ids)
        with self._errors("read the state"):
            db = self._conn()
            rows = [db.execute("SELECT starred, read, dismissed FROM flags WHERE arxiv_id = ?", (i,)).fetchone()
                    for i in ids]
        return {i: _flags(row) if row else Flags() for i, row in zip(ids, rows, strict=True)}

    def all(self) -> dict[str, Flags]:
        """Every id that has at least one flag set."""
        with self._errors("read the state"):
            rows = self._conn().execute(
                "SELECT arxiv_id, starred, read, dismissed FROM flags WHERE starred OR read OR dismissed"
            ).fetchall()
        return {row[0]: _flags(row[1:]) for row in rows}

    def starred_ids(self) -> set[str]:
        """Ids currently starred."""
        return self._ids_with("starred")

    def read_ids(self) -> set[str]:
        """Ids currently marked read."""
        return self._ids_with("read")

    def dismissed_ids(self) -> set[str]:
        """Ids currently marked "not interested"."""
        return self._ids_with("dismissed")

    # -- writing -------------------------------------------------------------------------------

    def set_starred(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Star (or unstar) ids in one transaction; durable when this returns."""
        self._set_flag("starred", arxiv_ids, value)

    def set_read(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark ids read (or unread) in one transaction; durable when this returns."""
        self._set_flag("read", arxiv_ids, value)

    def set_dismissed(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark ids "not interested" (or take the mark back) in one transaction; durable when this returns."""
        self._set_flag("dismissed", arxiv_ids, value)

    def merge(self, other: dict[str, Flags]) -> None:
        """Fold in flags from elsewhere (an import): a True flag (star, read, not interested) from either side wins.

        Nothing is ever cleared by a merge, so importing an old export cannot undo a star.
        """
        starred = [arxiv_id for arxiv_id, flags in other.items() if flags.starred]
        read = [arxiv_id for arxiv_id, flags in other.items() if flags.read]
        dismissed = [arxiv_id for arxiv_id, flags in other.items() if flags.dismissed]
        with self._write("merge the state") as db:
            _set_rows(db, "starred", _normalise_all(starred), True)
            _set_rows(db, "read", _normalise_all(read), True)
            _set_rows(db, "dismissed", _normalise_all(dismissed), True)

    def close(self) -> None:
        """Close the file; calling it again does nothing."""
        if self._db is not None:
            with self._errors("close the state file"):
                self._db.close()
            self._db = None

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- for the other state tables' queries (reader.stores.organise) ---------------------------

    @contextmanager
    def reading(self, action: str) -> Iterator[sqlite3.Connection]:
        """The connection for reads, sqlite errors turned into StateError naming `action`."""
        with self._errors(action):
            yield self._conn()

    def transaction(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        """One durable write transaction (BEGIN IMMEDIATE ... COMMIT), like a star's; refused when read-only."""
        return self._write(action)

    # -- internals -----------------------------------------------------------------------------

    def _ids_with(self, flag: Flag) -> set[str]:
        with self._errors("read the state"):
            rows = self._conn().execute(f"SELECT arxiv_id FROM flags WHERE {flag}").fetchall()
        return {row[0] for row in rows}

    def _set_flag(self, flag: Flag, arxiv_ids: Iterable[str], value: bool) -> None:
        ids = _normalise_all(arxiv_ids)
        if not ids:
            return
        with self._write(f"save the {flag} flag") as db:
            _set_rows(db, flag, ids, value)

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StateError(f"The state file {self.path} is already closed.")
        return self._db

    @contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock up front so it never fails half-way."""
        if self.read_only:
            raise StateError(f"Could not {action}: the state file {self.path} cannot be written here "
                             "(its folder or the file is read-only).")
        with self._errors(action):
            db = self._conn()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn backend errors into StateError with a message a user can act on."""
        try:
            yield
        except sqlite3.Error as error:
            if is_busy(error):
                raise StateError(
                    f"Could not {action}: the state file {self.path} stayed busy for "
                    f"{self._busy_timeout:g} s (another Daily Papers Reader window or command is "
                    "using it). Try again."
                ) from error
            if result_code(error) == SQLITE_READONLY:
                raise StateError(f"Could not {action}: the state file {self.path} is read-only.") from error
            raise StateError(f"Could not {action} ({self.path}): {error}") from error
        except OSError as error:
            raise StateError(f"Could not {action} ({self.path}): {error}") from error

    def _create(self) -> None:
        """A new state file, made whole under another name and then linked into place.

        So no process ever sees a half-made (0-byte) file, which would read as a damaged one. When two
        processes create it at once, the first link wins and the other process uses that file.
        """
        temporary = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.new")
        try:
            with closing(sqlite3.connect(temporary, isolation_level=None)) as db:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("BEGIN IMMEDIATE")
                for step in range(0, self.SCHEMA_VERSION):
                    MIGRATIONS[step](db)
                db.execute(f"PRAGMA user_version = {int(self.SCHEMA_VERSION)}")
                db.execute("COMMIT")
            try:
                os.link(temporary, self.path)
            except FileExistsError:
                pass  # another process made it first
            except OSError:  # no hard links on this file system
                if not self.path.exists():
                    os.replace(temporary, self.path)
        finally:
            delete_database(temporary)

    def _open_read_only(self) -> None:
        """Read the file without writing it or its folder; no file (or an unusable one) reads as no marks."""
        self.read_only = True
        if self.path.is_file() and self.path.stat().st_size:
            try:
                db, uri = connect_read_only(self.path)
            except sqlite3.DatabaseError as error:
                if not is_damage(error):
                    raise
                problem: str | None = str(error)
            else:
                try:
                    version = db.execute("PRAGMA user_version").fetchone()[0]
                    self._refuse_newer(version)
                    problem = _layout_problem(db, version)
                    if problem is None and version:
                        self._db, self._reading_uri = _upgraded_copy(db, version), uri
                        return
                except sqlite3.DatabaseError as error:
                    problem = str(error)
                finally:
                    if self._db is None:
                        db.close()
            if problem is not None:
                self.warnings.append(
                    f"The state file {self.path} cannot be used ({short(problem)}) and its folder cannot be written, "
                    "so it was left as it is: no read/starred marks are shown.")
        db = sqlite3.connect(":memory:", isolation_level=None)  # no marks, and nowhere to save any
        for step in range(0, self.SCHEMA_VERSION):
            MIGRATIONS[step](db)
        self._db = db

    def _check_existing_file(self) -> None:
        """Look at the file read-only first, so a newer or damaged file is never written to."""
        if self.path.stat().st_size == 0:
            self._move_aside("was empty (0 bytes: an interrupted first start, or a copy that failed)")
            return
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            with closing(sqlite3.connect(uri, uri=True, timeout=self._busy_timeout)) as probe:
                version = probe.execute("PRAGMA user_version").fetchone()[0]
                check = probe.execute("PRAGMA quick_check(1)").fetchone()[0]
                layout = _layout_problem(probe, version) if version <= self.SCHEMA_VERSION else None
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            self._move_aside(f"was corrupt (sqlite: {short(str(error))})")
            return
        if check != "ok":
            self._move_aside(f"was corrupt (sqlite: {short(check)})")
            return
        self._refuse_newer(version)
        if layout is not None:
            self._move_aside(f"is not a Daily Papers Reader state file ({layout})")

    def _refuse_newer(self, version: int) -> None:
        if version > self.SCHEMA_VERSION:
            raise StateError(
                f"The state file {self.path} was written by a newer version of Daily Papers Reader "
                f"(schema {version}, this version knows {self.SCHEMA_VERSION}); not modified. "
                "Update Daily Papers Reader to use it."
            )

    def _move_aside(self, what: str) -> None:
        """Keep the bytes for the user (and for recovery tools) as state.sqlite.corrupt-<time>; start empty."""
        try:
            backup = move_aside(self.path, "corrupt")
        except FileNotFoundError:
            return  # another process moved it aside first and will report it
        self.warnings.append(
            f"The state file {self.path} {what}; moved it to {backup} and started with no read/starred marks. "
            "If it held marks, a backup of state.sqlite or a `state export` file brings them back.")

    def _migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION in one transaction, backing up real data first."""
        db = self._conn()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == self.SCHEMA_VERSION:
            return
        self._refuse_newer(version)
        # sqlite cannot back up from inside our own write transaction, so copy first.
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            self._backup_before_migration(version)
        db.execute("BEGIN IMMEDIATE")  # re-read under the lock: another process may have migrated
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            self._refuse_newer(version)
            if version < self.SCHEMA_VERSION:
                for step in range(version, self.SCHEMA_VERSION):
                    MIGRATIONS[step](db)
                db.execute(f"PRAGMA user_version = {int(self.SCHEMA_VERSION)}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _backup_before_migration(self, version: int) -> None:
        """A consistent copy named after the version it holds, replaced on the next migration."""
        backup = self.path.with_name(f"{self.path.name}.backup-v{version}")
        partial = backup.with_name(backup.name + ".partial")
        partial.unlink(missing_ok=True)
        with closing(sqlite3.connect(partial)) as copy:
            self._conn().backup(copy)
        os.replace(partial, backup)


def _layout_problem(db: sqlite3.Connection, version: int) -> str | None:
    """What is wrong with the tables of a state file at `version` (None: they are as that version made them).

    Version 0 is a file no version has set up yet: it must not have a flags table of its own.
    """
    columns = {row[1] for row in db.execute("PRAGMA table_info(flags)")}
    if version == 0:
        return "a flags table that this program did not make" if columns else None
    if not columns:
        return "no flags table"
    expected = FLAGS_COLUMNS.union(*(added for since, added in FLAGS_COLUMNS_ADDED.items() if since <= version))
    missing = expected - columns
    return "the flags table lacks " + ", ".join(sorted(missing)) if missing else None


def _upgraded_copy(db: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """A file of an older schema that cannot be written is read through a migrated copy in memory.

    `db` itself when it is current; otherwise `db` is closed.
    """
    if version >= StateStore.SCHEMA_VERSION:
        return db
    copy = sqlite3.connect(":memory:", isolation_level=None)
    db.backup(copy)
    db.close()
    for step in range(version, StateStore.SCHEMA_VERSION):
        MIGRATIONS[step](copy)
    return copy


def _flags(row: tuple[int, int, int]) -> Flags:
    """Flags from a (starred, read, dismissed) row."""
    return Flags(starred=bool(row[0]), read=bool(row[1]), dismissed=bool(row[2]))


def _set_rows(db: sqlite3.Connection, flag: Flag, ids: list[str], value: bool) -> None:
    """Set one flag on rows, touching timestamps only where the flag really changes."""
    now = _utc_now()
    if value:
        db.executemany(
            f"""
            INSERT INTO flags (arxiv_id, {flag}, {flag}_at, updated_at) VALUES (?, 1, ?, ?)
            ON CONFLICT (arxiv_id) DO UPDATE SET
                {flag} = 1, {flag}_at = excluded.{flag}_at, updated_at = excluded.updated_at
            WHERE {flag} = 0
            """,
            [(arxiv_id, now, now) for arxiv_id in ids],
        )
    else:
        db.executemany(
            f"UPDATE flags SET {flag} = 0, {flag}_at = ?, updated_at = ? WHERE arxiv_id = ? AND {flag} = 1",
            [(now, now, arxiv_id) for arxiv_id in ids],
        )


def _normalise(arxiv_id: str) -> str:
    """The key is the arXiv id without version: "2411.12275v2" and "2411.12275" share state."""
    key = arxiv.normalise(arxiv_id)
    if not key:
        raise ValueError(f"not an arXiv id: {arxiv_id!r}")
    return key


def _normalise_all(arxiv_ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_normalise(arxiv_id) for arxiv_id in arxiv_ids))


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
