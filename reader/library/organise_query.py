"""The organising parts of a query (``tag:NAME``, ``-tag:NAME``, ``note:WORDS``) and what a mute rule searches."""

from __future__ import annotations

import re

from reader.core.models import Paper
from reader.stores.organise import AUTHOR_PREFIX

ORGANISE_QUERY_ERRORS = {
    "query-only-excluded-tags": "Add a word or a tag:NAME to search for: '-tag:' only excludes papers.",
    "query-tag-empty": "Give a tag's name after tag:, like tag:LLM.",
}
"""InvalidQueryError code -> English template, of the query's organising terms (as reader.index.query's)."""

# `tag:NAME`, `tag:"two words"`, `-tag:NAME`, `note:word`, `note:"a phrase"` (case-insensitive prefix).
_ORGANISE_TERM = re.compile(r'(?<!\S)(?P<minus>-?)(?P<field>tag|note):(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))', re.I)


class OrganisedQuery:
    """A query split into its ``tag:`` and ``note:`` terms and the rest (what the index searches)."""

    def __init__(self, text: str) -> None:
        self.tags: list[str] = []
        self.excluded_tags: list[str] = []
        self.note_terms: list[str] = []
        for match in _ORGANISE_TERM.finditer(text):
            value = match["quoted"] if match["quoted"] is not None else match["bare"]
            if match["field"].lower() == "tag":
                (self.excluded_tags if match["minus"] else self.tags).append(" ".join(value.split()))
            elif value.strip():
                quoted = f'"{value}"' if match["quoted"] is not None else value
                self.note_terms.append(match["minus"] + quoted)
        self.rest = _ORGANISE_TERM.sub(" ", text).strip()

    @property
    def organised(self) -> bool:
        return bool(self.tags or self.excluded_tags or self.note_terms)


def texts(paper: Paper) -> dict[str, str]:
    """The paper's fields as the index holds them (see Catalogue.shadowed_texts)."""
    return {"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text}


def mute_query(rule: str) -> str:
    """The exact query a mute rule stands for: the words as a phrase, or an author's name."""
    if rule.lower().startswith(AUTHOR_PREFIX):
        return f'author:"{rule[len(AUTHOR_PREFIX):].replace(chr(34), " ")}"'
    return '"' + rule.replace('"', " ") + '"'
