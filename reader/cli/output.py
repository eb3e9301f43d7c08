"""What the commands print: paper lines for a terminal, the `show` block, and the --json paper objects."""

from __future__ import annotations

import json
import sys
import unicodedata

from reader.core.contract import paper_json
from reader.core.models import Flags, Paper
from reader.library import Library


def print_papers(library: Library, papers: list[Paper], as_json: bool, scores: list[float] | None = None) -> None:
    all_flags = library.all_flags()
    if as_json:
        objects = [paper_json(paper, all_flags.get(paper.arxiv_id, Flags())) for paper in papers]
        if scores is not None:
            for obj, score in zip(objects, scores, strict=True):
                obj["score"] = round(score, 4)
        json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for paper in papers:
        flags = all_flags.get(paper.arxiv_id, Flags())
        marks = ("★" if flags.starred else " ") + (" " if flags.read else "•")
        votes = "-" if paper.votes is None else str(paper.votes)
        print(f"{paper.date}  {votes:>4}  {marks}  {paper.arxiv_id:<10}  {_clip(paper.title, 90)}")


def describe(papers: list[Paper], flags: Flags) -> str:
    """A readable block for `show`: the first listing in full, the other days named."""
    paper = papers[0]
    authors = ", ".join(paper.authors) + (", …" if paper.authors_truncated else "")
    lines = [
        paper.title,
        paper.url,
        f"arXiv {paper.arxiv_id} · {', '.join(p.date for p in papers)} · votes "
        f"{'-' if paper.votes is None else paper.votes} · {'starred' if flags.starred else 'not starred'}, "
        f"{'read' if flags.read else 'unread'}",
    ]
    if authors:
        lines.append(f"Authors: {authors}")
    if paper.media:
        lines.append(f"{paper.media.kind.capitalize()}: {paper.media.url}")
    for section in paper.sections:
        lines.append("")
        lines.append(f"[{section.label}] {section.text}" if section.label else f"- {section.text}")
    lines.append(f"\nSource: {paper.source}:{paper.line}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    """Cut to `width` terminal columns; Hangul takes two columns each."""
    used = 0
    out: list[str] = []
    for char in text:
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text


