"""The trend chart: one line per term over the periods, its share of the papers or its count (pyqtgraph).

Hovering a period shows every term's figures there; clicking near a point emits that TrendPoint, so the
window can list its papers. Colours follow the palette (light or dark), and the text is drawn with the
application's font, which reads Hangul (reader.ui.platform.theme).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.library import TrendPoint
from reader.ui.platform.theme import is_dark

LIGHT_LINES = ("#1f6fb5", "#c8372d", "#2a8a3e", "#8a4fc4", "#c46d00", "#0f8a94")
DARK_LINES = ("#6ab0ff", "#ff7b72", "#5dd879", "#c39bff", "#ffb14e", "#4fd8e6")
MAX_TICKS = 12  # period labels shown under the axis; the others are in the hover text


def line_colours(palette: QPalette) -> tuple[str, ...]:
    return DARK_LINES if is_dark(palette) else LIGHT_LINES


def value_of(point: TrendPoint, measure: str) -> float:
    """What the chart draws: the share in percent, or the count of papers."""
    return 100 * point.share if measure == "share" else float(point.papers)


def nearest_point(series: dict[str, list[TrendPoint]], x: float, y: float, measure: str) -> TrendPoint | None:
    """The point of the period nearest to ``x`` whose value is nearest to ``y`` (None off the chart)."""
    column = round(x)
    candidates = [points[column] for points in series.values() if 0 <= column < len(points)]
    if not candidates:
        return None
    return min(candidates, key=lambda point: (abs(value_of(point, measure) - y), point.term))


class TrendChart(QWidget):
    """A line chart of trend points; ``point_clicked(TrendPoint)`` when a point is clicked."""

    point_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.plot = pg.PlotWidget(self)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getPlotItem().showGrid(x=False, y=True, alpha=0.2)
        self.legend = self.plot.getPlotItem().addLegend(offset=(10, 10))
        self.hover = pg.TextItem(anchor=(0, 1))
        self.hover.setZValue(10)
        self.plot.addItem(self.hover, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._on_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.series: dict[str, list[TrendPoint]] = {}
        self.periods: list[str] = []
        self.measure = "share"
        self._apply_palette()

    def set_points(self, points: Sequence[TrendPoint], measure: str) -> None:
        """Draw these points (each term's points in period order, every term over the same periods)."""
        self.measure = measure
        self.series = {}
        for point in points:
            self.series.setdefault(point.term, []).append(point)
        self.periods = next(iter([p.period for p in pts] for pts in self.series.values()), [])
        self._redraw()

    def hover_text(self, column: int) -> str:
        """Every term's figures in one period: what hovering shows."""
        if not 0 <= column < len(self.periods):
            return ""
        lines = [self.periods[column]]
        for term, points in self.series.items():
            point = points[column]
            lines.append(self.tr("{term}: {papers} of {total} papers ({share:.1f}%)").format(
                term=term, papers=point.papers, total=point.total, share=100 * point.share))
        return "\n".join(lines)

    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        for curve in list(item.listDataItems()):
            item.removeItem(curve)
        self.legend.clear()
        self.hover.setText("")
        colours = line_colours(self.palette())
        xs = list(range(len(self.periods)))
        for number, (term, points) in enumerate(self.series.items()):
            colour = colours[number % len(colours)]
            item.plot(xs, [value_of(point, self.measure) for point in points], name=term,
                      pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=7, symbolBrush=colour,
                      symbolPen=pg.mkPen(colour))
        step = max(1, -(-len(self.periods) // MAX_TICKS))
        item.getAxis("bottom").setTicks([[(x, self.periods[x]) for x in xs[::step]]])
        item.setLabel("left", self.tr("Share of papers (%)") if self.measure == "share" else self.tr("Papers"))
        item.setLabel("bottom", self.tr("Period"))
        item.enableAutoRange()
        if xs:
            item.setXRange(-0.5, len(xs) - 0.5, padding=0.02)

    def _on_moved(self, position: QPointF) -> None:
        view = self.plot.getPlotItem().vb
        if not self.series or not view.sceneBoundingRect().contains(position):
            self.hover.setText("")
            return
        spot = view.mapSceneToView(position)
        column = round(spot.x())
        text = self.hover_text(column)
        self.hover.setText(text)
        if text:
            top = max(value_of(points[column], self.measure) for points in self.series.values())
            self.hover.setPos(min(column, max(len(self.periods) - 3, 0)), top)
        self.plot.setToolTip(text)

    def _on_clicked(self, event: object) -> None:
        view = self.plot.getPlotItem().vb
        position = event.scenePos()  # type: ignore[attr-defined]  # pyqtgraph's MouseClickEvent
        if not view.sceneBoundingRect().contains(position):
            return
        spot = view.mapSceneToView(position)
        point = nearest_point(self.series, spot.x(), spot.y(), self.measure)
        if point is not None:
            self.point_clicked.emit(point)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._redraw()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        font = QFont(self.font())
        for name in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
            axis.setTickFont(font)
        self.legend.setLabelTextColor(text)
        self.hover.setColor(text)
        fill = QColor(palette.color(QPalette.ColorRole.ToolTipBase))
        fill.setAlpha(230)
        self.hover.fill = pg.mkBrush(fill)
        self.hover.border = pg.mkPen(palette.color(QPalette.ColorRole.Mid))
