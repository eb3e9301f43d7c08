"""Where the reader keeps its files: one data directory per user (or per --data-dir)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "daily-papers-reader"
DATA_DIR_ENV = "DAILY_PAPERS_DATA_DIR"


def resolve_data_dir(explicit: Path | str | None = None) -> Path:
    """--data-dir wins, then $DAILY_PAPERS_DATA_DIR, then the platform's per-user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
