"""Tables: CSV that Excel opens with Hangul intact, and the `list --json` objects."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from reader.core import arxiv
from reader.core.contract import paper_json
from reader.core.models import Annotations, Flags, Paper

CSV_COLUMNS = ("arxiv_id", "date", "title", "authors", "votes", "url", "starred", "read", "summary", "tags", "note")
NO_ANNOTATIONS = Annotations()


def to_csv(papers: list[Paper], flags: dict[str, Flags], annotations: Mapping[str, Annotations] | None = None) -> str:
    """RFC 4180 CSV (CRLF rows, quoted fields), one row per (date, paper) entry.

    Starts with a UTF-8 byte order mark: without it Excel on Korean Windows reads the file as
    CP949 and shows Hangul as mojibake. Cells that would start a spreadsheet formula
    (`=`, `+`, `-`, `@`) get a leading apostrophe, since digest text comes from the internet.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for paper in papers:
        state = flags.get(paper.arxiv_id, Flags())
        organised = (annotations or {}).get(paper.arxiv_id, NO_ANNOTATIONS)
        authors = ", ".join(paper.authors) + (", …" if paper.authors_truncated else "")
        summary = "\n".join(f"{s.label}: {s.text}" if s.label else s.text for s in paper.sections)
        writer.writerow([
            paper.arxiv_id, paper.date, _cell(paper.title), _cell(authors),
            "" if paper.votes is None else paper.votes, arxiv.abs_url(paper.arxiv_id),
            str(state.starred).lower(), str(state.read).lower(), _cell(summary),
            _cell(", ".join(organised.tags)), _cell(organised.note or ""),
        ])
    return "\ufeff" + buffer.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_json(papers: list[Paper], flags: dict[str, Flags], annotations: Mapping[str, Annotations] | None = None) -> str:
    """The same array of paper objects as `daily-papers list --json`."""
    organised = annotations or {}
    objects = [paper_json(paper, flags.get(paper.arxiv_id, Flags()), *_tags_and_note(organised, paper.arxiv_id))
               for paper in papers]
    return json.dumps(objects, ensure_ascii=False, indent=1) + "\n"


def _tags_and_note(annotations: Mapping[str, Annotations], arxiv_id: str) -> tuple[tuple[str, ...], str | None]:
    found = annotations.get(arxiv_id, NO_ANNOTATIONS)
    return found.tags, found.note
