"""Stand-ins for the library update's child process (reader/ui/background/library_updater.py), importable in a
spawned child by this module's name: each runs the real child function with a Library.update that hangs
(holding update.lock, as a real update does) or fails, so tests can check what the window does then."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

PID_FILE = "update-child.pid"


def _run_with(update: Any, data_dir: str, *args: Any) -> None:
    from reader.library import Library
    from reader.ui.background import library_updater

    Library.update = update  # type: ignore[method-assign]
    library_updater._update_in_child(data_dir, *args)


def update_that_hangs(data_dir: str, *args: Any) -> None:
    """Holds update.lock and never ends, deaf to the stop request and to SIGTERM (only SIGKILL ends it)."""

    def hang(self: Any, progress: Any = None, should_stop: Any = None) -> None:
        from reader.core.fs import UpdateLock
        from reader.core.reports import UpdateProgress

        with UpdateLock(Path(data_dir) / "update.lock"):
            Path(data_dir, PID_FILE).write_text(str(os.getpid()))
            if progress is not None:
                progress(UpdateProgress(1, 1, "hanging.md", 0))  # sent at once: the last file
            while True:
                time.sleep(0.05)

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _run_with(hang, data_dir, *args)


def update_that_fails(data_dir: str, *args: Any) -> None:
    """Reads one file, then fails as the error named in ``<data_dir>/error.txt`` does (no file name in it)."""
    kind = Path(data_dir, "error.txt").read_text().strip()

    def fail(self: Any, progress: Any = None, should_stop: Any = None) -> None:
        from reader.core.reports import UpdateProgress

        if progress is not None:
            progress(UpdateProgress(1, 2, "/digests/2024/01/02.md", 3))
        errors = {"TypeError": TypeError("unsupported operand type(s) for +: 'int' and 'str'"),
                  "IsADirectoryError": IsADirectoryError(21, "Is a directory"),
                  "RecursionError": RecursionError("maximum recursion depth exceeded"),
                  "EOFError": EOFError()}
        raise errors[kind]

    _run_with(fail, data_dir, *args)


def is_running(pid: int) -> bool:
    """True while the process exists and is not a zombie (a container's init may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")
