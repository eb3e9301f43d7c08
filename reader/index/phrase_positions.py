"""Phrase checks on whole posting lists: where a phrase's slots hold at consecutive positions.

Each posting's positions become ``docnum << 32 | position`` keys (built once per snapshot, see
:meth:`reader.index.engine.Snapshot.position_keys`); a phrase holds in a document where some start
is in every slot's keys shifted back by the slot's offset: sorted-array intersections, no Python
loop per document. Ranked search (:mod:`reader.index.ranking`) and counts
(:mod:`reader.index.counting`) check phrases here.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from reader.index import cancellation
from reader.index.engine import Keys, Postings, Snapshot


def positions_hold(slots: list[tuple[int, list[Postings]]], snapshot: Snapshot, wanted: Keys) -> Keys:
    """The ``wanted`` documents (ascending, each in every slot) where a start survives every slot (at its
    offset k), as sorted arrays of ``docnum << 32 | position - k`` keys show: ascending document numbers."""
    starts: Keys | None = None
    for offset, slot in sorted(slots, key=lambda item: sum(len(p.ids) for p in item[1])):
        cancellation.check()
        keys = _slot_keys(slot, wanted, snapshot) - offset
        starts = keys if starts is None else _common(starts, keys)
        if not starts.size:
            return starts
        wanted = _distinct(starts >> 32)  # the documents left
    return wanted


def _slot_keys(slot: list[Postings], wanted: Keys, snapshot: Snapshot) -> Keys:
    """The sorted position keys of a slot's posting lists in the ``wanted`` documents (sorted)."""
    parts = []
    inside: npt.NDArray[np.bool_] | None = None  # wanted documents as flags: a look-up per key, no search
    for postings in slot:
        keys = snapshot.position_keys(postings)
        if not keys.size or not wanted.size:
            continue
        docs = keys >> 32
        if inside is None or inside.size <= docs[-1]:
            inside = np.zeros(max(int(docs[-1]), int(wanted[-1])) + 1, dtype=bool)
            inside[wanted] = True
        parts.append(keys[inside[docs]])
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return parts[0] if len(parts) == 1 else _distinct(np.sort(np.concatenate(parts)))


def _distinct(ascending: Keys) -> Keys:
    """The distinct values of an ascending array (np.unique hashes and sorts again: several times slower)."""
    if ascending.size < 2:
        return ascending
    first = np.ones(ascending.size, dtype=bool)  # the first value, and each that differs from the one before
    np.not_equal(ascending[1:], ascending[:-1], out=first[1:])
    return ascending[first]


def _contains(haystack: Keys, needles: Keys) -> npt.NDArray[np.bool_]:
    """Which ``needles`` are in the sorted ``haystack``."""
    if not haystack.size:
        return np.zeros(needles.size, dtype=bool)
    found = np.searchsorted(haystack, needles)
    found[found == haystack.size] = 0
    return np.asarray(haystack[found] == needles, dtype=bool)


def _common(first: Keys, second: Keys) -> Keys:
    """The keys in both sorted, duplicate-free arrays (looking the smaller one up in the larger)."""
    if first.size > second.size:
        first, second = second, first
    return first[_contains(second, first)]
