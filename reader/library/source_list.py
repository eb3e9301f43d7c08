"""library.json: the digest files and folders the reader follows, and whether the bundled seeds are hidden.

Every change is a read-modify-write under a lock file, so two processes adding a source at the
same moment (`index A` and `index B`) both land; the write itself is atomic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.core.errors import LibraryError
from reader.core.fs import UpdateLock, atomic_write_text
from reader.core.models import Source
from reader.sources.folders import builtin_seeds_dir

LIBRARY_FILE = "library.json"
LIBRARY_VERSION = 1
BUILTIN_SEEDS = "builtin:seeds"


class SourceList:
    """The library list of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / LIBRARY_FILE
        self._lock_path = data_dir / f"{LIBRARY_FILE}.lock"

    def sources(self) -> list[Source]:
        """The library list; by default only the bundled seeds."""
        return [_source(entry) for entry in self._read()["sources"]]

    def seeds_hidden(self) -> bool:
        """True when the user chose to hide the bundled seeds (they stay in the list, unscanned)."""
        return self._read().get("seeds_hidden") is True

    def add(self, paths: Iterable[Path | str]) -> list[Source]:
        """Add files or folders (already present ones are kept once); returns the new list."""
        resolved = []
        for raw in paths:
            path = Path(raw).expanduser()
            if not path.exists():
                raise LibraryError(f"{raw}: no such file or folder")
            resolved.append(str(path.resolve()))
        with self._locked() as document:
            for entry in resolved:
                if entry not in document["sources"]:
                    document["sources"].append(entry)
        return self.sources()

    def remove(self, path: Path | str) -> None:
        """Drop a source; its papers leave at the next update, their reading state stays."""
        target = str(Path(path).expanduser().resolve())
        with self._locked() as document:
            entries = [_source(entry) for entry in document["sources"]]
            remaining = [raw for raw, source in zip(document["sources"], entries, strict=True) if source.path != target]
            if len(remaining) == len(entries):
                raise LibraryError(f"{path}: not in the library")
            document["sources"] = remaining

    def set_seeds_hidden(self, hidden: bool) -> None:
        """Hide or show the bundled seeds; their papers leave or return at the next update."""
        with self._locked() as document:
            document["seeds_hidden"] = hidden

    def _read(self) -> dict[str, Any]:
        """library.json as written by _locked; the default list when there is none yet."""
        try:
            document = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
                raise TypeError("'sources' is not a list")
            if not all(isinstance(entry, str) for entry in document["sources"]):
                raise TypeError("a source is not a string")
            return document
        except FileNotFoundError:
            return {"sources": [BUILTIN_SEEDS]}
        except (OSError, ValueError, TypeError) as error:
            raise LibraryError(f"{self._path}: unreadable library list ({error}); fix or delete it") from error

    @contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        """Read, change (in the with-block) and write library.json under its lock; nothing written on error."""
        try:
            with UpdateLock(self._lock_path, timeout_s=30.0):
                document = self._read()
                yield document
                written = {"version": LIBRARY_VERSION, "sources": document["sources"],
                           "seeds_hidden": document.get("seeds_hidden") is True}
                atomic_write_text(self._path, json.dumps(written, ensure_ascii=False, indent=2))
        except OSError as error:  # a read-only data directory, a full disk, ...
            raise LibraryError(f"cannot change the library list {self._path}: {error.strerror or error}") from error


def _source(entry: str) -> Source:
    return Source(str(builtin_seeds_dir()), builtin=True) if entry == BUILTIN_SEEDS else Source(entry)
