"""Does the window stall while For you fits? The worst gap of a GUI-thread heartbeat during fits.

Indexes a synthetic library (bench/synth.py) before the window opens, stars some papers, opens the real
MainWindow, selects the For you view, and then, while a heartbeat runs on the GUI thread, the "reader"
stars the current paper, marks one "not interested" and steps down the list (each change refits For you on
its thread, and the first fit builds the text matrix). Every heartbeat gap beyond its interval is time the
window could not react (target: under 100 ms); ``worst_call_ms`` says which GUI-thread call took longest
(the commands as triggered, the list's re-sort, the panel, the list filled with a view's rows read on a thread:
``fill_list``); ``listed_after_ms`` is how long a view's rows took to come. Upper bounds on a busy machine.

    python -m bench.recommend_stall [--papers 6000] [--steps 30] [--heartbeat-ms 10]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.gui_stall import Heartbeat, _time_calls  # noqa: E402
from bench.synth import make_library  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.ui.models.view import View  # noqa: E402
from reader.ui.platform.settings import ReadMode, Settings  # noqa: E402
from reader.ui.window.main_window import MainWindow  # noqa: E402


def settle(app: QApplication, until: object, timeout_s: float = 300.0) -> float:
    """Process events until `until()`; the seconds it took."""
    start = time.perf_counter()
    while not until() and time.perf_counter() - start < timeout_s:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - start


def measure(papers: int, steps: int, heartbeat_ms: int, work: Path) -> dict[str, object]:
    make_library(work / "digests", papers)
    data_dir = work / "data"
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([work / "digests"])
        library.update()
        ids = sorted({row.arxiv_id for row in library.rows()})
        library.set_starred(ids[:: max(1, len(ids) // 12)])
    settings = Settings(data_dir)
    settings.read_mode = ReadMode.NEVER
    settings.sync()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = Library(data_dir)
    window = MainWindow(library)
    window.show()
    settle(app, window.is_started)
    calls: dict[str, list[float]] = {name: [] for name in ("set_rank", "show_reasons", "show_similar", "fill_list")}
    _time_calls(window.paper_model, "set_rank", calls["set_rank"])  # the new order, on the GUI thread
    _time_calls(window.navigation, "_fill", calls["fill_list"])  # a view's rows into the list
    for name in ("show_reasons", "show_similar"):
        _time_calls(window.for_you.panel, name, calls[name])
    heartbeat = Heartbeat(heartbeat_ms)
    heartbeat.start()
    first_fit_s = settle(app, lambda: window.for_you.model is not None)
    beats_while_building = len(heartbeat.gaps_ms)
    listed_after_ms: dict[str, float] = {}
    for name in ("for_you", "unread", "for_you"):  # Unread: the same rows in another order, what a view costs anyway
        began = time.perf_counter()
        window.sidebar.select_view(View(name))  # For you lists every unread paper, as Unread does
        calls.setdefault(f"select_{name}_view", []).append((time.perf_counter() - began) * 1000)
        settle(app, lambda: not window.navigation.listing_pending())
        listed_after_ms[name] = round((time.perf_counter() - began) * 1000, 1)
        settle(app, lambda: False, timeout_s=0.2)
    fits = 1
    for step in range(steps):
        before = window.for_you.model
        command = ("toggle_star", "not_interested", "next_paper")[step % 3]
        began = time.perf_counter()
        window.commands[command].trigger()
        calls.setdefault(command, []).append((time.perf_counter() - began) * 1000)
        if command != "next_paper":
            settle(app, lambda before=before: window.for_you.model is not before, timeout_s=60)
            fits += 1
        settle(app, lambda: False, timeout_s=0.05)
    heartbeat.stop()
    window.close()
    library.close()
    return {"papers": papers, "steps": steps, "fits": fits, "first_fit_s": round(first_fit_s, 2),
            "heartbeat_ms": heartbeat_ms, **heartbeat.summary(),
            "worst_stall_building_ms": round(max(heartbeat.gaps_ms[:beats_while_building], default=0.0)
                                             - heartbeat_ms, 1),
            "worst_stall_refitting_ms": round(max(heartbeat.gaps_ms[beats_while_building:], default=0.0)
                                              - heartbeat_ms, 1),
            "worst_call_ms": {name: round(max(times, default=0.0), 1) for name, times in calls.items()},
            "listed_after_ms": listed_after_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=6000)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--heartbeat-ms", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(measure(args.papers, args.steps, args.heartbeat_ms, Path(scratch)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
