"""The status bar's corner: indexing progress while an update runs, and the Problems button.

The progress is told in papers read so far, and the bar counts the files read plus one last step, the
commit that lists the final papers: it reaches 100% when the update is done, not when its last file
has been read (the final commit can take longer than reading a file). The numbers come from the
window's LibraryUpdater (``follow``); ``progress(done, total)``, in files, is what the window called
before, and is still shown by a status that follows no updater.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from reader.ui.background.library_updater import LibraryUpdater


class UpdateStatus(QWidget):
    """Status-bar corner: indexing progress while an update runs, and the Problems button."""

    problems_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updater: LibraryUpdater | None = None
        self.label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("indexing_progress")
        self.progress_bar.setAccessibleName(self.tr("Indexing progress"))
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.hide()
        self.problems_button = QToolButton(self)
        self.problems_button.setObjectName("problems_button")
        self.problems_button.setAutoRaise(True)
        self.problems_button.clicked.connect(self.problems_clicked)
        self.problems_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.progress_bar, self.problems_button):
            layout.addWidget(widget)

    def follow(self, updater: LibraryUpdater) -> None:
        """Show this updater's progress in papers (once per updater)."""
        if updater is self._updater:
            return
        self._updater = updater
        updater.papers_progress.connect(self.papers_progress)
        updater.merging.connect(self.merging)
        updater.finished.connect(self._done)

    def busy(self) -> None:
        """An update started; its size is not known yet."""
        if self._updater is None:  # the window's updater, until the window hands it over itself
            updaters = self.window().findChildren(LibraryUpdater) if self.window() is not self else []
            if len(updaters) == 1:
                self.follow(updaters[0])
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.label.setText(self.tr("Checking for new digests…"))

    def progress(self, done: int, total: int) -> None:
        """Files read of all (what the window reports); ignored while the followed updater tells papers."""
        if self._updater is not None:
            return
        self._show(done, total)
        self.label.setText(self.tr("Indexing {done}/{total}").format(done=done, total=total))

    @Slot(int, int, int)
    def papers_progress(self, done: int, total: int, papers: int) -> None:
        """``done`` of ``total`` files read, ``papers`` papers read from them so far."""
        self._show(done, total)
        self.label.setText(self.tr("Indexing: %n paper(s) read", "", papers))
        self.progress_bar.setToolTip(self.tr("{done} of {total} files").format(done=done, total=total))

    @Slot(int)
    def merging(self, papers: int) -> None:
        """Every file read; the index's segments of ``papers`` papers are merged (an idle moment's: a minute
        after a first build of 100,000)."""
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setToolTip("")
        self.label.setText(self.tr("Merging the search index: %n paper(s)", "", papers))

    def idle(self) -> None:
        """The update is over (the window lists its papers now): the bar is full, then hidden."""
        self._done()
        self.progress_bar.hide()
        self.label.clear()

    def set_problem_count(self, count: int) -> None:
        self.problems_button.setText(self.tr("⚠ %n problem(s)", "", count))
        self.problems_button.setVisible(count > 0)

    def _show(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 0) + 1)  # + the final commit, which lists the last papers
        self.progress_bar.setValue(min(done, total))
        self.progress_bar.show()

    @Slot()
    @Slot(object)
    def _done(self, _report: object = None) -> None:
        if self.progress_bar.maximum() > 0:
            self.progress_bar.setValue(self.progress_bar.maximum())
