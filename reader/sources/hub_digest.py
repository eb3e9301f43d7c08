"""A hub day as a digest file in the library's own Markdown format, and back.

The Hugging Face source (`hub`) and the summariser (`summarise`) both write days through
`render_day`, and read them back with the ordinary parser (reader.core.parse), so the index, the
list, the detail pane and every export treat a hub day like any Korean digest. What the hub gives
in English is kept in labelled sections (`Abstract`, `AI Summary`, `Keywords`, `GitHub`, `Project
Page`); the Korean summary, when the reader's model wrote one, comes first under the archive's own
labels (What's New, Technical Details, Performance Highlights).

The file opens with an HTML comment saying when it was fetched (the parser and the fetch checks
allow comments before the header): a day fetched before it was over is fetched again later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from reader.core.models import Paper, Section

ABSTRACT = "Abstract"
HUB_LABELS = (ABSTRACT, "AI Summary", "Keywords", "GitHub", "Project Page")
KOREAN_LABELS = ("What's New", "Technical Details", "Performance Highlights")
SETTLED_AFTER = timedelta(days=2)  # a day fetched this long after it began has all its papers
_FETCHED = re.compile(r"<!-- Hugging Face Daily Papers, fetched (\S+) -->")
_SPACE = re.compile(r"\s+")


def render_day(day: date, papers: Iterable[Paper], fetched_at: datetime) -> str:
    """The digest text of one hub day: header, then each paper as the archive writes it."""
    lines = [f"<!-- Hugging Face Daily Papers, fetched {fetched_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} -->",
             f"## Daily Papers ({day.isoformat()})", ""]
    for paper in papers:
        lines += [f"### [{one_line(paper.title)}]({paper.url})", ""]
        if paper.media is not None:
            lines += [f"![]({paper.media.url})", ""]
        lines += [f"Vote: {paper.votes if paper.votes is not None else '-'}", ""]
        if paper.authors:
            lines += [f"Authors: {', '.join(one_line(name) for name in paper.authors)}", ""]
        lines += [f"- ***{section.label}***: {one_line(section.text)}" for section in paper.sections
                  if section.label and section.text.strip()]
        lines.append("")
    return "\n".join(lines)


def one_line(text: str) -> str:
    """Text on one line: a newline in a title or summary would start a heading or a new paper."""
    return _SPACE.sub(" ", text).strip()


def fetched_at(text: str) -> datetime | None:
    """When the day in `text` was fetched from the hub; None for a file not written by `render_day`."""
    match = _FETCHED.search(text[:200])
    if not match:
        return None
    try:
        return datetime.strptime(match[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def is_settled(text: str, day: date) -> bool:
    """True when the day was fetched late enough that the hub had listed all its papers."""
    when = fetched_at(text)
    return when is not None and when >= datetime(day.year, day.month, day.day, tzinfo=UTC) + SETTLED_AFTER


def korean_sections(paper: Paper) -> tuple[Section, ...]:
    """The sections of a paper that are not the hub's English ones: the Korean summary."""
    return tuple(section for section in paper.sections if section.label not in HUB_LABELS)


def abstract(paper: Paper) -> str:
    return next((section.text for section in paper.sections if section.label == ABSTRACT), "")


def needs_korean(sections: Iterable[Section]) -> bool:
    """What summarise asks the model for: an entry with an English abstract and no Korean summary yet."""
    sections = tuple(sections)
    return (all(section.label in HUB_LABELS for section in sections)
            and any(section.label == ABSTRACT and section.text for section in sections))


def with_korean(paper: Paper, korean: Iterable[Section]) -> Paper:
    """The paper with `korean` in front of its hub sections (replacing an older Korean summary)."""
    hub = tuple(section for section in paper.sections if section.label in HUB_LABELS)
    return Paper(paper.arxiv_id, paper.date, paper.title, paper.url, paper.votes, paper.authors,
                 paper.authors_truncated, paper.media, (*korean, *hub), paper.source, paper.line)
