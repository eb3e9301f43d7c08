"""Two query types of the paper index: a faster exact phrase, and a Hangul word matched without positions.

``ContiguousTerms``: Whoosh's ``Phrase`` builds generic span objects for every candidate document,
which made a three-bigram word such as 데이터셋 several times slower than the plain AND of its
bigrams. This query matches the same documents (terms at consecutive positions) with one set
intersection per term on the decoded position lists
(:class:`reader.index.whoosh_internals.ContiguousMatcher`).

``HangulWord``: the documents of a position-free query (a Hangul word inside one run: a prefix on
the run-suffix field, or a bigram), plus those of an optional positional chain (the same word
across spaces), scored by the word's bigrams alone: matching and scoring are separate.

:mod:`reader.index.ranking` evaluates both without Whoosh's matchers; these classes are what
Whoosh's own searcher runs.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.query import Phrase, Term

from reader.index.whoosh_internals import ContiguousMatcher


class ContiguousTerms(Phrase):  # type: ignore[misc]  # Whoosh is untyped
    """``Phrase(field, words)`` with slop 1, matched by :class:`ContiguousMatcher`."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None  # noqa: SIM401 - Whoosh's Schema has no get()
        terms = []
        for word in self.words:
            if field is None or (self.fieldname, field.to_bytes(word)) not in reader:
                return matching.NullMatcher()
            terms.append(Term(self.fieldname, word))
        return ContiguousMatcher([term.matcher(searcher, context) for term in terms])


class _ZeroScore(matching.ListMatcher):  # type: ignore[misc]  # Whoosh is untyped
    """The documents of a filter, each scoring 0 (ListMatcher takes a weight of 0 for "none given")."""

    def weight(self) -> float:
        return 0.0

    def score(self) -> float:
        return 0.0


class HangulWord(wq.Query):  # type: ignore[misc]  # Whoosh is untyped
    """Documents of ``glued`` or ``chain`` in ``fieldname``, scored by the ``score_terms`` they have there."""

    def __init__(self, fieldname: str, glued: wq.Query, chain: wq.Query | None, score_terms: list[str]) -> None:
        self.fieldname = fieldname
        self.glued = glued
        self.chain = chain
        self.score_terms = list(score_terms)
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"HangulWord({self.fieldname!r}, {self.glued!r}, {self.chain!r}, {self.score_terms!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, HangulWord) and (self.fieldname, self.glued, self.chain, self.score_terms)
                == (other.fieldname, other.glued, other.chain, other.score_terms))

    def __hash__(self) -> int:
        return hash((self.fieldname, self.glued, self.chain, tuple(self.score_terms)))

    def is_leaf(self) -> bool:
        return False

    def children(self) -> list[wq.Query]:
        return [query for query in (self.glued, self.chain) if query is not None]

    def estimate_size(self, ixreader: Any) -> int:
        return sum(int(query.estimate_size(ixreader)) for query in self.children())

    def estimate_min_size(self, ixreader: Any) -> int:
        return 0

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = wq.Or(self.children()).matcher(searcher, context)
        if not found.is_active():
            return matching.NullMatcher()
        base = _ZeroScore(array("I", found.all_ids()))
        scores = wq.Or([Term(self.fieldname, term) for term in self.score_terms]).matcher(searcher, context)
        return matching.AndMaybeMatcher(base, scores) if scores.is_active() else base
