"""Shared fixtures. Every test gets its own data directory; none touches the user's real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any test imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests under tests/ui as ``gui`` so ``pytest -m "not gui"`` runs the logic alone."""
    for item in items:
        if "tests/ui" in Path(str(item.fspath)).as_posix():
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory, also exported so subprocesses and default Library() use it."""
    directory = tmp_path / "data"
    monkeypatch.setenv("DAILY_PAPERS_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def seeds_dir() -> Path:
    """The bundled seed digests in the source tree."""
    return SEEDS
