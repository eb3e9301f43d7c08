"""Export papers for use outside the reader: BibTeX, a Korean Markdown reading list, CSV and JSON.

Pure functions from Papers and Flags to text: no Qt and no I/O, so the window (menu actions,
Copy BibTeX) and the command line produce exactly the same documents.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable

from reader.app import paper_json
from reader.core.models import Flags, Paper

# Format name -> usual file suffix (for file dialogs and for guessing the format from `-o FILE`).
FORMAT_SUFFIXES: dict[str, str] = {"bibtex": ".bib", "markdown": ".md", "csv": ".csv", "json": ".json"}
STARRED_SCOPE = "별표한 논문"
CSV_COLUMNS = ("arxiv_id", "date", "title", "authors", "votes", "url", "starred", "read", "summary")

_NEW_STYLE_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_OLD_STYLE_ID = re.compile(r"^[a-z][a-z.-]*(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}$")
_STOPWORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "with", "without", "via", "from", "by", "at",
    "as", "is", "are", "be", "do", "does", "can", "we", "our", "you", "your", "its", "it", "what", "how", "why",
    "when", "where", "which", "towards", "toward", "into", "over", "under", "beyond", "not", "no",
})
# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
                       "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th"})


def export_papers(papers: list[Paper], flags: dict[str, Flags], fmt: str, scope: str = STARRED_SCOPE) -> str:
    """The whole document in `fmt` ("bibtex", "markdown", "csv" or "json") for `papers`, in the
    order given. `flags` maps arXiv id -> Flags (a missing id is neither starred nor read);
    `scope` names the selection in the Markdown heading. No papers: an empty but valid document."""
    if fmt == "bibtex":
        return to_bibtex(papers)
    if fmt == "markdown":
        return to_markdown(papers, flags, scope)
    if fmt == "csv":
        return to_csv(papers, flags)
    if fmt == "json":
        return to_json(papers, flags)
    raise ValueError(f"unknown export format: {fmt!r}")


def format_for_path(path: str) -> str | None:
    """The export format a file name asks for by its suffix (`starred.bib` -> "bibtex"), or None."""
    lowered = path.lower()
    for fmt, suffix in FORMAT_SUFFIXES.items():
        if lowered.endswith(suffix) or (fmt == "bibtex" and lowered.endswith(".bibtex")):
            return fmt
    return None


def describe_scope(date: str | None = None, query: str | None = None) -> str:
    """The Korean name of a selection for the Markdown heading: a day, a search, or the starred papers."""
    if query is not None:
        return f"검색 결과: {query}"
    return date or STARRED_SCOPE


# -- BibTeX ----------------------------------------------------------------------------------


def to_bibtex(papers: list[Paper]) -> str:
    """One `@misc` entry per arXiv id (first listing wins), keys unique within the document.

    The text is UTF-8 (biber and bibtexparser read it as is); titles are double-braced so
    BibTeX styles keep their capitalisation, and LaTeX written in a title is kept.
    """
    unique = list(_first_per_id(papers))
    keys = bibtex_keys(unique)
    return "\n".join(_bibtex_entry(paper, keys[paper.arxiv_id]) for paper in unique)


def bibtex_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """arXiv id -> citation key `<surname><year><titleword>`, e.g. `bestavros2024building`.

    Keys depend only on the papers given, never on their order: when several papers share a
    key, the lowest arXiv id keeps it and the others get b, c, ... in id order.
    """
    by_base: dict[str, list[str]] = {}
    for paper in {paper.arxiv_id: paper for paper in papers}.values():
        by_base.setdefault(_base_key(paper), []).append(paper.arxiv_id)
    taken = set(by_base)
    keys: dict[str, str] = {}
    for base in sorted(by_base):
        first, *others = sorted(by_base[base])
        keys[first] = base
        number = 1
        for arxiv_id in others:
            while (candidate := base + _letters(number)) in taken:
                number += 1
            keys[arxiv_id] = candidate
            taken.add(candidate)
    return keys


def _bibtex_entry(paper: Paper, key: str) -> str:
    fields = [("title", "{" + latex_escape(paper.title) + "}")]
    names = [_bibtex_name(name) for name in paper.authors] + (["others"] if paper.authors_truncated else [])
    if paper.authors:
        fields.append(("author", " and ".join(names)))
    fields += [
        ("year", paper_year(paper)),
        ("eprint", paper.arxiv_id),
        ("archivePrefix", "arXiv"),
        ("url", arxiv_url(paper.arxiv_id)),
        ("note", f"Hugging Face Daily Papers, {paper.date}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def latex_escape(text: str) -> str:
    """Text for a BibTeX field: `$...$` math kept as written; outside math `& % # _ ^ ~` and stray
    backslashes escaped; braces that do not pair up made literal, so the entry stays parseable."""
    segments = re.split(r"(?<!\\)\$", text)
    if len(segments) % 2 == 0:  # an odd number of `$`: the last one is a dollar sign, not math
        segments[-2:] = [segments[-2] + "\\$" + segments[-1]]
    return "".join(
        "$" + _balance(segment, math=True) + "$" if index % 2 else _escape_text(segment)
        for index, segment in enumerate(segments)
    )


def _escape_text(text: str) -> str:
    out = []
    for token in re.findall(r"\\[A-Za-z]+|\\[^A-Za-z]|[&%#_^~\\]|[^&%#_^~\\]+", text):
        if token in ("\\{", "\\}"):
            out.append("\\textbraceleft{}" if token == "\\{" else "\\textbraceright{}")
        elif token in "&%#_":
            out.append("\\" + token)
        elif token == "^":
            out.append("\\textasciicircum{}")
        elif token == "~":
            out.append("\\textasciitilde{}")
        elif token == "\\":
            out.append("\\textbackslash{}")
        else:
            out.append(token)
    return _balance("".join(out), math=False)


def _balance(text: str, math: bool) -> str:
    """Replace braces without a partner by commands that print a brace, keeping BibTeX's count even."""
    unmatched: set[int] = set()
    open_positions: list[int] = []
    for position, char in enumerate(text):
        if char == "{":
            open_positions.append(position)
        elif char == "}":
            if open_positions:
                open_positions.pop()
            else:
                unmatched.add(position)
    unmatched.update(open_positions)
    if not unmatched:
        return text
    left, right = ("\\lbrace ", "\\rbrace ") if math else ("\\textbraceleft{}", "\\textbraceright{}")
    out: list[str] = []
    for position, char in enumerate(text):
        if position in unmatched:
            if out and out[-1] == "\\":  # `\{` written in the title: the backslash goes too
                out.pop()
            out.append(left if char == "{" else right)
        else:
            out.append(char)
    return "".join(out)


def _bibtex_name(name: str) -> str:
    """One author; a name BibTeX would split or reorder ("A and B", "Team, Org") is kept whole."""
    escaped = latex_escape(name)
    if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + escaped + "}"
    return escaped


def _base_key(paper: Paper) -> str:
    surname = next((word for name in paper.authors[:1] for word in reversed(name.split()) if _ascii_word(word)), "")
    return (_ascii_word(surname) or "anon") + paper_year(paper) + _title_word(paper.title)


def _title_word(title: str) -> str:
    without_commands = re.sub(r"\\[A-Za-z]+", "", title)
    for token in re.split(r"[\s\-:/–—]+", without_commands):
        word = _ascii_word(token)
        if word and not word.isdigit() and word not in _STOPWORDS:
            return word
    return "paper"


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(char for char in folded.lower() if char.isascii() and char.isalnum())


def _letters(number: int) -> str:
    """1 -> b, 2 -> c, ..., 25 -> z, 26 -> ba: suffixes never run out."""
    letters = ""
    while number:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
    return letters


def paper_year(paper: Paper) -> str:
    """The year the paper appeared on arXiv (from its id: 2411.12275 -> 2024), else the digest's year."""
    if match := _NEW_STYLE_ID.match(paper.arxiv_id):
        return f"20{match.group(1)}"
    if match := _OLD_STYLE_ID.match(paper.arxiv_id):
        year = int(match.group(1))
        return f"{1900 + year if year >= 91 else 2000 + year}"
    return paper.date[:4]


def arxiv_url(arxiv_id: str) -> str:
    """The canonical abstract page (the digest's own link is untrusted text)."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def _first_per_id(papers: Iterable[Paper]) -> Iterable[Paper]:
    seen: set[str] = set()
    for paper in papers:
        if paper.arxiv_id not in seen:
            seen.add(paper.arxiv_id)
            yield paper


# -- Markdown --------------------------------------------------------------------------------

# Inline-significant characters (the text always follows "## [" or "- 저자: ", never starts a line);
# `&` would start an entity, `#` could close the heading, `$` and `~` are math and strikethrough.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~#&])")


def to_markdown(papers: list[Paper], flags: dict[str, Flags], scope: str = STARRED_SCOPE) -> str:
    """A Korean reading list: one section per arXiv id (every day it was listed on), with the
    summary as written and links to arXiv, the PDF and Hugging Face."""
    dates: dict[str, list[str]] = {}
    for paper in papers:
        dates.setdefault(paper.arxiv_id, []).append(paper.date)
    unique = list(_first_per_id(papers))
    lines = [f"# 읽을 논문 목록: {markdown_escape(scope)}", "", f"논문 {len(unique)}편", ""]
    for paper in unique:
        lines += _markdown_paper(paper, dates[paper.arxiv_id], flags.get(paper.arxiv_id, Flags()))
    return "\n".join(lines)


def _markdown_paper(paper: Paper, dates: list[str], flags: Flags) -> list[str]:
    arxiv_id = paper.arxiv_id
    lines = [f"## [{markdown_escape(paper.title)}]({arxiv_url(arxiv_id)})", ""]
    lines.append(f"- 날짜: {', '.join(dict.fromkeys(dates))}")
    lines.append(f"- 추천 수: {'-' if paper.votes is None else paper.votes}")
    if paper.authors:
        authors = ", ".join(markdown_escape(name) for name in paper.authors)
        lines.append(f"- 저자: {authors}{' 외' if paper.authors_truncated else ''}")
    marks = [mark for mark, on in (("★ 별표", flags.starred), ("읽음", flags.read)) if on]
    if marks:
        lines.append(f"- 상태: {' · '.join(marks)}")
    lines.append(
        f"- 링크: [arXiv]({arxiv_url(arxiv_id)}) · [PDF](https://arxiv.org/pdf/{arxiv_id})"
        f" · [Hugging Face](https://huggingface.co/papers/{arxiv_id})"
    )
    if paper.sections:
        lines += ["", "### 요약", ""]
        for section in paper.sections:
            text = section.text.replace("\n", "\n  ")  # continuation lines stay inside the bullet
            label = f"**{markdown_escape(section.label)}**: " if section.label else ""
            lines.append(f"- {label}{text}")
    lines.append("")
    return lines


def markdown_escape(text: str) -> str:
    """Backslash-escape inline Markdown syntax, so `A*`, `[IDK]`, `V_AI` or `$x$` show literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# -- CSV and JSON ----------------------------------------------------------------------------


def to_csv(papers: list[Paper], flags: dict[str, Flags]) -> str:
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
        authors = ", ".join(paper.authors) + (", …" if paper.authors_truncated else "")
        summary = "\n".join(f"{s.label}: {s.text}" if s.label else s.text for s in paper.sections)
        writer.writerow([
            paper.arxiv_id, paper.date, _cell(paper.title), _cell(authors),
            "" if paper.votes is None else paper.votes, arxiv_url(paper.arxiv_id),
            str(state.starred).lower(), str(state.read).lower(), _cell(summary),
        ])
    return "\ufeff" + buffer.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_json(papers: list[Paper], flags: dict[str, Flags]) -> str:
    """The same array of paper objects as `daily-papers list --json`."""
    objects = [paper_json(paper, flags.get(paper.arxiv_id, Flags())) for paper in papers]
    return json.dumps(objects, ensure_ascii=False, indent=1) + "\n"
