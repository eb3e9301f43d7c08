"""The catalogue: every parsed paper and every scanned file, in one sqlite database.

Whoosh answers "which papers match"; the catalogue answers everything else (the day list,
a day's papers, one paper's fields) without touching the search index, so the window can
start from it at once. It is a cache of the digest files: deleting it only costs a re-parse.

Whoosh is committed before the catalogue during an update, so a crash in between leaves
the catalogue older than the index; the next update then sees the file as changed and
replaces it in both, which keeps the two consistent.

Every sqlite error leaves this module as a LibraryError with a sentence. One that means the file
is damaged also marks it, so the next open rebuilds it (see reader.stores.catalogue_schema).
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from reader.core.collection import collection_paused
from reader.core.errors import LibraryError
from reader.core.models import Media, Paper, PaperRow, Problem, Section
from reader.stores import catalogue_counts as counts
from reader.stores.catalogue_schema import (
    HUB_FILE,
    INDEX_STALE,
    REFRESH_DAY,
    SCHEMA_VERSION,
    SEED_FILE,
    USER_FILE,
    damaged_marker,
    open_catalogue,
)
from reader.stores.sqlite_files import is_busy, is_damage, short

__all__ = ["HUB_FILE", "SCHEMA_VERSION", "SEED_FILE", "USER_FILE", "Catalogue", "EntryKey", "FileRecord",
           "iter_chunks"]

T = TypeVar("T")
P = ParamSpec("P")
SHORT_AUTHORS = 2  # names kept in first_authors: what a list row shows

_ROW_COLUMNS = "arxiv_id, date, title, votes, first_authors, author_count, authors_truncated, source, line"
_PAPER_COLUMNS = "source, date, arxiv_id, builtin, line, title, url, votes, authors, authors_truncated, media, sections"
_FILE_COLUMNS = "path, mtime_ns, size, builtin, paper_count, problems, ctime_ns, inode"

_ORDER = " ORDER BY date DESC, votes IS NULL, votes DESC, source, line"

EntryKey = tuple[str, str, str]  # (source, date, arxiv_id): one entry of one file


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the catalogue remembers of one scanned file, to skip it when unchanged."""

    path: str
    mtime_ns: int
    size: int
    paper_count: int
    problems: tuple[Problem, ...]
    ctime_ns: int = 0  # 0: not known (recorded before the catalogue had the column)
    inode: int = 0


def _sqlite_errors(method: Callable[Concatenate[Catalogue, P], T]) -> Callable[Concatenate[Catalogue, P], T]:
    """Turn the sqlite errors of a Catalogue method into LibraryError (see Catalogue.failure)."""
    @functools.wraps(method)
    def guarded(self: Catalogue, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise self.failure(error) from error

    return guarded


class Catalogue:
    """sqlite-backed store of parsed papers. One object per thread."""

    def __init__(self, path: Path, *, read_only: bool = False,
                 lock: Callable[[], AbstractContextManager[object]] | None = None) -> None:
        """Open, creating, migrating or rebuilding a damaged file; raises LibraryError when that fails.

        read_only: the data directory cannot be written; the file is only read (or stood in for).
        lock: held while a damaged file is replaced (the library's update lock).
        """
        self.path = path
        try:
            opened = open_catalogue(path, read_only=read_only, lock=lock)
        except (sqlite3.Error, OSError) as error:
            detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise LibraryError(f"Cannot open the catalogue {path}: {detail}.") from error
        self._db = opened.db
        self.read_only = opened.read_only
        self.warnings = opened.warnings  # what the user should be told once (a rebuild, ...)
        self._identity = _identity(path)
        self._kept: dict[str, tuple[tuple[int, int], Any]] = {}  # see _kept_until_changed

    def replaced(self) -> bool:
        """True when the file at `path` is no longer the one this connection reads (another process
        rebuilt a damaged catalogue): reopen to see the new one."""
        now = _identity(self.path)
        return now is not None and self._identity is not None and now != self._identity

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def failure(self, error: sqlite3.Error) -> LibraryError:
        """The LibraryError for an sqlite error met by a query; damage also asks for a rebuild at the next open."""
        if is_damage(error):
            if self.read_only:
                return LibraryError(f"The catalogue {self.path} is damaged ({error}); it cannot be rebuilt because its "
                                    "folder cannot be written.")
            with suppress(OSError):  # if the mark cannot be written, the next open finds the damage later
                damaged_marker(self.path).write_text(short(str(error)) + "\n", encoding="utf-8")
            return LibraryError(
                f"The catalogue {self.path} is damaged ({error}). It is a cache of the digests: it is rebuilt the next "
                "time the reader opens this data directory. Stars and read marks are not affected.")
        if is_busy(error):
            return LibraryError(f"The catalogue {self.path} stayed busy (another Daily Papers Reader is updating it); "
                                "try again.")
        return LibraryError(f"The catalogue {self.path} could not be used: {error}.")

    # -- files -------------------------------------------------------------

    @_sqlite_errors
    def files(self, with_problems: bool = True) -> dict[str, FileRecord]:
        """Every file scanned so far, by path; ``with_problems=False``: their problems left out (``()``), which
        an update's change check does not need and 50,000 junk files made every command decode."""
        if not with_problems:
            rows = self._db.execute("SELECT path, mtime_ns, size, paper_count, ctime_ns, inode FROM files")
            return {path: FileRecord(path, mtime_ns, size, count, (), ctime_ns, inode)
                    for path, mtime_ns, size, count, ctime_ns, inode in rows}
        rows = self._db.execute("SELECT path, mtime_ns, size, paper_count, problems, ctime_ns, inode FROM files")
        return {
            path: FileRecord(path, mtime_ns, size, count, _problems_from_json(path, problems), ctime_ns, inode)
            for path, mtime_ns, size, count, problems, ctime_ns, inode in rows
        }

    @_sqlite_errors
    def skipped_file_count(self) -> int:
        """Files that gave no paper and have problems (unreadable, empty, not a digest...)."""
        count: int = self._db.execute("SELECT COUNT(*) FROM files WHERE paper_count = 0 AND problems != '[]'"
                                      ).fetchone()[0]
        return count

    @_sqlite_errors
    def file_problems(self) -> list[Problem]:
        """The problems of every file that has some, in path order (no JSON decoding for clean files)."""
        rows = self._db.execute("SELECT path, problems FROM files WHERE problems != '[]' ORDER BY path")
        return [problem for path, problems in rows for problem in _problems_from_json(path, problems)]

    @_sqlite_errors
    def replace_files(self, records: Iterable[tuple[FileRecord, int, list[Paper]]], removed: Iterable[str]) -> None:
        """In one transaction: forget `removed` files and store each (record, kind, papers); kind: USER_FILE ..."""
        with self._transaction():
            touched: set[str] = set()  # days whose entries may change visibility
            for path in removed:
                touched.update(self._forget_papers(path))
                self._db.execute("DELETE FROM files WHERE path = ?", (path,))
            for record, builtin, papers in records:
                touched.update(self._forget_papers(record.path))
                self._db.execute(
                    f"INSERT OR REPLACE INTO files ({_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.path, record.mtime_ns, record.size, int(builtin), record.paper_count,
                     _problems_to_json(record.problems),
                     record.ctime_ns, record.inode),
                )
                self._db.executemany(
                    f"INSERT OR REPLACE INTO papers ({_PAPER_COLUMNS}, first_authors, author_count)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (_paper_row(paper, builtin) for paper in papers),
                )
                touched.update(paper.date for paper in papers)
            self._db.executemany(REFRESH_DAY, [(day,) for day in sorted(touched)])

    @_sqlite_errors
    def set_identities(self, identities: Iterable[tuple[str, int, int]]) -> None:
        """Record (path, ctime_ns, inode) of files already stored (filled in after the version 4 migration)."""
        rows = [(ctime_ns, inode, path) for path, ctime_ns, inode in identities]
        if rows:
            with self._transaction():
                self._db.executemany("UPDATE files SET ctime_ns = ?, inode = ? WHERE path = ?", rows)

    def _forget_papers(self, source: str) -> set[str]:
        """Delete a file's papers; return their days, whose entries' visibility may change."""
        days = {day for (day,) in self._db.execute("SELECT DISTINCT date FROM papers WHERE source = ?", (source,))}
        self._db.execute("DELETE FROM papers WHERE source = ?", (source,))
        return days

    @_sqlite_errors
    def clear(self) -> None:
        """Forget every file and paper (the search index was reset: everything is re-parsed)."""
        with self._transaction():
            self._db.execute("DELETE FROM papers")
            self._db.execute("DELETE FROM files")

    @_sqlite_errors
    def index_is_stale(self) -> bool:
        """True when the search index may hold entries this catalogue has not (it was created or cleared since)."""
        return self.get_meta(INDEX_STALE) == "1"

    @_sqlite_errors
    def set_index_stale(self, stale: bool) -> None:
        """Record that the search index must be emptied (True) or was (False)."""
        if stale:
            self.set_meta(INDEX_STALE, "1")
        else:
            self._db.execute("DELETE FROM meta WHERE key = ?", (INDEX_STALE,))

    @_sqlite_errors
    def get_meta(self, key: str, default: str = "") -> str:
        """A small persisted value (scan problems, ...)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @_sqlite_errors
    def set_meta(self, key: str, value: str) -> None:
        """Persist a small value."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @_sqlite_errors
    def generation(self) -> tuple[int, int]:
        """A value that changes whenever this catalogue's content may have changed (here or in another process)."""
        data_version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
        return data_version, self._db.total_changes

    # -- papers ------------------------------------------------------------

    @_sqlite_errors
    def papers(self, date: str | None = None, arxiv_id: str | None = None) -> list[Paper]:
        """Visible entries, newest day first, then by votes (as on the Hugging Face page)."""
        where, params = _visible_where(date, arxiv_id)
        sql = f"SELECT {_PAPER_COLUMNS} FROM papers{where}{_ORDER}"
        return [_paper_from_row(row) for row in self._db.execute(sql, params)]

    @_sqlite_errors
    def paper_texts(self) -> list[tuple[str, str, str, int | None]]:
        """Each visible paper once, in the order of papers() (its first entry's place): (arXiv id, title and
        summary_text of that first entry, the most votes of its entries or None). What For you's matrix reads:
        four columns and the sections of one entry a paper, no Paper built (at 100,000 papers 1.5 s instead of
        papers()'s 4.3 s)."""
        where, params = _visible_where(None, None)
        cursor = self._db.execute(f"SELECT arxiv_id, title, votes, sections FROM papers{where}{_ORDER}", params)
        first: dict[str, tuple[str, str]] = {}
        most_votes: dict[str, int | None] = {}
        with collection_paused():
            for arxiv_id, title, votes, sections in cursor:
                if arxiv_id not in first:
                    first[arxiv_id], most_votes[arxiv_id] = (title, sections), votes
                elif votes is not None:
                    most_votes[arxiv_id] = max(votes, most_votes[arxiv_id] or votes)
            loads = json.loads
            return [(arxiv_id, title, "\n".join(text for _label, text in loads(sections)), most_votes[arxiv_id])
                    for arxiv_id, (title, sections) in first.items()]

    @_sqlite_errors
    def rows(self, date: str | None = None) -> list[PaperRow]:
        """List rows of the visible entries, in the order of papers(): one query, no JSON decoding."""
        where, params = _visible_where(date, None)
        cursor = self._db.execute(f"SELECT {_ROW_COLUMNS} FROM papers{where}{_ORDER}", params)
        new = tuple.__new__  # PaperRow._make without its per-row Python call: 100,000 rows in one go
        with collection_paused():
            return [new(PaperRow, row) for row in cursor]

    @_sqlite_errors
    def paper(self, date: str, arxiv_id: str) -> Paper | None:
        """The visible entry (date, arxiv_id) in full, or None."""
        row = self._db.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers WHERE visible AND date = ? AND arxiv_id = ?", (date, arxiv_id)
        ).fetchone()
        return _paper_from_row(row) if row else None

    @_sqlite_errors
    def day_entries(self, date: str) -> list[tuple[str, int]]:
        """(arXiv id, file kind) of the day's visible entries: no summary is read (a paper of 48 MB costs nothing)."""
        sql = "SELECT arxiv_id, builtin FROM papers WHERE visible = 1 AND date = ?"
        return self._db.execute(sql, (date,)).fetchall()

    @_sqlite_errors
    def day_sections(self, date: str, kind: int) -> list[tuple[Section, ...]]:
        """The sections of the day's visible entries from files of `kind` (USER_FILE ...); only theirs are read."""
        sql = "SELECT sections FROM papers WHERE visible = 1 AND date = ? AND builtin = ?"
        rows = self._db.execute(sql, (date, kind))
        return [tuple(Section(label, text) for label, text in json.loads(sections)) for (sections,) in rows]

    @_sqlite_errors
    def day_counts(self, state_uri: str | None) -> list[tuple[str, int, int, int]]:
        """(date, total, unread, starred) of every day, newest first (see reader.stores.catalogue_counts)."""
        totals: list[tuple[str, int]] = self._kept_until_changed("day_totals", counts.day_totals)
        return counts.day_counts(self._db, state_uri, totals)

    @_sqlite_errors
    def smart_counts(self, state_uri: str | None) -> tuple[int, int, int]:
        """(papers listed, unread papers, starred papers), each a number of distinct arXiv ids."""
        listed: int = self._kept_until_changed("listed_papers", counts.listed_papers)
        return counts.paper_counts(self._db, state_uri, listed)

    def _kept_until_changed(self, name: str, count: Callable[[sqlite3.Connection], T]) -> T:
        """A count of the catalogue's content, made again only once it has changed (here or in another process):
        a star or a read mark, what most recounts follow, leaves the entries per day and the papers listed as
        they are (at 100,000 papers 12 + 16 ms of the two recounts' ~31 ms). Each is counted only when asked for:
        a trend needs the days' totals, not the papers listed."""
        generation = self.generation()
        kept = self._kept.get(name)
        if kept is None or kept[0] != generation:
            kept = self._kept[name] = (generation, count(self._db))
        value: T = kept[1]
        return value

    @_sqlite_errors
    def entry_ids(self) -> list[tuple[str, str]]:
        """(date, arxiv_id) of every visible entry."""
        return self._db.execute("SELECT date, arxiv_id FROM papers WHERE visible").fetchall()

    @_sqlite_errors
    def arxiv_ids(self) -> set[str]:
        """Every arXiv id the library lists."""
        return {arxiv_id for (arxiv_id,) in self._db.execute("SELECT DISTINCT arxiv_id FROM papers WHERE visible")}

    @_sqlite_errors
    def shadowed(self) -> list[EntryKey]:
        """(source, date, arxiv_id) of entries hidden behind another entry (see catalogue_schema.HIDDEN)."""
        return self._db.execute("SELECT source, date, arxiv_id FROM papers WHERE visible = 0").fetchall()

    @_sqlite_errors
    def shadowed_texts(self) -> list[tuple[EntryKey, dict[str, str]]]:
        """The hidden entries with the texts the search index holds of them (title, authors, body)."""
        rows = self._db.execute("SELECT source, date, arxiv_id, title, authors, sections FROM papers WHERE visible = 0")
        return [((source, date, arxiv_id), {"title": title, "authors": ", ".join(json.loads(authors)),
                                            "body": "\n".join(text for _label, text in json.loads(sections))})
                for source, date, arxiv_id, title, authors, sections in rows]

    @_sqlite_errors
    def get(self, source: str, date: str, arxiv_id: str) -> Paper | None:
        """One entry by its full identity."""
        row = self._db.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers WHERE source = ? AND date = ? AND arxiv_id = ?",
            (source, date, arxiv_id),
        ).fetchone()
        return _paper_from_row(row) if row else None

    @_sqlite_errors
    def paper_count(self) -> int:
        """Number of visible entries."""
        count: int = self._db.execute("SELECT COUNT(*) FROM papers WHERE visible").fetchone()[0]
        return count

    def _transaction(self) -> _Transaction:
        if self.read_only:
            raise LibraryError(f"The catalogue {self.path} cannot be changed: its folder cannot be written.")
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the caller turns sqlite errors into LibraryError)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self._db.execute("COMMIT")
        elif self._db.in_transaction:
            with suppress(sqlite3.Error):  # the first error says more; closing the connection rolls back
                self._db.execute("ROLLBACK")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _visible_where(date: str | None, arxiv_id: str | None) -> tuple[str, list[str]]:
    # "+visible" keeps sqlite off the papers_list index when one paper is asked for:
    # it would walk every visible row instead of the few of papers_id_day (15 ms a call at 5,000).
    clauses, params = ["+visible = 1" if arxiv_id is not None else "visible = 1"], []
    if date is not None:
        clauses.append("date = ?")
        params.append(date)
    if arxiv_id is not None:
        clauses.append("arxiv_id = ?")
        params.append(arxiv_id)
    return " WHERE " + " AND ".join(clauses), params


def _paper_row(paper: Paper, builtin: int) -> tuple[object, ...]:
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


def _problems_to_json(problems: tuple[Problem, ...]) -> str:
    """``[[line, reason, code, [args...]], ...]``: with the code, the window can say a problem in its language
    after a restart too."""
    return json.dumps([[p.line, p.reason, p.code, list(p.args)] for p in problems], ensure_ascii=False)


def _problems_from_json(path: str, text: str) -> tuple[Problem, ...]:
    """The stored problems of the file ``path``."""
    if text == "[]":
        return ()
    return tuple(Problem(path, line, reason, code, args) for line, reason, code, args in _stored_problems(text))


@functools.lru_cache(maxsize=64)
def _stored_problems(text: str) -> tuple[tuple[int, str, str, tuple[str, ...]], ...]:
    """``(line, reason, code, args)`` of stored problems, decoded once per distinct text: 50,000 empty files
    store the same one, and every command reads them all. Rows of an older catalogue are ``[line, reason]``
    (no code: only the English text is known)."""
    rows = []
    for line, reason, *coded in json.loads(text):
        code = str(coded[0]) if coded else ""
        args = tuple(str(arg) for arg in coded[1]) if len(coded) > 1 else ()
        rows.append((line, reason, code, args))
    return tuple(rows)


def iter_chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
