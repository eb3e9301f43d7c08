"""The counts a sidebar shows, as aggregate queries over the catalogue and the reading state.

The flags live in the state file (reader.stores.reading_state, table ``flags``); it is attached
read-only (a ``mode=ro`` URI) for one query and detached again, so a catalogue write never takes a
lock on the user's state.

Each count joins the listed entries to the flags, and the smaller side drives the join: the flags
(a look-up of each flagged id among the entries) while there are at most FLAGS_PER_ENTRY flag rows
per listed entry, the entries (a look-up of each in the flags) beyond. The number of flag rows is
``max(rowid)`` of ``flags`` (which never deletes a row): one b-tree descent. So no count costs
more than a look-up per listed entry, however many ids an import brought: after importing a
million flags a star toggle costs what it cost before (at 100,000 papers: ~0.5 s a count
driven by a million flags, ~0.13 s driven by the entries).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

FLAGS_PER_ENTRY = 2  # measured: a flag look-up costs ~0.4 of an entry's (the entries also need their ids)

_DAY_TOTALS = "SELECT date, COUNT(*) FROM papers WHERE visible = 1 GROUP BY date ORDER BY date DESC"
# CROSS JOIN fixes the loop order: the left table drives.
_DAY_FLAGS = {
    "flags": "SELECT p.date, SUM(f.read), SUM(f.starred) FROM state.flags AS f"
             " CROSS JOIN papers AS p ON p.arxiv_id = f.arxiv_id AND p.visible = 1"
             " WHERE f.read OR f.starred GROUP BY p.date",
    "papers": "SELECT p.date, SUM(f.read), SUM(f.starred) FROM papers AS p"
              " CROSS JOIN state.flags AS f ON f.arxiv_id = p.arxiv_id"
              " WHERE p.visible = 1 AND (f.read OR f.starred) GROUP BY p.date",
}
# "+visible": read papers_id_day in id order, so the distinct ids need no temporary b-tree (2x faster).
_LISTED = "SELECT COUNT(DISTINCT arxiv_id) FROM papers WHERE +visible = 1"
_PAPER_FLAGS = {
    "flags": "SELECT COALESCE(SUM(f.read), 0), COALESCE(SUM(f.starred), 0) FROM state.flags AS f"
             " WHERE (f.read OR f.starred)"
             " AND EXISTS (SELECT 1 FROM papers AS p WHERE p.arxiv_id = f.arxiv_id AND p.visible = 1)",
    "papers": "SELECT COALESCE(SUM(f.read), 0), COALESCE(SUM(f.starred), 0)"
              " FROM (SELECT DISTINCT arxiv_id FROM papers WHERE +visible = 1) AS p"
              " CROSS JOIN state.flags AS f ON f.arxiv_id = p.arxiv_id",
}


def day_totals(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """(date, entries) of every day, newest first, from the narrow day index: what a catalogue keeps between
    changes (a star or a read mark leaves it as it is)."""
    return db.execute(_DAY_TOTALS).fetchall()


def listed_papers(db: sqlite3.Connection) -> int:
    """The distinct arXiv ids listed (kept like day_totals)."""
    (listed,) = db.execute(_LISTED).fetchone()
    return int(listed)


def day_counts(db: sqlite3.Connection, state_uri: str | None,
               totals: list[tuple[str, int]]) -> list[tuple[str, int, int, int]]:
    """(date, total, unread, starred) of every day, newest first: ``totals`` from day_totals, read and starred
    entries per day from one join (see the module's docstring for its order)."""
    flagged: dict[str, tuple[int, int]] = {}
    with attached_state(db, state_uri) as flag_rows:
        if flag_rows:
            sql = _DAY_FLAGS[driver(flag_rows, sum(total for _date, total in totals))]
            flagged = {date: (read, starred) for date, read, starred in db.execute(sql)}
    counts = []
    for date, total in totals:
        read, starred = flagged.get(date, (0, 0))
        counts.append((date, total, total - read, starred))
    return counts


def paper_counts(db: sqlite3.Connection, state_uri: str | None, listed: int) -> tuple[int, int, int]:
    """(papers, unread papers, starred papers) over distinct arXiv ids listed (``listed`` from listed_papers)."""
    read = starred = 0
    with attached_state(db, state_uri) as flag_rows:
        if flag_rows and listed:
            read, starred = db.execute(_PAPER_FLAGS[driver(flag_rows, listed)]).fetchone()
    return listed, listed - read, starred


def driver(flag_rows: int, entries: int) -> str:
    """Which side drives a join of `entries` listed entries to `flag_rows` flag rows: "flags" or "papers"."""
    return "flags" if flag_rows <= FLAGS_PER_ENTRY * entries else "papers"


@contextmanager
def attached_state(db: sqlite3.Connection, state_uri: str | None) -> Iterator[int]:
    """The state file attached as ``state`` for the with-block; yields its number of flag rows
    (0 when there is nothing to count: no file, no flags table, no flags)."""
    if state_uri is None:
        yield 0
        return
    db.execute("ATTACH DATABASE ? AS state", (state_uri,))
    try:
        try:
            (rows,) = db.execute("SELECT max(rowid) FROM state.flags").fetchone()
        except sqlite3.OperationalError:  # no flags table (yet): nothing is flagged
            rows = 0
        yield rows or 0
    finally:
        db.execute("DETACH DATABASE state")
