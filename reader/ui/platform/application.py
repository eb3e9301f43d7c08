"""The running QApplication, typed: Qt's QApplication.instance() is typed as a QCoreApplication."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def running_application() -> QApplication | None:
    """The process's QApplication, or None when there is none (or only a non-widget application)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None
