"""How long can the GUI thread stall while the library indexes in the background?

Builds a synthetic library (bench/synth.py), opens the real MainWindow on a fresh data directory,
starts the background update and runs a QTimer heartbeat on the GUI thread. Every gap between
two beats beyond the timer interval is time the window could not react. Optionally a "reader"
presses j every 200 ms during indexing, so the list, the detail pane and the read timer work too.

Prints one JSON object; ``worst_stall_ms`` is the figure the issue asks for (target < 100 ms).

    python -m bench.gui_stall [--papers 5000] [--heartbeat-ms 10] [--interact] [--keep DIR]

Runs offscreen unless QT_QPA_PLATFORM says otherwise (xcb under Xvfb works too).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.synth import make_library  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.ui.models.view import View  # noqa: E402
from reader.ui.platform.settings import ReadMode, Settings  # noqa: E402
from reader.ui.window.main_window import MainWindow  # noqa: E402


class Heartbeat:
    """Records the gaps between timer ticks on the GUI thread."""

    def __init__(self, interval_ms: int) -> None:
        self.interval_ms = interval_ms
        self.gaps_ms: list[float] = []
        self.worst_at_s = 0.0
        self._clock = QElapsedTimer()
        self._last = 0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now = self._clock.nsecsElapsed()
        gap = (now - self._last) / 1e6
        if not self.gaps_ms or gap > max(self.gaps_ms):
            self.worst_at_s = now / 1e9
        self.gaps_ms.append(gap)
        self._last = now

    def summary(self) -> dict[str, float | int]:
        stalls = [gap - self.interval_ms for gap in self.gaps_ms]
        ordered = sorted(stalls)
        return {
            "beats": len(stalls),
            "worst_stall_ms": round(max(stalls, default=0.0), 1),
            "worst_stall_at_s": round(self.worst_at_s, 2),
            "p99_stall_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 1) if ordered else 0.0,
            "median_gap_ms": round(statistics.median(self.gaps_ms), 1) if self.gaps_ms else 0.0,
            "stalls_over_50ms": sum(stall > 50 for stall in stalls),
            "stalls_over_100ms": sum(stall > 100 for stall in stalls),
        }


def measure(papers: int, heartbeat_ms: int, interact: bool, work: Path) -> dict[str, object]:
    digests, data_dir = work / "digests", work / "data"
    started = time.perf_counter()
    files = make_library(digests, papers)
    synth_s = time.perf_counter() - started
    library = Library(data_dir)
    library.add_sources([digests])
    settings = Settings(data_dir)
    settings.read_mode = ReadMode.AFTER_DELAY
    settings.read_delay_s = 0.5
    settings.sync()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    heartbeat = Heartbeat(heartbeat_ms)
    shown = time.perf_counter()
    window = MainWindow(library)
    window.show()
    window_shown_ms = (time.perf_counter() - shown) * 1000
    result: dict[str, object] = {}
    reader = QTimer()
    reader.setInterval(200)
    reader.timeout.connect(lambda: QTest.keyClick(window.paper_list, "j"))

    def finished(report: object) -> None:
        result["update_s"] = round(time.perf_counter() - update_started, 2)
        result["report"] = {name: getattr(report, name) for name in ("files", "changed", "papers", "skipped")}
        QTimer.singleShot(1000, app.quit)  # keep beating through the reload that follows

    window.updater.finished.connect(finished)
    window.updater.failed.connect(lambda message: (result.update(error=message), app.quit()))
    heartbeat.start()
    update_started = time.perf_counter()
    window.start_update()
    if interact:
        reader.start()
    app.exec()
    reader.stop()
    heartbeat.stop()

    # Not indexing, but worth knowing: the biggest view a reader can open on this library.
    opened = time.perf_counter()
    window.sidebar.select_view(View("all"))
    all_view_ms = (time.perf_counter() - opened) * 1000
    rows = window.paper_proxy.rowCount()
    window.close()
    library.close()
    return {
        "papers_generated": papers,
        "digest_files": len(files),
        "synth_s": round(synth_s, 2),
        "window_shown_ms": round(window_shown_ms, 1),
        "heartbeat_ms": heartbeat_ms,
        "interact": interact,
        **result,
        **heartbeat.summary(),
        "open_all_papers_view_ms": round(all_view_ms, 1),
        "all_papers_rows": rows,
        "platform": QApplication.platformName(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--heartbeat-ms", type=int, default=10)
    parser.add_argument("--interact", action="store_true", help="press j every 200 ms while indexing")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="gui-stall-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(json.dumps(measure(args.papers, args.heartbeat_ms, args.interact, work), indent=2))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
