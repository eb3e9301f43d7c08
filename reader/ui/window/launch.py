"""Launching the window: the QApplication, its icon and appearance, the main window over the library,
then a background update. ``run_window`` is what the command line calls when given no command."""

from __future__ import annotations

import os
import sys
import time
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QIcon, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from reader import __version__
from reader.core.errors import ReaderError
from reader.library import Library
from reader.ui.platform.application import running_application
from reader.ui.platform.i18n import install_translators
from reader.ui.platform.settings import Settings
from reader.ui.platform.theme import apply_korean_font, apply_theme
from reader.ui.window.main_window import MainWindow

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNG renders in resources/icons/hicolor


STARTUP_PROBE_ENV = "DAILY_PAPERS_STARTUP_PROBE"  # set: print when the window is first on screen, then close it


class _FirstExposeProbe(QObject):
    """Prints ``window-exposed <unix time>`` once the window is exposed and painted, then closes it.

    This is how bench/scale.py times the real start-up of ``daily-papers`` from outside the process.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and isinstance(watched, QWindow) and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)  # after the expose event has painted the window
        return False

    def _report(self) -> None:
        print(f"window-exposed {time.time():.6f}", flush=True)
        self._window.close()


def watch_first_expose(window: QMainWindow) -> None:
    """Install the start-up probe on a window that is about to be shown."""
    window.winId()  # create the native window now, so its first Expose event is seen
    handle = window.windowHandle()
    handle.installEventFilter(_FirstExposeProbe(window))


def app_icon() -> QIcon:
    """The app icon from the bundled PNGs (no SVG plugin needed), so every platform and the bundle show it.

    Each file is given with its size, so Qt reads none of them until it draws the icon.
    """
    icons = resources.files("reader.resources") / "icons" / "hicolor"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icons / f"{size}x{size}" / "apps" / "daily-papers-reader.png"), QSize(size, size))
    return icon


def prepare_appearance(app: QApplication, settings: Settings, data_dir: Path) -> None:
    """Language, theme and font from the preferences, before any widget takes its texts and colours."""
    install_translators(app, settings.language, cache_dir=data_dir / "translations")
    apply_theme(app, settings.theme)
    apply_korean_font(app)


def run_window(library_data_dir: Path | None) -> int:
    """Show the reader at once from what is already indexed, then update the library behind it."""
    app = running_application() or QApplication(sys.argv[:1])
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
        prepare_appearance(app, Settings(library.data_dir), library.data_dir)
        window = MainWindow(library)
        if os.environ.get(STARTUP_PROBE_ENV):
            watch_first_expose(window)
        window.show()
        if library.warnings:  # e.g. a corrupt state file was set aside: say so once, never silently
            message = "\n\n".join(library.warnings)
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Daily Papers Reader", message))
        window.start_update()
        return app.exec()
    finally:
        library.close()
