"""How long the insights take on a large library: a trend of three terms, emerging terms, a week's recap.

Uses the synthetic library of bench/scale.py (the seeds' own sentences reshuffled, cached under
bench/out/), indexed once into its own data directory next to it (reused while it is complete), or
any data directory given with --data-dir (for example the development corpus indexed by hand).
Prints one JSON object; each figure is the median of --repeat runs after one untimed warm-up run on
a fresh Library (so the first run's file reads and imports are not in the median; "first_*" keys give
the warm-up itself: for a trend, the index reading the terms' postings and checking the glossary forms'
phrases, as a first search does). A trend's matches per day are kept in the data directory
(reader/features/trends_counts.py) until the index changes: "first_trend_*" is timed with that file
removed (counted from the index), "first_trend_3_terms_month_kept_s" with it (a later process, same
index). The trend medians drop the facade's per-term dates each run, so they time reading the kept counts
and turning them into periods; "trend_3_terms_cached_s" is a redraw of the same terms. --exact counts
without the glossary's forms. --fresh N adds the first trend in N fresh processes each way (counted,
kept; alternating): the trend call (imports it needs included) and the whole process. The bench writes
the counts file into the data directory it measures. On a shared, busy machine they are upper bounds.

    .venv/bin/python -m bench.insights_speed --papers 100000 --repeat 5 --fresh 5
    .venv/bin/python -m bench.insights_speed --data-dir /tmp/corpus-data --terms 강화학습 diffusion LLM
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reader.library import Library
from reader.library.insights import TREND_COUNTS_FILE

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_TERMS = ("모델", "diffusion", "LLM")  # in 98%, 24% and 59% of the synthetic papers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="an indexed data directory to measure instead")
    parser.add_argument("--terms", nargs="+", default=list(DEFAULT_TERMS))
    parser.add_argument("--exact", action="store_true", help="count the terms as typed (no glossary forms)")
    parser.add_argument("--fresh", type=int, default=0, help="also time the first trend in this many fresh processes")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # one fresh process's first trend
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(first_trend(args.data_dir, args.terms, args.exact)))
        return
    data_dir = args.data_dir or indexed_library(args.papers, args.seed)
    figures = measure(data_dir, args.terms, args.repeat, args.exact)
    if args.fresh:
        figures |= fresh_processes(data_dir, args.terms, args.exact, args.fresh)
    print(json.dumps(figures, ensure_ascii=False, indent=1))


def indexed_library(n_papers: int, seed: int) -> Path:
    """The synthetic library's data directory, indexed once (marked done only after a whole update)."""
    from bench.scale import synthetic_library  # not in --child: a fresh process imports what the CLI does

    work = OUT / f"scale-{n_papers}-seed{seed}"
    digests = synthetic_library(work, n_papers, seed)
    data_dir, done = work / "insights-data", work / "insights-data.done"
    if not done.exists():
        with Library(data_dir) as library:
            library.set_seeds_hidden(True)
            library.add_sources([digests])
            library.update()
        done.write_text("indexed\n")
    return data_dir


def measure(data_dir: Path, terms: list[str], repeat: int, exact: bool = False) -> dict[str, object]:
    with Library(data_dir) as library:
        days = library.days()
        newest = date.fromisoformat(days[0].date)
        year, week, _ = newest.isocalendar()
        iso_week = f"{year}-W{week:02d}"
        figures: dict[str, object] = {"papers": library.smart_counts().papers, "days": len(days),
                                      "terms": terms, "exact": exact, "week": iso_week}
        points = library.trends(terms, by="month", exact=exact)
        figures["matches"] = {term: sum(p.papers for p in points if p.term == term) for term in terms}
    first, _median = timed(data_dir, lambda lib: lib.trends(terms, by="month", exact=exact), 0)
    figures["first_trend_3_terms_month_kept_s"] = first  # the counts the call above kept
    for name, call in {
        "trend_3_terms_month_s": lambda lib: uncached(lib).trends(terms, by="month", exact=exact),
        "trend_3_terms_week_s": lambda lib: uncached(lib).trends(terms, by="week", exact=exact),
        "trend_3_terms_cached_s": lambda lib: lib.trends(terms, by="week", exact=exact),
        "emerging_s": lambda lib: lib.emerging_terms(limit=20),
        "recap_week_s": lambda lib: lib.recap_text(iso_week, "html"),
    }.items():
        if name.startswith("trend_"):
            forget_counts(data_dir)  # the first call counts from the index
        first, median = timed(data_dir, call, repeat)
        figures["first_" + name] = first
        figures[name] = median
    return figures


def uncached(library: Library) -> Library:
    """The library without its per-term dates (reader.library.insights keeps them while the catalogue is
    unchanged): the median then reads the kept counts again and counts periods."""
    library._trend_cache = None
    return library


def forget_counts(data_dir: Path) -> None:
    """Remove the kept trend counts, so the next trend counts from the index."""
    (data_dir / TREND_COUNTS_FILE).unlink(missing_ok=True)


def timed(data_dir: Path, call: Callable[[Library], object], repeat: int) -> tuple[float, float]:
    """(the first call on a fresh Library, the median of the next `repeat` calls on it; 0 for none)."""
    with Library(data_dir) as library:
        started = time.perf_counter()
        call(library)
        first = time.perf_counter() - started
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            call(library)
            runs.append(time.perf_counter() - started)
    return round(first, 4), round(statistics.median(runs), 4) if runs else 0.0


def first_trend(data_dir: Path, terms: list[str], exact: bool) -> dict[str, float]:
    """In this (fresh) process: the first trend after the library is open and its days listed, as the CLI does."""
    with Library(data_dir) as library:
        library.days()
        started, cpu = time.perf_counter(), time.process_time()
        library.trends(terms, by="month", exact=exact)
        return {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def fresh_processes(data_dir: Path, terms: list[str], exact: bool, runs: int) -> dict[str, object]:
    """Medians and ranges of the first trend in fresh processes, counted and kept, alternating."""
    command = [sys.executable, "-m", "bench.insights_speed", "--child", "--data-dir", str(data_dir), "--terms",
               *terms, *(["--exact"] if exact else [])]
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        for way in ("counted", "kept"):
            if way == "counted":
                forget_counts(data_dir)
            started = time.perf_counter()
            child = json.loads(subprocess.run(command, check=True, capture_output=True, text=True,
                                              cwd=Path(__file__).resolve().parent.parent).stdout)
            found.setdefault(f"fresh_{way}_process_s", []).append(time.perf_counter() - started)
            found.setdefault(f"fresh_{way}_trend_s", []).append(child["wall"])
            found.setdefault(f"fresh_{way}_trend_cpu_s", []).append(child["cpu"])
    return {name: {"median": round(statistics.median(values), 4), "min": round(min(values), 4),
                   "max": round(max(values), 4)} for name, values in found.items()}


if __name__ == "__main__":
    main()
