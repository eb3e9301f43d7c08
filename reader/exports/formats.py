"""The export formats, by name and file suffix, and the one function that writes any of them.

The writers are imported when a document is made, so listing the formats (the CLI's --help, a file
dialog's filters) costs the window's start-up nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.core.models import Annotations, Flags, Paper
from reader.exports.reading_list import STARRED_SCOPE

# Format name -> usual file suffix (for file dialogs and for guessing the format from `-o FILE`).
# `.json` is the list objects; CSL-JSON, a citation format, takes `.csl.json`.
FORMAT_SUFFIXES: dict[str, str] = {"bibtex": ".bib", "markdown": ".md", "csv": ".csv", "json": ".json",
                                   "ris": ".ris", "csljson": ".csl.json"}
EXPORT_FORMATS = tuple(FORMAT_SUFFIXES)
# The formats a reference manager or a LaTeX document takes: "Copy citation" offers these.
CITATION_FORMATS = ("bibtex", "ris", "csljson")
# Formats that name each arXiv id once (the others have a row per (date, paper) listing).
_ONE_PER_PAPER = frozenset({"bibtex", "markdown", "ris", "csljson"})


def export_papers(papers: list[Paper], flags: dict[str, Flags], fmt: str, scope: str = STARRED_SCOPE,
                  annotations: Mapping[str, Annotations] | None = None) -> str:
    """The whole document in `fmt` (one of EXPORT_FORMATS) for `papers`, in the order given. `flags`
    maps arXiv id -> Flags (a missing id is neither starred nor read), `annotations` arXiv id -> the
    reader's tags and note (Markdown, CSV and JSON carry them); `scope` names the selection in the
    Markdown heading. No papers: an empty but valid document."""
    notes = annotations or {}
    from reader.exports.bibtex import to_bibtex
    from reader.exports.citations import to_csljson, to_ris
    from reader.exports.reading_list import to_markdown
    from reader.exports.tables import to_csv, to_json

    if fmt == "bibtex":
        return to_bibtex(papers)
    if fmt == "markdown":
        return to_markdown(papers, flags, scope, notes)
    if fmt == "csv":
        return to_csv(papers, flags, notes)
    if fmt == "json":
        return to_json(papers, flags, notes)
    if fmt == "ris":
        return to_ris(papers)
    if fmt == "csljson":
        return to_csljson(papers)
    raise ValueError(f"unknown export format: {fmt!r}")


def format_for_path(path: str) -> str | None:
    """The export format a file name asks for by its suffix (`starred.bib` -> "bibtex",
    `starred.csl.json` -> "csljson"), or None. The longest matching suffix wins."""
    lowered = path.lower()
    suffixes = [(suffix, fmt) for fmt, suffix in FORMAT_SUFFIXES.items()] + [(".bibtex", "bibtex")]
    for suffix, fmt in sorted(suffixes, key=lambda pair: -len(pair[0])):
        if lowered.endswith(suffix):
            return fmt
    return None


def entry_count(papers: list[Paper], fmt: str) -> int:
    """How many entries the document of `fmt` holds: BibTeX, RIS, CSL-JSON and the reading list name a
    paper once, CSV and JSON have a row per (date, paper) listing."""
    return len({paper.arxiv_id for paper in papers}) if fmt in _ONE_PER_PAPER else len(papers)
