"""Questions asked before a large change (Edit > Undo can take it back, but it touches every paper)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_mark_all_read(parent: QWidget, unread: int) -> bool:
    """Marking everything read changes every unread paper at once, so ask first."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Dialogs", "Mark All as Read"),
        QCoreApplication.translate("Dialogs", "Mark all %n unread paper(s) as read?", "", unread),
    )
    return answer == QMessageBox.StandardButton.Yes
