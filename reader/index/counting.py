"""Which documents a query matches, without scores: what a trend counts.

:func:`reader.index.ranking.build` gives the same set, but evaluates each part of the query in
full, as Python sets: every child of an Or is matched on its own, so a glossary form's phrase
(``large language model``, ``대형 언어 모델``) has its positions checked in every document that has
all its words, most of which the term itself (``LLM``) has already found. A count needs only the
union: here each part's matches are flags, one per document (a common word's 98,000 documents are
one array operation, not a set), the parts that need no positions come first and are read without
weights or positions, and a phrase, or a Hangul word across spaces, is checked only in the
documents not found yet. Each function's answer is exact outside ``found`` (inside it, the caller
already knows the answer), so the top call, with nothing found, is exact everywhere. The posting
lists are the snapshot's, shared with ranked search, and so are the phrase checks (phrase_positions).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import query as wq

from reader.index import cancellation, ranking
from reader.index.engine import IdArray, Snapshot, UnsupportedQueryError
from reader.index.phrase import ContiguousTerms, HangulWord
from reader.index.phrase_positions import positions_hold

Flags = npt.NDArray[np.bool_]


def matching_docs(query: wq.Query, snapshot: Snapshot) -> IdArray:
    """The document numbers ``query`` matches, ascending: ``ranking.build(query, snapshot).matches``, for less.

    Kept while the snapshot lives: clicking a point of a trend lists the papers of the same query.
    """
    return snapshot.counted(query, lambda: np.flatnonzero(_flags(query, snapshot, None)))


def read_shared(queries: list[wq.Query], snapshot: Snapshot) -> None:
    """Read whole, once, the terms that one of ``queries`` counts anywhere and another checks positions of.

    A count reads a term it needs no positions of without them (a quarter cheaper), but a phrase then
    reads it again, positions and all: 모델 alone and in LLM's 대형 언어 모델 read 98,000 postings twice.
    """
    anywhere: set[tuple[str, bytes]] = set()
    positional: set[tuple[str, bytes]] = set()
    try:
        for query in queries:
            _terms(query, snapshot, anywhere, positional)
    except UnsupportedQueryError:
        return  # such a query is matched by Whoosh: nothing to share
    for field, term in sorted(anywhere & positional):
        snapshot.postings(field, term)


def _terms(query: wq.Query, snapshot: Snapshot, anywhere: set[tuple[str, bytes]],
           positional: set[tuple[str, bytes]]) -> None:
    """Add the terms ``query`` matches without positions to ``anywhere``, those it checks positions of
    to ``positional`` (as :func:`_flags` reads them)."""
    if isinstance(query, (wq.Or, wq.And)):
        for sub in query.subqueries:
            _terms(sub, snapshot, anywhere, positional)
    elif isinstance(query, wq.Not):
        _terms(query.query, snapshot, anywhere, positional)
    elif isinstance(query, HangulWord):
        if isinstance(query.glued, wq.Term):  # a Prefix's run suffixes are never in a phrase
            anywhere.update(ranking.slot_terms(query.glued, snapshot))
        if isinstance(query.chain, wq.Sequence):
            _terms(query.chain, snapshot, anywhere, positional)
    elif isinstance(query, ContiguousTerms):
        for word in query.words:
            positional.update(ranking.slot_terms(wq.Term(query.fieldname, word), snapshot))
    elif isinstance(query, wq.Sequence):
        subqueries = query.subqueries
        for offset in ranking.checked_offsets(subqueries):
            positional.update(ranking.slot_terms(subqueries[offset], snapshot))
    elif isinstance(query, (wq.Term, wq.Prefix)):
        anywhere.update(ranking.slot_terms(query, snapshot))


def per_day(docs: IdArray, snapshot: Snapshot) -> dict[int, int]:
    """How many of ``docs`` each day number has: one count over the day column, no loop per document."""
    days = np.frombuffer(snapshot.days(), dtype=np.intc)[docs]
    if not days.size:
        return {}
    first = int(days.min())  # a day number below 1970 is negative: count from the first
    counts = np.bincount(days - first)
    present = np.flatnonzero(counts)
    return dict(zip((present + first).tolist(), counts[present].tolist(), strict=True))


def _flags(query: wq.Query, snapshot: Snapshot, found: Flags | None) -> Flags:
    """The matches of ``query`` (a new array), of which those flagged in ``found`` may be left out."""
    if isinstance(query, wq.Or):
        flags = _none(snapshot)
        for sub in sorted(query.subqueries, key=_needs_positions):
            flags |= _flags(sub, snapshot, _with(found, flags) if _needs_positions(sub) else found)
        return flags
    if isinstance(query, wq.And):
        children = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
        if not children:
            raise UnsupportedQueryError("And with only Not")
        kept = _flags(children[0], snapshot, found)
        for sub in children[1:]:  # a document already out of the And is known: a phrase skips it
            kept &= _flags(sub, snapshot, _with(found, ~kept))
        for sub in query.subqueries:
            if isinstance(sub, wq.Not):
                kept &= ~_flags(sub.query, snapshot, _with(found, ~kept))
        return kept
    if isinstance(query, HangulWord):
        flags = _glued(query.glued, snapshot)
        if query.chain is not None:
            if not isinstance(query.chain, wq.Sequence):
                raise UnsupportedQueryError(str(query.chain))
            ranking.sequence_field(query.chain)
            subqueries = query.chain.subqueries
            checked = [(offset, subqueries[offset]) for offset in ranking.checked_offsets(subqueries)]
            flags |= _phrase(checked, snapshot, _with(found, flags))
        return flags
    if isinstance(query, (wq.Term, wq.Prefix)):
        if isinstance(query, wq.Prefix) and query.constantscore:
            raise UnsupportedQueryError("constant-score Prefix")  # as ranking: Whoosh counts it per segment
        return _any_of(_ids(ranking.slot_terms(query, snapshot), snapshot), snapshot)
    if isinstance(query, ContiguousTerms):
        return _phrase([(offset, wq.Term(query.fieldname, word)) for offset, word in enumerate(query.words)],
                       snapshot, found)
    if isinstance(query, wq.Sequence):
        ranking.sequence_field(query)
        subqueries = query.subqueries
        return _phrase([(offset, subqueries[offset]) for offset in ranking.checked_offsets(subqueries)],
                       snapshot, found)
    raise UnsupportedQueryError(type(query).__name__)


def _glued(query: wq.Query, snapshot: Snapshot) -> Flags:
    """A Hangul word's position-free matches (:func:`reader.index.ranking.glued_matches`, as flags)."""
    if isinstance(query, wq.Term):
        return _any_of(_ids(ranking.slot_terms(query, snapshot), snapshot), snapshot)
    if not isinstance(query, wq.Prefix) or query.boost != 1.0:
        raise UnsupportedQueryError(str(query))
    field = query.fieldname
    return _any_of(_ids([(field, term) for term in snapshot.expand(field, query.text)], snapshot), snapshot)


def _phrase(slots: list[tuple[int, wq.Query]], snapshot: Snapshot, found: Flags | None) -> Flags:
    """The documents outside ``found`` where each slot (at its offset) holds at one start.

    Slots of one term are read first: when no document outside ``found`` has all of them, the
    others (a run's lone last syllable, in most documents) are not read at all.
    """
    candidates = ~found if found is not None else np.ones(len(snapshot.days()), dtype=bool)
    read = []
    for offset, sub in sorted(slots, key=lambda slot: not isinstance(slot[1], wq.Term)):
        postings = ranking.slot_postings(sub, snapshot)  # with positions: the check below needs them
        candidates &= _any_of([np.frombuffer(p.ids, dtype=np.intc) for p in postings], snapshot)
        if not candidates.any():
            return candidates
        read.append((offset, postings))
    flags = _none(snapshot)
    flags[positions_hold(read, snapshot, np.flatnonzero(candidates))] = True
    return flags


def _ids(keys: list[tuple[str, bytes]], snapshot: Snapshot) -> list[npt.NDArray[np.integer[Any]]]:
    """The documents of each (field, term), once the count has not been cancelled (a prefix reads thousands)."""
    found = []
    for field, term in keys:
        cancellation.check()
        found.append(snapshot.doc_numbers(field, term))
    return found


def _any_of(ids: list[npt.NDArray[np.integer[Any]]], snapshot: Snapshot) -> Flags:
    """Flags of the documents in any of ``ids``."""
    flags = _none(snapshot)
    for docs in ids:
        flags[docs] = True
    return flags


def _none(snapshot: Snapshot) -> Flags:
    """A flag per document of the snapshot (deleted ones too: no posting has them), all down."""
    return np.zeros(len(snapshot.days()), dtype=bool)


def _with(found: Flags | None, more: Flags) -> Flags:
    """The documents of ``found`` and of ``more`` (a new array only when both are there)."""
    return more if found is None else found | more


def _needs_positions(query: wq.Query) -> bool:
    """Whether matching ``query`` checks positions (such parts go last, where most documents are found)."""
    if isinstance(query, (ContiguousTerms, wq.Sequence, HangulWord)):
        return True
    return isinstance(query, (wq.Or, wq.And)) and any(map(_needs_positions, query.subqueries))
