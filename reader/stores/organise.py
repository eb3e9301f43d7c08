"""Tags, notes, the reading queue, saved searches and mutes: the queries over the tables of
:mod:`reader.stores.organise_schema`, through the reading state's own connection and transactions.

So every write is one ``BEGIN IMMEDIATE`` transaction with ``synchronous=FULL``, like a star: durable
when the call returns, and two processes writing at once wait for each other instead of losing a write.
Names given by the reader are checked here (:func:`clean_tag`, :func:`clean_mute`), so the window and
the command line accept the same ones; one refused is an InvalidEntryError with a code of ENTRY_ERRORS
and its arguments, which the window says in its own language (the command line prints the English).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.core import arxiv
from reader.core.errors import InvalidEntryError
from reader.core.models import Annotations
from reader.stores.organise_schema import DEQUEUE_ON_READ, QUEUE_CHANGED_AT
from reader.stores.reading_state import StateStore

MAX_TAG_LENGTH = 60
MAX_NOTE_LENGTH = 200_000  # characters: a long review is ~20,000; a pasted paper should not bloat every backup
MAX_NAME_LENGTH = 100  # saved-search names and mute rules
AUTHOR_PREFIX = "author:"
_FORBIDDEN_IN_TAGS = ',"'  # the tag editor separates tags by commas; `tag:"two words"` quotes with "

ENTRY_ERRORS = {
    "tag-empty": "a tag cannot be empty",
    "tag-too-long": "a tag is at most {0} characters: {1}…",
    "tag-control": "a tag cannot contain control characters: {0}",
    "tag-forbidden": "a tag cannot contain {0}: {1}",
    "mute-empty": "a mute rule cannot be empty",
    "mute-too-long": "a mute rule is at most {0} characters: {1}…",
    "mute-control": "a mute rule cannot contain control characters: {0}",
    "mute-author-empty": "give a name after author:, like author:Kim",
    "mute-no-words": "the mute rule {0} has no word to search for",
    "saved-name-empty": "a saved search name cannot be empty",
    "saved-name-too-long": "a saved search name is at most {0} characters: {1}…",
    "saved-name-control": "a saved search name cannot contain control characters: {0}",
    "saved-query-empty": "a saved search needs a query",
    "note-too-long": "the note is longer than {0} characters; it was not saved",
    "not-an-arxiv-id": "not an arXiv id: {0}",
}
"""InvalidEntryError code -> English template (the command line's words; the window translates the code)."""


def entry_error(code: str, *args: object) -> InvalidEntryError:
    """The error of this code, its English message made from the template and the arguments."""
    arguments = tuple(str(arg) for arg in args)
    return InvalidEntryError(ENTRY_ERRORS[code].format(*arguments), code, arguments)


@dataclass(frozen=True, slots=True)
class Note:
    """A paper's Markdown note and when it last changed (an import keeps the newer one)."""

    text: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A named query shown as a smart view, searched with its own exact/expanded mode."""

    name: str
    query: str
    exact: bool = False


def clean_tag(text: str) -> str:
    """The tag as stored: NFC, spaces collapsed; raises InvalidEntryError for an empty, long or unusable name."""
    name = _clean_name(text, "tag", MAX_TAG_LENGTH)
    if bad := [char for char in name if char in _FORBIDDEN_IN_TAGS]:
        raise entry_error("tag-forbidden", repr(bad[0]), repr(text))
    return name


def clean_mute(text: str) -> str:
    """A mute rule as stored: a word or phrase, or ``author:NAME``; raises InvalidEntryError for an empty one."""
    rule = _clean_name(text, "mute", MAX_NAME_LENGTH)
    if rule.lower().startswith(AUTHOR_PREFIX):
        name = rule[len(AUTHOR_PREFIX):].strip()
        if not name:
            raise entry_error("mute-author-empty")
        return AUTHOR_PREFIX + name
    return rule


def clean_search_name(text: str) -> str:
    return _clean_name(text, "saved-name", MAX_NAME_LENGTH)


class OrganiseStore:
    """The organisation of one reader, in the reading-state file (one per StateStore, same thread)."""

    def __init__(self, state: StateStore) -> None:
        self._state = state

    # -- tags ------------------------------------------------------------------------------------

    def tags_of(self, arxiv_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The tags of these papers (those with any), each sorted; one indexed look-up per paper."""
        ids = _ids(arxiv_ids)
        with self._state.reading("read the tags") as db:
            found = {i: tuple(row[0] for row in db.execute(
                "SELECT tag FROM paper_tags WHERE arxiv_id = ? ORDER BY tag", (i,))) for i in ids}
        return {i: tags for i, tags in found.items() if tags}

    def all_tags(self) -> dict[str, tuple[str, ...]]:
        """Every tagged paper with its sorted tags."""
        result: dict[str, list[str]] = {}
        with self._state.reading("read the tags") as db:
            for arxiv_id, tag in db.execute("SELECT arxiv_id, tag FROM paper_tags ORDER BY arxiv_id, tag"):
                result.setdefault(arxiv_id, []).append(tag)
        return {arxiv_id: tuple(tags) for arxiv_id, tags in result.items()}

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with its number of papers, by name (one aggregate query on the tag index)."""
        with self._state.reading("count the tags") as db:
            rows = db.execute("SELECT tag, count(*) FROM paper_tags GROUP BY tag ORDER BY tag").fetchall()
        return [(tag, count) for tag, count in rows]

    def tagged(self, tag: str) -> set[str]:
        """The papers that have this tag (any ASCII case)."""
        with self._state.reading("read the tags") as db:
            return {row[0] for row in db.execute("SELECT arxiv_id FROM paper_tags WHERE tag = ?", (tag.strip(),))}

    def add_tags(self, arxiv_ids: Iterable[str], tags: Iterable[str]) -> None:
        """Tag papers (a tag already there stays as it was); one transaction."""
        names, ids, now = _tags(tags), _ids(arxiv_ids), _utc_now()
        with self._state.transaction("save the tags") as db:
            db.executemany("INSERT OR IGNORE INTO paper_tags (arxiv_id, tag, tagged_at) VALUES (?, ?, ?)",
                           [(i, name, now) for i in ids for name in names])

    def remove_tags(self, arxiv_ids: Iterable[str], tags: Iterable[str]) -> None:
        names, ids = [tag.strip() for tag in tags], _ids(arxiv_ids)
        with self._state.transaction("remove the tags") as db:
            db.executemany("DELETE FROM paper_tags WHERE arxiv_id = ? AND tag = ?",
                           [(i, name) for i in ids for name in names])

    def set_tags(self, arxiv_id: str, tags: Iterable[str]) -> None:
        """Make these the paper's tags (the tag editor's result): the others are removed, in one transaction."""
        names, key, now = _tags(tags), _id(arxiv_id), _utc_now()
        with self._state.transaction("save the tags") as db:
            kept = {row[0].casefold() for row in db.execute("SELECT tag FROM paper_tags WHERE arxiv_id = ?", (key,))}
            wanted = {name.casefold() for name in names}
            db.executemany("DELETE FROM paper_tags WHERE arxiv_id = ? AND tag = ?",
                           [(key, tag) for tag in kept - wanted])
            db.executemany("INSERT OR IGNORE INTO paper_tags (arxiv_id, tag, tagged_at) VALUES (?, ?, ?)",
                           [(key, name, now) for name in names])

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag on every paper (into an existing tag: the two become one); returns the papers renamed."""
        name = clean_tag(new)
        with self._state.transaction("rename the tag") as db:
            ids = [row[0] for row in db.execute("SELECT arxiv_id FROM paper_tags WHERE tag = ?", (old.strip(),))]
            now = _utc_now()
            db.execute("DELETE FROM paper_tags WHERE tag = ?", (old.strip(),))
            db.executemany("INSERT OR IGNORE INTO paper_tags (arxiv_id, tag, tagged_at) VALUES (?, ?, ?)",
                           [(i, name, now) for i in ids])
        return len(ids)

    def delete_tag(self, tag: str) -> int:
        """Take a tag off every paper; returns how many had it."""
        with self._state.transaction("delete the tag") as db:
            return db.execute("DELETE FROM paper_tags WHERE tag = ?", (tag.strip(),)).rowcount

    # -- notes -----------------------------------------------------------------------------------

    def note(self, arxiv_id: str) -> Note | None:
        with self._state.reading("read the note") as db:
            row = db.execute("SELECT text, updated_at FROM notes WHERE arxiv_id = ?", (_id(arxiv_id),)).fetchone()
        return Note(*row) if row else None

    def notes(self) -> dict[str, Note]:
        """Every note (a reader writes hundreds, not millions: searching them reads them all)."""
        with self._state.reading("read the notes") as db:
            return {row[0]: Note(row[1], row[2]) for row in db.execute("SELECT arxiv_id, text, updated_at FROM notes")}

    def set_note(self, arxiv_id: str, text: str, updated_at: str | None = None) -> None:
        """Save the note (durable when this returns); blank text deletes it."""
        if len(text) > MAX_NOTE_LENGTH:
            raise entry_error("note-too-long", f"{MAX_NOTE_LENGTH:,}")
        key = _id(arxiv_id)
        with self._state.transaction("save the note") as db:
            if text.strip():
                db.execute("INSERT INTO notes (arxiv_id, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (arxiv_id) "
                           "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                           (key, text, updated_at or _utc_now()))
            else:
                db.execute("DELETE FROM notes WHERE arxiv_id = ?", (key,))

    # -- the reading queue -----------------------------------------------------------------------

    def queue(self) -> list[str]:
        """The queued papers, first to read first."""
        with self._state.reading("read the queue") as db:
            return [row[0] for row in db.execute("SELECT arxiv_id FROM queue ORDER BY position, added_at")]

    def queue_entries(self) -> list[tuple[str, str]]:
        """(arxiv_id, added_at) in queue order: what an export carries."""
        with self._state.reading("read the queue") as db:
            return [(row[0], row[1]) for row in db.execute("SELECT arxiv_id, added_at FROM queue ORDER BY position")]

    def enqueue(self, arxiv_ids: Iterable[str]) -> None:
        """Put papers at the end of the queue, in this order (a queued one stays where it is)."""
        ids, now = _ids(arxiv_ids), _utc_now()
        with self._state.transaction("add to the reading queue") as db:
            end = db.execute("SELECT coalesce(max(position), 0) FROM queue").fetchone()[0]
            db.executemany("INSERT OR IGNORE INTO queue (arxiv_id, position, added_at) VALUES (?, ?, ?)",
                           [(i, end + step, now) for step, i in enumerate(ids, start=1)])
            _touch(db, QUEUE_CHANGED_AT, now)

    def dequeue(self, arxiv_ids: Iterable[str]) -> int:
        """Take papers off the queue; returns how many were on it."""
        ids = _ids(arxiv_ids)
        with self._state.transaction("remove from the reading queue") as db:
            removed = sum(db.execute("DELETE FROM queue WHERE arxiv_id = ?", (i,)).rowcount for i in ids)
            if removed:
                _touch(db, QUEUE_CHANGED_AT, _utc_now())
        return removed

    def reorder_queue(self, arxiv_ids: Iterable[str], changed_at: str | None = None) -> None:
        """Put the queue in this order; queued papers not named keep their order after these. Papers that are
        not queued are left out (a reorder never adds one: another window may have just finished it)."""
        wanted = _ids(arxiv_ids)
        with self._state.transaction("reorder the reading queue") as db:
            current = [row[0] for row in db.execute("SELECT arxiv_id FROM queue ORDER BY position, added_at")]
            queued = set(current)
            order = [i for i in wanted if i in queued] + [i for i in current if i not in set(wanted)]
            db.executemany("UPDATE queue SET position = ? WHERE arxiv_id = ?",
                           [(position, i) for position, i in enumerate(order, start=1)])
            _touch(db, QUEUE_CHANGED_AT, changed_at or _utc_now())

    def replace_queue(self, entries: Iterable[tuple[str, str]], changed_at: str) -> None:
        """Make the queue exactly these (arxiv_id, added_at) in this order (an import from a newer file)."""
        rows = list(dict((_id(arxiv_id), added_at) for arxiv_id, added_at in entries).items())
        with self._state.transaction("save the reading queue") as db:
            db.execute("DELETE FROM queue")
            db.executemany("INSERT INTO queue (arxiv_id, position, added_at) VALUES (?, ?, ?)",
                           [(i, position, added_at) for position, (i, added_at) in enumerate(rows, start=1)])
            _touch(db, QUEUE_CHANGED_AT, changed_at)

    def queue_changed_at(self) -> str:
        return self.setting(QUEUE_CHANGED_AT, "")

    # -- saved searches --------------------------------------------------------------------------

    def saved_searches(self) -> list[SavedSearch]:
        with self._state.reading("read the saved searches") as db:
            rows = db.execute("SELECT name, query, exact FROM saved_searches ORDER BY position, name").fetchall()
        return [SavedSearch(name, query, bool(exact)) for name, query, exact in rows]

    def save_search(self, name: str, query: str, exact: bool = False, updated_at: str | None = None) -> None:
        """Save (or replace, keeping its place) the search of this name."""
        clean = clean_search_name(name)
        if not query.strip():
            raise entry_error("saved-query-empty")
        with self._state.transaction("save the search") as db:
            end = db.execute("SELECT coalesce(max(position), 0) FROM saved_searches").fetchone()[0]
            db.execute("INSERT INTO saved_searches (name, query, exact, position, updated_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET query = excluded.query, exact = excluded.exact, "
                       "updated_at = excluded.updated_at",
                       (clean, query.strip(), int(exact), end + 1, updated_at or _utc_now()))

    def saved_search_times(self) -> dict[str, str]:
        """When each saved search last changed, by name (an import keeps the newer one)."""
        with self._state.reading("read the saved searches") as db:
            return {row[0].casefold(): row[1] for row in db.execute("SELECT name, updated_at FROM saved_searches")}

    def remove_search(self, name: str) -> bool:
        with self._state.transaction("remove the saved search") as db:
            return db.execute("DELETE FROM saved_searches WHERE name = ?", (name.strip(),)).rowcount > 0

    # -- mutes -----------------------------------------------------------------------------------

    def mutes(self) -> list[str]:
        with self._state.reading("read the mute filters") as db:
            return [row[0] for row in db.execute("SELECT rule FROM mutes ORDER BY rule")]

    def add_mutes(self, rules: Iterable[str]) -> None:
        clean, now = [clean_mute(rule) for rule in rules], _utc_now()
        with self._state.transaction("save the mute filter") as db:
            db.executemany("INSERT OR IGNORE INTO mutes (rule, added_at) VALUES (?, ?)", [(r, now) for r in clean])

    def remove_mutes(self, rules: Iterable[str]) -> int:
        with self._state.transaction("remove the mute filter") as db:
            return sum(db.execute("DELETE FROM mutes WHERE rule = ?", (clean_mute(rule),)).rowcount for rule in rules)

    # -- what changed in the flags (the saved searches' badges follow read marks) ----------------

    def generation(self) -> tuple[int, int]:
        """A value that changes whenever the state file may have changed (here or in another process)."""
        with self._state.reading("read the state") as db:
            return db.execute("PRAGMA data_version").fetchone()[0], db.total_changes

    def flag_changes(self, since: str) -> tuple[list[tuple[str, bool, bool]], str]:
        """(arxiv_id, read, starred) of the flags changed at or after `since` (an ``updated_at``), and the time
        to ask from next; asked with "" it returns none, only that time."""
        with self._state.reading("read the state") as db:
            if not since:
                return [], db.execute("SELECT coalesce(max(updated_at), '0') FROM flags").fetchone()[0]  # '0': any time
            rows = db.execute("SELECT arxiv_id, read, starred, updated_at FROM flags WHERE updated_at >= ?",
                              (since,)).fetchall()
        return [(row[0], bool(row[1]), bool(row[2])) for row in rows], max((row[3] for row in rows), default=since)

    # -- settings --------------------------------------------------------------------------------

    def dequeue_on_read(self) -> bool:
        """Whether marking a paper read takes it off the queue (yes, unless the reader turned it off)."""
        return self.setting(DEQUEUE_ON_READ, "1") == "1"

    def set_dequeue_on_read(self, value: bool) -> None:
        self.set_setting(DEQUEUE_ON_READ, "1" if value else "0")

    def set_setting(self, key: str, value: str) -> None:
        with self._state.transaction("save the setting") as db:
            _touch(db, key, value)

    def setting(self, key: str, default: str) -> str:
        with self._state.reading("read the settings") as db:
            row = db.execute("SELECT value FROM organise_meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def annotations(self, arxiv_ids: Iterable[str]) -> dict[str, Annotations]:
        """Tags and note of the papers that have either (for exports and --json)."""
        ids = _ids(arxiv_ids)
        tags = self.tags_of(ids)
        with self._state.reading("read the notes") as db:
            notes = {i: row[0] for i in ids
                     if (row := db.execute("SELECT text FROM notes WHERE arxiv_id = ?", (i,)).fetchone())}
        return {i: Annotations(tags.get(i, ()), notes.get(i)) for i in ids if i in tags or i in notes}


def _touch(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT INTO organise_meta (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def _clean_name(text: str, kind: str, longest: int) -> str:
    """The name NFC with its spaces collapsed; `kind` (tag, mute, saved-name) begins the error codes."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise entry_error(f"{kind}-empty")
    if len(name) > longest:
        raise entry_error(f"{kind}-too-long", longest, repr(name[:20]))
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise entry_error(f"{kind}-control", repr(name))
    return name


def _tags(tags: Iterable[str]) -> list[str]:
    """Cleaned, each once (case aside), in the order given."""
    unique: dict[str, str] = {}
    for name in (clean_tag(tag) for tag in tags):
        unique.setdefault(name.casefold(), name)
    return list(unique.values())


def _id(arxiv_id: str) -> str:
    key = arxiv.normalise(arxiv_id)
    if not key:
        raise entry_error("not-an-arxiv-id", repr(arxiv_id))
    return key


def _ids(arxiv_ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_id(arxiv_id) for arxiv_id in arxiv_ids))


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
