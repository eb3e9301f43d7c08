"""Window start-up: the QApplication, the main window over the library, a background update."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import __version__
from reader.core.errors import ReaderError
from reader.library import Library
from reader.ui.main_window import MainWindow

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNG renders in resources/icons/hicolor


def app_icon() -> QIcon:
    """The app icon from the bundled PNGs (no SVG plugin needed), so every platform and the bundle show it."""
    icons = resources.files("reader.resources") / "icons" / "hicolor"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icons / f"{size}x{size}" / "apps" / "daily-papers-reader.png"))
    return icon


def run_window(library_data_dir: Path | None) -> int:
    """Show the reader at once from what is already indexed, then update the library behind it."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Daily Papers Reader")
    app.setApplicationDisplayName("Daily Papers Reader")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("daily-papers-reader")
    app.setDesktopFileName("daily-papers-reader")
    app.setWindowIcon(app_icon())
    try:
        library = Library(library_data_dir)
    except ReaderError as error:
        QMessageBox.critical(None, "Daily Papers Reader", str(error))
        return 1
    try:
        window = MainWindow(library)
        window.show()
        if library.warnings:  # e.g. a corrupt state file was set aside: say so once, never silently
            message = "\n\n".join(library.warnings)
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Daily Papers Reader", message))
        window.start_update()
        return app.exec()
    finally:
        library.close()
