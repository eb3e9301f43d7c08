"""A small, lenient query language for Korean and English paper searches.

Grammar (whitespace separates clauses; nothing here ever raises anything but InvalidQueryError)::

    query   := item+                       all items must match (implicit AND)
    item    := clause ("OR" clause)*       OR (upper case) between clauses: either may match
    clause  := ["-" | "NOT "] [field ":"] (word | '"' phrase '"')
    field   := "title" | "author" | "authors"          (case-insensitive)

* ``-word`` / ``NOT word`` excludes papers matching it; ``AND`` is accepted and ignored.
* An unterminated ``"phrase`` runs to the end of the query. Parentheses and other punctuation
  are separators, not syntax. ``title:`` with nothing after it is dropped.
* A word is matched per the rules of :mod:`reader.index.clauses`: Hangul by substring
  (``모델`` in 모델을, 언어모델) and across the spaces of a compound (``강화학습`` in 강화 학습, and
  ``"강화 학습"`` in 강화학습), Latin/digits by case-insensitive word-start prefix (``llm`` in LLMs,
  LLM-based, LLM을; not in FocusLLM), a short word typed in capitals as an acronym (``ViT`` in ViT,
  ViTs, ViT-based, ViT를; not in Vitality); ``GPT-4o`` / ``Llama-3`` as written.
* A phrase's words must be adjacent in that order (punctuation between Latin words is ignored;
  Hangul words are separated by spaces or nothing); its first word may start inside a Hangul word
  and its last word is matched by prefix (or as an acronym).
* With a glossary (:mod:`reader.index.glossary`), a word or a run of words that names a glossary
  concept also matches the concept's other forms (an OR-group; see ``parse_query``).
* A query longer than 1,000 characters, one of more than 32 words and phrases, or one with nothing
  searchable left (only punctuation, stop words such as ``the`` or ``및``, or only excluded words), raises
  InvalidQueryError (with a code and arguments for a front end in another language). What the words stand
  for in the index is bounded when the query runs (:mod:`reader.index.cost`).

:class:`Query` builds the Whoosh query for the index and, with the same rules as regular
expressions, the highlight spans and match checks for any text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import islice

from whoosh import query as wq

from reader.core.errors import InvalidQueryError
from reader.index.analysis import STOP_WORDS
from reader.index.clauses import Clause, WordPrefix, make_clause
from reader.index.expansion import Glossary, expand

__all__ = ["FIELDS", "QUERY_ERRORS", "Clause", "Glossary", "Option", "Query", "WordPrefix", "make_clause",
           "parse_query", "query_error"]

FIELDS = ("title", "authors", "body")
MAX_QUERY_LENGTH = 1000
# Words and phrases as typed (OR'd ones and excluded ones too): each costs a pass over its postings in
# three fields; 200 OR'd letters took 67 s. Glossary alternatives are bounded on their own (expansion.py).
MAX_QUERY_WORDS = 32
# Highlight spans per text: more than anyone reads, and each costs a Span object in every search result.
MAX_HIGHLIGHTS = 1_000
_FIELD_NAMES = {"title": "title", "author": "authors", "authors": "authors"}
_LEXEME_RE = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_FIELD_PREFIX_RE = re.compile(r"(?i)(title|authors?):")

QUERY_ERRORS = {
    "query-too-long": "The query is too long (more than {0} characters).",
    "query-only-excluded": "Add a word to search for: '-word' only excludes papers.",
    "query-empty": "There is nothing to search for in this query.",
    "query-too-many-words": "The query has too many words and phrases ({0}; at most {1}).",
    # reader.index.cost: the words stand for too many index terms
    "query-too-broad": "The query stands for too many different words in the library ({0}; at most {1}): "
                       "type more of '{2}'.",
}
"""InvalidQueryError code -> English template (``{0}``... are its arguments, as for a Problem)."""


def query_error(code: str, *args: object) -> InvalidQueryError:
    """The InvalidQueryError ``code``: its English message, and the code with its arguments for other languages."""
    arguments = tuple(map(str, args))
    return InvalidQueryError(QUERY_ERRORS[code].format(*arguments), code, arguments)


# Clauses that must all match: one option of an OR-group (most options are one clause).
Option = tuple[Clause, ...]


class Query:
    """A parsed query: a conjunction of OR-groups of options (each a conjunction of clauses), minus excluded clauses."""

    def __init__(self, required: list[list[Option]], excluded: list[Clause]) -> None:
        self.required = required
        self.excluded = excluded
        self._compiled: dict[int, re.Pattern[str]] | None = None

    def _regexes(self) -> dict[int, re.Pattern[str]]:
        """Each clause's text pattern (by the clause's id), compiled when first needed: a trend, counted by
        the index alone, never needs them (three terms' glossary forms took ~17 ms to compile)."""
        if self._compiled is None:
            clauses = [*self.clauses(), *self.excluded]
            self._compiled = {id(clause): clause.regex() for clause in clauses}
        return self._compiled

    def compile_patterns(self) -> None:
        """Compile the text patterns now, on the caller's thread: re's cache, shared by every thread, then has
        them for a Query parsed alike elsewhere (the window's matchers after a first look off its thread)."""
        self._regexes()

    def clauses(self) -> list[Clause]:
        """Every clause that must (or, in an OR-group, may) match, in query order."""
        return [clause for group in self.required for option in group for clause in option]

    def whoosh(self) -> wq.Query:
        """The Whoosh query over the title, authors and body fields."""
        def any_field(clause: Clause) -> wq.Query:
            fields = [f for f in FIELDS if clause.applies_to(f)]
            queries = [clause.whoosh(f) for f in fields]
            return queries[0] if len(queries) == 1 else wq.Or(queries)

        def option_query(option: Option) -> wq.Query:
            queries = [any_field(clause) for clause in option]
            return queries[0] if len(queries) == 1 else wq.And(queries)

        positive = [
            group_query[0] if len(group_query) == 1 else wq.Or(group_query)
            for group_query in ([option_query(option) for option in group] for group in self.required)
        ]
        result: wq.Query = positive[0] if len(positive) == 1 else wq.And(positive)
        if self.excluded:
            excluded = [any_field(c) for c in self.excluded]
            # And(.., Not(..)) rather than AndNot: Whoosh 2.7's AndNotMatcher misses a first-doc exclusion.
            result = wq.And([result, wq.Not(excluded[0] if len(excluded) == 1 else wq.Or(excluded))])
        return result

    def highlight(self, field: str, text: str) -> list[tuple[int, int]]:
        """Sorted, merged ``[start, end)`` spans of ``text`` that the query's words match in ``field``:
        the first :data:`MAX_HIGHLIGHTS` (a 48 MB summary had 900,000 and took 11 s to search)."""
        spans = sorted(
            match.span()
            for clause in self.clauses()
            if clause.applies_to(field)
            for match in islice(self._nonempty_matches(clause, text), MAX_HIGHLIGHTS)
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged[:MAX_HIGHLIGHTS]

    def _nonempty_matches(self, clause: Clause, text: str) -> Iterator[re.Match[str]]:
        return (match for match in self._regexes()[id(clause)].finditer(text) if match.end() > match.start())

    def matches(self, field: str, text: str) -> bool:
        """Whether ``text``, taken as the paper's only field ``field``, matches the whole query."""
        return self.matches_fields({field: text})

    def matches_fields(self, texts: Mapping[str, str]) -> bool:
        """Whether a paper with these field texts matches (the index gives the same answer)."""
        regexes = self._regexes()

        def found(clause: Clause) -> bool:
            regex = regexes[id(clause)]
            return any(clause.applies_to(f) and regex.search(t) for f, t in texts.items())

        return all(any(all(found(c) for c in option) for option in group) for group in self.required) and not any(
            found(c) for c in self.excluded
        )


def parse_query(text: str, glossary: Glossary | None = None) -> Query:
    """Parse a user's query leniently; raise InvalidQueryError with a message for the user.

    With a glossary, words that name a glossary term also match its other forms
    (:mod:`reader.index.expansion`); without one (exact mode) the query means what it says.
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise query_error("query-too-long", MAX_QUERY_LENGTH)
    required: list[list[Option]] = []
    excluded: list[Clause] = []
    stops: dict[int, list[str]] = {}  # stop words dropped before group i
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
        clause = make_clause(phrase if phrase is not None else word or "", field, phrase is not None)
        if clause is None:
            if word and word.lower() in STOP_WORDS and not negated:  # it may still be part of a glossary term
                stops.setdefault(len(required), []).append(word)
            continue
        if negated:
            excluded.append(clause)
        elif join_next:
            required[-1].append((clause,))
        else:
            required.append([(clause,)])
        join_next = False
    if not required:
        if excluded:
            raise query_error("query-only-excluded")
        raise query_error("query-empty")
    if (words := len(excluded) + sum(len(group) for group in required)) > MAX_QUERY_WORDS:
        raise query_error("query-too-many-words", words, MAX_QUERY_WORDS)
    if glossary is not None and len(glossary):
        required = expand(required, glossary, stops)
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
