"""The matcher of :class:`reader.index.phrase.ContiguousTerms` (Whoosh's own search path).

DEPENDENCY (whoosh.query.spans): ``SpanNear2.SpanNear2Matcher`` is an undocumented nested class
(an intersection of term matchers that keeps a document when ``_get_spans()`` finds spans), its
constructor takes ``(matchers, slop, ordered, mindist)`` and keeps them as ``self.ms``, and
``_get_spans`` is the private hook it calls per candidate document. Why: Whoosh's generic span
search built span objects for every candidate document, which made a three-bigram word several
times slower than the plain AND of its bigrams; this matcher checks "term k at start + k" with
one set intersection per term. Only queries :mod:`reader.index.ranking` cannot evaluate, and
Whoosh's own searcher in tests, use it.
"""

from __future__ import annotations

from typing import Any

from whoosh.query.spans import Span, SpanNear2

from reader.index.whoosh_internals.positions import decode_positions


class ContiguousMatcher(SpanNear2.SpanNear2Matcher):  # type: ignore[misc]  # Whoosh is untyped
    """Intersection of the term matchers, kept where term k sits at start + k for some start."""

    def __init__(self, ms: list[Any]) -> None:
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def copy(self) -> ContiguousMatcher:
        return self.__class__([m.copy() for m in self.ms])

    def _get_spans(self) -> list[Any]:
        starts = set(decode_positions(self.ms[0].value()))
        for offset, term_matcher in enumerate(self.ms[1:], 1):
            starts.intersection_update([pos - offset for pos in decode_positions(term_matcher.value())])
            if not starts:
                return []
        width = len(self.ms) - 1
        return [Span(start, start + width) for start in sorted(starts)]
