"""Questions asked before a change that cannot be undone in one step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_mark_all_read(parent: QWidget, unread: int) -> bool:
    """Marking everything read cannot be undone in one step, so ask first."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Dialogs", "Mark All as Read"),
        QCoreApplication.translate("Dialogs", "Mark all %n unread paper(s) as read?", "", unread),
    )
    return answer == QMessageBox.StandardButton.Yes
