"""Author names for citations: each person once, and split into given and family names the way
Zotero's own importers split them (the last word is the family name)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_COLLAPSE = re.compile(r"\s+")


def unique_authors(authors: Iterable[str]) -> list[str]:
    """The names in order, each once: the digests list some names twice ("Jane Kim, …, Jane  Kim").

    Two spellings are the same name when they agree after Unicode normalisation (NFKC), case folding
    and collapsing spaces; the first spelling is kept. Empty names are dropped.
    """
    seen: set[str] = set()
    names: list[str] = []
    for name in authors:
        cleaned = _COLLAPSE.sub(" ", name).strip()
        identity = unicodedata.normalize("NFKC", cleaned).casefold()
        if cleaned and identity not in seen:
            seen.add(identity)
            names.append(cleaned)
    return names


def split_name(name: str) -> tuple[str, str] | None:
    """(given names, family name) of a personal name, or None for a name kept whole.

    "Mark Bestavros" -> ("Mark", "Bestavros"), "Gabriela Ben Melech Stan" -> ("Gabriela Ben Melech", "Stan"),
    as Zotero's `cleanAuthor` does. Kept whole: one word ("홍길동", "DeepSeek-AI"), a name with a comma
    or " and " (teams such as "Llama Team, AI @ Meta"), and names written in a script without spaces
    between given and family name (Hangul, Chinese, Japanese), whose order a split would get wrong.
    """
    words = name.split()
    if len(words) < 2 or "," in name or re.search(r"\band\b", name, re.IGNORECASE) or _has_cjk(name):
        return None
    return " ".join(words[:-1]), words[-1]


def _has_cjk(text: str) -> bool:
    return any(unicodedata.name(char, "").startswith(("HANGUL", "CJK", "HIRAGANA", "KATAKANA")) for char in text)
