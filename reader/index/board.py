"""Partial scores of a ranked search, one slot per document, for :func:`reader.index.ranking.top`."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from reader.index.engine import Postings, Targets

Mask = npt.NDArray[np.bool_]  # one flag per document


class ScoreBoard:
    """Partial scores of every document in arrays: a score and whether the document has one yet.

    The same additions as a dict of scores, in the same order per document (0.0 plus the first
    score is that score), so the floats are the same; a step is a few array operations instead of
    a Python loop over its postings.
    """

    def __init__(self, documents: int) -> None:
        self.documents = documents
        self.score = np.zeros(documents, dtype=np.float64)
        self.seen: Mask = np.zeros(documents, dtype=bool)
        self._masks: dict[int, tuple[Targets, Mask]] = {}  # id(gate) -> (gate, its mask), while top() runs

    def mask(self, gates: tuple[Targets, ...]) -> Mask:
        """The documents in every gate."""
        masks = [self._mask(gate) for gate in gates]
        result = masks[0].copy()
        for mask in masks[1:]:
            result &= mask
        return result

    def _mask(self, gate: Targets) -> Mask:
        kept = self._masks.get(id(gate))
        if kept is None or kept[0] is not gate:
            mask = np.zeros(self.documents, dtype=bool)
            mask[np.fromiter(gate, dtype=np.intp, count=len(gate))] = True
            kept = self._masks[id(gate)] = (gate, mask)
        return kept[1]

    def add_postings(self, postings: Postings, targets: Mask) -> None:
        ids = np.frombuffer(postings.ids, dtype=np.intc)
        wanted = targets[ids]
        docs = ids[wanted]
        self.score[docs] += np.frombuffer(postings.scores, dtype=np.float64)[wanted]
        self.seen[docs] = True

    def add_constant(self, value: float, targets: Mask) -> None:
        self.score[targets] += value
        self.seen |= targets

    def count(self) -> int:
        return int(np.count_nonzero(self.seen))

    def nth_best(self, n: int) -> float:
        """The ``n``-th best score so far (there are at least ``n``)."""
        scores = self.score[self.seen]
        return float(np.partition(scores, scores.size - n)[scores.size - n])

    def best(self, n: int) -> dict[int, float]:
        """The documents with at least the ``n``-th best score (more on ties), with their scores."""
        return self._scores_from(self.nth_best(n))

    def keep_from(self, needed: float) -> None:
        """Drop the documents scoring below ``needed``."""
        self.seen &= self.score >= needed

    def scores(self) -> dict[int, float]:
        return self._scores_from(None)

    def _scores_from(self, needed: float | None) -> dict[int, float]:
        kept = self.seen if needed is None else self.seen & (self.score >= needed)
        docs = np.flatnonzero(kept)
        return dict(zip(docs.tolist(), self.score[docs].tolist(), strict=True))
