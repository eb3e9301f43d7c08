"""Fixtures for the window tests (pytest-qt, offscreen). Shared file: append, do not rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

UI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A Qt warning logged during a window test fails it: warnings are how Qt reports misuse."""
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(UI_DIR):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
