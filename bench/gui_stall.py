"""How long can the GUI thread stall while the library indexes in the background?

Builds a synthetic library (bench/synth.py), opens the real MainWindow on a fresh data directory,
starts the background update and runs a QTimer heartbeat on the GUI thread. Every gap between
two beats beyond the timer interval is time the window could not react. Optionally a "reader"
presses j every 200 ms during indexing, so the list, the detail pane and the read timer work too.

Prints one JSON object; ``worst_stall_ms`` is the figure the issue asks for (target < 100 ms).

    python -m bench.gui_stall [--papers 5000] [--heartbeat-ms 10] [--interact] [--keep DIR]
    python -m bench.gui_stall --hostile [--without CASE] [--heartbeat-ms 10] [--keep DIR]

``--hostile`` measures the window on the hostile digests of tests/hostile/hostile_digests.py at the sizes
that once froze it (800 and 1,500 nested levels, 600 dashes, a 48 MB line, a million headings, ...): the
last paper shown is one of them, so it is restored at start; then the reader steps through every paper
of the day. Indexing happens before the window opens and is not measured. Opening the window (its
constructor, which restores the hostile paper, and show()) is ``window_open_ms``, like the other
measurement's ``window_shown_ms``: the window is not on screen yet. The stalls are counted from then on;
``worst_stall_after_mark_ms`` is the worst once the window has finished starting (its start-up work after
show() is the same for any library), while the reader steps through the hostile papers.

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
        self._worst_gap = 0.0
        self.worst_at_s = 0.0
        self.started_at_s = 0.0
        self._clock = QElapsedTimer()
        self._last = 0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self.marked_at = 0
        self.marked = False
        self.ends_s: list[float] = []  # when each gap ended (perf_counter), for the culprit after the mark

    def start(self) -> None:
        self.started_at_s = time.perf_counter()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def mark(self) -> None:
        """From now on: the gaps after this are summed up again as ``worst_stall_after_mark_ms``."""
        self.marked_at = len(self.gaps_ms)
        self.marked = True

    def _beat(self) -> None:
        now = self._clock.nsecsElapsed()
        gap = (now - self._last) / 1e6
        if gap > self._worst_gap:  # kept, not max() of the list: that grew to ~1 ms a beat in a long run
            self._worst_gap = gap
            self.worst_at_s = now / 1e9
        self.gaps_ms.append(gap)
        self.ends_s.append(time.perf_counter())
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
            "worst_stall_after_mark_ms": round(max(stalls[self.marked_at :], default=0.0), 1),
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
    while window.navigation.listing_pending():  # read on a thread: until the list has the rows
        app.processEvents()
        time.sleep(0.001)
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


HOSTILE_STEP_MS = 400  # the reader presses j this often while stepping through the hostile day


def hostile_cases() -> dict[str, str]:
    """The hostile summaries at the sizes of the bug reports (tests/hostile generates them)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))
    import hostile_digests as corpus

    return {
        "deep_bullets_800": corpus.deep_bullets(800),
        "deep_bullets_1500": corpus.deep_bullets(1500),
        "many_dashes_600": corpus.many_dashes(600),
        "huge_line_48mb": corpus.huge_line(16_000_000),  # 3 bytes a Hangul syllable: about 48 MB of UTF-8
        "million_headings": corpus.many_headings(1_000_000),
        "many_brackets": corpus.many_brackets(5_000),
        "html_script": corpus.html_script(),
        "rtl_override": corpus.rtl_override(),
        "control_characters": corpus.control_characters(),
    }


def measure_hostile(heartbeat_ms: int, work: Path, without: tuple[str, ...] = ()) -> dict[str, object]:
    """Worst GUI stall while the window restores a hostile paper at start and a reader steps through them."""
    from bench import synth  # noqa: F401 - the same package set-up as the other measurement

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))
    import hostile_digests as corpus

    digests, data_dir = work / "digests", work / "data"
    started = time.perf_counter()
    cases = {name: text for name, text in hostile_cases().items() if name not in without}
    _path, ids = corpus.write_digest(digests, cases, normal_papers=2)
    library = Library(data_dir)
    library.add_sources([digests])
    library.update()
    index_s = time.perf_counter() - started
    settings = Settings(data_dir)
    settings.read_mode = ReadMode.NEVER
    settings.selected_view = View("day", corpus.DATE).to_text()
    settings.selected_paper = f"{corpus.DATE}/{ids.get('deep_bullets_1500', next(iter(ids.values())))}"
    settings.sync()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    timings: dict[str, list[float]] = {"detail_pane_ms": [], "library_paper_ms": [], "library_papers_for_ms": [],
                                       "library_papers_to_summarise_ms": []}
    _time_calls(library, "paper", timings["library_paper_ms"])  # the list's loader: the whole paper, GUI thread
    _time_calls(library, "papers_for", timings["library_papers_for_ms"])  # reading.py: its other dates
    _time_calls(library, "papers_to_summarise", timings["library_papers_to_summarise_ms"])  # the day's button
    heartbeat = Heartbeat(heartbeat_ms)
    opening = time.perf_counter()
    window = MainWindow(library)  # restores the hostile paper: Library.paper, papers_for and the pane are timed
    window.show()
    window_open_ms = (time.perf_counter() - opening) * 1000  # before the window is on screen: not a stall
    _time_calls(window.detail, "show_paper", timings["detail_pane_ms"])
    heartbeat.start()
    shown: list[tuple[float, str]] = []  # (time, key) of each paper put on show, for the worst gap's culprit
    window.paper_list.current_paper_changed.connect(
        lambda paper: shown.append((time.perf_counter(), paper.key if paper else "")))
    rows = window.paper_proxy.rowCount()
    steps = {"left": rows * 2}

    def step() -> None:
        if window.is_started() and not heartbeat.marked:
            heartbeat.mark()  # the window's own start-up work (threads, watcher, imports) is behind us
        if steps["left"] <= 0 or not window.is_started():
            if steps["left"] <= 0 and not window.detail.is_formatting():
                QTimer.singleShot(1000, app.quit)
                return
        else:
            steps["left"] -= 1
            QTest.keyClick(window.paper_list, "j" if steps["left"] >= rows else "k")
        QTimer.singleShot(HOSTILE_STEP_MS, step)

    QTimer.singleShot(HOSTILE_STEP_MS, step)
    app.exec()
    heartbeat.stop()
    restored_ok = window.detail.shown_key() == (window.paper_list.current_paper().key
                                                if window.paper_list.current_paper() else None)
    window.close()
    library.close()
    summary = heartbeat.summary()
    worst_at = heartbeat.started_at_s + float(summary["worst_stall_at_s"])
    culprit = "start-up"  # the paper on show when the worst gap ended
    for at, key in shown:
        if at <= worst_at:
            culprit = key
    after_mark = heartbeat.gaps_ms[heartbeat.marked_at :]
    worst_after_at = heartbeat.ends_s[heartbeat.marked_at + after_mark.index(max(after_mark))] if after_mark else 0.0
    culprit_after_mark = "start-up"
    for at, key in shown:
        if at <= worst_after_at:
            culprit_after_mark = key
    return {
        "hostile_cases": sorted(ids),
        "papers_on_the_day": rows,
        "index_s": round(index_s, 1),
        "heartbeat_ms": heartbeat_ms,
        "window_open_ms": round(window_open_ms, 1),
        **summary,
        "worst_stall_while_showing": culprit,
        "worst_stall_after_mark_while_showing": culprit_after_mark,
        **{f"worst_{name}": round(max(values, default=0.0), 1) for name, values in timings.items()},
        "pane_matches_list_at_end": restored_ok,
        "platform": QApplication.platformName(),
    }


def _time_calls(owner: object, name: str, into: list[float]) -> None:
    """Record how long each call of ``owner.name`` takes (ms): which part of the window a stall is in."""
    original = getattr(owner, name)

    def timed(*args: object, **kwargs: object) -> object:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            into.append((time.perf_counter() - began) * 1000)

    setattr(owner, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--heartbeat-ms", type=int, default=10)
    parser.add_argument("--interact", action="store_true", help="press j every 200 ms while indexing")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--hostile", action="store_true", help="the hostile digests instead of a large library")
    parser.add_argument("--without", action="append", default=[], metavar="CASE",
                        help="with --hostile: leave this case out (e.g. huge_line_48mb)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="gui-stall-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.hostile:
            print(json.dumps(measure_hostile(args.heartbeat_ms, work, tuple(args.without)), indent=2))
        else:
            print(json.dumps(measure(args.papers, args.heartbeat_ms, args.interact, work), indent=2))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
