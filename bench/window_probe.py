"""The window on a big library, in its own process: open "All papers", scroll it, report memory.

Run by bench/scale.py (``python -m bench.window_probe DATA_DIR``); prints one JSON object:

* ``open_all_ms``: selecting "All papers" until the list is filled and the top paper shown (the rows are read on
  a thread meanwhile); ``open_all_stall_ms``: the worst GUI-thread stall in that time (a 5 ms heartbeat);
* ``max_scroll_stall_ms``: the longest gap beyond the heartbeat interval of a GUI-thread timer
  while the list is scrolled from top to bottom and back in SCROLL_STEPS steps of at least a
  page (every row range of the library gets painted), with the current row changed every few
  steps (the top visible row made current) so the detail pane loads and renders papers too;
* ``peak_rss_mb``: the peak resident memory (VmHWM) of this process, i.e. the window with the
  library loaded and "All papers" shown and scrolled.

No background update is started: this measures the window alone (bench/gui_stall.py measures
the window while indexing).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QPoint, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.gui_stall import Heartbeat  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.ui.models.view import View  # noqa: E402
from reader.ui.window.main_window import MainWindow  # noqa: E402

SCROLL_TICK_MS = 16  # one step per frame: far faster than a person scrolls
SCROLL_STEPS = 300  # each way
MOVE_EVERY = 10  # every tenth tick the top visible row becomes current: a paper is loaded and rendered


def measure(data_dir: Path) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = Library(data_dir)
    window = MainWindow(library)
    window.show()
    window.sidebar.select_view(View("latest"))  # the last run may have left "All papers" selected
    while not window.is_started():  # its start-up after show() (~45 ms at 5,000 papers) is bench.scale's start_ratio
        app.processEvents()
    app.processEvents()

    opening = Heartbeat(5)
    opening.start()
    started = time.perf_counter()
    window.sidebar.select_view(View("all"))
    app.processEvents()
    while window.navigation.listing_pending():  # the rows are read on a thread; the window answers meanwhile
        app.processEvents()
        time.sleep(0.001)
    open_all_ms = (time.perf_counter() - started) * 1000
    app.processEvents()  # the filled list's first paint
    opening.stop()
    rows = window.paper_proxy.rowCount()

    heartbeat = Heartbeat(5)
    heartbeat.start()
    ticks = scroll_through(window)
    heartbeat.stop()
    summary = heartbeat.summary()
    window.close()
    library.close()
    return {
        "rows": rows,
        "open_all_ms": round(open_all_ms, 1),
        "open_all_stall_ms": opening.summary()["worst_stall_ms"],
        "scroll_ticks": ticks,
        "max_scroll_stall_ms": summary["worst_stall_ms"],
        "p99_scroll_stall_ms": summary["p99_stall_ms"],
        "peak_rss_mb": peak_rss_mb(),
    }


def scroll_through(window: MainWindow) -> int:
    """Scroll the list from top to bottom and back in SCROLL_STEPS steps each way, one per frame, the top
    visible row made current every MOVE_EVERY steps; returns the steps taken (the event loop runs meanwhile).

    A loop of its own, not ``app.exec()``: Qt 6's ``QApplication.quit()`` sends every window a close event, so
    the window closed (For you's process and the updater stopped) and the phases after a scroll measured a
    hidden window."""
    bar = window.paper_list.verticalScrollBar()
    loop = QEventLoop()
    ticks = 0
    step = max(bar.pageStep(), -(-bar.maximum() // SCROLL_STEPS))

    def scroll() -> None:
        nonlocal ticks
        ticks += 1
        bar.setValue(bar.value() + (step if ticks <= SCROLL_STEPS else -step))
        if ticks % MOVE_EVERY == 0:  # as a click on the top visible row would
            window.paper_list.setCurrentIndex(window.paper_list.indexAt(QPoint(4, 4)))
        if ticks == 2 * SCROLL_STEPS:
            scroller.stop()
            QTimer.singleShot(200, loop.quit)

    scroller = QTimer()
    scroller.setInterval(SCROLL_TICK_MS)
    scroller.timeout.connect(scroll)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(loop.quit)
    safety.start(60_000)
    scroller.start()
    loop.exec()
    safety.stop()
    return ticks


def peak_rss_mb(pid: int | None = None) -> float | None:
    """The peak resident memory (VmHWM, not ru_maxrss) of this process, or of process `pid` (None when it
    cannot be read).

    Linux carries ru_maxrss across exec, so a probe started by a big parent (bench/scale.py after
    indexing) reported the parent's peak: 243 MB instead of 105 MB at 5,000 papers.
    """
    try:
        for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    if pid is not None:
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux and BSD


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
