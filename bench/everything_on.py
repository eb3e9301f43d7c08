"""The window with everything on (issue #19 item 4): the worst GUI stall while For you builds and refits, while
scrolling, and while a new day is indexed; the window's peak memory and For you's process's.

    python -m bench.everything_on DATA_DIR [--stars 50] [--heartbeat-ms 5]

Works on a copy of DATA_DIR (an indexed library, e.g. bench.scale's), to which it adds what a reader who uses
everything has: 20 tags on 40 papers each, 10 mute words, 20 saved searches (the sidebar's badges count
them), 50 stars. Then, in one window, a GUI-thread heartbeat measures each phase:

* ``fit``: from the window started (its first frame painted) until For you has fitted on the stars (its
  process builds the text matrix; the first looks at the mute filters and saved searches run meanwhile);
* ``scroll``: "All papers" scrolled top to bottom and back (bench/window_probe.py's scroll);
* ``refit``: five stars toggled, one after another, each waited for until For you has refitted;
* ``indexing``: a new day of 25 papers written into a second source folder, the background update, until the
  day is listed and For you has refitted with it.

Prints one JSON object: ``max_stall_ms`` by phase and overall, ``peak_rss_mb`` (VmHWM of the window's
process; the library is equipped beforehand in a process of its own, so the figure is the window's alone) and
``for_you_process_peak_rss_mb`` (of For you's child process, which keeps the matrix).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.gui_stall import Heartbeat  # noqa: E402
from bench.recommend_stall import settle  # noqa: E402
from bench.synth import LAST_DAY, make_papers, render_digest  # noqa: E402
from bench.window_probe import peak_rss_mb, scroll_through  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.ui.models.view import View  # noqa: E402
from reader.ui.platform.settings import ReadMode, Settings  # noqa: E402
from reader.ui.window.main_window import MainWindow  # noqa: E402

TAGS, TAGGED, MUTES, SAVED = 20, 40, 10, 20
SETTLE_S = 600.0  # the longest wait for a phase's end (For you's first build at 100,000 papers takes a minute)
MUTE_WORDS = ["quantum", "protein", "weather", "music", "chess", "legal", "finance", "molecule", "satellite", "poetry"]
SAVED_QUERIES = ["강화학습", "diffusion", "언어 모델", "robot", "비디오 생성", "LLM", "speech", "3D", "reasoning",
                 "agent"]


def equip(library: Library, stars: int, new_days: Path) -> None:
    """What a reader who uses everything has made."""
    entries = library.papers()
    ids = list(dict.fromkeys(paper.arxiv_id for paper in entries))
    for tag in range(TAGS):
        library.add_tags(ids[tag * TAGGED:(tag + 1) * TAGGED], [f"tag-{tag:02d}"])
    library.add_mutes(MUTE_WORDS[:MUTES])
    for number in range(SAVED):
        query = SAVED_QUERIES[number % len(SAVED_QUERIES)]
        library.save_search(f"saved {number:02d}", query, exact=number >= len(SAVED_QUERIES))
    library.set_starred(ids[::max(1, len(ids) // stars)][:stars])
    library.add_sources([new_days])


def _equip(data_dir: Path, stars: int, new_days: Path) -> None:
    with Library(data_dir) as library:
        equip(library, stars, new_days)


def measure(source_dir: Path, stars: int, heartbeat_ms: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="everything-on-"))
    try:
        data_dir = work / "data"
        shutil.copytree(source_dir, data_dir)
        new_days = work / "new-days"
        new_days.mkdir()
        # in a process of its own: equipping reads every paper, which is the bench's memory, not the window's
        equipping = multiprocessing.get_context("spawn").Process(target=_equip, args=(data_dir, stars, new_days))
        equipping.start()
        equipping.join()
        if equipping.exitcode != 0:
            raise SystemExit(f"equipping {data_dir} failed (exit code {equipping.exitcode})")
        settings = Settings(data_dir)
        settings.read_mode = ReadMode.NEVER
        settings.selected_view = View("latest").to_text()
        settings.sync()
        return _run_window(data_dir, new_days, heartbeat_ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_window(data_dir: Path, new_days: Path, heartbeat_ms: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = Library(data_dir)
    window = MainWindow(library)
    stalls: dict[str, float] = {}
    seconds: dict[str, float] = {}

    def phase(name: str, run: Callable[[], None]) -> None:
        heartbeat = Heartbeat(heartbeat_ms)
        heartbeat.start()
        started = time.perf_counter()
        run()
        seconds[name] = round(time.perf_counter() - started, 2)
        heartbeat.stop()
        stalls[name] = float(heartbeat.summary()["worst_stall_ms"])

    def fitted(stars: int | None = None) -> Callable[[], bool]:
        return lambda: window.for_you.model is not None and window.for_you.model.learned and (
            stars is None or len(window.for_you.model.starred) == stars)

    window.show()
    settle(app, window.is_started, SETTLE_S)  # the start itself is bench.scale's start_ratio
    phase("fit", lambda: settle(app, fitted(), SETTLE_S))
    window.sidebar.select_view(View("all"))
    settle(app, lambda: not window.navigation.listing_pending() and window.paper_proxy.rowCount() > 0, SETTLE_S)
    phase("scroll", lambda: scroll_through(window) and None)

    def toggle_stars() -> None:
        for _ in range(5):
            window.paper_list.select_row(window.paper_list.currentIndex().row() + 1)
            model = window.for_you.model
            before = len(model.starred) if model is not None else 0
            window.commands["toggle_star"].trigger()
            settle(app, lambda before=before: window.for_you.model is not None
                   and len(window.for_you.model.starred) != before, SETTLE_S)

    phase("refit", toggle_stars)

    def new_day() -> None:
        day = LAST_DAY + datetime.timedelta(days=30)
        papers = [dataclasses.replace(paper, date=day.isoformat(), arxiv_id=f"2507.{80001 + i:05d}")
                  for i, paper in enumerate(make_papers(25, seed=4242))]
        (new_days / f"{day.isoformat()}.md").write_text(render_digest(day.isoformat(), papers), encoding="utf-8")
        model = window.for_you.model
        window.start_update()
        # the cheap checks first: this runs every 2 ms
        settle(app, lambda: not window.updater.is_running() and window.for_you.model is not model
               and bool(library.papers(date=day.isoformat())), SETTLE_S)

    phase("indexing", new_day)
    child = window.for_you_process._child  # noqa: SLF001 - its pid, for its memory
    child_rss = peak_rss_mb(child.pid) if child is not None and child.pid is not None else None
    window_rss = peak_rss_mb()  # before the count below reads every paper
    window.close()
    library.close()
    return {"papers": len({paper.arxiv_id for paper in Library(data_dir).papers()}),
            "max_stall_ms": {**stalls, "all": max(stalls.values())}, "seconds": seconds,
            "peak_rss_mb": window_rss, "for_you_process_peak_rss_mb": child_rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--stars", type=int, default=50)
    parser.add_argument("--heartbeat-ms", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.data_dir, args.stars, args.heartbeat_ms)))


if __name__ == "__main__":
    main()
