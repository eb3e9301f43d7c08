"""Which existing segments an index commit folds into the segment it writes (a size-tiered policy).

Whoosh's default policy (``MERGE_SMALL``) compares the running total of the smallest segments with a
Fibonacci number of their count: in an index of a few dozen segments it can pick most of them, so
one new day at 100,000 papers sometimes rewrote the whole index (3.7 s instead of 0.2 s).

Here segments are grouped in size tiers (a factor of :data:`MERGE_FACTOR` apart). A commit's new
segment absorbs the segments of its own tier and below once there are :data:`MERGE_FACTOR` of them
counting itself, then looks again from the tier the merged segment reaches (a cascade), but never
merges more documents than its budget: :data:`SMALL_MERGE_DOCS`, or as many as it adds itself
(:data:`UPDATE_MERGE_RATIO`), so merging at most doubles a commit's work. A day's update rewrites at
most a couple of thousand small documents and leaves large segments alone. A merge costs more per
document than indexing it (the postings are read back and written again in Python: a full merge of
100,000 papers took 247 s on a busy 2-core machine, the build 172 s), so the 5,000-paper commits of
a first build are not merged with each other either; a full merge happens only when asked
(:meth:`reader.index.search_index.SearchIndex.optimize`, ``daily-papers index --optimize``). The merges
run as a commit of their own once an update's papers are listed (``SearchIndex.merge_small``), the
newest segment standing for the commit's new one.
"""

from __future__ import annotations

from collections.abc import Sequence

MERGE_FACTOR = 8
# Merging a few thousand documents takes a fraction of a second on a slow machine (docs/whoosh-notes.md).
SMALL_MERGE_DOCS = 2_000
UPDATE_MERGE_RATIO = 1


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
