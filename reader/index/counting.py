"""Which documents a query matches, without scores: what a trend counts.

:func:`reader.index.ranking.build` gives the same set, but evaluates each part of the query in
full: every child of an Or is matched on its own, so a glossary form's phrase (``large language
model``, ``대형 언어 모델``) has its positions checked in every document that has all its words,
most of which the term itself (``LLM``) has already found. A count needs only the union: here the
parts that need no positions come first, and a phrase, or a Hangul word across spaces, is checked
only in the documents not found yet. Each function's answer is exact outside ``found`` (inside it,
the caller already knows the answer), so the top call, with nothing found, is exact everywhere.
The posting lists are the snapshot's, shared with ranked search, and so are ranking's helpers for phrases.
"""

from __future__ import annotations

from whoosh import query as wq

from reader.index import ranking
from reader.index.engine import Snapshot, Targets, UnsupportedQueryError
from reader.index.phrase import ContiguousTerms, HangulWord

_EMPTY: frozenset[int] = frozenset()


def matching_docs(query: wq.Query, snapshot: Snapshot) -> Targets:
    """The document numbers ``query`` matches: ``ranking.build(query, snapshot).matches``, for less.

    Kept while the snapshot lives: clicking a point of a trend lists the papers of the same query.
    """
    return snapshot.phrase_matches(("count", query), lambda: _docs(query, snapshot, _EMPTY))


def _docs(query: wq.Query, snapshot: Snapshot, found: Targets) -> Targets:
    """The matches of ``query``, of which those in ``found`` may be left out."""
    if isinstance(query, wq.Or):
        matches: set[int] = set()
        for sub in sorted(query.subqueries, key=_needs_positions):
            known = (found | matches if found else matches) if _needs_positions(sub) else found
            matches.update(_docs(sub, snapshot, known))
        return matches
    if isinstance(query, wq.And):
        children = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
        if not children:
            raise UnsupportedQueryError("And with only Not")
        kept = set(_docs(children[0], snapshot, found)).intersection(
            *(_docs(sub, snapshot, found) for sub in children[1:]))
        for sub in query.subqueries:
            if isinstance(sub, wq.Not) and kept:
                kept.difference_update(_docs(sub.query, snapshot, found))
        return kept
    if isinstance(query, HangulWord) and isinstance(query.chain, wq.Sequence):
        ranking.sequence_field(query.chain)
        glued = ranking.glued_matches(query.glued, snapshot)
        across = ranking.chain_matches(query.chain.subqueries, snapshot, glued, found)
        return glued | across if across else glued
    if not found or not isinstance(query, (ContiguousTerms, wq.Sequence)):
        return ranking.build(query, snapshot).matches  # cached per snapshot, or no positions to check
    if isinstance(query, ContiguousTerms):
        slots = [ranking.slot_postings(wq.Term(query.fieldname, word), snapshot) for word in query.words]
        checked = list(enumerate(slots))
    else:
        ranking.sequence_field(query)
        slots = [ranking.slot_postings(sub, snapshot) for sub in query.subqueries]
        checked = [(offset, slots[offset]) for offset in ranking.checked_offsets(query.subqueries)]
    if any(not slot for _offset, slot in checked):
        return _EMPTY
    return ranking.match_positions(checked, snapshot, found)


def _needs_positions(query: wq.Query) -> bool:
    """Whether matching ``query`` checks positions (such parts go last, where most documents are found)."""
    if isinstance(query, (ContiguousTerms, wq.Sequence, HangulWord)):
        return True
    return isinstance(query, (wq.Or, wq.And)) and any(map(_needs_positions, query.subqueries))
