"""Which existing segments an index commit folds into the segment it writes (a size-tiered policy).

Whoosh's default policy (``MERGE_SMALL``) compares the running total of the smallest segments with a
Fibonacci number of their count: in an index of a few dozen segments it can pick most of them, so
one new day at 100,000 papers sometimes rewrote the whole index (3.7 s instead of 0.2 s).

Here segments are grouped in size tiers (a factor of :data:`MERGE_FACTOR` apart). A commit's new
segment absorbs the segments of its own tier and below once there are :data:`MERGE_FACTOR` of them
counting itself, then looks again from the tier the merged segment reaches (a cascade), but never
merges more documents than its budget: :data:`SMALL_MERGE_DOCS`, or as many as it adds itself
(:data:`UPDATE_MERGE_RATIO`). A day's update folds at most a few hundred small documents together and
leaves large segments alone: seven days' segments with the new one, not the seven weeks' segments
those become (1,600 documents: seconds, not the 1.0 s a new day may take). Those wait for
:func:`segments_to_merge_when_idle`, which an update with nothing to read runs (the window's start-up check,
a ``daily-papers update`` that finds no change).
The merges run as a commit of their own once an update's papers are listed
(``SearchIndex.merge_small``), the newest segment standing for the commit's new one; the library has
the merged papers indexed again rather than their postings merged (see ``SearchIndex.merge_small``).
A merge of postings costs more per document than indexing it (they are read back and written again in
Python: a full merge of 100,000 papers took 247 s on a busy 2-core machine, 59 s on a quiet one), so an
update never merges the 5,000-paper commits of a first build. An idle moment does, once a tier holds
MERGE_FACTOR of them: each term of a search is then read from one segment, not from 19 (at 100,000
papers the first searches' p95 went from 115 to 72 ms from a cold disk cache). It runs where updates
run, in the window's update process, so the window does not wait for it; an update asked for meanwhile
waits. A full merge is also there when asked (:meth:`reader.index.search_index.SearchIndex.optimize`,
``daily-papers index --optimize``).
"""

from __future__ import annotations

from collections.abc import Sequence

MERGE_FACTOR = 8
# An update indexes again at most this many papers of small segments: ~0.4 s at 100,000 papers on a busy
# 2-core machine (bench/scale.py week_of_days; 2,000 let a seven weeks' cascade into an update).
SMALL_MERGE_DOCS = 500
UPDATE_MERGE_RATIO = 1
IDLE_MERGE_DOCS = 20_000  # what an idle merge may fold together, but for a full tier (see below)


def tier(documents: int) -> int:
    """The size tier of a segment of ``documents`` live documents (0 for fewer than MERGE_FACTOR)."""
    level, bound = 0, MERGE_FACTOR
    while documents >= bound:
        level, bound = level + 1, bound * MERGE_FACTOR
    return level


def segments_to_merge(sizes: Sequence[int], new_documents: int) -> list[int]:
    """The indices (into ``sizes``, the live documents of each existing segment) of the segments to
    merge into a new segment of ``new_documents`` documents; none when the commit adds nothing."""
    if new_documents <= 0:
        return []
    budget = max(SMALL_MERGE_DOCS, UPDATE_MERGE_RATIO * new_documents)
    chosen: list[int] = []
    merged = 0
    size = new_documents
    while True:
        tier_end = MERGE_FACTOR ** (tier(size) + 1)  # the first size above the new segment's tier
        taken = set(chosen)
        group = [i for i, documents in enumerate(sizes) if i not in taken and documents < tier_end]
        if len(group) + 1 < MERGE_FACTOR:
            return sorted(chosen)
        added = sum(sizes[i] for i in group)
        if merged + added > budget:
            return sorted(chosen)
        chosen.extend(group)
        merged += added
        size += added


def segments_to_merge_when_idle(sizes: Sequence[int]) -> list[int]:
    """The indices of the segments updates leave (merging them would pass an update's budget): every segment
    of the highest tier at or below which MERGE_FACTOR segments have piled up, within IDLE_MERGE_DOCS; or, whatever
    their size, every segment of a tier that alone holds MERGE_FACTOR segments, and of the tiers below (a
    first build's). Once merged, that tier's one segment waits for MERGE_FACTOR of its size again."""
    chosen: list[int] = []
    tiers = [tier(documents) for documents in sizes]
    for level in range(max(tiers, default=0) + 1):
        group = [i for i, at in enumerate(tiers) if at <= level]
        full_tier = tiers.count(level) >= MERGE_FACTOR
        if len(group) >= MERGE_FACTOR and (full_tier or sum(sizes[i] for i in group) <= IDLE_MERGE_DOCS):
            chosen = group
    return chosen
