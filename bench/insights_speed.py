"""How long the insights take on a large library: a trend of three terms, emerging terms, a week's recap.

Uses the synthetic library of bench/scale.py (the seeds' own sentences reshuffled, cached under
bench/out/), indexed once into its own data directory next to it (reused while it is complete), or
any data directory given with --data-dir (for example the development corpus indexed by hand).
Prints one JSON object; each figure is the median of --repeat runs after one untimed warm-up run on
a fresh Library (so the first run's file reads and imports are not in the median; "first_*" keys give
the warm-up itself: for a trend, the index reading the terms' postings and checking the glossary forms'
phrases, as a first search does). The trend medians drop the facade's per-term dates each run, but the
index keeps each query's matching documents while its searcher lives, so they time turning those into
periods; "trend_3_terms_cached_s" is a redraw of the same terms. --exact counts without the glossary's
forms. On a shared, busy machine they are upper bounds.

    .venv/bin/python -m bench.insights_speed --papers 100000 --repeat 5
    .venv/bin/python -m bench.insights_speed --data-dir /tmp/corpus-data --terms 강화학습 diffusion LLM
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.scale import synthetic_library
from reader.library import Library

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
    args = parser.parse_args(argv)
    data_dir = args.data_dir or indexed_library(args.papers, args.seed)
    print(json.dumps(measure(data_dir, args.terms, args.repeat, args.exact), ensure_ascii=False, indent=1))


def indexed_library(n_papers: int, seed: int) -> Path:
    """The synthetic library's data directory, indexed once (marked done only after a whole update)."""
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
    for name, call in {
        "trend_3_terms_month_s": lambda lib: uncached(lib).trends(terms, by="month", exact=exact),
        "trend_3_terms_week_s": lambda lib: uncached(lib).trends(terms, by="week", exact=exact),
        "trend_3_terms_cached_s": lambda lib: lib.trends(terms, by="week", exact=exact),
        "emerging_s": lambda lib: lib.emerging_terms(limit=20),
        "recap_week_s": lambda lib: lib.recap_text(iso_week, "html"),
    }.items():
        first, median = timed(data_dir, call, repeat)
        figures["first_" + name] = first
        figures[name] = median
    return figures


def uncached(library: Library) -> Library:
    """The library without its per-term dates (reader.library.insights keeps them while the catalogue is
    unchanged): the median then asks the index again (which answers from its match sets) and counts periods."""
    library._trend_cache = None
    return library


def timed(data_dir: Path, call: Callable[[Library], object], repeat: int) -> tuple[float, float]:
    """(the first call on a fresh Library, the median of the next `repeat` calls on it)."""
    with Library(data_dir) as library:
        started = time.perf_counter()
        call(library)
        first = time.perf_counter() - started
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            call(library)
            runs.append(time.perf_counter() - started)
    return round(first, 4), round(statistics.median(runs), 4)


if __name__ == "__main__":
    main()
