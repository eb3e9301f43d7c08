"""Preferences, the sidebar's folding, and the problems list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Problem
from reader.ui.dialogs.preferences_dialog import PreferencesDialog
from reader.ui.dialogs.problems_dialog import ProblemsDialog
from reader.ui.platform.settings import ReadMode


def test_preferences_change_when_papers_become_read(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.NEVER)
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.read_mode.currentData() == ReadMode.NEVER
    assert not dialog.delay.isEnabled()
    dialog.read_mode.setCurrentIndex(dialog.read_mode.findData(ReadMode.IMMEDIATELY))
    dialog.remote_images.setChecked(True)
    dialog.accept()
    assert window.settings.read_mode == ReadMode.IMMEDIATELY
    assert window.settings.allow_remote_images
    qtbot.keyClick(window.paper_list, "j")
    assert window.library.flags(window.paper_list.current_paper().arxiv_id).read


def test_preferences_cancel_changes_nothing(open_window, qtbot) -> None:
    window = open_window(read_mode=ReadMode.NEVER)
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.read_mode.setCurrentIndex(dialog.read_mode.findData(ReadMode.IMMEDIATELY))
    dialog.reject()
    assert window.settings.read_mode == ReadMode.NEVER


def test_problems_dialog_lists_file_line_reason(qtbot) -> None:
    dialog = ProblemsDialog([Problem("/d/2024-01-01.md", 12, "no title link"), Problem("/d/x.md", 0, "binary")])
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().splitlines() == ["/d/2024-01-01.md:12: no title link", "/d/x.md: binary"]


def test_clicking_a_month_folds_it(open_window, qtbot) -> None:
    window = open_window()
    model = window.sidebar_model
    year = next(model.index(row, 0) for row in range(model.rowCount()) if model.index(row, 0).data() == "2024")
    august = next(model.index(row, 0, year) for row in range(model.rowCount(year))
                  if model.index(row, 0, year).data() == "August")
    assert not window.sidebar.isExpanded(august)
    rect = window.sidebar.visualRect(august)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.sidebar.isExpanded(august)
    assert window.paper_list.current_paper().date == "2024-11-20"  # a month is not a view: the list stays
