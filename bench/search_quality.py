"""Search quality and latency on a synthetic library, against an independent regex truth.

Builds a synthetic library (bench/synth.py), parses it with the real parser, indexes it with
SearchIndex, runs a fixed list of realistic queries and compares the hits with a truth computed
by plain regular expressions over the paper texts:

* Hangul words: substring (``모델`` in 모델을 and 언어모델), across the spaces of a compound;
* Latin words: case-insensitive word start, i.e. not preceded by an ASCII letter or digit; an
  acronym (``ViT``) whole or plural;
* phrases: the words adjacent, separated only by punctuation or spaces (Hangul: spaces or nothing);
* several words: all of them, each in any field (or in the named field).

The search runs without a glossary: this is exact mode (bench/bilingual_quality.py measures the
glossary's expansions).

Prints recall and precision (micro-averaged over queries), the worst query, and p50/p95 of the
top-20 search latency, then one JSON line. The latency runs after the quality pass, so the index
has read these queries' postings before ("warm", what a reader refining a query sees); the
"cold" figures time each query as the first search of a freshly opened index.
``python -m bench.search_quality [--papers N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench.synth import make_library
from reader.core.models import Paper
from reader.core.parse import read_digest
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex

# (query as typed, truth: list of (field or None, words, is_phrase) that must all match)
QUERIES: list[tuple[str, list[tuple[str | None, list[str], bool]]]] = [
    (text, [(None, [text], False)])
    for text in ["모델", "데이터셋", "벤치마크", "언어모델", "학습", "강화학습", "비디오", "확산", "에이전트", "추론",
                 "성능을", "이미지", "파라미터", "멀티모달", "LLM", "LLMs", "GPT-4o", "GPT-4", "Llama-3", "Llama",
                 "Transformer", "diffusion", "ViT", "RoPE", "3D", "LLM을", "Kinetics-400", "text-to-image"]
] + [
    ("언어 모델", [(None, ["언어"], False), (None, ["모델"], False)]),
    ("비디오 생성", [(None, ["비디오"], False), (None, ["생성"], False)]),
    ("LLM 추론", [(None, ["LLM"], False), (None, ["추론"], False)]),
    ("diffusion 이미지 생성", [(None, ["diffusion"], False), (None, ["이미지"], False), (None, ["생성"], False)]),
    ('"language model"', [(None, ["language", "model"], True)]),
    ('"대규모 언어 모델"', [(None, ["대규모", "언어", "모델"], True)]),
    ('"비디오 생성"', [(None, ["비디오", "생성"], True)]),
    ('"large language models"', [(None, ["large", "language", "models"], True)]),
    ("title:diffusion", [("title", ["diffusion"], False)]),
    ("title:LLM", [("title", ["LLM"], False)]),
    ('title:"language model"', [("title", ["language", "model"], True)]),
    ("author:Kim", [("authors", ["Kim"], False)]),
    ("author:Wang", [("authors", ["Wang"], False)]),
    ("author:Zhang 비디오", [("authors", ["Zhang"], False), (None, ["비디오"], False)]),
]


_HANGUL_WORD = re.compile(r"[가-힣]+")
_GAP = r"(?:[ \t\u00a0\u3000-]+)?"  # spaces or hyphens between the parts of a Korean compound, or none


def truth_regex(words: list[str], is_phrase: bool) -> re.Pattern[str]:
    """The independent truth (the README's rules, written again as one regex):

    * Hangul by substring, across spaces or hyphens between the words of a phrase and inside a word
      where two or more syllables are on either side (``강화학습`` ~ 강화 학습);
    * Latin words case-insensitively from a word start; the last one by prefix, unless it is typed as
      an acronym (at most four letters and digits, two or more capitals: ``ViT``): then whole or plural;
    * phrase words adjacent: Hangul ones apart by spaces or nothing, others by any punctuation.
    """
    words = words if is_phrase else words[:1]
    pieces = []
    for i, word in enumerate(words):
        hangul = _HANGUL_WORD.fullmatch(word) is not None
        if i:
            both_hangul = hangul and _HANGUL_WORD.fullmatch(words[i - 1]) is not None
            pieces.append(_GAP if both_hangul else r"[\W_]+")
        if hangul:
            pieces.append("".join((_GAP if 2 <= j <= len(word) - 2 else "") + re.escape(char)
                                  for j, char in enumerate(word)))
            continue
        before = r"(?<![A-Za-z0-9])" if i == 0 and re.match(r"[A-Za-z0-9]", word) else ""
        acronym = re.fullmatch(r"[A-Za-z0-9]{2,4}", word) and sum(char.isupper() for char in word) >= 2
        after = r"(?:e?s)?(?![A-Za-z0-9])" if acronym and i == len(words) - 1 else ""
        pieces.append(before + re.escape(word) + after)
    return re.compile("".join(pieces), re.IGNORECASE)


def paper_fields(paper: Paper) -> dict[str, str]:
    return {"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text}


def truth_keys(papers: list[Paper], spec: list[tuple[str | None, list[str], bool]]) -> set[tuple[str, str, str]]:
    regexes = [(field, truth_regex(words, phrase)) for field, words, phrase in spec]
    keys = set()
    for paper in papers:
        fields = paper_fields(paper)
        if all(any(rx.search(text) for name, text in fields.items() if field in (None, name)) for field, rx in regexes):
            keys.add((paper.source, paper.date, paper.arxiv_id))
    return keys


def load_synthetic(directory: Path, n_papers: int, seed: int = 0) -> list[Paper]:
    """Write a synthetic library and parse it back with the reader's own parser."""
    return [paper for path in make_library(directory, n_papers, seed) for paper in read_digest(path).papers]


def latencies(index: SearchIndex, queries: list[str], repeats: int = 5, limit: int = 20) -> list[float]:
    """Milliseconds per top-``limit`` search (query parsing included), every query ``repeats`` times."""
    times = []
    for _ in range(repeats):
        for text in queries:
            start = time.perf_counter()
            index.search(parse_query(text), limit)
            times.append((time.perf_counter() - start) * 1000)
    return times


def cold_latencies(directory: Path, queries: list[str], limit: int = 20) -> list[float]:
    """Milliseconds of each query as the first search of a freshly opened index (no cached postings)."""
    times = []
    for text in queries:
        index = SearchIndex(directory)
        start = time.perf_counter()
        index.search(parse_query(text), limit)
        times.append((time.perf_counter() - start) * 1000)
        index.close()
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        papers = load_synthetic(Path(tmp) / "library", args.papers, args.seed)
        index = SearchIndex(Path(tmp) / "index")
        index.update([], papers)
        found_total = true_total = hit_total = 0
        worst: tuple[float, str] = (2.0, "")
        for text, spec in QUERIES:
            truth = truth_keys(papers, spec)
            hits, total = index.search(parse_query(text), None)
            found = {(hit.source, hit.date, hit.arxiv_id) for hit in hits}
            correct = len(found & truth)
            recall = correct / len(truth) if truth else 1.0
            precision = correct / len(found) if found else 1.0
            print(f"{text:28} truth={len(truth):5} found={len(found):5} total={total:5} "
                  f"recall={recall:.3f} precision={precision:.3f}")
            worst = min(worst, (min(recall, precision), text))
            found_total += len(found)
            true_total += len(truth)
            hit_total += correct
        times = latencies(index, [text for text, _ in QUERIES])
        index.close()
        cold = cold_latencies(Path(tmp) / "index", [text for text, _ in QUERIES])
    result = {
        "papers": len(papers),
        "queries": len(QUERIES),
        "recall": round(hit_total / true_total, 4),
        "precision": round(hit_total / found_total, 4),
        "worst_query": worst[1],
        "worst_query_min_recall_precision": round(worst[0], 4),
        "top20_p50_ms": round(statistics.median(times), 1),
        "top20_p95_ms": round(percentile(times, 0.95), 1),
        "top20_max_ms": round(max(times), 1),
        "top20_cold_p50_ms": round(statistics.median(cold), 1),
        "top20_cold_p95_ms": round(percentile(cold, 0.95), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
