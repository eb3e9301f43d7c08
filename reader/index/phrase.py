"""A faster exact phrase query for term-only phrases (Hangul bigram chains, quoted words).

Whoosh's ``Phrase`` builds generic span objects for every candidate document, which made a
three-bigram word such as 데이터셋 several times slower than the plain AND of its bigrams. This
query matches the same documents (terms at consecutive positions) with one set intersection
per term on the decoded position lists (:class:`reader.index.whoosh_internals.ContiguousMatcher`).
:mod:`reader.index.ranking` evaluates it without Whoosh's matchers; this class is what Whoosh's own
searcher runs.
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
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
