"""First and warm search at scale, each run in a fresh process: wall and CPU time per query.

``bench.scale``'s ``search_latency`` times the 42 queries of ``bench/search_quality.py`` once in one
process; on a shared machine one run says little. This runs ``--runs`` fresh processes on a data
directory (an indexed library; it is only read), each doing what ``search_latency`` does (open,
one warm-up query, every query once: its first search, then every query again: warm), and prints
the median and range over the runs of p50 / p95 of wall and CPU (``time.process_time``) time, with
the slowest queries of the median run.

Run as ``python -m bench.first_search DATA_DIR [--runs 5]`` (copy a shared data directory first:
opening it may write its caches).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.search_quality import QUERIES, percentile


def _p(values: list[float], fraction: float) -> float:
    """bench.scale's percentile (the 95th of 42 queries is the third slowest)."""
    return round(percentile(values, fraction), 1)


def one_run(data_dir: Path) -> dict[str, object]:
    """This process's first and warm pass over the queries (call it in a fresh process)."""
    from reader.library import Library

    queries = [text for text, _truth in QUERIES]
    passes: list[list[tuple[float, float]]] = [[], []]
    with Library(data_dir) as library:
        library.search(queries[0], limit=20)  # warm-up: opening the index readers is not a search
        for timings in passes:
            for query in queries:
                wall, cpu = time.perf_counter(), time.process_time()
                library.search(query, limit=20)
                timings.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    first, warm = passes
    slowest = sorted(zip(queries, first, strict=True), key=lambda item: -item[1][1])[:5]
    return {
        "first_p50_ms": _p([wall for wall, _cpu in first], 0.5),
        "first_p95_ms": _p([wall for wall, _cpu in first], 0.95),
        "first_p95_cpu_ms": _p([cpu for _wall, cpu in first], 0.95),
        "first_total_cpu_ms": round(sum(cpu for _wall, cpu in first)),
        "warm_p95_ms": _p([wall for wall, _cpu in warm], 0.95),
        "warm_p95_cpu_ms": _p([cpu for _wall, cpu in warm], 0.95),
        "slowest_first_cpu_ms": {query: round(cpu, 1) for query, (_wall, cpu) in slowest},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(args.data_dir), ensure_ascii=False))
        return
    runs = []
    for _ in range(args.runs):
        done = subprocess.run([sys.executable, "-m", "bench.first_search", str(args.data_dir), "--one"],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    keys = [key for key, value in runs[0].items() if isinstance(value, (int, float))]
    summary: dict[str, object] = {}
    for key in keys:
        values = [float(run[key]) for run in runs]
        summary[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    by_p95 = sorted(runs, key=lambda run: float(run["first_p95_cpu_ms"]))
    summary["runs"] = len(runs)
    summary["slowest_first_cpu_ms_median_run"] = by_p95[len(runs) // 2]["slowest_first_cpu_ms"]
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
