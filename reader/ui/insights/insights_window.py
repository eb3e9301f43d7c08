"""View > Trends and Weekly Recap: the library seen from above (reader.library.insights draws the figures).

Trends tab: terms (comma-separated, counted as the search counts them), week or month, share or count,
the whole library or a range; the chart (trend_chart.py), the papers of a clicked point, and next to it
the emerging terms of the range (or of the library's last four weeks), each a click away from the chart.
Weekly recap tab: recap_view.py. Every figure is computed by the InsightsWorker's thread: the window
never waits for the index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.fs import atomic_write_text
from reader.core.models import Paper
from reader.library import EmergingTerms, Library, TrendPoint
from reader.ui.insights.recap_view import RecapView, weeks_of
from reader.ui.insights.trend_chart import TrendChart
from reader.ui.insights.worker import InsightsWorker

EMERGING_LIMIT = 20
FIRST_TERMS = 3  # an empty terms field is filled with this many emerging terms, so the chart shows something


class InsightsWindow(QDialog):
    """Trends, emerging terms and the weekly recap of one library, in a window of its own."""

    def __init__(self, library: Library, parent: QWidget | None = None,
                 show_paper: Callable[[Paper], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trends and Weekly Recap"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 760)
        self.library = library
        self._show_paper = show_paper
        self.worker = InsightsWorker(library.data_dir, self)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        stop_worker = self.worker.stop  # plain Python: safe while Qt tears the window down
        self.destroyed.connect(lambda *_args: stop_worker())  # the thread then closes its Library
        self._exact = False

        self.terms = QLineEdit()
        self.terms.setPlaceholderText(self.tr("Terms, separated by commas: 강화학습, diffusion, GRPO"))
        self.by = QComboBox()
        self.by.addItem(self.tr("By month"), "month")
        self.by.addItem(self.tr("By week"), "week")
        self.measure = QComboBox()
        self.measure.addItem(self.tr("Share of papers"), "share")
        self.measure.addItem(self.tr("Number of papers"), "papers")
        self.exact = QCheckBox(self.tr("E&xact"))
        self.exact.setToolTip(self.tr("Count only the words as typed, without the glossary's other-language forms"))
        self.ranged = QCheckBox(self.tr("&From"))
        self.since, self.until = QDateEdit(), QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.draw_button = QPushButton(self.tr("&Draw"))
        self.draw_button.setDefault(True)
        self.chart = TrendChart()
        self.papers = QListWidget()
        self.papers_heading = QLabel(self.tr("Click a point to list its papers."))
        self.emerging = QTreeWidget()
        self.emerging.setHeaderLabels([self.tr("Term"), self.tr("Papers"), self.tr("Before"), self.tr("Growth")])
        self.emerging.setRootIsDecorated(False)
        self.emerging_heading = QLabel(self.tr("Emerging terms"))
        self.emerging_heading.setWordWrap(True)
        self.status = QLabel()
        self.recap = RecapView()
        self.chart.setAccessibleName(self.tr("Trend chart"))
        self.papers.setAccessibleName(self.tr("Papers of the chosen point"))
        self.emerging.setAccessibleName(self.tr("Emerging terms"))
        self._lay_out()
        self._connect()
        self._load_library_range()

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        terms_label = QLabel(self.tr("&Terms:"))
        terms_label.setBuddy(self.terms)
        controls.addWidget(terms_label)
        controls.addWidget(self.terms, 1)
        for widget in (self.by, self.measure, self.exact, self.ranged, self.since, QLabel(self.tr("to")), self.until,
                       self.draw_button):
            controls.addWidget(widget)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.chart)
        papers_box = QWidget()
        papers_layout = QVBoxLayout(papers_box)
        papers_layout.setContentsMargins(0, 0, 0, 0)
        papers_layout.addWidget(self.papers_heading)
        papers_layout.addWidget(self.papers)
        charts.addWidget(papers_box)
        charts.setSizes([520, 180])
        left_layout.addWidget(charts)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.emerging_heading)
        right_layout.addWidget(self.emerging)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(left)
        sides.addWidget(right)
        sides.setSizes([800, 420])
        trends = QWidget()
        trends_layout = QVBoxLayout(trends)
        trends_layout.addLayout(controls)
        trends_layout.addWidget(sides, 1)
        trends_layout.addWidget(self.status)
        self.tabs = QTabWidget()
        self.tabs.addTab(trends, self.tr("Trends"))
        self.tabs.addTab(self.recap, self.tr("Weekly Recap"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _connect(self) -> None:
        self.draw_button.clicked.connect(self.draw)
        self.terms.returnPressed.connect(self.draw)
        self.by.currentIndexChanged.connect(self.draw)
        self.measure.currentIndexChanged.connect(self.draw)
        self.exact.toggled.connect(self.draw)
        self.ranged.toggled.connect(self._range_toggled)
        self.chart.point_clicked.connect(self.list_point)
        self.emerging.itemActivated.connect(self._emerging_chosen)
        self.emerging.itemClicked.connect(self._emerging_chosen)
        self.papers.itemActivated.connect(self._paper_chosen)
        self.recap.requested.connect(self._ask_recap)
        self.recap.export_requested.connect(self._export_recap)

    # -- what the user asks for ------------------------------------------------------

    def _load_library_range(self) -> None:
        days = [day.date for day in self.library.days()]
        if days and not self.ranged.isChecked():  # a range the reader chose stays
            self.since.setDate(QDate.fromString(days[-1], "yyyy-MM-dd"))
            self.until.setDate(QDate.fromString(days[0], "yyyy-MM-dd"))
        self.refresh_emerging()
        self.recap.set_weeks(weeks_of(days))

    def reload(self, *_report: object) -> None:
        """The library changed (an update landed): count again."""
        self._load_library_range()
        self.draw()

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.text().split(",") if term.strip()]

    def date_range(self) -> tuple[str | None, str | None]:
        if not self.ranged.isChecked():
            return None, None
        return self.since.date().toString("yyyy-MM-dd"), self.until.date().toString("yyyy-MM-dd")

    def draw(self) -> None:
        """Count the terms (off the GUI thread) and draw them when the counts arrive."""
        terms = self.term_list()
        if not terms:
            return
        since, until = self.date_range()
        by, measure, exact = str(self.by.currentData()), str(self.measure.currentData()), self.exact.isChecked()
        self.status.setText(self.tr("Counting…"))
        self.worker.request("trend", lambda library: (measure, exact, library.trends(terms, by, since, until, exact)))

    def list_point(self, point: TrendPoint) -> None:
        """List the papers of a clicked point."""
        exact = self._exact
        self.papers_heading.setText(self.tr("{term}, {period}: {papers} of {total} papers").format(
            term=point.term, period=point.period, papers=point.papers, total=point.total))
        self.worker.request("papers", lambda library: library.trend_papers(point.term, point.start, point.end, exact))

    def refresh_emerging(self) -> None:
        since, until = self.date_range()
        self.worker.request("emerging", lambda library: library.emerging_terms(since, until, EMERGING_LIMIT))

    def _range_toggled(self, ranged: bool) -> None:
        self.since.setEnabled(ranged)
        self.until.setEnabled(ranged)
        self.refresh_emerging()
        self.draw()

    def _emerging_chosen(self, item: QTreeWidgetItem) -> None:
        query = str(item.data(0, Qt.ItemDataRole.UserRole))
        if query.casefold() not in (term.casefold() for term in self.term_list()):
            self.terms.setText(", ".join([*self.term_list(), query]))
            self.draw()

    def _paper_chosen(self, item: QListWidgetItem) -> None:
        paper = item.data(Qt.ItemDataRole.UserRole)
        if self._show_paper is not None and isinstance(paper, Paper):
            self._show_paper(paper)

    def _ask_recap(self, week: str, language: str) -> None:
        self.worker.request("recap", lambda library: (week, language, library.recap_text(week, "html", language)))

    def _export_recap(self, week: str, fmt: str, language: str, path: str) -> None:
        def export(library: Library) -> tuple[str, str]:
            from pathlib import Path

            try:
                atomic_write_text(Path(path), library.recap_text(week, fmt, language))
            except OSError as error:
                return path, str(error.strerror or error)
            return path, ""

        self.worker.request("export", export)

    # -- what the worker answers -----------------------------------------------------

    def _on_finished(self, kind: str, result: Any) -> None:
        if kind == "trend":
            measure, self._exact, points = result
            self.chart.set_points(points, measure)
            self.status.setText(self.tr("%n period(s)", "", len({point.period for point in points})))
        elif kind == "papers":
            self._show_papers(result)
        elif kind == "emerging":
            self._show_emerging(result)
        elif kind == "recap":
            self.recap.show_recap(*result)
        elif kind == "export":
            self.recap.exported(*result)

    def _on_failed(self, kind: str, message: str, query_error: bool) -> None:
        if query_error:
            self.status.setText(self.tr("Not a search the reader can count: {message}").format(message=message))
        elif kind == "export":
            self.recap.exported("", message)
        else:
            self.status.setText(self.tr("Could not count: {message}").format(message=message))

    def _show_papers(self, papers: list[Paper]) -> None:
        self.papers.clear()
        for paper in papers:
            votes = "-" if paper.votes is None else str(paper.votes)
            item = QListWidgetItem(f"{paper.date}  ·  {votes}  ·  {' '.join(paper.title.split())}")
            item.setData(Qt.ItemDataRole.UserRole, paper)
            item.setToolTip(self.tr("Double-click to read it in the main window"))
            self.papers.addItem(item)

    def _show_emerging(self, found: EmergingTerms) -> None:
        self.emerging_heading.setText(self.tr("Emerging terms, {start} to {end} against {before_start} to "
                                              "{before_end}").format(start=found.start, end=found.end,
                                                                     before_start=found.before_start,
                                                                     before_end=found.before_end))
        if not found.papers_before:
            self.emerging_heading.setText(self.emerging_heading.text() + "\n" + self.tr(
                "The period before has no papers to compare with: choose a later range."))
        self.emerging.clear()
        for term in found.terms:
            item = QTreeWidgetItem([term.term.label, str(term.papers), str(term.before), f"×{term.growth:g}"])
            item.setData(0, Qt.ItemDataRole.UserRole, term.term.query)
            item.setToolTip(0, self.tr("Click to add it to the chart"))
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.emerging.addTopLevelItem(item)
        for column in range(self.emerging.columnCount()):
            self.emerging.resizeColumnToContents(column)
        if not self.term_list() and found.terms:
            self.terms.setText(", ".join(term.term.query for term in found.terms[:FIRST_TERMS]))
            self.draw()


def show_insights_window(parent: QWidget, library: Library, show_paper: Callable[[Paper], None],
                         library_updated: SignalInstance) -> InsightsWindow:
    """Show the window's Insights window, made on first use and kept (its worker keeps its Library warm);
    opening.py calls this once the module is imported."""
    window = parent.findChild(InsightsWindow)
    if window is None:
        window = InsightsWindow(library, parent, show_paper)
        library_updated.connect(window.reload)
    window.show()
    window.activateWindow()  # raises it too on the usual window managers
    return window
