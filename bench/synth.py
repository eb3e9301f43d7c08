"""Synthetic digest libraries built from the bundled seeds, for search and speed measurements.

The seeds hold only 52 papers; measuring search at 5,000 or 100,000 papers needs more. Instead of
inventing text, this module reshuffles the seeds' own titles, author names and Korean sentences, so
the vocabulary (particles, compounds, LLM/GPT-4o/Llama-3 style terms) and its frequencies stay
realistic. The output is laid out like the public archive, ``YYYY/MM/DD.md``, one digest per day,
going back day by day, in the exact digest format (labelled or plain bullets, media, votes, "+"
in truncated author lists). The same seed always gives the same library.

Run as ``python -m bench.synth OUT_DIR N_PAPERS [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reader.core.models import HF_SITE, Media, Paper, Section

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
LAST_DAY = date(2025, 5, 30)
LABELS = ("What's New", "Technical Details", "Performance Highlights")
_PAPER_RE = re.compile(r"^### \[(?P<title>.*)\]\((?P<url>[^()]*)\)\s*$")
_LABEL_RE = re.compile(r"^- \*{2,3}(?P<label>[^*]+)\*{2,3}:\s*(?P<text>.*)$")
# Korean sentences end with "다." / "요." etc.; English ones with ". " before a capital.
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class SeedPool:
    """Everything the generator draws from, collected once from the seeds."""

    title_heads: list[str]  # "Aurora-M" part of "Aurora-M: The First ..."
    title_tails: list[str]  # the part after the colon, or a whole title without one
    authors: list[str]
    labelled: dict[str, list[str]]  # sentences per section label
    plain: list[str]  # sentences of unlabelled bullets


def load_pool(seeds_dir: Path = SEEDS_DIR) -> SeedPool:
    """Collect titles, names and sentences from the seed digests (a tolerant line scan)."""
    pool = SeedPool([], [], [], {label: [] for label in LABELS}, [])
    names: dict[str, None] = {}
    for path in sorted(seeds_dir.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if heading := _PAPER_RE.match(line):
                head, colon, tail = heading["title"].partition(": ")
                if colon:
                    pool.title_heads.append(head)
                pool.title_tails.append(tail if colon else head)
            elif line.startswith("Authors: "):
                names.update(dict.fromkeys(n.strip() for n in line[9:].split(",") if n.strip() != "+"))
            elif labelled := _LABEL_RE.match(line):
                label = labelled["label"].replace("’", "'")
                pool.labelled.setdefault(label, []).extend(_sentences(labelled["text"]))
            elif line.startswith("- "):
                pool.plain.extend(_sentences(line[2:]))
    pool.authors = list(names)
    return pool


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_RE.split(text.strip()) if sentence]


def make_papers(n_papers: int, seed: int = 0, pool: SeedPool | None = None) -> list[Paper]:
    """Generate ``n_papers`` papers, newest day first, with ``source`` set to their digest path."""
    pool = pool or load_pool()
    rng = random.Random(seed)
    papers: list[Paper] = []
    day = LAST_DAY
    serial: dict[str, int] = {}
    while len(papers) < n_papers:
        count = min(rng.randint(15, 40), n_papers - len(papers))
        source = f"{day:%Y/%m/%d}.md"
        for _ in range(count):
            month = f"{day:%y%m}"
            serial[month] = serial.get(month, 0) + 1
            papers.append(_make_paper(rng, pool, day.isoformat(), f"{month}.{serial[month]:05d}", source))
        day -= timedelta(days=1)
    return papers


def _make_paper(rng: random.Random, pool: SeedPool, day: str, arxiv_id: str, source: str) -> Paper:
    if rng.random() < 0.6 and pool.title_heads:
        title = f"{rng.choice(pool.title_heads)}: {rng.choice(pool.title_tails)}"
    else:
        title = rng.choice(pool.title_tails)
    n_authors = rng.randint(1, min(25, len(pool.authors)))
    authors = tuple(rng.sample(pool.authors, n_authors))
    truncated = n_authors > 12 and rng.random() < 0.5
    if rng.random() < 0.7:
        sections = tuple(
            Section(label, " ".join(rng.sample(pool.labelled[label], rng.randint(2, 5))))
            for label in LABELS
        )
    else:
        sections = tuple(Section(None, rng.choice(pool.plain)) for _ in range(rng.randint(3, 8)))
    roll = rng.random()
    media = (
        Media("image", f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png")
        if roll < 0.8
        else Media("image", f"{HF_SITE}/avatars/{arxiv_id.replace('.', '')}.svg")
        if roll < 0.9
        else None
    )
    votes = None if rng.random() < 0.05 else rng.randint(0, 120)
    return Paper(
        arxiv_id=arxiv_id,
        date=day,
        title=title,
        url=f"https://arxiv.org/abs/{arxiv_id}",
        votes=votes,
        authors=authors,
        authors_truncated=truncated,
        media=media,
        sections=sections,
        source=source,
    )


def render_digest(day: str, papers: list[Paper]) -> str:
    """One day's papers in the digest format the reader parses."""
    lines = [f"## Daily Papers ({day})", ""]
    for paper in papers:
        lines += [f"### [{paper.title}]({paper.url})", ""]
        if paper.media:
            url = paper.media.url.removeprefix(HF_SITE)
            lines += [f"![]({url})", ""]
        lines += [f"Vote: {'-' if paper.votes is None else paper.votes}", ""]
        names = list(paper.authors)
        if paper.authors_truncated:
            names.insert(len(names) // 2, "+")
        lines += [f"Authors: {', '.join(names)}", ""]
        for section in paper.sections:
            lines.append(f"- **{section.label}**: {section.text}" if section.label else f"- {section.text}")
        lines.append("")
    return "\n".join(lines)


def make_library(out_dir: Path, n_papers: int, seed: int = 0) -> list[Path]:
    """Write a synthetic library of ``n_papers`` papers under ``out_dir``; return the digest paths.

    Paper ``source`` values point at the written files, so callers can also use
    :func:`library_papers` to get the same papers without parsing.
    """
    return [path for path, _ in _write(out_dir, make_papers(n_papers, seed))]


def library_papers(out_dir: Path, n_papers: int, seed: int = 0) -> list[Paper]:
    """Write the library like :func:`make_library` and return its papers, ``source`` = absolute path."""
    papers: list[Paper] = []
    for path, day_papers in _write(out_dir, make_papers(n_papers, seed)):
        papers += [_with_source(paper, str(path)) for paper in day_papers]
    return papers


def _with_source(paper: Paper, source: str) -> Paper:
    fields = {name: getattr(paper, name) for name in Paper.__slots__}
    return Paper(**{**fields, "source": source})


def _write(out_dir: Path, papers: list[Paper]) -> list[tuple[Path, list[Paper]]]:
    by_file: dict[str, list[Paper]] = {}
    for paper in papers:
        by_file.setdefault(paper.source, []).append(paper)
    written = []
    for relative, day_papers in by_file.items():
        path = (out_dir / relative).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_digest(day_papers[0].date, day_papers), encoding="utf-8")
        written.append((path, day_papers))
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n_papers", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = make_library(args.out_dir, args.n_papers, args.seed)
    print(f"wrote {args.n_papers} papers in {len(paths)} digests under {args.out_dir}")


if __name__ == "__main__":
    main()
