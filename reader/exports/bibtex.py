"""BibTeX: one `@misc` entry per arXiv id, with keys that stay the same from run to run."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from reader.core import arxiv
from reader.core.models import Paper
from reader.exports.reading_list import first_per_id

_STOPWORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "with", "without", "via", "from", "by", "at",
    "as", "is", "are", "be", "do", "does", "can", "we", "our", "you", "your", "its", "it", "what", "how", "why",
    "when", "where", "which", "towards", "toward", "into", "over", "under", "beyond", "not", "no",
})
# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
                       "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th"})


def to_bibtex(papers: list[Paper]) -> str:
    """One `@misc` entry per arXiv id (first listing wins), keys unique within the document.

    The text is UTF-8 (biber and bibtexparser read it as is); titles are double-braced so
    BibTeX styles keep their capitalisation, and LaTeX written in a title is kept.
    """
    unique = list(first_per_id(papers))
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
        ("url", arxiv.abs_url(paper.arxiv_id)),
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
    return arxiv.year(paper.arxiv_id) or paper.date[:4]
