"""A Prefix query whose expansions a subclass chooses, for Whoosh's own searcher.

DEPENDENCY (whoosh.query.terms.MultiTerm): ``_btexts(ixreader)`` is the private hook every
MultiTerm query (Prefix included) calls, per segment reader, for the terms it stands for:
``matcher``, ``estimate_size``, ``simplify`` and ``expanded_terms`` all go through it. Why: a
prefix of the paper index must leave out the glued-tail terms that repeat a word it already
counts (see :func:`reader.index.analysis.counted_expansions`), in Whoosh's searcher exactly as in
:mod:`reader.index.ranking`, which reads the expansions itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.query import Prefix


class SelectedPrefix(Prefix):  # type: ignore[misc]  # Whoosh is untyped
    """``Prefix`` whose expansions in a reader are ``select(reader.expand_prefix(field, text))``."""

    def select(self, terms: Iterable[bytes]) -> list[bytes]:
        """The expansions this query stands for, out of every term that starts with its text."""
        return list(terms)

    def _btexts(self, ixreader: Any) -> list[bytes]:
        return self.select(ixreader.expand_prefix(self.fieldname, self.text))
