"""The speed-and-scale benchmark of issue #4: one command, one JSON object.

    python -m bench.scale --papers 5000 [--repeat 3] [--out FILE]

Builds (once, cached under bench/out/) a synthetic library of N papers from the seeds
(bench/synth.py), then measures on this machine, in this run:

* ``index_full_s`` / ``papers_per_s``: a fresh data directory, ``Library.update()`` over the library;
* ``baseline_plain_whoosh_s``: Whoosh's StandardAnalyzer on the same title/authors/body, one
  writer, ``limitmb=512`` (bench/index_bench.py); ``ratio_to_plain`` = ours / plain;
* ``index_mb``: the search index folder; ``catalogue_mb``: the sqlite catalogue;
* ``add_one_day_s``: a new digest of 25 papers dropped into the library folder, ``Library.update()``;
* ``reopen_unchanged_s``: wall time of the real command ``daily-papers --data-dir D index`` with
  nothing changed, as a user types it (interpreter start-up and imports included), after a first such
  command: ``idle_merge_s`` is that first one, the idle moment that merges what updates leave (at 100,000
  papers the first build's 5,000-paper segments: ``index_segments_after_idle``; the window runs it in its
  update process);
* ``search_top20_p50_ms`` / ``p95``: ``Library.search(q, limit=20)`` over bench/search_quality.py's
  fixed Korean, Latin, phrase and field queries (after one warm-up query); ``search_top20_warm_*``: one
  more pass after those, every posting list already read;
* ``window_visible_s``: from spawning ``daily-papers --data-dir D`` until its main window is first
  exposed and painted (the ``DAILY_PAPERS_STARTUP_PROBE`` hook in reader/ui/window/launch.py prints the time);
  ``bare_pyside6_window_s``: the same for a minimal PySide6 QMainWindow; ``start_ratio`` = the two;
* ``peak_rss_mb``, ``max_scroll_stall_ms``, ``open_all_ms``, ``open_all_stall_ms``: bench/window_probe.py (the
  window with "All papers" shown and scrolled; its rows are read on a thread, the stall is the GUI thread's);
  ``max_index_stall_ms``: bench/gui_stall.py (the window while a background update indexes the whole
  library); ``max_gui_stall_ms`` = the larger of the scroll and indexing stalls.

* ``index_segments`` / ``index_segments_after_day``: the index's segments after the full build and
  after the new day (reader/index/merge_policy.py: a day merges only small segments);
  ``add_one_day_max_s``: the slowest of the ``--repeat`` new days; ``week_of_days_max_s``: the slowest of
  eight new days in a row, one update each (the eighth merges the seven day segments before it), and
  ``week_of_days_listed_max_s`` the most time until such a day was in the catalogue (on screen; the
  merges and the glossary refresh run after that);
* the new features' figures (``FEATURE_KEYS``, null while a feature is absent or its bench is not
  wired yet): each feature adds its measurement as one function in ``FEATURE_BENCHES``.

Every timing is the median over ``--repeat`` runs (the window stall run happens once: it indexes
the whole library again). The window runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from bench.index_bench import directory_mb, index_plain_whoosh
from bench.search_quality import QUERIES, percentile
from bench.synth import LAST_DAY, make_library, make_papers, render_digest
from reader.library import Library

OUT_DIR = Path(__file__).resolve().parent / "out"
NEW_DAY_PAPERS = 25
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1400, 860)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    print(f"window-exposed {time.time():.6f}", flush=True)
    window.close()
window.winId()
probe = Probe()
window.windowHandle().installEventFilter(probe)
window.show()
app.exec()
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="also write the JSON object to this file")
    parser.add_argument("--no-index-stall", action="store_true",
                        help="skip the window-while-indexing run (it indexes the whole library once more)")
    parser.add_argument("--no-features", action="store_true", help="leave the new features' figures null")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = run(args.papers, args.repeat, args.seed, not args.no_index_stall, not args.no_features)
    text = json.dumps(result, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


def run(n_papers: int, repeat: int, seed: int, index_stall: bool, features: bool = True) -> dict[str, object]:
    work = OUT_DIR / f"scale-{n_papers}-seed{seed}"
    digests = synthetic_library(work, n_papers, seed)
    data_dir = work / "data"
    result: dict[str, object] = _Results(papers=n_papers, date=datetime.date.today().isoformat(),
                                         machine=machine(), repeat=repeat)

    index_times = [full_index(digests, data_dir) for _ in range(repeat)]
    papers = make_papers(n_papers, seed)
    plain_times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            plain_times.append(index_plain_whoosh(Path(tmp) / "plain", papers))
    del papers
    result["index_full_s"] = round(statistics.median(index_times), 2)
    result["papers_per_s"] = round(n_papers / statistics.median(index_times))
    result["baseline_plain_whoosh_s"] = round(statistics.median(plain_times), 2)
    result["ratio_to_plain"] = round(statistics.median(index_times) / statistics.median(plain_times), 3)
    result["index_mb"] = round(directory_mb(data_dir / "index"), 1)
    result["catalogue_mb"] = round(sum(p.stat().st_size for p in data_dir.glob("catalogue.sqlite*")) / 1e6, 1)
    result["index_segments"] = len(segment_ids(data_dir))

    day_times, day_segments = zip(*(add_one_day(digests, data_dir) for _ in range(repeat)), strict=True)
    result["add_one_day_s"] = round(statistics.median(day_times), 3)
    result["add_one_day_max_s"] = round(max(day_times), 3)
    result["index_segments_after_day"] = max(day_segments)
    week = week_of_days(digests, data_dir)
    result["week_of_days_max_s"] = round(max(total for total, _listed in week), 3)
    result["week_of_days_listed_max_s"] = round(max(listed for _total, listed in week), 3)
    result["idle_merge_s"] = round(reopen_unchanged(data_dir), 3)
    result["index_segments_after_idle"] = len(segment_ids(data_dir))
    result["reopen_unchanged_s"] = round(median_after_warmup(lambda: reopen_unchanged(data_dir), repeat), 3)
    result.update(search_latency(data_dir, repeat))

    window_s = median_after_warmup(lambda: time_to_expose(daily_papers() + ["--data-dir", str(data_dir)]), repeat)
    bare_s = median_after_warmup(lambda: time_to_expose([sys.executable, "-c", BARE_WINDOW]), repeat)
    result["window_visible_s"] = round(window_s, 3)
    result["bare_pyside6_window_s"] = round(bare_s, 3)
    result["start_ratio"] = round(window_s / bare_s, 2)

    probes = [json_of([sys.executable, "-m", "bench.window_probe", str(data_dir)]) for _ in range(repeat)]
    result["peak_rss_mb"] = statistics.median(p["peak_rss_mb"] for p in probes)
    result["open_all_ms"] = statistics.median(p["open_all_ms"] for p in probes)
    result["open_all_stall_ms"] = max(p["open_all_stall_ms"] for p in probes)
    result["max_scroll_stall_ms"] = statistics.median(p["max_scroll_stall_ms"] for p in probes)
    stalls = [result["max_scroll_stall_ms"]]
    if index_stall:
        indexing = json_of([sys.executable, "-m", "bench.gui_stall", "--papers", str(n_papers)])
        result["max_index_stall_ms"] = indexing["worst_stall_ms"]
        stalls.append(indexing["worst_stall_ms"])
    result["max_gui_stall_ms"] = max(stalls)
    result.update(feature_figures(data_dir, repeat) if features else dict.fromkeys(FEATURE_KEYS))
    return result


# The new features' figures. Every key is in the JSON; null until a bench below measures it.
FEATURE_KEYS = (
    "glossary_mining_ms_per_1000_papers",
    "for_you_build_ms", "for_you_refit_ms", "for_you_day_ranking_ms", "similar_papers_ms",
    "trend_3_terms_month_s", "emerging_terms_s", "recap_week_s",
    "saved_search_badges_ms", "mute_filter_ms", "tags_ms",
    "everything_on_max_gui_stall_ms", "everything_on_peak_rss_mb", "for_you_process_peak_rss_mb",
    "everything_on_fit_stall_ms", "everything_on_scroll_stall_ms", "everything_on_refit_stall_ms",
    "everything_on_indexing_stall_ms",
)


def glossary_mining(data_dir: Path, repeat: int) -> dict[str, float]:
    """The glossary's share of indexing: mining 1,000 papers' evidence into a fresh glossary file, and its build."""
    papers = make_papers(1000, seed=777)
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "data") as library:
            store = library._glossary_store  # noqa: SLF001 - the glossary alone, without parsing or indexing
            started = time.perf_counter()
            store.replace([], papers)
            store.refresh()
            times.append(time.perf_counter() - started)
    return {"glossary_mining_ms_per_1000_papers": round(statistics.median(times) * 1000, 1)}


def recommendations(data_dir: Path, repeat: int) -> dict[str, float]:
    from bench.recommend_quality import speeds

    with Library(data_dir) as library:
        figures = speeds(library)
    return {"for_you_build_ms": round(figures["build_ms"], 1), "for_you_refit_ms": round(figures["refit_ms"], 1),
            "for_you_day_ranking_ms": round(figures["rank_day_ms"], 1),
            "similar_papers_ms": round(figures["similar_ms"], 1)}


def insights(data_dir: Path, repeat: int) -> dict[str, float]:
    from bench.insights_speed import DEFAULT_TERMS, measure

    figures = measure(data_dir, list(DEFAULT_TERMS), repeat)
    return {key: cast(float, figures[name]) for key, name in (
        ("trend_3_terms_month_s", "trend_3_terms_month_s"), ("emerging_terms_s", "emerging_s"),
        ("recap_week_s", "recap_week_s"))}


def organised(data_dir: Path, repeat: int) -> dict[str, float]:
    """Tags, mute filters and saved searches (bench/organise_bench.py, on a copy of the library): the saved
    searches' badges and the mute filters as the GUI thread follows them after a new day, the mute filters' cost
    in the sidebar's counts, and the tags' counts with 20 tags."""
    figures = json_of([sys.executable, "-m", "bench.organise_bench", "--data", str(data_dir), "--repeat", str(repeat)])
    return {"saved_search_badges_ms": figures["badges_and_mutes_after_new_day_ms"],
            "mute_filter_ms": figures["mute_adjustment_ms"], "tags_ms": figures["organised"]["tag_counts_ms"]}


def everything_on(data_dir: Path, repeat: int) -> dict[str, float]:
    """The window with 20 tags, 10 mute words, 20 saved searches and For you on 50 stars (bench/everything_on.py,
    on a copy of the library): the worst GUI stall while For you builds and refits, scrolling and indexing a new
    day, and the window's peak RSS (For you's own process is in for_you_process_peak_rss_mb)."""
    figures = json_of([sys.executable, "-m", "bench.everything_on", str(data_dir)])
    return {"everything_on_max_gui_stall_ms": figures["max_stall_ms"]["all"],
            "everything_on_peak_rss_mb": figures["peak_rss_mb"],
            "for_you_process_peak_rss_mb": figures["for_you_process_peak_rss_mb"],
            **{f"everything_on_{phase}_stall_ms": stall for phase, stall in figures["max_stall_ms"].items()
               if phase != "all"}}


# One function per feature: (data directory, repeat) -> some of FEATURE_KEYS.
FEATURE_BENCHES: list[Callable[[Path, int], dict[str, float]]] = [glossary_mining, recommendations, insights,
                                                                   organised, everything_on]


def feature_figures(data_dir: Path, repeat: int) -> dict[str, float | None]:
    """FEATURE_KEYS, each measured where a bench gives it; a bench that fails (a feature half-built) leaves its
    keys null and says why on stderr, so one feature never costs the whole run."""
    figures: dict[str, float | None] = dict.fromkeys(FEATURE_KEYS)
    for bench in FEATURE_BENCHES:
        try:
            measured = bench(data_dir, repeat)
        except Exception as error:  # noqa: BLE001 - reported, the other figures still count
            print(f"{bench.__name__}: not measured: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            continue
        unknown = set(measured) - set(figures)
        if unknown:
            raise KeyError(f"{bench.__name__} gives keys not in FEATURE_KEYS: {sorted(unknown)}")
        figures.update(measured)
    return figures


def segment_ids(data_dir: Path) -> list[str]:
    from reader.index.search_index import SearchIndex

    index = SearchIndex(data_dir / "index")
    try:
        return index.segment_ids()
    finally:
        index.close()


class _Results(dict):
    """The result object, logging each figure to stderr as it is measured (a 100k run takes long)."""

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        print(f"{key}: {value}", file=sys.stderr, flush=True)

    def update(self, other: dict) -> None:  # type: ignore[override]
        for key, value in other.items():
            self[key] = value


def synthetic_library(work: Path, n_papers: int, seed: int) -> Path:
    """The digests of the synthetic library, written once and reused (same seed, same files)."""
    digests, done = work / "digests", work / "digests.done"
    if not done.exists():
        shutil.rmtree(digests, ignore_errors=True)
        paths = make_library(digests, n_papers, seed)
        done.write_text(str(len(paths)))
    return digests


def full_index(digests: Path, data_dir: Path) -> float:
    """A first start: empty data directory, one source folder, one update."""
    shutil.rmtree(data_dir, ignore_errors=True)
    with Library(data_dir) as library:
        library.add_sources([digests])
        library.remove_source(next(s.path for s in library.sources() if s.builtin))
        started = time.perf_counter()
        library.update()
        return time.perf_counter() - started


def add_one_day(digests: Path, data_dir: Path) -> tuple[float, int]:
    """A new day's digest appears in the library folder; the update that picks it up is timed (and the
    index's segments after it counted)."""
    new_day = LAST_DAY + datetime.timedelta(days=1)
    papers = [
        dataclasses.replace(paper, date=new_day.isoformat(), arxiv_id=f"2506.{90001 + i:05d}")
        for i, paper in enumerate(make_papers(NEW_DAY_PAPERS, seed=12345))
    ]
    path = digests / f"{new_day:%Y/%m/%d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_digest(new_day.isoformat(), papers), encoding="utf-8")
    try:
        with Library(data_dir) as library:
            started = time.perf_counter()
            report = library.update()
            elapsed = time.perf_counter() - started
        assert report.changed == 1, report
        segments = len(segment_ids(data_dir))
    finally:
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
        with Library(data_dir) as library:
            library.update()  # back to the cached library for the next measurement
    return elapsed, segments


def week_of_days(digests: Path, data_dir: Path) -> list[tuple[float, float]]:
    """Eight new days, one update each (the eighth merges the seven small segments before it: the
    merge policy's regular cost), then removed again. For each update: its seconds, and the seconds
    until the day was in the catalogue (the window lists it then; the glossary refresh and the merges
    come after)."""
    from reader.stores.catalogue import Catalogue

    paths: list[Path] = []
    times: list[tuple[float, float]] = []
    listed: list[float] = []
    replace_files = Catalogue.replace_files

    def timed_replace(catalogue: Catalogue, *args: object, **kwargs: object) -> object:
        done = replace_files(catalogue, *args, **kwargs)  # type: ignore[arg-type]
        listed.append(time.perf_counter())
        return done

    Catalogue.replace_files = timed_replace  # type: ignore[method-assign]
    try:
        for k in range(1, 9):
            day = LAST_DAY + datetime.timedelta(days=1 + k)
            papers = [dataclasses.replace(paper, date=day.isoformat(), arxiv_id=f"2507.{k * 100 + i:05d}")
                      for i, paper in enumerate(make_papers(NEW_DAY_PAPERS, seed=12345 + k))]
            path = digests / f"{day:%Y/%m/%d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_digest(day.isoformat(), papers), encoding="utf-8")
            paths.append(path)
            with Library(data_dir) as library:
                listed.clear()
                started = time.perf_counter()
                library.update()
                times.append((time.perf_counter() - started, listed[-1] - started))
    finally:
        Catalogue.replace_files = replace_files  # type: ignore[method-assign]
        for path in paths:
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()
        with Library(data_dir) as library:
            library.update()
    return times


def daily_papers() -> list[str]:
    """The installed command next to this interpreter, else ``python -m reader``."""
    script = Path(sys.executable).with_name("daily-papers")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def reopen_unchanged(data_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(daily_papers() + ["--data-dir", str(data_dir), "index"], check=True, capture_output=True)
    return time.perf_counter() - started


def search_latency(data_dir: Path, repeat: int) -> dict[str, float]:
    """The median over ``repeat`` passes of the queries (the first pass is each word's first search), and
    one more pass after those (``warm``: every posting list read already)."""
    queries = [text for text, _truth in QUERIES]
    p50s, p95s = [], []
    with Library(data_dir) as library:
        library.search(queries[0], limit=20)  # warm-up: opening the index readers is not a search
        for _ in range(repeat + 1):
            times = []
            for query in queries:
                started = time.perf_counter()
                library.search(query, limit=20)
                times.append((time.perf_counter() - started) * 1000)
            p50s.append(statistics.median(times))
            p95s.append(percentile(times, 0.95))
    return {"search_top20_p50_ms": round(statistics.median(p50s[:repeat]), 1),
            "search_top20_p95_ms": round(statistics.median(p95s[:repeat]), 1),
            "search_top20_warm_p50_ms": round(p50s[-1], 1), "search_top20_warm_p95_ms": round(p95s[-1], 1)}


def time_to_expose(command: list[str]) -> float:
    """Seconds from spawning `command` until it prints ``window-exposed <unix time>``."""
    env = {**os.environ, "DAILY_PAPERS_STARTUP_PROBE": "1"}
    # An installed app has its .pyc files; where PYTHONDONTWRITEBYTECODE is set (some sandboxes and
    # CI images) every start would compile our modules from source again, 40-90 ms of nothing real.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith("window-exposed "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[0]} never showed its window: {done.stderr[-2000:]}")


def median_after_warmup(measure: Callable[[], float], repeat: int) -> float:
    """One untimed run first (cold file cache, .pyc files), then the median of `repeat` runs."""
    measure()
    return statistics.median(measure() for _ in range(repeat))


def json_of(command: list[str]) -> dict:
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    start = done.stdout.index("{")
    return json.loads(done.stdout[start:])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GB RAM"
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


if __name__ == "__main__":
    main()
