"""A merge policy for ``SegmentWriter.commit(mergetype=...)`` that merges the segments a rule picks.

DEPENDENCIES: the merge-policy protocol of ``whoosh.writing.SegmentWriter.commit`` (documented: a
function of the writer and its segment list that returns the segments left as they are), the
writer's ``docnum`` (the documents added so far) and ``storage``, ``Segment.doc_count()`` (live
documents: the writer's deletions already count), and the undocumented
``SegmentReader(storage, schema, segment)`` with ``writer.add_reader``, as Whoosh's own
``MERGE_SMALL`` and ``OPTIMIZE`` policies use them; for :func:`segment_ids`, the private
``FileIndex._segments()`` and ``Segment.segment_id()``; for :func:`stored_of_segments`, ``FileIndex._segments()``
with ``SegmentReader`` and its public ``all_stored_fields()``. Why: Whoosh's default policy can merge most
of a large index into a one-day commit (see :mod:`reader.index.merge_policy`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from whoosh.reading import SegmentReader

# (live documents of each existing segment, documents the commit adds) -> indices of the segments to merge
MergeRule = Callable[[Sequence[int], int], list[int]]


def merge_policy(rule: MergeRule) -> Callable[[Any, list[Any]], list[Any]]:
    """A ``mergetype`` for ``writer.commit``: merges the segments ``rule`` picks into the new segment."""

    def merge(writer: Any, segments: list[Any]) -> list[Any]:
        live = [segment.doc_count() for segment in segments]
        chosen = {index for index in rule(live, writer.docnum) if live[index]}
        for index in sorted(chosen):
            reader = SegmentReader(writer.storage, writer.schema, segments[index])
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        # A segment whose documents are all deleted is left out (Whoosh keeps it, and its files, otherwise).
        return [segment for index, segment in enumerate(segments) if index not in chosen and live[index]]

    return merge


def segment_sizes(index: Any) -> list[int]:
    """The live documents of an index's current segments, in commit order (the newest last)."""
    return [segment.doc_count() for segment in index._segments()]


def stored_of_segments(index: Any, positions: Sequence[int], field: str) -> list[Any]:
    """One stored field of every live document in some of an index's current segments (by commit order)."""
    segments, schema = index._segments(), index.schema  # each reads the table of contents
    found: list[Any] = []
    for position in positions:
        reader = SegmentReader(index.storage, schema, segments[position])
        try:
            found.extend(stored[field] for stored in reader.all_stored_fields())
        finally:
            reader.close()
    return found


def segment_ids(index: Any) -> list[str]:
    """The ids of an index's current segments, in commit order (each segment's files carry its id)."""
    return [segment.segment_id() for segment in index._segments()]
