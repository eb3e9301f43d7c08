"""The `--json` paper object: an interface other tools depend on, so it lives in core, not in the CLI.

`list`, `show` and `export --format json` print exactly these keys; `search` adds `score`.
`tags` (the reader's tags, sorted) and `note` (the reader's Markdown note, or null) came last.
Extend it with new keys; never rename or drop one.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.models import Flags, Paper

PAPER_KEYS = ("arxiv_id", "date", "title", "url", "votes", "authors", "authors_truncated", "media", "sections",
              "starred", "read", "source", "tags", "note")


def paper_json(paper: Paper, flags: Flags, tags: Sequence[str] = (), note: str | None = None) -> dict[str, object]:
    """The paper object of the --json contract: one (date, paper) entry with its reading state, tags and note."""
    return {
        "arxiv_id": paper.arxiv_id,
        "date": paper.date,
        "title": paper.title,
        "url": paper.url,
        "votes": paper.votes,
        "authors": list(paper.authors),
        "authors_truncated": paper.authors_truncated,
        "media": {"kind": paper.media.kind, "url": paper.media.url} if paper.media else None,
        "sections": [{"label": section.label, "text": section.text} for section in paper.sections],
        "starred": flags.starred,
        "read": flags.read,
        "source": paper.source,
        "tags": list(tags),
        "note": note,
    }
