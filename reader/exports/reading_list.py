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
# Summaries: code fences, code spans (or the text between them), links and reference definitions.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?P<code>(?P<ticks>`+).+?(?P=ticks))|[^`]+|`+")
_TARGET = r"\s*<?(?P<target>(?:[^\s()<>]|\([^\s()]*\))*)"  # one level of parentheses, as in javascript:f(1)
_INLINE_LINK = re.compile(r"!?\[(?P<text>[^\[\]]*)\]\(" + _TARGET + r">?(?:\s+\"[^\"]*\")?\s*\)")
_WEB_AUTOLINK = re.compile(r"&lt;(https?://[^\s<>&]*)>", re.IGNORECASE)
_ANY_LINK = re.compile(r"\]\(" + _TARGET)
_REFERENCE = re.compile(r"^(?P<indent>\s*)(?P<definition>\[[^\]]+\]:\s*<?(?P<target>\S*))")


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
            text = safe_markdown(section.text).replace("\n", "\n  ")  # continuation lines stay inside the bullet
            label = f"**{markdown_escape(section.label)}**: " if section.label else ""
            lines.append(f"- {label}{text}")
    if organised.note:  # the reader's own Markdown, as written: quoted so its headings stay inside the section
        lines += ["", "### 메모", ""] + [f"> {line}".rstrip() for line in organised.note.strip().splitlines()]
    lines.append("")
    return lines


def safe_markdown(text: str) -> str:
    """A digest's summary Markdown with nothing active left: raw HTML shown as text, links only to http(s).

    The summary is untrusted (the window sanitises it too): outside code, ``<`` and ``&`` become entities
    (no tag or comment, no entity that spells ``javascript:``); a link, image or autolink to anything but
    http(s) keeps only its text; a reference definition to anything else is no longer one. Code spans and
    fenced code blocks stay as written: what they hold is shown literally anyway.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if fence is not None or marker:
            if marker and (fence is None or marker[1].startswith(fence)):
                fence = marker[1][:3] if fence is None else None
            lines.append(line)
            continue
        lines.append(_CODE_SPAN.sub(lambda found: found[0] if found["code"] else _inactive(found[0]), line))
    return "\n".join(lines)


def _inactive(text: str) -> str:
    """Markdown outside code with its HTML escaped and its non-http(s) links dropped."""
    text = _WEB_AUTOLINK.sub(r"<\1>", text.replace("&", "&amp;").replace("<", "&lt;"))
    text = _INLINE_LINK.sub(lambda link: link[0] if _is_web(link["target"]) else link["text"], text)
    text = _ANY_LINK.sub(lambda link: link[0] if _is_web(link["target"]) else "\\]" + link[0][1:], text)
    return _REFERENCE.sub(lambda ref: ref[0] if _is_web(ref["target"]) else f"{ref['indent']}\\{ref['definition']}",
                          text)


def _is_web(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


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
