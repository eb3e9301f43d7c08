"""Screenshots of View > Trends and Weekly Recap for the README, on an indexed data directory.

    QT_QPA_PLATFORM=xcb DISPLAY=:N .venv/bin/python scripts/insights_screenshots.py DATA_DIR \
        --terms "강화학습, diffusion, GPT-4o" --theme dark --language ko --out docs/insights-ko-dark.png

The main window opens on DATA_DIR with the language and theme given (as Preferences would set them), the
Insights command runs, the chart is drawn, its first point clicked and hovered, and the Insights window
is grabbed (and the recap tab too, with --recap-out).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.insights.insights_window import InsightsWindow
from reader.ui.platform.settings import Settings
from reader.ui.platform.theme import Theme
from reader.ui.window.launch import prepare_appearance
from reader.ui.window.main_window import MainWindow


def wait(app: QApplication, until: object, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not until() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--terms", default="강화학습, diffusion, GPT-4o")
    parser.add_argument("--by", default="month", choices=("month", "week"))
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--language", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--recap-out", type=Path)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    settings = Settings(args.data_dir)
    settings.language, settings.theme = args.language, Theme(args.theme)
    settings.sync()
    library = Library(args.data_dir)
    prepare_appearance(app, Settings(args.data_dir), args.data_dir)
    window = MainWindow(library)
    window.show()
    wait(app, window.is_started)
    window.show_insights()
    insights = window.findChild(InsightsWindow)
    assert insights is not None
    insights.resize(1280, 780)
    insights.by.setCurrentIndex(insights.by.findData(args.by))
    insights.terms.setText(args.terms)
    insights.draw()
    wait(app, lambda: len(insights.chart.series) == len(insights.term_list()) and insights.emerging.topLevelItemCount())
    series = next(iter(insights.chart.series.values()))
    column = max(range(len(series)), key=lambda number: series[number].papers)
    insights.list_point(series[column])
    wait(app, lambda: insights.papers.count() > 0)
    view = insights.chart.plot.getPlotItem().vb
    scene_point = view.mapViewToScene(QPointF(column, 0))
    insights.chart._on_moved(scene_point)  # what the mouse over that period shows
    for _ in range(30):
        app.processEvents()
        time.sleep(0.02)
    insights.grab().save(str(args.out))
    print(f"saved {args.out}")
    if args.recap_out:
        insights.tabs.setCurrentIndex(1)
        wait(app, lambda: bool(insights.recap.page.toPlainText().strip()))
        insights.recap.page.verticalScrollBar().setValue(0)
        insights.recap.page.ensureCursorVisible()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        insights.grab().save(str(args.recap_out))
        print(f"saved {args.recap_out}")
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
