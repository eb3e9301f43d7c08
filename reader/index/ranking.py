"""Evaluate a Whoosh query tree on a :class:`~reader.index.engine.Snapshot`: exact matches, top-k scores.

A query becomes a tree of nodes, each with its set of matching document numbers:

* a *unit* is one Term, Prefix, ContiguousTerms or Sequence in one field: a list of slots, each
  slot the posting lists of one position (a Prefix slot holds every expansion);
* Or / And / Not combine the children's sets.

A document's score is Whoosh's (the searcher's BM25F weighting, summed the way Whoosh's matchers
sum it): a unit adds the BM25F score of every posting list of every slot that contains the
document, so a Prefix adds each of its expansions the document has (:mod:`reader.index.query`
builds them as ``WordPrefix``: scored, which makes Whoosh's own searcher do the same in every
segment, and without glued tails that repeat a counted word); an Or adds its matching children,
an And all of them plus 1.0 per Not (Whoosh's InverseMatcher). Final scores and ties are
``SearchIndex``'s: see :func:`top`.

Top-k without scoring every match (the total is the size of the match set, so it stays exact):
posting lists (each expansion of a Term/Prefix, or all the lists of a phrase) are scored one
after another, gated by their unit's matches, the largest possible score first; once the
documents seen so far have ``limit`` scores that the remaining steps could not let any other
document reach, no new document is admitted, and a document whose partial score plus the
remaining steps' bound falls short is dropped (the classic term-at-a-time "max-score" pruning).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
from whoosh import query as wq

from reader.index import cancellation
from reader.index.board import Mask, ScoreBoard
from reader.index.engine import Postings, Snapshot, Targets, UnsupportedQueryError
from reader.index.phrase import ContiguousTerms, HangulWord
from reader.index.phrase_positions import positions_hold
from reader.index.whoosh_internals import SelectedPrefix

# Scores are rounded to 4 decimals and the day adds < 1e-5: a bound this much below a score is safe.
_MARGIN = 1e-3
# Steps after each of which ``top`` tries the floor; later ones try it after steps 16, 32, 64, ...
_FLOOR_EVERY_STEP = 15


# A scoring step of a query: what to score, and the sets a document must be in for it to count.
Step = tuple["_PostingsStep | _Constant", tuple[Targets, ...]]


class Node:
    """A query node with its matching documents."""

    matches: Targets

    def plan(self, gates: tuple[Targets, ...]) -> list[Step]:
        """The scoring steps under this node: Whoosh's score of a match is the sum of its steps."""
        raise NotImplementedError


class Unit(Node):
    """One Term / Prefix / phrase in one field."""

    def __init__(self, field: str, slots: list[list[Postings]], matches: Targets) -> None:
        self.field = field
        self.slots = slots
        self.matches = matches

    def plan(self, gates: tuple[Targets, ...]) -> list[Step]:
        inner = (*gates, self.matches)
        if len(self.slots) == 1:
            # A Term or Prefix: one step per expansion, so the list that can add the most runs
            # first (summed into one step, a Prefix's many lists would run first as a whole).
            return [(_PostingsStep([postings]), inner) for postings in self.slots[0]]
        # A phrase matches few documents, and every step costs a floor in ``top``: one step.
        return [(_PostingsStep([postings for slot in self.slots for postings in slot]), inner)]


class Scored(Node):
    """Matches found one way (a Hangul word's run suffixes, or its chain across spaces), scored by
    posting lists of their own (the word's bigrams): each list adds its score where a match has it."""

    def __init__(self, matches: Targets, postings: list[Postings]) -> None:
        self.matches = matches
        self.postings = postings

    def plan(self, gates: tuple[Targets, ...]) -> list[Step]:
        inner = (*gates, self.matches)
        steps: list[Step] = [(_PostingsStep([postings]), inner) for postings in self.postings]
        unscored = _outside(self.matches, self.postings)
        if unscored:  # matches with none of the lists still count, at 0
            steps.append((_Constant(0.0), (*gates, unscored)))
        return steps


def _outside(matches: Targets, lists: list[Postings]) -> set[int]:
    """The matches in none of the posting lists (a mask of the lists' documents, not a union of their sets)."""
    if not matches:
        return set()
    docs = np.fromiter(matches, dtype=np.intp, count=len(matches))
    ids = [np.frombuffer(postings.ids, dtype=np.intc) for postings in lists]
    covered = np.zeros(max([int(docs.max()), *(int(found[-1]) for found in ids)]) + 1, dtype=bool)
    for found in ids:
        covered[found] = True
    return set(docs[~covered[docs]].tolist())


class _PostingsStep:
    """Posting lists of one unit: adds their BM25F scores to the targets that have them."""

    __slots__ = ("lists", "bound")

    def __init__(self, lists: list[Postings]) -> None:
        self.lists = lists
        # Several lists (a phrase's) can all be in one document: bound by their sum.
        self.bound = sum(postings.max_score for postings in lists)

    def score(self, targets: Targets, scores: dict[int, float]) -> None:
        for postings in self.lists:
            _add_scores(postings, targets, scores)

    def add(self, targets: Mask, board: ScoreBoard) -> None:
        for postings in self.lists:
            board.add_postings(postings, targets)


class _Constant:
    """Whoosh's InverseMatcher: a Not inside an And adds 1.0 to every match."""

    def __init__(self, value: float) -> None:
        self.bound = value

    def score(self, targets: Targets, scores: dict[int, float]) -> None:
        get = scores.get
        for docnum in targets:
            scores[docnum] = get(docnum, 0.0) + self.bound

    def add(self, targets: Mask, board: ScoreBoard) -> None:
        board.add_constant(self.bound, targets)


class Or(Node):
    def __init__(self, children: list[Node]) -> None:
        self.children = children
        self.matches = frozenset().union(*(child.matches for child in children))

    def plan(self, gates: tuple[Targets, ...]) -> list[Step]:
        # An Or adds the children that match: each child gates its steps by its own matches.
        return [step for child in self.children for step in child.plan(gates)]


class And(Node):
    def __init__(self, children: list[Node], excluded: list[Node]) -> None:
        self.children = children
        self.excluded = excluded
        matches = set(min((child.matches for child in children), key=len))
        for child in children:
            matches.intersection_update(child.matches)
        for child in excluded:
            matches.difference_update(child.matches)
        self.matches = matches

    def plan(self, gates: tuple[Targets, ...]) -> list[Step]:
        inner = (*gates, self.matches)
        steps = [step for child in self.children for step in child.plan(inner)]
        if self.excluded:
            steps.append((_Constant(float(len(self.excluded))), inner))
        return steps


def build(query: wq.Query, snapshot: Snapshot) -> Node:
    """The node tree of a query as :meth:`reader.index.query.Query.whoosh` builds it."""
    if isinstance(query, HangulWord):
        return _hangul_word(query, snapshot)
    if isinstance(query, wq.Or):
        return Or([build(sub, snapshot) for sub in query.subqueries])
    if isinstance(query, wq.And):
        children = [build(sub, snapshot) for sub in query.subqueries if not isinstance(sub, wq.Not)]
        excluded = [build(sub.query, snapshot) for sub in query.subqueries if isinstance(sub, wq.Not)]
        if not children:
            raise UnsupportedQueryError("And with only Not")
        return And(children, excluded)
    if isinstance(query, (wq.Term, wq.Prefix)):
        if isinstance(query, wq.Prefix) and query.constantscore:
            raise UnsupportedQueryError("constant-score Prefix")  # Whoosh scores it per segment
        slot = slot_postings(query, snapshot)
        return Unit(query.fieldname, [slot], _documents(slot))
    if isinstance(query, ContiguousTerms):
        slots = [slot_postings(wq.Term(query.fieldname, word), snapshot) for word in query.words]
        return Unit(query.fieldname, slots, _phrase_matches(list(enumerate(slots)), snapshot))
    if isinstance(query, wq.Sequence):
        field = sequence_field(query)
        slots = [slot_postings(sub, snapshot) for sub in query.subqueries]
        checked = [(offset, slots[offset]) for offset in checked_offsets(query.subqueries)]
        return Unit(field, slots, _phrase_matches(checked, snapshot))
    raise UnsupportedQueryError(type(query).__name__)


def sequence_field(query: wq.Sequence) -> str:
    """The one field of a slop-1 ordered Sequence of Term, Prefix or Or-of-Term slots (else unsupported)."""
    fields: set[str] = set()
    for sub in query.subqueries:
        terms = sub.subqueries if isinstance(sub, wq.Or) else [sub]
        if not all(isinstance(term, (wq.Term, wq.Prefix)) and not isinstance(term, wq.Or) for term in terms):
            raise UnsupportedQueryError(str(query))
        fields.update(term.fieldname for term in terms)
    if len(fields) != 1 or query.slop != 1 or not query.ordered:
        raise UnsupportedQueryError(str(query))
    field: str = fields.pop()
    return field


def _hangul_word(query: HangulWord, snapshot: Snapshot) -> Node:
    """A Hangul word: its position-free matches, those of its chain across spaces, its bigrams' scores."""
    field = query.fieldname
    glued = glued_matches(query.glued, snapshot)
    matches: Targets = glued
    if query.chain is not None:
        if not isinstance(query.chain, wq.Sequence):
            raise UnsupportedQueryError(str(query.chain))
        sequence_field(query.chain)
        extra = chain_matches(query.chain.subqueries, snapshot, glued)
        if extra:
            matches = glued | extra
    schema = snapshot.searcher.schema
    terms = [schema[field].to_bytes(term) for term in query.score_terms] if field in schema else []
    postings = [p for p in (snapshot.postings(field, term) for term in terms) if p is not None]
    return Scored(matches, postings)


def glued_matches(query: wq.Query, snapshot: Snapshot) -> frozenset[int]:
    """Documents of a bigram Term, or of a Prefix on a run-suffix field (read without positions or scores)."""
    if isinstance(query, wq.Term):
        return _documents(slot_postings(query, snapshot))
    if not isinstance(query, wq.Prefix) or query.boost != 1.0:
        raise UnsupportedQueryError(str(query))
    field = query.fieldname

    def compute() -> frozenset[int]:
        terms = snapshot.expand(field, query.text)
        return frozenset().union(*(_checked_doc_ids(snapshot, field, term) for term in terms))

    return frozenset(snapshot.phrase_matches(("free", field, query.text), compute))


def chain_matches(subqueries: list[wq.Query], snapshot: Snapshot, exclude: frozenset[int]) -> Targets:
    """Documents outside ``exclude`` where the chain's slots sit at consecutive positions.

    Slots of one term are read first: when no document outside ``exclude`` has all of them, the
    others (a run's lone last syllable, in most documents) are not read at all.
    """
    checked = checked_offsets(subqueries)
    # The slots name the word, and so its position-free matches (``exclude``) too. Looked up before
    # any set is made or prefix expanded: a warm search of a common word finds it in 0.1 ms, not 1.5 ms.
    key = ("outside", tuple((offset, _slot_key(subqueries[offset])) for offset in checked))
    return snapshot.phrase_matches(key, lambda: _chain_matches(subqueries, checked, snapshot, exclude))


def _slot_key(query: wq.Query) -> Hashable:
    """What a slot stands for, in this searcher, without expanding it: its kind, field and text."""
    if isinstance(query, wq.Or):
        return tuple(_slot_key(sub) for sub in query.subqueries)
    return type(query).__name__, query.fieldname, query.text, query.boost


def _chain_matches(subqueries: list[wq.Query], checked: list[int], snapshot: Snapshot,
                   exclude: frozenset[int]) -> Targets:
    single = [subqueries[offset] for offset in checked if isinstance(subqueries[offset], wq.Term)]
    candidates: set[int] | None = None
    for sub in single:
        docs = _documents(slot_postings(sub, snapshot))
        candidates = set(docs) - exclude if candidates is None else candidates & docs
        if not candidates:
            return set()
    slots = [(offset, slot_postings(subqueries[offset], snapshot)) for offset in checked]
    if any(not slot for _offset, slot in slots):
        return set()
    return match_positions(slots, snapshot, exclude)


def checked_offsets(subqueries: list[wq.Query]) -> list[int]:
    """The slots of a chain that a position check must test (their offsets); the others hold wherever these do.

    A slot of a Hangul word across a space is a bigram XY or the lone syllable X that ends a run
    (see reader.index.analysis). Between a checked bigram slot ending in X and a slot whose terms all
    start with Y, it needs no check: the bigram puts X at this position inside its run, so the term
    here is XY' or the lone X, and the next slot's term starts with Y' = Y. Skipping it skips the
    lone syllable's posting list, one of the longest (every run that ends in that syllable).
    """
    checked: list[int] = []
    for offset, sub in enumerate(subqueries):
        if (0 < offset < len(subqueries) - 1 and checked and checked[-1] == offset - 1
                and _implied(subqueries[offset - 1], sub, subqueries[offset + 1])):
            continue
        checked.append(offset)
    return checked


def _implied(before: wq.Query, slot: wq.Query, after: wq.Query) -> bool:
    """Whether ``slot`` is {XY, X} between a Hangul bigram Term ending in X and terms that all start with Y."""
    if type(before) is not wq.Term or before.boost != 1.0:
        return False
    bigram = before.text
    if len(bigram) != 2 or not all("가" <= syllable <= "힣" for syllable in bigram):
        return False
    alternatives = slot.subqueries if isinstance(slot, wq.Or) else [slot]
    if any(type(term) is not wq.Term or term.boost != 1.0 for term in alternatives):
        return False
    following = after.subqueries if isinstance(after, wq.Or) else [after]
    if not all(isinstance(term, (wq.Term, wq.Prefix)) and term.text for term in following):
        return False
    starts = {term.text[0] for term in following}
    if len(starts) != 1:
        return False
    last, (start,) = bigram[1], starts
    return sorted(term.text for term in alternatives) == sorted([last + start, last])


def slot_postings(query: wq.Query, snapshot: Snapshot) -> list[Postings]:
    """The posting lists of a slot (those of :func:`slot_terms` that some segment has)."""
    return [p for p in (_checked_postings(snapshot, field, term) for field, term in slot_terms(query, snapshot))
            if p is not None]


def slot_terms(query: wq.Query, snapshot: Snapshot) -> list[tuple[str, bytes]]:
    """The (field, term) of each posting list of a slot: a Term's, a Prefix's expansions, an Or's alternatives."""
    if isinstance(query, wq.Or):  # alternatives at one position (Terms)
        return [key for sub in query.subqueries for key in slot_terms(sub, snapshot)]
    field = query.fieldname
    if isinstance(query, wq.Prefix):
        terms = snapshot.expand(field, query.text)
        if isinstance(query, SelectedPrefix):
            terms = query.select(terms)
    else:
        schema = snapshot.searcher.schema
        terms = [schema[field].to_bytes(query.text)] if field in schema else []
    if query.boost != 1.0:
        raise UnsupportedQueryError("boosted term")
    return [(field, term) for term in terms]


def _documents(slot: list[Postings]) -> frozenset[int]:
    """The documents of a slot's posting lists (a single list's own set, not a copy of it)."""
    return slot[0].idset if len(slot) == 1 else frozenset().union(*(p.idset for p in slot))


def _checked_postings(snapshot: Snapshot, field: str, term: bytes) -> Postings | None:
    """One term's postings, once the search has not been cancelled (a prefix reads thousands)."""
    cancellation.check()
    return snapshot.postings(field, term)


def _checked_doc_ids(snapshot: Snapshot, field: str, term: bytes) -> frozenset[int]:
    """One run suffix's documents, once the search has not been cancelled (a common prefix has many)."""
    cancellation.check()
    return snapshot.doc_ids(field, term)


def _phrase_matches(slots: list[tuple[int, list[Postings]]], snapshot: Snapshot) -> Targets:
    """Documents where the slot at offset k has a position start + k for some start (Whoosh's slop-1 phrase)."""
    if any(not slot for _offset, slot in slots):
        return set()
    key = (slots[0][1][0].field, tuple((offset, tuple(p.term for p in slot)) for offset, slot in slots))
    return snapshot.phrase_matches(key, lambda: match_positions(slots, snapshot))


def match_positions(slots: list[tuple[int, list[Postings]]], snapshot: Snapshot,
                     exclude: Targets = frozenset()) -> set[int]:
    """Documents where the slots hold at consecutive positions (see :func:`positions_hold`); documents in
    ``exclude`` are not checked, and not returned."""
    slot_docs = sorted((_documents(slot) for _offset, slot in slots), key=len)
    candidates = set(slot_docs[0]).intersection(*slot_docs[1:]) - exclude  # iterates the smaller set
    if not candidates:
        return candidates
    wanted = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    wanted.sort()
    return set(positions_hold(slots, snapshot, wanted).tolist())


def _add_scores(postings: Postings, targets: Targets, scores: dict[int, float]) -> None:
    """Add ``postings``' BM25 scores to ``scores`` for the documents in ``targets``."""
    if not targets:
        return
    ids, posting_scores = postings.ids, postings.scores
    get = scores.get
    if len(targets) * 8 < len(ids):  # a bisection per target costs about eight steps of the scan below
        for docnum in targets:
            i = bisect_left(ids, docnum)
            if i < len(ids) and ids[i] == docnum:
                scores[docnum] = get(docnum, 0.0) + posting_scores[i]
    elif not scores and len(targets) >= len(ids) and targets.issuperset(ids):
        scores.update(zip(ids, posting_scores, strict=True))  # the first list of a query: no Python loop
    else:
        for docnum, score in zip(ids, posting_scores, strict=True):
            if docnum in targets:
                scores[docnum] = get(docnum, 0.0) + score


def top(root: Node, limit: int, final: Callable[[int, float], float], documents: int) -> list[tuple[float, int]]:
    """The ``limit`` best ``(final score, docnum)`` of the root's matches, best first (ties: lower docnum).

    ``documents``: the searcher's document count (every document number is below it). Steps run largest
    bound first. After each step the ``limit`` best partial scores are completed exactly; the worst of
    those is a floor for the final ``limit``-th score. A document not seen yet can score at most the
    remaining steps' bounds: when that is below the floor, no new documents are admitted, and seen ones
    that cannot reach the floor are dropped.
    """
    steps = sorted(root.plan(()), key=lambda step: -step[0].bound)
    remaining = [sum(step.bound for step, _gates in steps[i:]) for i in range(len(steps) + 1)]
    board = ScoreBoard(documents)
    admitting = True
    for i, (step, gates) in enumerate(steps):
        cancellation.check()
        # A document in every gate of a step matches the root (Ands are gates, Ors hold their
        # children's matches), so while admitting the gates alone give the targets.
        targets = board.mask(gates) if admitting else board.mask(gates) & board.seen
        step.add(targets, board)
        rest = remaining[i + 1]
        if admitting and rest and board.count() >= limit and len(root.matches) > limit and _floor_due(i):
            floor = _floor(steps[i + 1 :], board.best(limit), limit)
            if rest + _MARGIN < floor:
                admitting = False
                board.keep_from(floor - rest - _MARGIN)
    if board.count() > limit:
        # Only scores that can round to the limit-th best (or above) need the final tie-break.
        board.keep_from(round(board.nth_best(limit), 4) - 1e-4)
    ranked = [(final(docnum, score), docnum) for docnum, score in board.scores().items()]
    ranked.sort(key=lambda pair: (-pair[0], pair[1]))
    return ranked[:limit]


def _floor_due(step: int) -> bool:
    """Whether to try the floor after this step: after each of the first steps, then after steps 16, 32, 64...

    A floor costs a pass over the remaining steps, so trying it after every step made a prefix with
    thousands of expansions (one step each) quadratic: ``s`` took 8 s at 1,330 papers. Trying less often
    only admits documents a little longer; the result is the same.
    """
    return step < _FLOOR_EVERY_STEP or (step + 1) & step == 0


def _floor(rest: list[Step], complete: dict[int, float], limit: int) -> float:
    """A lower bound of the final ``limit``-th best score: complete the best partial scores exactly.

    ``complete`` holds the documents with at least the ``limit``-th best partial score (more than
    ``limit`` on ties); the lowest of their complete scores is at most the ``limit``-th best.
    """
    docnums = set(complete)
    for step, gates in rest:
        cancellation.check()
        step.score(_intersect(docnums, gates), complete)
    return min(complete.values())


def _intersect(first: Any, gates: tuple[Targets, ...]) -> Targets:
    """The documents in ``first`` (None: no restriction) and in every gate; never one of them itself
    unless it is the only set (the callers only read the result)."""
    sets = gates if first is None else (first, *gates)
    if len(sets) == 1:
        return sets[0] if isinstance(sets[0], (set, frozenset)) else set(sets[0])
    smallest, *others = sorted(sets, key=len)
    result = set(smallest)
    for gate in others:
        result.intersection_update(gate)
    return result
