"""A Korean Markdown reading list: one section per paper with its summary and links."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from reader.core import arxiv
from reader.core.models import Annotations, Flags, Paper

STARRED_SCOPE = "별표한 논문"
# Inline-significant characters (the text always follows "## [" or "- 저자: ", never starts a line);
# `&` would start an entity, `#` could close the heading, `$` and `~` are math and strikethrough.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~#&])")


def to_markdown(papers: list[Paper], flags: dict[str, Flags], scope: str = STARRED_SCOPE,
                annotations: Mapping[str, Annotations] | None = None) -> str:
    """A Korean reading list: one section per arXiv id (every day it was listed on), with the
    summary as written, links to arXiv, the PDF and Hugging Face, and the reader's tags and note."""
    dates: dict[str, list[str]] = {}
    for paper in papers:
        dates.setdefault(paper.arxiv_id, []).append(paper.date)
    unique = list(first_per_id(papers))
    lines = [f"# 읽을 논문 목록: {markdown_escape(scope)}", "", f"논문 {len(unique)}편", ""]
    for paper in unique:
        lines += _markdown_paper(paper, dates[paper.arxiv_id], flags.get(paper.arxiv_id, Flags()),
                                 (annotations or {}).get(paper.arxiv_id, Annotations()))
    return "\n".join(lines)


def _markdown_paper(paper: Paper, dates: list[str], flags: Flags, organised: Annotations) -> list[str]:
    arxiv_id = paper.arxiv_id
    lines = [f"## [{markdown_escape(paper.title)}]({arxiv.abs_url(arxiv_id)})", ""]
    lines.append(f"- 날짜: {', '.join(dict.fromkeys(dates))}")
    lines.append(f"- 추천 수: {'-' if paper.votes is None else paper.votes}")
    if paper.authors:
        authors = ", ".join(markdown_escape(name) for name in paper.authors)
        lines.append(f"- 저자: {authors}{' 외' if paper.authors_truncated else ''}")
    marks = [mark for mark, on in (("★ 별표", flags.starred), ("읽음", flags.read)) if on]
    if marks:
        lines.append(f"- 상태: {' · '.join(marks)}")
    if organised.tags:
        lines.append(f"- 태그: {', '.join(markdown_escape(tag) for tag in organised.tags)}")
    lines.append(
        f"- 링크: [arXiv]({arxiv.abs_url(arxiv_id)}) · [PDF]({arxiv.pdf_url(arxiv_id)})"
        f" · [Hugging Face]({arxiv.hf_url(arxiv_id)})"
    )
    if paper.sections:
        lines += ["", "### 요약", ""]
        for section in paper.sections:
            text = section.text.replace("\n", "\n  ")  # continuation lines stay inside the bullet
            label = f"**{markdown_escape(section.label)}**: " if section.label else ""
            lines.append(f"- {label}{text}")
    if organised.note:  # the reader's own Markdown, as written: quoted so its headings stay inside the section
        lines += ["", "### 메모", ""] + [f"> {line}".rstrip() for line in organised.note.strip().splitlines()]
    lines.append("")
    return lines


def markdown_escape(text: str) -> str:
    """Backslash-escape inline Markdown syntax, so `A*`, `[IDK]`, `V_AI` or `$x$` show literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def first_per_id(papers: Iterable[Paper]) -> Iterable[Paper]:
    """Each arXiv id once, at its first listing: a reading list or a .bib names a paper once."""
    seen: set[str] = set()
    for paper in papers:
        if paper.arxiv_id not in seen:
            seen.add(paper.arxiv_id)
            yield paper


def describe_scope(date: str | None = None, query: str | None = None) -> str:
    """The Korean name of a selection for the Markdown heading: a day, a search, or the starred papers."""
    if query is not None:
        return f"검색 결과: {query}"
    return date or STARRED_SCOPE
