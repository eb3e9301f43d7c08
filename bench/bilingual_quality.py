"""Search that reads Korean the way Koreans write it: spacing variants and bilingual terms, measured.

Builds a synthetic library from the seeds (bench/synth.py) and writes into some of its summaries, in
sentences of this module's own making,

* 15 Korean compounds, glued (``음성인식``) or spaced (``음성 인식``), and their parts apart
  (``음성 데이터와 인식 모듈``, ``음성, 인식``: not the compound);
* 20 concepts in one of their forms: defined (``지식 증류(Knowledge Distillation; KD)``, which the
  glossary mines), Korean (glued or spaced), English (any case, plural, hyphens) or the abbreviation.

The library is indexed by the real ``Library.update()`` (parser, index, glossary), then searched:

* spacing: each compound typed glued and as a spaced phrase, in exact mode (spacing is not the
  glossary's doing), against ``compound_truth`` (the parts with optional spaces);
* concepts: each concept asked in Korean and in English, with the glossary, against
  ``concept_truth`` (any of the concept's forms);
* literal: bench/search_quality.py's queries in exact mode against that module's truth;

and prints recall and precision (micro-averaged) per set, the worst queries, the top-20 latency
(p50/p95 over every query of the three sets, glossary on) and the glossary's size, then one JSON line.

``python -m bench.bilingual_quality [--papers N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench.search_quality import QUERIES, paper_fields, percentile, truth_keys
from bench.synth import make_papers, render_digest
from reader.core.models import Paper, Section
from reader.library import Library

COMPOUNDS = [("음성", "인식"), ("객체", "탐지"), ("지식", "증류"), ("이미지", "생성"), ("모델", "압축"),
             ("데이터", "증강"), ("질의", "응답"), ("문서", "요약"), ("기계", "번역"), ("미세", "조정"),
             ("사전", "학습"), ("행동", "인식"), ("장면", "이해"), ("포즈", "추정"), ("깊이", "추정")]
# (Korean words, English, abbreviation or "")
CONCEPTS = [
    (("강화", "학습"), "reinforcement learning", "RL"),
    (("지식", "증류"), "knowledge distillation", "KD"),
    (("자동", "음성", "인식"), "automatic speech recognition", "ASR"),
    (("생성적", "적대", "신경망"), "generative adversarial network", "GAN"),
    (("그래프", "신경망"), "graph neural network", "GNN"),
    (("검색", "증강", "생성"), "retrieval-augmented generation", "RAG"),
    (("저랭크", "적응"), "low-rank adaptation", "LoRA"),
    (("연쇄적", "사고"), "chain of thought", "CoT"),
    (("직접", "선호", "최적화"), "direct preference optimization", "DPO"),
    (("전문가", "혼합"), "mixture of experts", "MoE"),
    (("신경", "방사장"), "neural radiance field", "NeRF"),
    (("상태", "공간", "모델"), "state space model", "SSM"),
    (("지도", "미세", "조정"), "supervised fine-tuning", "SFT"),
    (("잠재", "확산", "모델"), "latent diffusion model", "LDM"),
    (("다층", "퍼셉트론"), "multi-layer perceptron", "MLP"),
    (("순환", "신경망"), "recurrent neural network", "RNN"),
    (("합성곱", "신경망"), "convolutional neural network", "CNN"),
    (("이상", "탐지"), "anomaly detection", ""),
    (("광학", "흐름"), "optical flow", ""),
    (("장면", "그래프", "생성"), "scene graph generation", "SGG"),
]
SENTENCES = ["이 연구는 {}을 새로운 방식으로 다룬다.", "우리는 {} 기반의 방법을 제안한다.",
             "실험에서 {}의 효과를 확인했다.", "특히 {} 단계에서 오류가 줄었다.", "{} 없이도 성능이 유지된다."]
NEGATIVES = ["{} 데이터와 {} 모듈을 따로 쓴다.", "{}, {} 순서로 처리한다.", "{}\n{} 결과를 정리했다."]
_SPACES = r"[ \t\u00a0\u3000-]*"


def compound_truth(parts: tuple[str, ...]) -> re.Pattern[str]:
    """A compound glued or spaced: its parts in order, spaces (or hyphens) between them or none."""
    return re.compile(_SPACES.join(map(re.escape, parts)))


def concept_truth(words: tuple[str, ...], english: str, abbreviation: str) -> re.Pattern[str]:
    """Any form of a concept: the Korean words with optional spaces, the English words apart by spaces or hyphens
    (the last one whole or plural), the abbreviation whole or plural; case-insensitive."""
    korean = _SPACES.join(map(re.escape, words))
    latin = r"[\s\-]+".join(map(re.escape, re.split(r"[\s\-]+", english)))
    forms = [korean, rf"(?<![A-Za-z0-9]){latin}(?:e?s)?(?![A-Za-z0-9])"]
    if abbreviation:
        forms.append(rf"(?<![A-Za-z0-9]){re.escape(abbreviation)}(?:e?s)?(?![A-Za-z0-9])")
    return re.compile("|".join(forms), re.IGNORECASE)


def _english_variant(rng: random.Random, english: str) -> str:
    text = english.replace("-", rng.choice(["-", " "]))
    text = rng.choice([text, text.title(), text.capitalize()])
    return text + ("s" if rng.random() < 0.3 and not text.endswith("s") else "")


def _concept_mention(rng: random.Random, concept: tuple[tuple[str, ...], str, str]) -> str:
    words, english, abbreviation = concept
    korean = rng.choice([" ".join(words), "".join(words)]) if len(words) == 2 else " ".join(words)
    roll = rng.random()
    if roll < 0.25:
        inside = f"{english.title()}; {abbreviation}" if abbreviation else english
        return f"{korean}({inside})"
    if roll < 0.5:
        return korean
    if roll < 0.75 or not abbreviation:
        return _english_variant(rng, english)
    return abbreviation + ("s" if rng.random() < 0.2 else "")


def make_library(n_papers: int, seed: int) -> list[Paper]:
    """The synthetic library with the compounds and concepts written in (see the module docstring)."""
    rng = random.Random(seed + 1)
    papers = []
    for paper in make_papers(n_papers, seed):
        extra = []
        if rng.random() < 0.25:
            parts = rng.choice(COMPOUNDS)
            extra.append(rng.choice(SENTENCES).format(rng.choice(["".join(parts), " ".join(parts)])))
        if rng.random() < 0.05:
            extra.append(rng.choice(NEGATIVES).format(*rng.choice(COMPOUNDS)))
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            extra.append(rng.choice(SENTENCES).format(_concept_mention(rng, rng.choice(CONCEPTS))))
        if extra:
            first = paper.sections[0]
            sections = (Section(first.label, first.text + " " + " ".join(extra)), *paper.sections[1:])
            paper = dataclasses.replace(paper, sections=sections)
        papers.append(paper)
    return papers


def _truth(papers: list[Paper], pattern: re.Pattern[str]) -> set[tuple[str, str, str]]:
    return {(p.source, p.date, p.arxiv_id) for p in papers if any(pattern.search(t) for t in paper_fields(p).values())}


def _measure(library: Library, text: str, truth: set[tuple[str, str, str]], exact: bool) -> tuple[int, int, int]:
    hits = library.search(text, limit=None, exact=exact).hits
    found = {(hit.paper.source, hit.paper.date, hit.paper.arxiv_id) for hit in hits}
    return len(found & truth), len(found), len(truth)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result: dict[str, object] = {"papers": args.papers}
    with tempfile.TemporaryDirectory() as tmp:
        papers = make_library(args.papers, args.seed)
        by_file: dict[str, list[Paper]] = {}
        for paper in papers:
            by_file.setdefault(paper.source, []).append(paper)
        folder = Path(tmp) / "digests"
        for relative, day_papers in by_file.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_digest(day_papers[0].date, day_papers), encoding="utf-8")
        with Library(Path(tmp) / "data") as library:
            library.set_seeds_hidden(True)
            library.add_sources([folder])
            started = time.perf_counter()
            library.update()
            result["index_s"] = round(time.perf_counter() - started, 2)
            parsed = [paper for day in library.days() for paper in library.papers(date=day.date)]
            result["glossary_entries"] = len(library.glossary())
            sets: dict[str, list[tuple[str, set[tuple[str, str, str]], bool]]] = {"spacing": [], "concepts": [],
                                                                                  "literal": []}
            for parts in COMPOUNDS:
                truth = _truth(parsed, compound_truth(parts))
                sets["spacing"] += [("".join(parts), truth, True), ('"' + " ".join(parts) + '"', truth, True)]
            for words, english, abbreviation in CONCEPTS:
                truth = _truth(parsed, concept_truth(words, english, abbreviation))
                sets["concepts"] += [(" ".join(words), truth, False), (english, truth, False)]
            for text, spec in QUERIES:
                sets["literal"].append((text, truth_keys(parsed, spec), True))
            for name, queries in sets.items():
                correct = found = true = 0
                scored = []
                for text, truth, exact in queries:
                    hit, got, want = _measure(library, text, truth, exact)
                    correct, found, true = correct + hit, found + got, true + want
                    scored.append((min(hit / want if want else 1.0, hit / got if got else 1.0), text, hit, got, want))
                result[f"{name}_queries"] = len(queries)
                result[f"{name}_recall"] = round(correct / true, 4) if true else 1.0
                result[f"{name}_precision"] = round(correct / found, 4) if found else 1.0
                worst = min(scored)
                result[f"{name}_worst"] = f"{worst[1]} (correct {worst[2]}, found {worst[3]}, truth {worst[4]})"
            every = [text for queries in sets.values() for text, _truth_set, _exact in queries]
            library.search(every[0], limit=20)  # warm-up: opening the index is not a search
            times = []
            for _ in range(3):
                for text in every:
                    started = time.perf_counter()
                    library.search(text, limit=20)
                    times.append((time.perf_counter() - started) * 1000)
            result["top20_p50_ms"] = round(statistics.median(times), 1)
            result["top20_p95_ms"] = round(percentile(times, 0.95), 1)
    for key, value in result.items():
        print(f"{key}: {value}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
