"""Run the `daily-papers` command as a user would: a separate process, its own data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli_env() -> dict[str, str]:
    """The environment of a command run: no data directory from the caller's shell, no warnings."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DAILY_PAPERS_DATA_DIR", None)
    return env


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m reader --data-dir DATA_DIR ARGS...`, its output captured as text."""
    return subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=cli_env(), timeout=120)
