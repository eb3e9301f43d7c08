"""When a digest file counts as changed: its modification time, size, ctime and inode.

A rewrite that keeps the size and sets the modification time back (a sync tool, `touch -r`, a
checkout) still changes the ctime; a file replaced by another changes the inode. Files recorded
before the catalogue kept these two have 0, 0: they are compared by time and size once, and the
next update records the rest without reading them again.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.stores.catalogue import FileRecord


class FileStat(NamedTuple):
    """What tells an unchanged digest file from a changed one."""

    mtime_ns: int
    size: int
    ctime_ns: int  # changes on every rewrite, even one that sets the modification time back
    inode: int  # changes when the file is replaced by another (a rename over it)


def is_changed(record: FileRecord | None, stat: FileStat) -> bool:
    """True when the file must be read again: new, or any of the four values differs from the record."""
    if record is None or (record.mtime_ns, record.size) != (stat.mtime_ns, stat.size):
        return True
    known = bool(record.ctime_ns or record.inode)  # 0, 0: recorded before the catalogue kept them
    return known and (record.ctime_ns, record.inode) != (stat.ctime_ns, stat.inode)


def identities_to_learn(known: dict[str, FileRecord], files: dict[str, FileStat],
                         changed: set[str]) -> list[tuple[str, int, int]]:
    """(path, ctime_ns, inode) of unchanged files recorded without them (a migrated catalogue)."""
    return [(path, stat.ctime_ns, stat.inode) for path, stat in files.items()
            if path not in changed and path in known and not (known[path].ctime_ns or known[path].inode)
            and (stat.ctime_ns or stat.inode)]
