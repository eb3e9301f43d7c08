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


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs handed to the user's browser; QDesktopServices is patched in reader.ui.links, the one gate."""
    from reader.ui import links

    opened: list[str] = []

    class FakeDesktopServices:
        @staticmethod
        def openUrl(url: object) -> bool:  # noqa: N802 - Qt's name
            opened.append(url.toString() if hasattr(url, "toString") else str(url))
            return True

    monkeypatch.setattr(links, "QDesktopServices", FakeDesktopServices)
    return opened
