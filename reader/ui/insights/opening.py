"""Opening View > Trends and Weekly Recap without a pause in the main window.

The window's module brings pyqtgraph and numpy, about a second to import on a busy machine: the first
opening imports it on a thread (importing defines classes and makes no Qt object) and makes the window
on the GUI thread once the import is done, polled from a QTimer as main_window.py polls its own imports.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

from reader.core.models import Paper
from reader.library import Library

log = logging.getLogger("reader.ui.insights")

WINDOW_MODULE = "reader.ui.insights.insights_window"
POLL_MS = 20


class _Opening(QObject):
    """One pending opening: the import thread and the timer that waits for it."""

    def __init__(self, parent: QWidget, done: Callable[[BaseException | None], None]) -> None:
        super().__init__(parent)
        self.setObjectName("insights_opening")
        self._done = done
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._import, name="insights-import", daemon=True)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._thread.start()
        self._timer.start()

    def _import(self) -> None:
        try:
            importlib.import_module(WINDOW_MODULE)
        except Exception as error:  # a broken install: said in the status bar, the window keeps working
            self.error = error

    def _poll(self) -> None:
        if self._thread.is_alive():
            return
        self._timer.stop()
        self.setObjectName("")  # no longer pending, even before Qt deletes it
        self.deleteLater()
        if self.error is not None:
            log.error("the Trends window cannot be opened: %s", self.error)
        self._done(self.error)


def open_insights(parent: QWidget, library: Library, show_paper: Callable[[Paper], None],
                  library_updated: SignalInstance, failed: Callable[[str], None]) -> None:
    """Show the Insights window of ``parent``: at once when its module is imported, else once it is."""

    def show() -> None:
        from reader.ui.insights.insights_window import show_insights_window

        show_insights_window(parent, library, show_paper, library_updated)

    if WINDOW_MODULE in sys.modules:
        show()
    elif parent.findChild(_Opening, "insights_opening") is None:  # a second press while importing: one window

        def after_import(error: BaseException | None) -> None:
            if error is None:
                show()
            else:
                failed(str(error))

        _Opening(parent, after_import)
