"""Preferences' text size: the arrows step from the size "Default" stands for, not from the smallest size."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.dialogs.preferences_dialog import DEFAULT_SIZE_STEP, PreferencesDialog


def test_text_size_steps_from_the_default_size(open_window, qtbot) -> None:
    window = open_window()
    default = round(window.detail.browser.document().defaultFont().pointSizeF())  # the pane unzoomed
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    box = dialog.font_size
    assert box.value() == DEFAULT_SIZE_STEP and box.text() == "Default"
    qtbot.keyClick(box, Qt.Key.Key_Up)  # ▲ from "Default"
    assert box.value() == default + 1
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == default + 2
    box.setValue(DEFAULT_SIZE_STEP)
    box.stepDown()  # ▼ from "Default"
    assert box.value() == default - 1
    dialog.accept()
    assert window.settings.font_point_size == default - 1
