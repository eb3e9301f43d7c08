"""Screen-reader names on every control, and a Tab order that follows the window's reading order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
    QWidget,
)

from reader.core.models import Problem
from reader.ui.dialogs.about_dialog import AboutDialog
from reader.ui.dialogs.keyboard_help import KeyboardHelpDialog
from reader.ui.dialogs.preferences_dialog import PreferencesDialog
from reader.ui.dialogs.problems_dialog import ProblemsDialog
from reader.ui.window.commands import COMMANDS

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit,
               QTextEdit, QProgressBar)


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology announces: accessibleName, else what Qt derives (button text, buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets below ``root`` a screen reader could only call "edit" or "table"."""
    unnamed = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView) or not widget.isVisibleTo(root):
            continue  # headers are named by their sections; hidden parts (combo box popups) are not reachable
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the line edit inside a spin or combo box: the box itself carries the name
        if widget.objectName().startswith("qt_"):
            continue  # Qt's private parts (scroll area corners, calendar internals)
        if not spoken_name(widget):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return unnamed


def test_every_control_of_the_window_has_a_name(open_window) -> None:
    window = open_window()
    window.update_status.set_problem_count(2)
    assert unnamed_controls(window) == []
    assert window.paper_list.accessibleName() == "Papers"
    assert window.detail.browser.accessibleName() == "Paper details"


def test_every_control_of_the_dialogs_has_a_name(open_window, qtbot, tmp_path) -> None:
    window = open_window()
    dialogs = [
        PreferencesDialog(window.settings, window),
        AboutDialog(tmp_path, window),
        KeyboardHelpDialog(COMMANDS.help_rows(), window),
        ProblemsDialog([Problem("/d/x.md", 3, "no title")], window),
        window.library_tools.library_dialog(),
        window.library_tools.fetch_dialog(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], dialog.objectName()


def test_tab_walks_search_sidebar_list_then_detail(open_window, qtbot) -> None:
    window = open_window()
    window.search_bar.field.setFocus()
    visited = [window.search_bar.field]
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    detail = window.detail
    assert visited[:4] == [window.search_bar.field, window.sidebar, window.paper_list, detail.open_arxiv_button]
    assert visited[4:9] == [detail.open_pdf_button, detail.open_hf_button, detail.star_button,
                            detail.copy_link_button, detail.browser]


def test_shift_tab_walks_back(open_window, qtbot) -> None:
    window = open_window()
    window.paper_list.setFocus()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.sidebar
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.search_bar.field


def test_focused_pane_is_framed(open_window) -> None:
    window = open_window()
    for pane in (window.sidebar, window.paper_list, window.detail.browser):
        assert ":focus" in pane.styleSheet() and "palette(highlight)" in pane.styleSheet()
