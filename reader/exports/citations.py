"""Citation formats for reference managers: RIS (EndNote, Mendeley, Zotero's import) and CSL-JSON
(Zotero, pandoc/citeproc, the Better BibTeX export). Plain UTF-8 text: titles are shown as read
(`$VILA^2$` -> VILA², see latex_text), authors once each, keys shared with the BibTeX export."""

from __future__ import annotations

import json
import re
from typing import Any

from reader.core import arxiv
from reader.core.models import Paper
from reader.exports.bibtex import bibtex_keys
from reader.exports.latex_text import title_text
from reader.exports.names import split_name, unique_authors
from reader.exports.reading_list import first_per_id

_NEW_STYLE_MONTH = re.compile(r"[0-9]{2}([0-9]{2})\.[0-9]{4,5}", re.ASCII)
_OLD_STYLE_MONTH = re.compile(r"[a-z][a-z-]*(?:\.[A-Z]{2})?/[0-9]{2}([0-9]{2})[0-9]{3}", re.ASCII)
# RIS lines are "TAG  - value"; a newline inside a value would start a line RIS readers misread.
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def date_parts(paper: Paper) -> list[int]:
    """[year, month] of the arXiv submission, from the id (2411.12275 -> [2024, 11]); for an id that
    names no month, the digest's day ([2025, 3, 4])."""
    year = arxiv.year(paper.arxiv_id)
    match = _NEW_STYLE_MONTH.fullmatch(paper.arxiv_id) or _OLD_STYLE_MONTH.fullmatch(paper.arxiv_id)
    if year and match and 1 <= int(match[1]) <= 12:
        return [int(year), int(match[1])]
    try:
        return [int(part) for part in paper.date.split("-")]
    except ValueError:
        return []


def iso_date(paper: Paper) -> str:
    """date_parts as Zotero writes dates: "2024-11" (or the digest day)."""
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(date_parts(paper)))


def to_ris(papers: list[Paper]) -> str:
    """One RIS record (`TY  - UNPB`, an unpublished work: a preprint) per arXiv id, first listing wins."""
    unique = list(first_per_id(papers))
    keys = bibtex_keys(unique)
    return "".join(_ris_record(paper, keys[paper.arxiv_id]) for paper in unique)


def _ris_record(paper: Paper, key: str) -> str:
    lines = [("TY", "UNPB"), ("ID", key), ("TI", title_text(paper.title))]
    for name in unique_authors(paper.authors):
        split = split_name(name)
        lines.append(("AU", f"{split[1]}, {split[0]}" if split else name))
    if parts := date_parts(paper):
        fields = [f"{part:02d}" if index else str(part) for index, part in enumerate(parts)]
        lines += [("PY", fields[0]), ("DA", "/".join((fields + ["", ""])[:3]) + "/")]  # YYYY/MM/DD/other
    if arxiv.is_arxiv_id(paper.arxiv_id):
        lines += [("DO", f"10.48550/arXiv.{paper.arxiv_id}"), ("AN", f"arXiv:{paper.arxiv_id}")]
    lines += [("UR", arxiv.abs_url(paper.arxiv_id)), ("PB", "arXiv"), ("DB", "arXiv"),
              ("N1", f"Hugging Face Daily Papers, {paper.date}")]
    return "".join(f"{tag}  - {_LINE_BREAKS.sub(' ', value).strip()}\r\n" for tag, value in lines) + "ER  - \r\n\r\n"


def to_csljson(papers: list[Paper]) -> str:
    """A CSL-JSON array: one item per arXiv id (`type` "article", CSL's type for preprints, as Zotero
    exports its preprints), `id` = the BibTeX key."""
    unique = list(first_per_id(papers))
    keys = bibtex_keys(unique)
    return json.dumps([csl_item(paper, keys[paper.arxiv_id]) for paper in unique], ensure_ascii=False, indent=1) + "\n"


def csl_item(paper: Paper, key: str) -> dict[str, Any]:
    """The CSL-JSON object of one paper."""
    item: dict[str, Any] = {"id": key, "type": "article", "title": title_text(paper.title)}
    authors = []
    for name in unique_authors(paper.authors):
        split = split_name(name)
        authors.append({"family": split[1], "given": split[0]} if split else {"literal": name})
    if authors:
        item["author"] = authors
    if parts := date_parts(paper):
        item["issued"] = {"date-parts": [parts]}
    if arxiv.is_arxiv_id(paper.arxiv_id):
        item["DOI"] = f"10.48550/arXiv.{paper.arxiv_id}"
        item["number"] = f"arXiv:{paper.arxiv_id}"
    item.update({"URL": arxiv.abs_url(paper.arxiv_id), "publisher": "arXiv", "genre": "Preprint",
                 "note": f"Hugging Face Daily Papers, {paper.date}"})
    return item
