"""The window carries the app icon from the bundled PNGs (what the task bar and Alt+Tab show)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from reader.ui.window.launch import ICON_SIZES, app_icon


def test_app_icon_offers_every_rendered_size(qapp: object) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert set(icon.availableSizes()) == {QSize(size, size) for size in ICON_SIZES}
