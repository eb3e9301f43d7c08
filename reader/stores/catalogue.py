"""The catalogue: every parsed paper and every scanned file, in one sqlite database.

Whoosh answers "which papers match"; the catalogue answers everything else (the day list,
a day's papers, one paper's fields) without touching the search index, so the window can
start from it at once. It is a cache of the digest files: deleting it only costs a re-parse.

Whoosh is committed before the catalogue during an update, so a crash in between leaves
the catalogue older than the index; the next update then sees the file as changed and
replaces it in both, which keeps the two consistent.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from reader.core.errors import LibraryError
from reader.core.models import Media, Paper, PaperRow, Problem, Section

T = TypeVar("T")
SCHEMA_VERSION = 2  # 2: list-row columns (first_authors, author_count) and a stored `visible` flag
SHORT_AUTHORS = 2  # names kept in first_authors: what a list row shows

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    builtin INTEGER NOT NULL,
    paper_count INTEGER NOT NULL,
    problems TEXT NOT NULL          -- JSON list of [line, reason]
);
CREATE TABLE IF NOT EXISTS papers (
    source TEXT NOT NULL,
    date TEXT NOT NULL,
    arxiv_id TEXT NOT NULL,
    builtin INTEGER NOT NULL,       -- a copy of the file's flag: user files shadow the seeds
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
    visible INTEGER NOT NULL DEFAULT 1,  -- 0: shadowed by the same entry in another file (see _REFRESH_VISIBLE)
    PRIMARY KEY (source, date, arxiv_id)
);
CREATE INDEX IF NOT EXISTS papers_entry ON papers (date, arxiv_id);
-- Every column of a list row, in list order: "All papers" is read from this index alone. The
-- table rows hold the summaries (~3 KB a paper): scanning them for 100,000 rows took ~0.9 s.
CREATE INDEX IF NOT EXISTS papers_list ON papers (
    visible, date DESC, votes IS NULL, votes DESC, source, line,
    arxiv_id, title, first_authors, author_count, authors_truncated);
-- The sidebar's totals per day: a scan of this narrow index, not of papers_list (40 -> 15 ms at 100,000).
CREATE INDEX IF NOT EXISTS papers_day ON papers (visible, date);
DROP INDEX IF EXISTS papers_visible;
CREATE INDEX IF NOT EXISTS papers_id ON papers (arxiv_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# An entry (date, arxiv_id) listed in several files is shown once: a user's own file wins
# over the bundled seeds, then the alphabetically first path. The others are "shadowed".
# Computed when files change (for the touched entries only) and stored in `visible`, so listing
# 100,000 papers is an index range scan instead of a correlated subquery per row.
_REFRESH_VISIBLE = """
UPDATE papers SET visible = NOT EXISTS (
    SELECT 1 FROM papers AS q
    WHERE q.date = papers.date AND q.arxiv_id = papers.arxiv_id
      AND (q.builtin < papers.builtin OR (q.builtin = papers.builtin AND q.source < papers.source)))
WHERE date = ? AND arxiv_id = ?
"""
_ROW_COLUMNS = "arxiv_id, date, title, votes, first_authors, author_count, authors_truncated, source, line"
_PAPER_COLUMNS = "source, date, arxiv_id, builtin, line, title, url, votes, authors, authors_truncated, media, sections"

_ORDER = " ORDER BY date DESC, votes IS NULL, votes DESC, source, line"


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the catalogue remembers of one scanned file, to skip it when unchanged."""

    path: str
    mtime_ns: int
    size: int
    paper_count: int
    problems: tuple[Problem, ...]


class Catalogue:
    """sqlite-backed store of parsed papers. One object per thread."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last commit only costs a re-parse
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                self._reset()
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            raise LibraryError(f"cannot open the catalogue {path}: {error}") from error

    def _reset(self) -> None:
        """Drop an incompatible catalogue; it is rebuilt from the digest files."""
        self._db.executescript("DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS papers; DROP TABLE IF EXISTS meta;")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    # -- files -------------------------------------------------------------

    def files(self) -> dict[str, FileRecord]:
        """Every file scanned so far, by path."""
        rows = self._db.execute("SELECT path, mtime_ns, size, paper_count, problems FROM files")
        return {
            path: FileRecord(path, mtime_ns, size, count, _problems_from_json(path, problems))
            for path, mtime_ns, size, count, problems in rows
        }

    def file_problems(self) -> list[Problem]:
        """The problems of every file that has some, in path order (no JSON decoding for clean files)."""
        rows = self._db.execute("SELECT path, problems FROM files WHERE problems != '[]' ORDER BY path")
        return [problem for path, problems in rows for problem in _problems_from_json(path, problems)]

    def replace_files(self, records: Iterable[tuple[FileRecord, bool, list[Paper]]], removed: Iterable[str]) -> None:
        """In one transaction: forget `removed` files and store each (record, builtin, papers)."""
        with self._transaction():
            touched: set[tuple[str, str]] = set()
            for path in removed:
                touched.update(self._forget_papers(path))
                self._db.execute("DELETE FROM files WHERE path = ?", (path,))
            for record, builtin, papers in records:
                touched.update(self._forget_papers(record.path))
                self._db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (record.path, record.mtime_ns, record.size, int(builtin), record.paper_count,
                     json.dumps([[p.line, p.reason] for p in record.problems], ensure_ascii=False)),
                )
                self._db.executemany(
                    f"INSERT OR REPLACE INTO papers ({_PAPER_COLUMNS}, first_authors, author_count)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (_paper_row(paper, builtin) for paper in papers),
                )
                touched.update((paper.date, paper.arxiv_id) for paper in papers)
            self._db.executemany(_REFRESH_VISIBLE, sorted(touched))

    def _forget_papers(self, source: str) -> list[tuple[str, str]]:
        """Delete a file's papers; return their entries, whose visibility may change."""
        entries = self._db.execute("SELECT date, arxiv_id FROM papers WHERE source = ?", (source,)).fetchall()
        self._db.execute("DELETE FROM papers WHERE source = ?", (source,))
        return entries

    def clear(self) -> None:
        """Forget every file and paper (the search index was reset: everything is re-parsed)."""
        with self._transaction():
            self._db.execute("DELETE FROM papers")
            self._db.execute("DELETE FROM files")

    def get_meta(self, key: str, default: str = "") -> str:
        """A small persisted value (scan problems, ...)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Persist a small value."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- papers ------------------------------------------------------------

    def papers(self, date: str | None = None, arxiv_id: str | None = None) -> list[Paper]:
        """Visible entries, newest day first, then by votes (as on the Hugging Face page)."""
        where, params = _visible_where(date, arxiv_id)
        sql = f"SELECT {_PAPER_COLUMNS} FROM papers{where}{_ORDER}"
        return [_paper_from_row(row) for row in self._db.execute(sql, params)]

    def rows(self, date: str | None = None) -> list[PaperRow]:
        """List rows of the visible entries, in the order of papers(): one query, no JSON decoding."""
        where, params = _visible_where(date, None)
        cursor = self._db.execute(f"SELECT {_ROW_COLUMNS} FROM papers{where}{_ORDER}", params)
        new = tuple.__new__  # PaperRow._make without its per-row Python call: 100,000 rows in one go
        with _gc_paused():
            return [new(PaperRow, row) for row in cursor]

    def paper(self, date: str, arxiv_id: str) -> Paper | None:
        """The visible entry (date, arxiv_id) in full, or None."""
        row = self._db.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers WHERE visible AND date = ? AND arxiv_id = ?", (date, arxiv_id)
        ).fetchone()
        return _paper_from_row(row) if row else None

    def day_counts(self, state_path: Path) -> list[tuple[str, int, int, int]]:
        """(date, total, unread, starred) of every day, newest first.

        Two aggregate queries, whatever the library's size: totals per day from the
        papers_list index, and read/starred per day driven by the flagged ids only. The flags
        live in the state file (reader.state, table `flags`); it is attached for this query (only
        read) and detached again, so a catalogue write never takes a lock on the user's state.
        """
        totals = self._db.execute(
            "SELECT date, COUNT(*) FROM papers WHERE visible = 1 GROUP BY date ORDER BY date DESC"
        ).fetchall()
        flagged: dict[str, tuple[int, int]] = {}
        if state_path.exists():
            self._db.execute("ATTACH DATABASE ? AS state", (str(state_path),))
            try:
                flagged = {date: (read, starred) for date, read, starred in self._db.execute(
                    "SELECT p.date, SUM(f.read), SUM(f.starred) FROM state.flags AS f"
                    " CROSS JOIN papers AS p ON p.arxiv_id = f.arxiv_id"  # CROSS: flags drive the loop
                    " WHERE (f.read OR f.starred) AND +p.visible = 1 GROUP BY p.date")}
            finally:
                self._db.execute("DETACH DATABASE state")
        counts = []
        for date, total in totals:
            read, starred = flagged.get(date, (0, 0))
            counts.append((date, total, total - read, starred))
        return counts

    def entry_ids(self) -> list[tuple[str, str]]:
        """(date, arxiv_id) of every visible entry."""
        return self._db.execute("SELECT date, arxiv_id FROM papers WHERE visible").fetchall()

    def arxiv_ids(self) -> set[str]:
        """Every arXiv id the library lists."""
        return {arxiv_id for (arxiv_id,) in self._db.execute("SELECT DISTINCT arxiv_id FROM papers WHERE visible")}

    def shadowed(self) -> list[tuple[str, str, str]]:
        """(source, date, arxiv_id) of entries hidden behind the same entry in another file."""
        return self._db.execute("SELECT source, date, arxiv_id FROM papers WHERE visible = 0").fetchall()

    def get(self, source: str, date: str, arxiv_id: str) -> Paper | None:
        """One entry by its full identity."""
        row = self._db.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers WHERE source = ? AND date = ? AND arxiv_id = ?",
            (source, date, arxiv_id),
        ).fetchone()
        return _paper_from_row(row) if row else None

    def paper_count(self) -> int:
        """Number of visible entries."""
        count: int = self._db.execute("SELECT COUNT(*) FROM papers WHERE visible").fetchone()[0]
        return count

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error, errors turned into LibraryError."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self._db.execute("COMMIT")
            return
        self._db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise LibraryError(f"catalogue update failed: {exc}") from exc


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building many small tuples that hold no cycles.

    Every 700 new objects start a collection pass; for 100,000 rows they cost a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _visible_where(date: str | None, arxiv_id: str | None) -> tuple[str, list[str]]:
    # "+visible" keeps sqlite off the papers_list index when one paper is asked for:
    # it would walk every visible row instead of the few of papers_id (15 ms a call at 5,000).
    clauses, params = ["+visible = 1" if arxiv_id is not None else "visible = 1"], []
    if date is not None:
        clauses.append("date = ?")
        params.append(date)
    if arxiv_id is not None:
        clauses.append("arxiv_id = ?")
        params.append(arxiv_id)
    return " WHERE " + " AND ".join(clauses), params


def _paper_row(paper: Paper, builtin: bool) -> tuple[object, ...]:
    media = json.dumps({"kind": paper.media.kind, "url": paper.media.url}) if paper.media else None
    return (
        paper.source, paper.date, paper.arxiv_id, int(builtin), paper.line, paper.title, paper.url, paper.votes,
        json.dumps(list(paper.authors), ensure_ascii=False), int(paper.authors_truncated), media,
        json.dumps([[s.label, s.text] for s in paper.sections], ensure_ascii=False),
        ", ".join(paper.authors[:SHORT_AUTHORS]), len(paper.authors),
    )


def _paper_from_row(row: tuple[Any, ...]) -> Paper:
    source, date, arxiv_id, _builtin, line, title, url, votes, authors, truncated, media, sections = row
    media_value = json.loads(media) if media else None
    return Paper(
        arxiv_id=arxiv_id,
        date=date,
        title=title,
        url=url,
        votes=votes,
        authors=tuple(json.loads(authors)),
        authors_truncated=bool(truncated),
        media=Media(media_value["kind"], media_value["url"]) if media_value else None,
        sections=tuple(Section(label, text) for label, text in json.loads(sections)),
        source=source,
        line=line,
    )


def _problems_from_json(path: str, text: str) -> tuple[Problem, ...]:
    return tuple(Problem(path, line, reason) for line, reason in json.loads(text))


def iter_chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
