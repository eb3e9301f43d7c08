"""Every use of Whoosh's private or undocumented internals, fenced in one place.

The rest of :mod:`reader.index` imports Whoosh's public API and this package only. Everything
here was written against Whoosh 2.7.4, the final release of the original line (the project pins
it exactly; whoosh-reloaded 2.7.5 has the same internals). Each module's docstring or comment
says what it relies on and why; in short:

``positions``, ``packed``
    the byte layout of a ``Positions`` posting value (``whoosh.system._INT_SIZE`` count + a
    protocol-2 pickle of deltas): encoding without token objects, decoding many at once; and
    Whoosh's block values read by index only, so a block's positions can be two arrays.
``segments``
    the W3 posting-list block format and ``W3TermInfo.is_inlined/inlined_postings/extent``
    with ``SegmentReader._terms._postfile`` (one read per posting list), ``W3TermsReader.items()`` and
    ``_fieldmap`` (a segment's terms in one pass, for merges); the field-length column
    (``SegmentReader._perdoc``, ``W3PerDocReader._cached_reader``, ``whoosh3._lenfield``, the
    column reader's ``_dbfile/_basepos/_count``); the numeric column reader's
    ``_dbfile/_basepos/_count/_fixedlen/_typecode/_default``; ``_perdoc.deleted_docs()``.
``queries``
    ``MultiTerm._btexts``, the hook that gives a Prefix its expansions per segment.
``scoring``
    ``BM25F._field_B``, the per-field B of the weighting.
``spans``
    ``SpanNear2.SpanNear2Matcher`` and its private ``_get_spans`` hook, for the phrase matcher
    Whoosh's own searcher uses.
``merges``
    the merge-policy protocol of ``SegmentWriter.commit(mergetype=...)`` with ``writer.docnum``,
    ``SegmentReader(storage, schema, segment)`` and ``add_reader`` (as Whoosh's own policies), and
    ``FileIndex._segments()`` for the segment ids.
``segment_writer``
    ``SegmentWriter``'s ``perdocwriter``/``docnum``/``_added``, its ``add_postings_to_pool`` and
    private ``_flush_segment`` hooks, ``SegmentReader(storage, schema, segment)``,
    ``W3FieldWriter._postwriter`` and ``W3PostingsWriter``'s private block buffer and
    ``_write_block``.

tests/unit/test_search.py and tests/unit/test_ranking_oracle.py check Whoosh's own searcher and
an independent BM25F against what these functions write and read, so a Whoosh that changed any
of them fails there rather than in a user's index.
"""

from reader.index.whoosh_internals.merges import merge_policy, segment_ids, segment_sizes, stored_of_segments
from reader.index.whoosh_internals.packed import PackedPositions
from reader.index.whoosh_internals.positions import (
    SINGLE_POSITION_OF,
    SINGLE_POSITIONS,
    Counts,
    Flat,
    decode_deltas,
    decode_positions,
    encode_positions,
)
from reader.index.whoosh_internals.queries import SelectedPrefix
from reader.index.whoosh_internals.scoring import bm25_parameters
from reader.index.whoosh_internals.segment_writer import (
    CompactBlockWriter,
    Group,
    LeanSegmentWriter,
    MissingFieldLengthError,
    Posting,
    write_postings,
)
from reader.index.whoosh_internals.segments import (
    Postings,
    block_sizes,
    deleted_docs,
    numeric_column,
    read_ids,
    read_length_bytes,
    read_postings,
    terms_in_memory,
)
from reader.index.whoosh_internals.spans import ContiguousMatcher

__all__ = [
    "SINGLE_POSITION_OF",
    "SINGLE_POSITIONS",
    "CompactBlockWriter",
    "Counts",
    "Flat",
    "ContiguousMatcher",
    "Group",
    "LeanSegmentWriter",
    "MissingFieldLengthError",
    "PackedPositions",
    "Posting",
    "Postings",
    "SelectedPrefix",
    "block_sizes",
    "bm25_parameters",
    "decode_deltas",
    "decode_positions",
    "deleted_docs",
    "encode_positions",
    "merge_policy",
    "numeric_column",
    "read_ids",
    "read_length_bytes",
    "read_postings",
    "segment_ids",
    "segment_sizes",
    "stored_of_segments",
    "terms_in_memory",
    "write_postings",
]
