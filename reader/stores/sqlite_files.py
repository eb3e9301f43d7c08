"""What both sqlite stores need to look after their files: telling damage from a busy or read-only file,
opening a file that must not be written, and setting a file aside.

Standard library only.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

# sqlite result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")  # files sqlite keeps next to a database, by suffix


def result_code(error: BaseException) -> int:
    """The primary sqlite result code of an error (0 when it carries none)."""
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def is_damage(error: BaseException) -> bool:
    """True for "database disk image is malformed" and "file is not a database"."""
    return result_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def is_busy(error: BaseException) -> bool:
    """True when another connection holds the lock this one waited for."""
    return result_code(error) in (SQLITE_BUSY, SQLITE_LOCKED)


def cannot_write(path: Path) -> bool:
    """True when a database at `path` cannot be written here: its folder or the file itself is read-only.

    sqlite needs the folder too (for the -wal and -shm files), so a read-only folder is enough.
    """
    folder = path.parent
    if not folder.is_dir():
        return not os.access(_existing_ancestor(folder), os.W_OK)
    if not os.access(folder, os.W_OK):
        return True
    return path.is_file() and not os.access(path, os.W_OK)


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def header_problem(path: Path) -> str | None:
    """What the first 100 bytes say is wrong with a database file, without sqlite: not a database, or
    shorter than its header says (a truncated copy). None when the file looks whole or does not exist.

    The length is only judged when no write-ahead log is beside the file: while one is, a checkpoint
    in another process may have written the header before the pages that make the file longer.
    """
    try:
        head = _read_head(path)
    except FileNotFoundError:
        return None
    if not head:
        return None  # an empty file is a valid, empty database; the callers decide what it means
    if len(head) < 100 or not head.startswith(_MAGIC):
        return "not an sqlite database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"invalid page size {page_size} in the header"
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]  # the header's page count is current
    if header_valid and pages and not Path(f"{path}-wal").exists():
        size = path.stat().st_size
        if size < pages * page_size:
            return f"truncated: {size:,} of {pages * page_size:,} bytes"
    return None


_HEAD_FDS: dict[str, int] = {}  # path -> a descriptor of it kept open (see _read_head)
_HEAD_LOCK = threading.Lock()


def _read_head(path: Path) -> bytes:
    """The first 100 bytes of `path`. On POSIX through a descriptor that stays open: closing any descriptor
    of a file drops every lock this process holds on it, sqlite's included, so another process closing its
    connection would take itself for the last one and delete the -wal and -shm files under a connection of
    this process, which then reads a stale snapshot for good (a window that opened a second Library, as the
    fetch dialog's worker does, stopped seeing updates). sqlite keeps its own descriptors open for the same
    reason. One descriptor per path, opened again only when the file was replaced."""
    if os.name != "posix":
        with open(path, "rb") as stream:
            return stream.read(100)
    key = str(path)
    with _HEAD_LOCK:
        fd = _HEAD_FDS.get(key)
        if fd is None or os.fstat(fd).st_ino != os.stat(path).st_ino:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            _HEAD_FDS[key] = fd  # a replaced file's old descriptor stays open too: closing it is the same hazard
        return os.pread(fd, 100, 0)


def connect_read_only(path: Path) -> tuple[sqlite3.Connection, str]:
    """A connection that never writes `path` or its folder, even in WAL mode, and the URI it opened.

    Without a -wal file beside it the main file is complete (the last writer checkpointed it when it
    closed), and ``immutable=1`` reads it without creating a -shm file. With one, ``mode=ro`` reads
    the log's newest commits too; ``immutable=1`` is the fallback when that cannot open it.
    """
    uris = [read_uri(path, immutable=True)]
    if Path(f"{path}-wal").exists():
        uris.insert(0, read_uri(path))
    for uri in uris:
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db, uri
        except sqlite3.OperationalError as error:
            db.close()
            if result_code(error) not in (SQLITE_READONLY, SQLITE_CANTOPEN) or uri == uris[-1]:
                raise
        except BaseException:
            db.close()
            raise
    raise AssertionError("unreachable")


def read_uri(path: Path, immutable: bool = False) -> str:
    """The URI that opens (or ATTACHes) a database read-only."""
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` (and its -wal/-shm/-journal files) to ``<name>.<label>-<UTC time>``; return the new name.

    Raises FileNotFoundError when the file is gone (another process moved it first).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = free_name(path.with_name(f"{path.name}.{label}-{stamp}"))
    os.replace(path, backup)
    # The log holds the newest committed pages: it belongs with the main file.
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, f"{backup}{suffix}")
    return backup


def delete_database(path: Path) -> None:
    """Remove a database file and its -wal/-shm/-journal files (what is already gone is fine)."""
    for name in (str(path), *(f"{path}{suffix}" for suffix in COMPANIONS)):
        Path(name).unlink(missing_ok=True)


def free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... if a file with that name already exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def short(reason: str) -> str:
    """An sqlite message on one line, at most 200 characters (quick_check output can be long)."""
    return " ".join(reason.replace("*", " ").split())[:200]
