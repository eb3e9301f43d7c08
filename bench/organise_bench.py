"""What tags, mute filters and saved searches cost on a big library (issue 15's bench).

On a copy of an indexed synthetic library (default: the 100,000-paper one bench.scale and
bench.insights_speed leave under bench/out), measures, as medians of --repeat runs in ms:

* the sidebar's and the lists' numbers as the window asks for them (``days`` + ``smart_counts``
  through the mute filter, ``rows`` of "All papers" and of the newest day through ``without_muted``),
  first with no organisation, then with 20 tags on 2,000 papers and 10 mute words;
* the saved searches' badges: the first look at 20 saved searches (once, a full search each), then
  the GUI-thread cost when a day of 30 papers has arrived (written and indexed by another Library,
  as the window's background update does), the saved searches whose glossary forms that day changed
  searched again (the window does it on its first-look thread), and after a read mark.

    python -m bench.organise_bench [--data bench/out/scale-100000-seed0/insights-data] [--repeat 5]

A busy machine (2 cores shared) gives upper bounds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.synth import LAST_DAY, make_papers, render_digest
from reader.library import Library

OUT = Path(__file__).resolve().parent / "out"
MUTE_WORDS = ["Quantum", "Robotic", "Pen Spinning", "Soft", "author:Kim Minsu", "Watermark", "Sparse", "Hallucination",
              "Speculative", "Pruning"]
SAVED = ["LLM", "언어모델", "강화학습", "diffusion", "이미지 생성", "benchmark", "agent", "비디오", "robot", "3D",
         "토큰", "multimodal", "추론", "code", "speech", "retrieval", "효율", "Transformer", "데이터셋", "평가"]
NEW_DAY_PAPERS = 30


def median_ms(measure: Callable[[], object], repeat: int) -> float:
    measure()  # warm-up: caches and pages in
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        measure()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def window_numbers(library: Library, repeat: int) -> dict[str, dict[str, float]]:
    """The sidebar's counts and two lists, timed in turns without (Show muted on) and with the mute filters,
    so both halves see the same load of a busy machine."""
    newest = library.days()[0].date
    measures = {
        "sidebar_counts_ms": lambda: (library.days_without_muted(library.days()),
                                      library.smart_counts_without_muted(library.smart_counts())),
        "all_rows_ms": lambda: library.without_muted(library.rows()),
        "day_rows_ms": lambda: library.without_muted(library.rows(date=newest)),
        "tag_counts_ms": library.tag_counts,
    }
    times: dict[str, dict[str, list[float]]] = {"plain": {}, "organised": {}}
    for shown in (True, False):  # warm-up of both paths
        library.show_muted = shown
        for measure in measures.values():
            measure()
    for _ in range(repeat):
        for half, shown in (("plain", True), ("organised", False)):
            library.show_muted = shown
            for name, measure in measures.items():
                started = time.perf_counter()
                measure()
                times[half].setdefault(name, []).append((time.perf_counter() - started) * 1000)
    library.show_muted = False
    return {half: {name: round(statistics.median(values), 1) for name, values in by_name.items()}
            for half, by_name in times.items()}


def add_day(digests: Path, data: Path) -> Path:
    """A day of 30 papers in a folder of the library, indexed by another Library (the update process)."""
    day = LAST_DAY + datetime.timedelta(days=2)
    papers = [dataclasses.replace(paper, date=day.isoformat(), arxiv_id=f"2506.{80001 + i:05d}")
              for i, paper in enumerate(make_papers(NEW_DAY_PAPERS, seed=4242))]
    path = digests / f"{day:%Y/%m/%d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_digest(day.isoformat(), papers), encoding="utf-8")
    with Library(data) as updater:
        updater.update()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=OUT / "scale-100000-seed0" / "insights-data")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = OUT / f"organise-{args.data.parent.name}"
    data = work / "data"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.data, data)
    new_days = work / "new-days"  # the copy's own folder: the synthetic library's digests stay as they are
    new_days.mkdir()
    result: dict[str, object] = {}
    try:
        with Library(data) as library:
            result["papers"] = library.smart_counts().papers
            ids = sorted({row.arxiv_id for row in library.rows()})[:2000]
            for number in range(20):
                library.add_tags(ids[number::20], [f"tag {number}", "모든 태그"][: 1 + (number == 0)])
            library.add_mutes(MUTE_WORDS)
            started = time.perf_counter()
            result["muted_listings"] = len(library.muted_keys())
            result["mutes_first_look_ms"] = round((time.perf_counter() - started) * 1000, 1)
            numbers = window_numbers(library, args.repeat)
            result.update(numbers)
            result["ratio_sidebar_counts"] = round(numbers["organised"]["sidebar_counts_ms"]
                                                   / numbers["plain"]["sidebar_counts_ms"], 2)
            result["ratio_all_rows"] = round(numbers["organised"]["all_rows_ms"] / numbers["plain"]["all_rows_ms"], 2)
            days, counts = library.days(), library.smart_counts()
            result["mute_adjustment_ms"] = median_ms(  # what the mute filters add to the sidebar's counts
                lambda: (library.days_without_muted(days), library.smart_counts_without_muted(counts)), args.repeat)
            for query in SAVED:
                library.save_search(query, query)
            started = time.perf_counter()
            library.saved_search_counts()
            result["badges_first_look_ms"] = round((time.perf_counter() - started) * 1000, 1)
            result["badges_unchanged_ms"] = median_ms(library.saved_search_counts, args.repeat)
            library.add_sources([new_days])
            library.update()
            add_day(new_days, data)
            days = library.days()  # the window reads these anyway when days arrive (bench/RESULTS.md: today's cost)
            started = time.perf_counter()
            library.days_without_muted(days)  # the mute filters follow the new day
            library.saved_search_counts(followed_only=True)  # as the window asks: no full search on its thread
            result["badges_and_mutes_after_new_day_ms"] = round((time.perf_counter() - started) * 1000, 1)
            pending = library.pending_saved_searches()  # those the new day's glossary gave other forms
            started = time.perf_counter()
            for name, spec in pending:  # the window's first-look thread, with a Library of its own
                library.adopt_saved_search(name, spec, library.saved_search_keys(spec))
            result["badges_searched_again_for_the_glossary"] = [name for name, _spec in pending]
            result["badges_searched_again_off_the_gui_thread_ms"] = round((time.perf_counter() - started) * 1000, 1)
            badges = library.saved_search_counts(followed_only=True)
            library.set_read([f"2506.{80001:05d}"])
            started = time.perf_counter()
            library.saved_search_counts()
            result["badges_after_read_mark_ms"] = round((time.perf_counter() - started) * 1000, 1)
            result["badges_differing_from_a_search"] = [
                (saved.name, total, searched) for saved, total, _unread in badges
                if total != (searched := library.search(saved.query, limit=None, exact=saved.exact).total)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
