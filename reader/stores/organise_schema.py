"""The tables of the reader's own organisation (tags, notes, the reading queue, saved searches, mutes),
added to the reading-state file by schema version 3 (``reading_state.MIGRATIONS[2]``).

They live in ``state.sqlite`` next to the flags, so one transaction, one backup and one `state export`
cover everything the reader made; the queries are in :mod:`reader.stores.organise`.
"""

from __future__ import annotations

import sqlite3

# Keys of `organise_meta`.
QUEUE_CHANGED_AT = "queue_changed_at"  # when the queue last changed (an import takes the newer side's order)
DEQUEUE_ON_READ = "dequeue_on_read"  # "1": marking a paper read takes it off the queue
SHOW_MUTED = "show_muted"  # "1": the mute filters' listings are shown (View > Show Muted Papers)


def create_organise_tables(db: sqlite3.Connection) -> None:
    """Version 2 -> 3: tags, notes, queue, saved searches, mutes and their settings.

    Why these shapes: a tag is a row per (paper, tag), so a tag's count is one indexed GROUP BY and a
    rename is one UPDATE; tag and mute names compare without ASCII case (``LLM`` and ``llm`` are one tag);
    a note's ``updated_at`` decides which side of an import wins; a queue position is an integer the
    reorder rewrites (a queue is tens of papers, not thousands).
    """
    db.execute(
        """
        CREATE TABLE paper_tags (
            arxiv_id  TEXT NOT NULL,
            tag       TEXT NOT NULL COLLATE NOCASE,
            tagged_at TEXT NOT NULL,
            PRIMARY KEY (arxiv_id, tag)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX paper_tags_by_tag ON paper_tags (tag, arxiv_id)")
    db.execute(
        """
        CREATE TABLE notes (
            arxiv_id   TEXT PRIMARY KEY NOT NULL,
            text       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE queue (
            arxiv_id TEXT PRIMARY KEY NOT NULL,
            position INTEGER NOT NULL,
            added_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE saved_searches (
            name       TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            query      TEXT NOT NULL,
            exact      INTEGER NOT NULL DEFAULT 0 CHECK (exact IN (0, 1)),
            position   INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE mutes (
            rule     TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            added_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE TABLE organise_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    # The saved searches' badges ask which flags changed since they last looked (OrganiseStore.read_changes).
    db.execute("CREATE INDEX flags_by_update ON flags (updated_at)")
