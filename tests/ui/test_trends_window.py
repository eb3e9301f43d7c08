"""View > Trends and Weekly Recap: the chart draws the counts the search gives, a point lists its papers,
emerging terms add themselves to the chart, the recap shows and exports; light and dark palettes."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.features.trends import period_of
from reader.ui.insights.insights_window import InsightsWindow
from reader.ui.insights.trend_chart import DARK_LINES, LIGHT_LINES, line_colours, nearest_point
from reader.ui.platform.theme import dark_palette, light_palette


def open_insights(window, qtbot) -> InsightsWindow:
    window.commands["insights"].trigger()
    qtbot.waitUntil(lambda: window.findChild(InsightsWindow) is not None, timeout=20_000)
    insights = window.findChild(InsightsWindow)
    assert insights.isVisible()
    return insights


def choose_range(insights: InsightsWindow, since: str, until: str) -> None:
    """A range whose period before has papers too (the seeds: 2024-04-02 to 2024-11-20, five days)."""
    insights.since.setDate(QDate.fromString(since, "yyyy-MM-dd"))
    insights.until.setDate(QDate.fromString(until, "yyyy-MM-dd"))
    insights.ranged.setChecked(True)


def test_the_command_opens_one_window_that_draws_the_search_counts(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    qtbot.waitUntil(lambda: "no papers to compare" in insights.emerging_heading.text(), timeout=20_000)
    insights.terms.setText("diffusion, 모델")
    insights.by.setCurrentIndex(insights.by.findData("week"))
    qtbot.waitUntil(lambda: set(insights.chart.series) == {"diffusion", "모델"} and
                    insights.chart.periods and insights.chart.periods[0].startswith("2024-W"), timeout=20_000)
    for term, points in insights.chart.series.items():
        counted = {point.period: point.papers for point in points if point.papers}
        searched: dict[str, int] = {}
        for hit in window.library.search(term, limit=None).hits:
            searched[period_of(hit.paper.date, "week")] = searched.get(period_of(hit.paper.date, "week"), 0) + 1
        assert counted == searched
    column = max(range(len(insights.chart.periods)), key=lambda c: insights.chart.series["diffusion"][c].papers)
    text = insights.chart.hover_text(column)
    assert text.splitlines()[0] == insights.chart.periods[column] and "diffusion" in text and "모델" in text
    window.commands["insights"].trigger()  # a second time: the same window
    assert len(window.findChildren(InsightsWindow)) == 1


def test_clicking_a_point_lists_its_papers_and_a_double_click_shows_one(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.terms.setText("diffusion")
    insights.draw()
    qtbot.waitUntil(lambda: "diffusion" in insights.chart.series, timeout=20_000)
    points = insights.chart.series["diffusion"]
    busiest = max(points, key=lambda point: point.papers)
    insights.list_point(busiest)
    qtbot.waitUntil(lambda: insights.papers.count() == busiest.papers, timeout=20_000)
    paper = insights.papers.item(0).data(Qt.ItemDataRole.UserRole)
    assert busiest.start <= paper.date <= busiest.end
    insights.papers.itemActivated.emit(insights.papers.item(0))
    qtbot.waitUntil(lambda: window.paper_list.current_paper() is not None
                    and window.paper_list.current_paper().arxiv_id == paper.arxiv_id, timeout=5_000)


def test_an_emerging_term_click_adds_it_to_the_chart(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.terms.setText("diffusion")
    choose_range(insights, "2024-08-01", "2024-11-30")
    qtbot.waitUntil(lambda: insights.emerging.topLevelItemCount() > 0, timeout=20_000)
    assert "2024-08-01 to 2024-11-30 against 2024-04-01 to 2024-07-31" in insights.emerging_heading.text()
    item = insights.emerging.topLevelItem(0)
    query = item.data(0, Qt.ItemDataRole.UserRole)
    insights.emerging.itemClicked.emit(item, 0)
    assert insights.term_list() == ["diffusion", query]
    qtbot.waitUntil(lambda: query in insights.chart.series, timeout=20_000)


def test_a_term_that_is_not_a_query_is_explained(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.terms.setText("the")
    insights.draw()
    qtbot.waitUntil(lambda: "Not a search" in insights.status.text(), timeout=20_000)


def test_the_recap_shows_and_exports(open_window, qtbot, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.tabs.setCurrentIndex(1)
    recap = insights.recap
    assert recap.week.currentText() == "2024-W47"  # the seeds' newest day, 2024-11-20
    qtbot.waitUntil(lambda: "주간 요약 2024-W47" in recap.page.toPlainText(), timeout=20_000)
    recap.language.setCurrentIndex(recap.language.findData("en"))
    qtbot.waitUntil(lambda: "Weekly recap 2024-W47" in recap.page.toPlainText(), timeout=20_000)
    target = tmp_path / "recap.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    recap.export()
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert target.read_text("utf-8") == window.library.recap_text("2024-W47", "html", "en")
    qtbot.waitUntil(lambda: "Saved" in recap.status.text(), timeout=5_000)


def test_chart_colours_follow_the_theme_and_the_nearest_point(open_window, qtbot) -> None:
    assert line_colours(light_palette()) == LIGHT_LINES and line_colours(dark_palette()) == DARK_LINES
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.chart.setPalette(dark_palette())
    assert insights.chart.plot.backgroundBrush().color().name() == dark_palette().base().color().name()
    insights.terms.setText("diffusion, LLM")
    insights.measure.setCurrentIndex(insights.measure.findData("papers"))
    qtbot.waitUntil(lambda: set(insights.chart.series) == {"diffusion", "LLM"} and insights.chart.measure == "papers",
                    timeout=20_000)
    series = insights.chart.series
    target = series["LLM"][1]
    found = nearest_point(series, 1.2, float(target.papers) + 0.1, "papers")
    assert found is not None and found.period == target.period
    assert nearest_point(series, 99, 0, "papers") is None


def test_the_window_speaks_korean(korean, open_window, qtbot) -> None:
    window = open_window()
    assert window.commands["insights"].text() == "동향과 주간 요약(&T)…"
    insights = open_insights(window, qtbot)
    assert insights.windowTitle() == "동향과 주간 요약"
    assert [insights.tabs.tabText(0), insights.tabs.tabText(1)] == ["동향", "주간 요약"]
    insights.terms.setText("diffusion")
    insights.draw()
    qtbot.waitUntil(lambda: "diffusion" in insights.chart.series, timeout=20_000)
    assert "논문" in insights.chart.hover_text(0)
    assert insights.chart.plot.getPlotItem().getAxis("left").labelText == "논문 비율 (%)"


def test_the_worker_thread_ends_with_its_window(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    thread = insights.worker._thread
    assert thread.is_alive()
    insights.deleteLater()  # as when the main window goes: its children go with it
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=20_000)
    assert window.findChild(InsightsWindow) is None


def test_the_first_opening_imports_on_a_thread_and_a_failure_is_said(open_window, qtbot, monkeypatch) -> None:
    from reader.ui.insights import opening

    window = open_window()
    monkeypatch.setattr(opening, "WINDOW_MODULE", "reader.ui.insights.no_such_module")
    window.commands["insights"].trigger()
    assert window.findChild(InsightsWindow) is None  # nothing made while the import runs
    qtbot.waitUntil(lambda: "cannot be opened" in window.statusBar().currentMessage(), timeout=20_000)
    monkeypatch.setattr(opening, "WINDOW_MODULE", "json.tool")  # not imported yet: the thread's path
    assert "json.tool" not in sys.modules
    window.commands["insights"].trigger()
    window.commands["insights"].trigger()  # pressed twice while importing: still one window
    qtbot.waitUntil(lambda: window.findChild(InsightsWindow) is not None, timeout=20_000)
    assert len(window.findChildren(InsightsWindow)) == 1


def test_the_mouse_over_a_point_shows_its_figures_and_a_click_lists_its_papers(open_window, qtbot) -> None:
    window = open_window()
    insights = open_insights(window, qtbot)
    insights.terms.setText("diffusion")
    insights.measure.setCurrentIndex(insights.measure.findData("papers"))
    qtbot.waitUntil(lambda: "diffusion" in insights.chart.series and insights.chart.measure == "papers",
                    timeout=20_000)
    chart = insights.chart
    points = chart.series["diffusion"]
    column = max(range(len(points)), key=lambda number: points[number].papers)
    qtbot.wait(50)  # the first layout of the plot
    scene = chart.plot.getPlotItem().vb.mapViewToScene(QPointF(column, points[column].papers))
    where = chart.plot.mapFromScene(scene)
    viewport = chart.plot.viewport()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), QPointF(viewport.mapToGlobal(where)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)  # what a mouse over the chart sends (QTest's move needs a cursor)
    qtbot.waitUntil(lambda: chart.hover.textItem.toPlainText().startswith(points[column].period), timeout=5_000)
    assert f"{points[column].papers}" in chart.hover.textItem.toPlainText()
    with qtbot.waitSignal(chart.point_clicked, timeout=5_000) as clicked:
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert clicked.args[0] == points[column]
    qtbot.waitUntil(lambda: insights.papers.count() == points[column].papers, timeout=20_000)
