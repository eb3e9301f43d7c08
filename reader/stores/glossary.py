"""The glossary's sqlite file: the evidence of every indexed file, and the glossary built from it.

A cache of the digests, like the catalogue: each source file's evidence (the ``한국어(English; ABBR)``
pairs its papers write, rows of :func:`reader.index.glossary.paper_evidence`) is replaced when the
file is indexed again and deleted with the file, so the glossary follows the library. The entries
built from all the evidence (:func:`reader.index.glossary.build`) are stored too, so a search reads
a few hundred rows instead of rebuilding; ``dirty`` says the evidence changed since they were built.

The build takes the evidence grouped per distinct piece (``pairs``: each Korean, English and
abbreviation with the papers that write it). Grouping all the evidence at every refresh cost ~0.9 s at
100,000 papers (460,000 rows sorted by sqlite), so the groups are kept in the file and brought up to
date with the evidence a file brings or takes away. A refresh reads the groups (210 rows for the
bench's 460,000) and builds exactly what grouping all the evidence would (tests/unit/test_glossary_incremental.py).
The papers of a group are numbers (``papers`` gives each id one): the build only counts and joins them, and
sets of small integers are read and joined in about half the time of sets of ids.

A missing, damaged or unreadable file, or one of another schema, is replaced by an empty one and
``was_reset`` is set: the library then reads every digest again. In a data directory that cannot be
written an existing file is read as it is; a missing one reads as empty. Standard library only.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from reader.core.errors import LibraryError
from reader.core.models import Paper
from reader.stores.sqlite_files import connect_read_only, delete_database, header_problem

T = TypeVar("T")
log = logging.getLogger(__name__)
SCHEMA_VERSION = "3"
# Their evidence and entries are version 3's; their evidence is grouped into pairs when first opened (1 had no
# pairs, 2 kept a pair's paper ids as text).
UPGRADABLE_VERSIONS = ("1", "2")
# (source, paper id, Korean words, Korean is a context, English, abbreviation)
EvidenceRow = tuple[str, str, str, bool, str, str]
Pair = tuple[str, bool, str, str]  # (Korean, is a context, English, abbreviation)
# (Korean, English forms, abbreviations, papers, ambiguous abbreviations, concept)
EntryRow = tuple[str, tuple[str, ...], tuple[str, ...], int, tuple[str, ...], str]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (
    source TEXT NOT NULL, paper TEXT NOT NULL, korean TEXT NOT NULL, context INTEGER NOT NULL,
    english TEXT NOT NULL, abbreviation TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS evidence_source ON evidence (source);
CREATE TABLE IF NOT EXISTS entries (
    rank INTEGER PRIMARY KEY, korean TEXT NOT NULL, english TEXT NOT NULL, abbreviations TEXT NOT NULL,
    papers INTEGER NOT NULL, ambiguous TEXT NOT NULL, concept TEXT NOT NULL);
"""
# Each distinct piece of evidence with the number of the paper of each of its evidence rows (32-bit
# little-endian): a paper that writes it twice is there twice, so removing one file's rows leaves the other's.
# A paper keeps its number once its evidence is gone (a few bytes; clear() forgets them all).
_PAIRS = ("CREATE TABLE IF NOT EXISTS papers (number INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)",
          """CREATE TABLE IF NOT EXISTS pairs (
    korean TEXT NOT NULL, context INTEGER NOT NULL, english TEXT NOT NULL, abbreviation TEXT NOT NULL,
    papers BLOB NOT NULL, PRIMARY KEY (korean, context, english, abbreviation)) WITHOUT ROWID""")


class GlossaryStore:
    """The glossary file of one data directory. One object per thread."""

    def __init__(self, path: Path, *, read_only: bool = False,
                 mine: Callable[[Paper], Iterable[tuple[str, str, bool, str, str]]] = lambda paper: (),
                 build: Callable[[dict[Pair, set[int]]], Iterable[EntryRow]] = lambda pairs: ()
                 ) -> None:
        """``mine``: a paper's evidence rows (paper id, Korean, is a context, English, abbreviation);
        ``build``: the entries of all the evidence, given as each distinct (Korean, is a context, English,
        abbreviation) with the numbers of the papers that write it (reader.index.glossary's rules, handed in by
        the library)."""
        self.path = path
        self.read_only = read_only
        self._mine = mine
        self._build = build
        self.was_reset = False
        self._made: tuple[str, Any] | None = None
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as error:
            raise LibraryError(f"Cannot open the glossary {path}: {error}.") from error

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            if not self.path.is_file() or header_problem(self.path):
                return _empty()
            try:
                db, _uri = connect_read_only(self.path)
                if _version(db) in (SCHEMA_VERSION, *UPGRADABLE_VERSIONS):  # the same entries
                    return db
                db.close()
            except sqlite3.Error:
                pass
            return _empty()
        # Another process may be creating the file right now: an empty file or one without tables is
        # completed (every statement is idempotent), never deleted; only a file that is not an sqlite
        # database, one of another schema or one sqlite finds damaged is replaced.
        if header_problem(self.path) is not None:
            delete_database(self.path)
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            log.warning("the glossary %s is unusable (%s); starting an empty one", self.path, error)
            delete_database(self.path)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            version = _version(db)
            if version in UPGRADABLE_VERSIONS:
                _transaction(db, _upgrade)
                version = _version(db)
            if version == SCHEMA_VERSION:
                db.execute("SELECT count(*) FROM entries").fetchone()
                return db  # nothing written: opening for a search is a read
            if version is not None:
                db.close()
                delete_database(self.path)
                db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
                db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            _create_pairs(db)
            created = db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,)).rowcount
            # New (here or replaced): the evidence of the files already indexed is not in it.
            self.was_reset = created == 1
            db.execute("SELECT count(*) FROM entries").fetchone()
            return db
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def _write(self, work: Callable[[sqlite3.Connection], None]) -> None:
        """``work`` in one transaction (nothing when read-only)."""
        if self.read_only:
            return
        try:
            _transaction(self._db, work)
        except sqlite3.Error as error:
            raise LibraryError(f"The glossary {self.path} could not be written: {error}.") from error

    def replace(self, sources: Iterable[str], papers: Iterable[Paper]) -> None:
        """Drop the evidence of ``sources``, then add the evidence of ``papers`` (those files' papers now)."""
        self.replace_rows(sources, ((paper.source, *row) for paper in papers for row in self._mine(paper)))

    def replace_rows(self, sources: Iterable[str], rows: Iterable[EvidenceRow]) -> None:
        """Drop the evidence of ``sources``, then add ``rows`` (source, paper id, Korean, ...)."""
        gone = [(source,) for source in sources]
        added = [(source, paper, korean, int(context), english, abbreviation)
                 for source, paper, korean, context, english, abbreviation in rows]
        if not gone and not added:
            return

        def write(db: sqlite3.Connection) -> None:
            removed = [row for source in gone for row in db.execute(f"{_NUMBERED} WHERE source = ?", source)]
            db.executemany("DELETE FROM evidence WHERE source = ?", gone)
            db.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?)", added)
            ids = sorted({row[1] for row in added})
            db.executemany("INSERT OR IGNORE INTO papers (id) VALUES (?)", [(paper,) for paper in ids])
            number = {paper: db.execute("SELECT number FROM papers WHERE id = ?", (paper,)).fetchone()[0]
                      for paper in ids}
            numbered = [(*row[2:], number[row[1]]) for row in added]
            if _change_pairs(db, removed, numbered):  # not when a file read again wrote the same rows
                db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '1')")

        self._write(write)

    def evidence(self) -> list[tuple[str, str, bool, str, str]]:
        """Every evidence row as (paper id, Korean, is a context, English, abbreviation)."""
        rows = self._read("SELECT paper, korean, context, english, abbreviation FROM evidence ORDER BY rowid")
        return [(paper, korean, bool(context), english, abbreviation) for paper, korean, context, english, abbreviation
                in rows]

    def pairs(self) -> dict[Pair, set[int]]:
        """Every distinct piece of evidence with the numbers of the papers that write it, in the order sqlite's
        GROUP BY of the evidence gives them (the build's ties keep this order)."""
        rows = self._read("SELECT korean, context, english, abbreviation, papers FROM pairs "
                          "ORDER BY korean, context, english, abbreviation")
        return {(korean, bool(context), english, abbreviation): set(_numbers(papers))
                for korean, context, english, abbreviation, papers in rows}

    def dirty(self) -> bool:
        """True when the evidence changed since the entries were built."""
        return self._meta("dirty") == "1"

    def set_entries(self, entries: Iterable[EntryRow]) -> None:
        """Replace the built glossary (and mark it up to date)."""
        values = [(rank, korean, json.dumps(list(english)), json.dumps(list(abbreviations)), papers,
                   json.dumps(list(ambiguous)), concept)
                  for rank, (korean, english, abbreviations, papers, ambiguous, concept) in enumerate(entries)]
        generation = int(self._meta("generation") or "0") + 1

        def write(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM entries")
            db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)", values)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '0')")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))

        self._write(write)

    def entries(self) -> list[EntryRow]:
        """The built glossary, most papers first."""
        rows = self._read("SELECT korean, english, abbreviations, papers, ambiguous, concept "
                          "FROM entries ORDER BY rank")
        return [(korean, tuple(json.loads(english)), tuple(json.loads(abbreviations)), papers,
                 tuple(json.loads(ambiguous)), concept) for korean, english, abbreviations, papers, ambiguous, concept
                in rows]

    def refresh(self) -> None:
        """Rebuild the entries from all the evidence when the evidence changed."""
        if self.dirty() and not self.read_only:
            self.set_entries(self._build(self.pairs()))

    def cached(self, make: Callable[[list[EntryRow]], T]) -> T:
        """``make(entries())``, made again only when the entries changed (a search's glossary)."""
        generation = self.generation()
        if self._made is None or self._made[0] != generation:
            self._made = (generation, make(self.entries()))
        made: T = self._made[1]
        return made

    def generation(self) -> str:
        """Changes whenever the entries are replaced (here or by another process)."""
        return self._meta("generation") or "0"

    def clear(self) -> None:
        """Forget all evidence and entries (the library reads every digest again after this)."""
        generation = int(self.generation()) + 1

        def write(db: sqlite3.Connection) -> None:
            for table in ("evidence", "pairs", "papers", "entries"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '0')")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))

        self._write(write)

    def _meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def _read(self, sql: str, values: tuple[object, ...] = ()) -> list[Any]:
        """The rows of a query; none when the file cannot be read (the glossary is a cache: a search then
        goes without it, and the next update that rebuilds it brings it back)."""
        try:
            return list(self._db.execute(sql, values).fetchall())
        except sqlite3.Error as error:
            log.warning("the glossary %s could not be read: %s", self.path, error)
            return []


PairKey = tuple[str, int, str, str]  # a pair as stored: (Korean, context 0 or 1, English, abbreviation)


NumberedRow = tuple[str, int, str, str, int]  # evidence as (Korean, context, English, abbreviation, paper number)
_NUMBERED = "SELECT korean, context, english, abbreviation, number FROM evidence JOIN papers ON id = paper"


def _change_pairs(db: sqlite3.Connection, removed: Iterable[NumberedRow], added: Iterable[NumberedRow]) -> bool:
    """Bring the pairs in line with the evidence rows a replace removed and added; False when no pair changed
    (a file read again wrote the same rows)."""
    counts: defaultdict[PairKey, Counter[int]] = defaultdict(Counter)
    for sign, rows in ((-1, removed), (1, added)):
        for korean, context, english, abbreviation, number in rows:
            counts[korean, context, english, abbreviation][number] += sign
    changed = False
    for pair, papers in counts.items():
        gained = Counter({paper: n for paper, n in papers.items() if n})
        if gained:
            _change_pair(db, pair, gained)
            changed = True
    return changed


def _change_pair(db: sqlite3.Connection, pair: PairKey, papers: Counter[int]) -> None:
    """One pair's papers plus ``papers`` (a count below zero removes that many of a paper): a new day's papers
    are appended, a pair that loses papers is rewritten (or deleted when none are left)."""
    where = "WHERE korean = ? AND context = ? AND english = ? AND abbreviation = ?"
    row = db.execute(f"SELECT papers FROM pairs {where}", pair).fetchone()
    stored = row[0] if row else b""
    if min(papers.values()) > 0:
        left = stored + _blob(papers.elements())
    else:
        counts = Counter(_numbers(stored))
        counts.update(papers)
        left = _blob(counts.elements())
    if left:
        db.execute("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?)", (*pair, left))
    else:
        db.execute(f"DELETE FROM pairs {where}", pair)


def _numbers(blob: bytes) -> array[int]:
    numbers = array("i", blob)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _blob(numbers: Iterable[int]) -> bytes:
    stored = array("i", numbers)
    if sys.byteorder == "big":
        stored.byteswap()
    return stored.tobytes()


def _create_pairs(db: sqlite3.Connection) -> None:
    for statement in _PAIRS:
        db.execute(statement)


def _upgrade(db: sqlite3.Connection) -> None:
    """A file of an older version: its evidence grouped into pairs once, unless another process did it meanwhile."""
    if _version(db) in UPGRADABLE_VERSIONS:
        for table in ("pairs", "papers"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        _create_pairs(db)
        db.execute("INSERT INTO papers (id) SELECT DISTINCT paper FROM evidence")
        _change_pairs(db, [], db.execute(_NUMBERED).fetchall())
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))


def _transaction(db: sqlite3.Connection, work: Callable[[sqlite3.Connection], None]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        work(db)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _version(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _empty() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(_SCHEMA)
    _create_pairs(db)
    return db
