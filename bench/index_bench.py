"""Indexing throughput, index size and search latency on a synthetic library; prints one JSON object.

The baseline is what the speed issue compares against: plain Whoosh (StandardAnalyzer TEXT
fields for title, authors and body, stored identity, ``limitmb=512``) indexing the same papers.
``ratio_to_plain`` = our indexing time / plain Whoosh's (<= 1.0 means no slower).

``python -m bench.index_bench [--papers N] [--no-baseline]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from bench.search_quality import QUERIES, cold_latencies, latencies, load_synthetic, percentile
from reader.core.models import Paper
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from whoosh import fields, index
    from whoosh.analysis import StandardAnalyzer


def directory_mb(directory: Path) -> float:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file()) / 1e6


def index_ours(directory: Path, papers: list[Paper]) -> float:
    start = time.perf_counter()
    search_index = SearchIndex(directory)
    search_index.update([], papers)
    search_index.close()
    return time.perf_counter() - start


def index_plain_whoosh(directory: Path, papers: list[Paper]) -> float:
    """Plain Whoosh with StandardAnalyzer on the same text, one writer, limitmb=512."""
    start = time.perf_counter()
    directory.mkdir(parents=True)
    schema = fields.Schema(source=fields.ID(), ident=fields.STORED(),
                           title=fields.TEXT(analyzer=StandardAnalyzer()),
                           authors=fields.TEXT(analyzer=StandardAnalyzer()),
                           body=fields.TEXT(analyzer=StandardAnalyzer()))
    writer = index.create_in(str(directory), schema).writer(limitmb=512)
    for paper in papers:
        writer.add_document(source=paper.source, ident=(paper.source, paper.date, paper.arxiv_id),
                            title=paper.title, authors=", ".join(paper.authors), body=paper.summary_text)
    writer.commit()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain Whoosh comparison")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        papers = load_synthetic(Path(tmp) / "library", args.papers, args.seed)
        ours_s = index_ours(Path(tmp) / "index", papers)
        search_index = SearchIndex(Path(tmp) / "index")
        start = time.perf_counter()
        search_index.search(parse_query("모델"), 20)
        first_search_ms = (time.perf_counter() - start) * 1000
        times = latencies(search_index, [text for text, _ in QUERIES])
        search_index.close()
        cold = cold_latencies(Path(tmp) / "index", [text for text, _ in QUERIES])
        result = {
            "papers": len(papers),
            "index_s": round(ours_s, 2),
            "papers_per_s": round(len(papers) / ours_s),
            "index_mb": round(directory_mb(Path(tmp) / "index"), 1),
            "first_search_ms": round(first_search_ms, 1),
            "search_p50_ms": round(statistics.median(times), 1),
            "search_p95_ms": round(percentile(times, 0.95), 1),
            "search_cold_p50_ms": round(statistics.median(cold), 1),
            "search_cold_p95_ms": round(percentile(cold, 0.95), 1),
        }
        if not args.no_baseline:
            plain_s = index_plain_whoosh(Path(tmp) / "plain", papers)
            result["baseline_plain_whoosh_s"] = round(plain_s, 2)
            result["baseline_plain_whoosh_mb"] = round(directory_mb(Path(tmp) / "plain"), 1)
            result["ratio_to_plain"] = round(ours_s / plain_s, 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
