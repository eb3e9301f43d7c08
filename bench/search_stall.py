"""How long does the GUI thread stall while the reader types searches in the window?

Builds a synthetic library (bench/synth.py, indexed before the window opens), opens the real MainWindow,
and types each query of ``QUERIES`` into the search field one character every ``--key-ms``, waiting for
its results; a QTimer heartbeat on the GUI thread (bench/gui_stall.py's) records every gap beyond its
interval. For comparison, the same queries are then searched on the GUI thread itself (as the window did
before its searches moved to background/search_worker.py), with the heartbeat running.

Prints one JSON object: per query the worst stall while typing it in the window (from the first key to
its results listed; emptying the field before it, which brings the previous view back, is not counted)
and the stall of the same search on the GUI thread. The queries include a glossary expansion, a spaced
Korean compound and an OR of twenty letters (issue 12's slow query).

    python -m bench.search_stall [--papers 5000] [--heartbeat-ms 10] [--key-ms 80] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.gui_stall import Heartbeat  # noqa: E402
from bench.synth import make_library  # noqa: E402
from reader.core.errors import ReaderError  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.ui.window.main_window import MainWindow  # noqa: E402

QUERIES = ("대형 언어 모델", "reinforcement learning", "언어모델", "title:LLM", " OR ".join("abcdefghijklmnopqrst"))
SEARCH_LIMIT = 500  # what the window lists


def _wait(app: QApplication, done: object, timeout_s: float = 120.0) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)
    return bool(done())  # type: ignore[operator]


def _type(app: QApplication, window: MainWindow, query: str, key_ms: int) -> bool:
    """Type ``query`` a character at a time (as an input method commits them) and wait for its results."""
    field = window.search_bar.field
    for char in query:
        field.insert(char)
        _wait(app, lambda: False, key_ms / 1000)
    return _wait(app, lambda: window.navigation.search_query() == query.strip()
                 and not window.navigation._searches.is_busy())


def _search_on_gui_thread(library: Library, query: str) -> str:
    try:
        return f"{library.search(query, SEARCH_LIMIT).total} matches"
    except ReaderError as error:
        return f"refused: {error}"


def measure(papers: int, heartbeat_ms: int, key_ms: int, work: Path) -> dict[str, object]:
    digests, data_dir = work / "digests", work / "data"
    make_library(digests, papers)
    with Library(data_dir) as library:
        library.add_sources([digests])
        library.update()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    library = Library(data_dir)
    window = MainWindow(library)
    window.show()
    _wait(app, window.is_started)
    rows: dict[str, dict[str, object]] = {query: {} for query in QUERIES}
    for query in QUERIES:  # the old way first (both Libraries start cold): the search on the GUI thread
        outcome: list[str] = []
        heartbeat = Heartbeat(heartbeat_ms)
        heartbeat.start()
        QTimer.singleShot(heartbeat_ms * 3, lambda query=query, outcome=outcome: outcome.append(
            _search_on_gui_thread(window.library, query)))
        _wait(app, lambda outcome=outcome: bool(outcome))
        _wait(app, lambda: False, heartbeat_ms * 5 / 1000)
        heartbeat.stop()
        rows[query].update(gui_thread_search_stall_ms=heartbeat.summary()["worst_stall_ms"], outcome=outcome[0])
    for query in QUERIES:  # in the window: typed, searched on the search thread
        window.search_bar.field.clear()  # leaving the last search (the view before it comes back): not counted
        _wait(app, lambda: False, 0.5)
        heartbeat = Heartbeat(heartbeat_ms)
        heartbeat.start()
        found = _type(app, window, query, key_ms)
        heartbeat.stop()
        rows[query].update(window_worst_stall_ms=heartbeat.summary()["worst_stall_ms"], listed=found)
    window.close()
    library.close()
    return {"papers": papers, "heartbeat_ms": heartbeat_ms, "key_ms": key_ms, "queries": rows,
            "platform": QApplication.platformName()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--heartbeat-ms", type=int, default=10)
    parser.add_argument("--key-ms", type=int, default=80, help="time between two typed characters")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-stall-"))
    try:
        print(json.dumps(measure(args.papers, args.heartbeat_ms, args.key_ms, work), ensure_ascii=False, indent=1))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
