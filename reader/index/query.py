"""A small, lenient query language for Korean and English paper searches.

Grammar (whitespace separates clauses; nothing here ever raises anything but InvalidQueryError)::

    query   := item+                       all items must match (implicit AND)
    item    := clause ("OR" clause)*       OR (upper case) between clauses: either may match
    clause  := ["-" | "NOT "] [field ":"] (word | '"' phrase '"')
    field   := "title" | "author" | "authors"          (case-insensitive)

* ``-word`` / ``NOT word`` excludes papers matching it; ``AND`` is accepted and ignored.
* An unterminated ``"phrase`` runs to the end of the query. Parentheses and other punctuation
  are separators, not syntax. ``title:`` with nothing after it is dropped.
* A word is matched per the token rules of :mod:`reader.index.analysis`:
  Hangul by substring (``모델`` in 모델을, 언어모델), Latin/digits by case-insensitive word-start
  prefix (``llm`` in LLMs, LLM-based, LLM을; not in FocusLLM); ``GPT-4o`` / ``Llama-3`` as written.
* A phrase's words must be adjacent in that order (punctuation between them is ignored); its
  first word may start inside a Hangul word and its last word is matched by prefix.
* A query longer than 1,000 characters, or one with nothing searchable left (only punctuation,
  stop words such as ``the`` or ``및``, or only excluded words), raises InvalidQueryError.

:class:`Query` builds the Whoosh query for the index and, with the same rules as regular
expressions, the highlight spans and match checks for any text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from whoosh import query as wq

from reader.core.errors import InvalidQueryError
from reader.index.analysis import HANGUL, OTHER, STOP_WORDS, counted_expansions, parts, split_groups
from reader.index.phrase import ContiguousTerms
from reader.index.whoosh_internals import SelectedPrefix

FIELDS = ("title", "authors", "body")
MAX_QUERY_LENGTH = 1000
_FIELD_NAMES = {"title": "title", "author": "authors", "authors": "authors"}
_LEXEME_RE = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_FIELD_PREFIX_RE = re.compile(r"(?i)(title|authors?):")
_NOT_OTHER_BEFORE = rf"(?<!{OTHER})"
_NOT_OTHER_AFTER = rf"(?!{OTHER})"
_NOT_HANGUL_AFTER = rf"(?![{HANGUL}])"


@dataclass(frozen=True)
class Clause:
    """One word or phrase, possibly restricted to one field."""

    text: str  # as typed, for messages
    field: str | None  # None: title, authors and body
    groups: tuple[tuple[str, str], ...]  # (kind, token): "hangul" or "other" (lower-cased)

    def applies_to(self, field: str) -> bool:
        return self.field is None or self.field == field

    def regex(self) -> re.Pattern[str]:
        """The text pattern this clause matches, mirroring what the index finds."""
        pieces = []
        last = len(self.groups) - 1
        for i, (kind, token) in enumerate(self.groups):
            if i:
                same_kind = self.groups[i - 1][0] == kind
                pieces.append(r"[\W_]+" if same_kind else r"[\W_]*")
            if kind == "hangul":
                pieces.append(re.escape(token) + ("" if i == last else _NOT_HANGUL_AFTER))
            else:
                before = _NOT_OTHER_BEFORE if i == 0 else ""
                after = f"{OTHER}*" if i == last else _NOT_OTHER_AFTER
                pieces.append(before + re.escape(token) + after)
        return re.compile("".join(pieces), re.IGNORECASE)

    def slots(self) -> list[tuple[str, str]]:
        """Consecutive index positions as ("term" | "prefix", text), see analysis.py's rules."""
        slots: list[tuple[str, str]] = []
        last = len(self.groups) - 1
        for i, (kind, token) in enumerate(self.groups):
            if kind == "hangul":
                slots += [("term", token[j : j + 2]) for j in range(len(token) - 1)]
                if i != last:
                    slots.append(("term", token[-1]))
                elif len(token) == 1:
                    slots.append(("prefix", token))
            else:
                slots.append(("prefix" if i == last else "term", token))
        return slots

    def whoosh(self, field: str) -> wq.Query:
        slots = self.slots()
        if len(slots) == 1:
            kind, text = slots[0]
            return wq.Term(field, text) if kind == "term" else _prefix(field, text)
        if all(kind == "term" for kind, _ in slots):
            return ContiguousTerms(field, [text for _, text in slots])
        return wq.Sequence([wq.Term(field, t) if k == "term" else _prefix(field, t) for k, t in slots])


def _prefix(field: str, text: str) -> WordPrefix:
    return WordPrefix(field, text, constantscore=False)


class WordPrefix(SelectedPrefix):
    """A word-start (or one Hangul syllable) match, scored as the sum of its expansions' BM25F.

    Whoosh's default ``constantscore=True`` gives every match 1.0, but only in segments where its
    Or picks the preloaded matcher (three or more expansions in a segment of at most 5,000
    documents, or 1,024 or more expansions); elsewhere the expansions' scores add up. Ranking then
    depended on how the index was split into segments, and a prefix in a title weighed no more than
    one in a summary. Scored (``constantscore=False``), the rule is the same in every segment, for
    Whoosh's own searcher too. Glued tails that repeat a word already counted are not expansions
    (:func:`reader.index.analysis.counted_expansions`).
    """

    def select(self, terms: Iterable[bytes]) -> list[bytes]:
        return counted_expansions(self.text, terms)


class Query:
    """A parsed query: a conjunction of OR-groups of clauses, minus excluded clauses."""

    def __init__(self, required: list[list[Clause]], excluded: list[Clause]) -> None:
        self.required = required
        self.excluded = excluded
        self._regexes = {id(c): c.regex() for group in required for c in group}
        self._regexes.update({id(c): c.regex() for c in excluded})

    def whoosh(self) -> wq.Query:
        """The Whoosh query over the title, authors and body fields."""
        def any_field(clause: Clause) -> wq.Query:
            fields = [f for f in FIELDS if clause.applies_to(f)]
            queries = [clause.whoosh(f) for f in fields]
            return queries[0] if len(queries) == 1 else wq.Or(queries)

        positive = [
            group_query[0] if len(group_query) == 1 else wq.Or(group_query)
            for group_query in ([any_field(c) for c in group] for group in self.required)
        ]
        result: wq.Query = positive[0] if len(positive) == 1 else wq.And(positive)
        if self.excluded:
            excluded = [any_field(c) for c in self.excluded]
            # And(.., Not(..)) rather than AndNot: Whoosh 2.7's AndNotMatcher misses a first-doc exclusion.
            result = wq.And([result, wq.Not(excluded[0] if len(excluded) == 1 else wq.Or(excluded))])
        return result

    def highlight(self, field: str, text: str) -> list[tuple[int, int]]:
        """Sorted, merged ``[start, end)`` spans of ``text`` that the query's words match in ``field``."""
        spans = sorted(
            match.span()
            for group in self.required
            for clause in group
            if clause.applies_to(field)
            for match in self._regexes[id(clause)].finditer(text)
            if match.end() > match.start()
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def matches(self, field: str, text: str) -> bool:
        """Whether ``text``, taken as the paper's only field ``field``, matches the whole query."""
        return self.matches_fields({field: text})

    def matches_fields(self, texts: Mapping[str, str]) -> bool:
        """Whether a paper with these field texts matches (the index gives the same answer)."""
        def found(clause: Clause) -> bool:
            regex = self._regexes[id(clause)]
            return any(clause.applies_to(f) and regex.search(t) for f, t in texts.items())

        return all(any(found(c) for c in group) for group in self.required) and not any(
            found(c) for c in self.excluded
        )


def parse_query(text: str) -> Query:
    """Parse a user's query leniently; raise InvalidQueryError with a message for the user."""
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQueryError(f"The query is too long (more than {MAX_QUERY_LENGTH} characters).")
    required: list[list[Clause]] = []
    excluded: list[Clause] = []
    negate_next = join_next = False
    for word, phrase in _lexemes(text):
        if word in ("AND", "OR", "NOT"):
            negate_next |= word == "NOT"
            join_next = word == "OR" and bool(required)
            continue
        negated, field = negate_next, None
        negate_next = False
        if word is not None:
            if word.startswith("-") and (len(word) > 1 or phrase is not None):
                negated, word = True, word[1:]
            if prefix := _FIELD_PREFIX_RE.match(word):
                field = _FIELD_NAMES[prefix[1].lower()]
                word = word[prefix.end() :]
        clause = _make_clause(phrase if phrase is not None else word or "", field, phrase is not None)
        if clause is None:
            continue
        if negated:
            excluded.append(clause)
        elif join_next:
            required[-1].append(clause)
        else:
            required.append([clause])
        join_next = False
    if not required:
        if excluded:
            raise InvalidQueryError("Add a word to search for: '-word' only excludes papers.")
        raise InvalidQueryError("There is nothing to search for in this query.")
    return Query(required, excluded)


def _lexemes(text: str) -> list[tuple[str | None, str | None]]:
    """Split into (word, phrase) pairs; ``-title:"a b"`` gives ("-title:", "a b")."""
    lexemes: list[tuple[str | None, str | None]] = []
    for match in _LEXEME_RE.finditer(text):
        word, phrase = match["word"], match["phrase"]
        if phrase is not None and lexemes and _is_glued(text, match.start(), lexemes[-1]):
            lexemes[-1] = (lexemes[-1][0], phrase)
        else:
            lexemes.append((word, phrase))
    return lexemes


def _is_glued(text: str, quote_at: int, previous: tuple[str | None, str | None]) -> bool:
    """A quote right after ``title:`` / ``-`` / ``-author:`` belongs to that prefix."""
    word, phrase = previous
    if word is None or phrase is not None or quote_at == 0 or text[quote_at - 1].isspace():
        return False
    bare = word[1:] if word.startswith("-") else word
    return bare == "" or _FIELD_PREFIX_RE.fullmatch(bare) is not None


def _make_clause(text: str, field: str | None, is_phrase: bool) -> Clause | None:
    groups = split_groups(text)
    if not groups:
        return None
    if len(groups) == 1 and not is_phrase and groups[0][1] in STOP_WORDS:
        return None
    if len(groups) > 1:
        # Inside a phrase (or a word like LLM을) glued words are matched part by part.
        groups = [(kind, part) for kind, token in groups for part in (parts(token) if kind == "other" else [token])]
    return Clause(text, field, tuple(groups))
