"""BibTeX that pdflatex + bibtex compile in the standard styles: one `@misc` entry per arXiv id, with
keys in the Better BibTeX style (`bestavros2024building`) that stay the same from run to run."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from reader.core import arxiv
from reader.core.models import Paper
from reader.exports.names import unique_authors
from reader.exports.reading_list import first_per_id
from reader.exports.tex import NONLATIN_PREAMBLE, latex_escape, uses_nonlatin

__all__ = ["bibtex_keys", "latex_escape", "paper_year", "to_bibtex"]

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

    Titles are double-braced so styles keep their capitals; LaTeX written in a title is kept, Unicode
    becomes LaTeX (see reader.exports.tex); authors are listed once each. Besides `eprint` and
    `archivePrefix` (biblatex), `howpublished = {arXiv:ID}` makes the standard styles print the id.
    A document with Hangul or another script pdflatex cannot typeset opens with the `@preamble` that
    defines `\\nonlatin`.
    """
    unique = list(first_per_id(papers))
    keys = bibtex_keys(unique)
    body = "\n".join(_bibtex_entry(paper, keys[paper.arxiv_id]) for paper in unique)
    if uses_nonlatin(body):
        body = '@preamble{ "' + NONLATIN_PREAMBLE + '" }\n\n' + body
    return body


def bibtex_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """arXiv id -> citation key `<surname><year><titleword>`, e.g. `bestavros2024building`.

    Without a usable author (none, or a name with no Latin letters) the title stands in for the
    surname: `<titleword><year><second titleword>` (`redpajama2024open`); a title without Latin words
    either gives `arxiv<id>`. Keys depend only on the papers given, never on their order: when several
    papers share a key, the lowest arXiv id keeps it and the others get b, c, ... in id order.
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
    authors = unique_authors(paper.authors)
    if authors:
        names = [_bibtex_name(name) for name in authors] + (["others"] if paper.authors_truncated else [])
        fields.append(("author", " and ".join(names)))
    else:  # the styles sort (and alpha labels) by `key` when there is no author
        fields.append(("key", latex_escape(_sort_key(paper))))
    fields.append(("year", paper_year(paper)))
    if arxiv.is_arxiv_id(paper.arxiv_id):
        fields.append(("howpublished", f"arXiv:{paper.arxiv_id}"))
    fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
    if arxiv.is_arxiv_id(paper.arxiv_id):
        fields.append(("doi", f"10.48550/arXiv.{paper.arxiv_id}"))
    fields += [
        ("url", arxiv.abs_url(paper.arxiv_id)),
        ("note", f"Hugging Face Daily Papers, {paper.date}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _bibtex_name(name: str) -> str:
    """One author; a name BibTeX would split or reorder ("A and B", "Team, Org") is kept whole."""
    escaped = latex_escape(name)
    if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + escaped + "}"
    return escaped


def _base_key(paper: Paper) -> str:
    surname = next((word for name in unique_authors(paper.authors)[:1] for word in reversed(name.split())
                    if _ascii_word(word)), "")
    words = _title_words(paper.title)
    year = paper_year(paper)
    if surname:
        return _ascii_word(surname) + year + (words[0] if words else "paper")
    if words:
        return words[0] + year + "".join(words[1:2])
    return "arxiv" + _ascii_word(paper.arxiv_id)


def _sort_key(paper: Paper) -> str:
    """What an entry without authors sorts under: its title's first Latin word as written, else the id."""
    for token in _title_tokens(paper.title):
        word = _ascii_word(token)
        if word and not word.isdigit() and word not in _STOPWORDS:
            return re.sub(r"[^A-Za-z0-9-]", "", unicodedata.normalize("NFKD", token.translate(_FOLD))) or word
    return f"arXiv {paper.arxiv_id}"


def _title_words(title: str) -> list[str]:
    """The title's significant words, ASCII-folded and lower-cased (stopwords and numbers skipped)."""
    words = []
    for token in _title_tokens(title):
        word = _ascii_word(token)
        if word and not word.isdigit() and word not in _STOPWORDS:
            words.append(word)
    return words


def _title_tokens(title: str) -> list[str]:
    without_commands = re.sub(r"\\[A-Za-z]+", "", title)
    return re.split(r"[\s\-:/–—]+", without_commands)


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
