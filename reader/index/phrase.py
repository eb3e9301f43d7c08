"""A faster exact phrase query for term-only phrases (Hangul bigram chains, quoted words).

Whoosh's ``Phrase`` builds generic span objects for every candidate document, which made a
three-bigram word such as 데이터셋 several times slower than the plain AND of its bigrams. This
query matches the same documents (terms at consecutive positions) with one set intersection
per term on the decoded position lists.
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import matching
from whoosh.query import Phrase, Term
from whoosh.query.spans import Span, SpanNear2
from whoosh.system import _INT_SIZE


class ContiguousTerms(Phrase):
    """``Phrase(field, words)`` with slop 1, matched by :class:`_ContiguousMatcher`."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None  # noqa: SIM401 - Whoosh's Schema has no get()
        terms = []
        for word in self.words:
            if field is None or (self.fieldname, field.to_bytes(word)) not in reader:
                return matching.NullMatcher()
            terms.append(Term(self.fieldname, word))
        return _ContiguousMatcher([term.matcher(searcher, context) for term in terms])


class _ContiguousMatcher(SpanNear2.SpanNear2Matcher):
    """Intersection of the term matchers, kept where term k sits at start + k for some start."""

    def __init__(self, ms: list[Any]) -> None:
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def copy(self) -> Any:
        return self.__class__([m.copy() for m in self.ms])

    def _get_spans(self) -> list[Span]:
        starts = set(_positions(self.ms[0].value()))
        for offset, term_matcher in enumerate(self.ms[1:], 1):
            starts.intersection_update([pos - offset for pos in _positions(term_matcher.value())])
            if not starts:
                return []
        width = len(self.ms) - 1
        return [Span(start, start + width) for start in sorted(starts)]


def _positions(value: bytes) -> accumulate[int]:
    """Decode Whoosh's ``Positions`` value bytes (count, then pickled position deltas)."""
    return accumulate(loads(value[_INT_SIZE:]))
