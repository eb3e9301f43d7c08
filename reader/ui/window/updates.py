"""Background updates as the window sees them: start one (F5, a watched folder, start-up), show the
days as they land, the progress in the status bar's corner, and the problems the update found.

The update itself runs in a child process (background/library_updater.py). It sends the days it has
committed as it goes and once more when it is done, so the window's reload on finishing counts
nothing on the GUI thread. An update asked for before the window has finished starting waits for
that (``ready``): its child process would otherwise compete with the window's first paint.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from reader.core.models import Problem
from reader.library import DayInfo, UpdateReport
from reader.ui.dialogs.problems_dialog import ProblemsDialog
from reader.ui.platform.collector import freeze_what_is_alive
from reader.ui.window.commands import FILE, HELP, QT_TRANSLATE_NOOP, command
from reader.ui.window.frame import WindowFrame
from reader.ui.window.navigation import Navigation

log = logging.getLogger("reader.ui.window.updates")


class BackgroundUpdates(QObject):
    """Starts the window's updates and shows what they report."""

    def __init__(self, window: WindowFrame, navigation: Navigation) -> None:
        super().__init__(window)
        self.window = window
        self.navigation = navigation
        self._ready = False  # the window has started: updates start at once
        self._requested = False  # start_update() before that: run it when ready
        self._days_from_update: list[DayInfo] | None = None  # the running update's latest count of days
        self._totals_before: dict[str, int] | None = None  # each day's listings when the running update began
        self.problems: list[Problem] = window.library.problems()
        window.update_status.set_problem_count(len(self.problems))

    def ready(self) -> None:
        """The window has finished starting: run the update asked for before, if any."""
        self._ready = True
        if self._requested:
            self.start_update()

    @command("update_library", QT_TRANSLATE_NOOP("Shortcuts", "&Update Library"), keys=("F5",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Look for new and changed digests"), menu=FILE.at(2, 1))
    def start_update(self) -> None:
        """Scan and index in the background; the window stays usable and fills in as days land."""
        if not self._ready:
            self._requested = True
            return
        if self.window.updater.start():
            self._totals_before = {day.date: day.total for day in self.window.library.days()}
            self.window.update_status.busy()

    def on_progress(self, done: int, total: int, _path: str) -> None:
        self.window.update_status.progress(done, total)

    def on_days(self, days: list[DayInfo]) -> None:
        """Days committed so far by the running update (counted in its process): show them as they land.

        The update sends them once more when it is done, so the reload on finishing counts nothing.
        """
        self._days_from_update = days
        view = self.navigation.view
        self.navigation.refresh_sidebar(reload_list=view is None or view.kind == "latest", days=days)

    def on_finished(self, report: UpdateReport) -> None:
        days, self._days_from_update = self._days_from_update, None
        status = self.window.update_status
        status.idle()
        self.problems = list(report.problems)
        status.set_problem_count(len(self.problems))
        new_days = self._only_new_days(report, days)
        added = new_days is not None and self.navigation.add_new_days(new_days)
        self.navigation.refresh_sidebar(reload_list=not added, days=days)
        freeze_what_is_alive()  # the list's rows (read again or added), out of the full collections' walk
        self.window.status(self.tr("Library up to date: %n paper(s)", "", report.papers))

    def _only_new_days(self, report: UpdateReport, days: list[DayInfo] | None) -> list[str] | None:
        """The dates the update added, when that is all it did: a new file each, no file removed, every day there
        before with the listings it had. None otherwise (the list is read again)."""
        before, self._totals_before = self._totals_before, None
        if before is None or days is None or report.removed:
            return None
        totals = {day.date: day.total for day in days}
        new = [date for date in totals if date not in before]
        if report.changed != len(new) or any(totals.get(date) != total for date, total in before.items()):
            return None
        return new

    def on_failed(self, message: str) -> None:
        self._days_from_update = None
        self._totals_before = None
        log.warning("library update failed: %s", message)
        self.window.update_status.idle()
        self.window.status(self.tr("Update failed: {message}").format(message=message))

    @command("show_problems", QT_TRANSLATE_NOOP("Shortcuts", "&Problems…"), menu=HELP.at(1, 2))
    def show_problems(self) -> None:
        ProblemsDialog(self.problems, self.window).exec()
