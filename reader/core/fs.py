"""The small file-system primitives that keep the reader's files whole: atomic writes and the update lock.

Standard library only, so every layer (stores, sources, exports, the window's caches) writes files the
same way: a temporary file in the same folder, fsync, rename.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from reader.core.errors import LibraryError


def atomic_write_text(path: Path, text: str) -> None:
    """Write a whole text file (UTF-8, newlines as given: CSV needs them) or nothing."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a crash mid-write never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class UpdateLock:
    """An exclusive lock file, so two processes never scan and index the same data directory at once.

    The second one waits; the OS drops the lock if the holder dies, so a kill never leaves it stuck.
    """

    def __init__(self, path: Path, timeout_s: float = 600.0) -> None:
        self._path = path
        self._timeout_s = timeout_s
        self._stream: BinaryIO | None = None

    def __enter__(self) -> UpdateLock:
        stream = open(self._path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        deadline = time.monotonic() + self._timeout_s
        while not _try_lock(stream):
            if time.monotonic() > deadline:
                stream.close()
                raise LibraryError(f"another process has been updating {self._path.parent} for too long")
            time.sleep(0.05)
        self._stream = stream
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is not None:
            _unlock(self._stream)
            self._stream.close()
            self._stream = None


if sys.platform == "win32":  # mypy understands this check, not os.name
    import msvcrt

    def _try_lock(stream: BinaryIO) -> bool:
        try:
            stream.seek(0)
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(stream: BinaryIO) -> None:
        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(stream: BinaryIO) -> bool:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(stream: BinaryIO) -> None:
        fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
