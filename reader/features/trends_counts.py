"""A trend's matches per day, kept in the data directory while the index stays as it was.

Counting a term over 100,000 papers reads its posting lists, and its glossary forms' (their
positions too): 0.3-0.6 s of CPU in a fresh process, every time the CLI runs ``trends`` or the
window opens Insights. The count of matching entries per day is a function of the index's
content and the query alone, so it is kept here: a later process (or a later window) asking for
the same term, as long as the index has not changed, reads a few thousand numbers instead.

* The index's state is its segments and its number of live documents: a commit that adds papers
  makes a new segment, a merge replaces segments, a commit that only deletes lowers the count.
  A digest of reader.index's source is part of it, so matching rules that change with the code
  never meet counts made by other ones. Counts of any other state are dropped on the next write.
* The query is its Whoosh tree's ``repr`` (every form of the term, every field): the glossary
  learning a new form is a new query.
* The counts include hidden entries (duplicates, muted listings): the facade takes those off
  afterwards, from the catalogue as it is now.

A cache only: any sqlite error reads as "not kept" and a write that fails is skipped; a data
directory that cannot be written is never written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from functools import cache
from pathlib import Path

from reader.index import counting
from reader.stores.sqlite_files import cannot_write

log = logging.getLogger(__name__)

KEPT_QUERIES = 256  # queries kept for one index state (a few kB each)
_BUSY_TIMEOUT_S = 0.2  # another process writing: count without the file rather than wait


def index_state(segment_ids: Iterable[str], live_documents: int) -> str | None:
    """The key of the index's current content and matching rules; None when the rules have no source here."""
    code = _code_digest()
    return f"{code}/{live_documents}/{'+'.join(segment_ids)}" if code else None


@cache
def _code_digest() -> str | None:
    """A digest of reader.index's Python source (a packaged app without it keeps no counts)."""
    sources = sorted(Path(counting.__file__).parent.rglob("*.py"))
    if not sources:
        return None
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class TrendCounts:
    """Matching entries per day number of trend queries, for one state of the index."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, index_state: str, queries: Sequence[str]) -> dict[str, dict[int, int]]:
        """The counts kept for those of ``queries`` this index state has (by query)."""
        if not self.path.exists() or not queries:
            return {}
        try:
            with closing(sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S)) as db:
                rows = db.execute(f"SELECT query, days FROM counts WHERE index_state = ? AND query IN "
                                  f"({', '.join('?' * len(queries))})", (index_state, *queries)).fetchall()
        except sqlite3.Error as error:
            log.debug("trend counts not read from %s: %s", self.path, error)
            return {}
        return {query: {day: count for day, count in json.loads(days)} for query, days in rows}

    def put(self, index_state: str, counts: Mapping[str, Mapping[int, int]]) -> None:
        """Keep each query's counts (one transaction for them all); counts of other index states are dropped.

        Without waiting for the disk (``synchronous=OFF``: a commit's sync cost ~30 ms a term): a file a
        crash has damaged is removed at the next write, and the counts are made again."""
        if cannot_write(self.path):
            return
        rows = [(query, index_state, json.dumps(sorted(days.items()), separators=(",", ":")))
                for query, days in counts.items()]
        try:
            with closing(sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)) as db:
                db.execute("PRAGMA synchronous = OFF")
                db.execute("CREATE TABLE IF NOT EXISTS counts "
                           "(query TEXT PRIMARY KEY, index_state TEXT NOT NULL, days TEXT NOT NULL)")
                db.execute("BEGIN IMMEDIATE")
                db.execute("DELETE FROM counts WHERE index_state != ?", (index_state,))
                db.executemany("INSERT OR REPLACE INTO counts VALUES (?, ?, ?)", rows)
                db.execute("DELETE FROM counts WHERE rowid NOT IN (SELECT rowid FROM counts ORDER BY rowid DESC "
                           "LIMIT ?)", (KEPT_QUERIES,))
                db.execute("COMMIT")
        except sqlite3.OperationalError as error:  # busy, disk full, ...: this time without
            log.debug("trend counts not written to %s: %s", self.path, error)
        except sqlite3.DatabaseError as error:  # not a database (any more): start again
            log.info("trend counts file %s removed: %s", self.path, error)
            self.path.unlink(missing_ok=True)
