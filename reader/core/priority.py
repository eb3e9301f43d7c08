"""Background processes give way to the window's.

For you's child process reads a big library's text in a pool of processes, one per core, and the update runs in
a child process too: on 2 cores that left the window's thread waiting for a core, a 347 ms stall while For you
fitted at 100,000 papers (bench/everything_on.py). A lower priority lets them run on what the window leaves.
"""

from __future__ import annotations

import contextlib
import os

BACKGROUND_NICENESS = 10  # of 19: still well ahead of anything niced further, far behind the window


def lower_priority() -> None:
    """Run this process, and the processes it starts, when the window does not need the core (POSIX only)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: the process runs as it is
            os.nice(BACKGROUND_NICENESS)
