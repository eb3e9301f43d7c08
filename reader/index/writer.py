"""A lean Whoosh segment writer for the paper index.

Character bigrams give about twice as many postings per paper as Whoosh's StandardAnalyzer words,
and Whoosh's generic writer spends its time per posting, not per token: a 5-tuple in a pool with
size bookkeeping, a sort of all those tuples at commit, a pickled position list, and a
seek-and-read of the document's field length from disk for every posting. This writer produces
the same on-disk format (any Whoosh reader opens the index) but does that work per term or
from memory:

* postings are grouped per term as documents arrive (docnums ascend, so each group is already
  sorted) and only the distinct terms are sorted at commit;
* position lists of one position (most bigrams in a summary) come from a cache;
* field lengths come from an in-memory table;
* ``W3PostingsWriter.add_posting`` is inlined without its type assertions;
* blocks are pickled compactly (see :mod:`reader.index.codec`).

Segment merges and memory spills (``limitmb``) fall back to Whoosh's own posting pool. This
relies on Whoosh 2.7's SegmentWriter/W3 codec internals; whoosh 2.7 is the final line, and
tests/unit/test_search.py checks that a Whoosh searcher reads what this writer wrote.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from reader.index.analysis import term_positions
from reader.index.codec import CompactBlockWriter, encode_positions, read_length_bytes, read_postings

# Rough bytes one buffered posting occupies (a 3-tuple, its weight and a list slot), to honour
# ``limitmb`` like Whoosh's own pool does.
_POSTING_BYTES = 120
_RUN_BATCH = 2000  # terms per pickle in a spilled run
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]

Posting = tuple[int, float, bytes]  # (docnum, weight, encoded positions)
Group = tuple[str, bytes, list[Posting]]  # (field, term, postings in docnum order)


class PaperWriter(SegmentWriter):
    """SegmentWriter with :meth:`add_paper`, a fast path for the paper schema."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._terms: dict[str, dict[str, list[Posting]]] = {}  # field -> term -> postings
        self._field_lengths: dict[str, dict[int, int]] = {}  # field -> docnum -> length
        self._buffered = 0
        self._runs: list[IO[bytes]] = []  # spilled sorted runs, oldest documents first
        self._merged: list[tuple[Any, int, dict[int, int] | None]] = []  # (segment, first docnum, docmap)

    def add_paper(self, stored: dict[str, Any], columns: dict[str, Any], ids: dict[str, str],
                  texts: dict[str, str]) -> None:
        """Add one document: stored values, column values, ID terms and Korean-aware texts.

        ``texts`` fields must be :class:`reader.index.analysis.KoreanText` fields, ``ids`` fields
        Whoosh ``ID`` fields.
        """
        self._check_state()
        docnum = self.docnum
        schema = self.schema
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        added = len(ids)
        for fieldname, value in ids.items():
            self._terms.setdefault(fieldname, {}).setdefault(value, []).append((docnum, 1.0, b""))
            perdoc.add_field(fieldname, schema[fieldname], None, 0)
        for fieldname, text in texts.items():
            boost = schema[fieldname].format.field_boost
            field_terms = self._terms.setdefault(fieldname, {})
            get = field_terms.get
            length = 0
            positions = term_positions(text)
            added += len(positions)
            for term, poses in positions.items():
                freq = len(poses)
                length += freq
                posting = (docnum, freq * boost, encode_positions(poses))
                found = get(term)
                if found is None:
                    field_terms[term] = [posting]
                else:
                    found.append(posting)
            perdoc.add_field(fieldname, schema[fieldname], None, length)
            if length:
                rounded = byte_to_length(length_to_byte(length))
                self._field_lengths.setdefault(fieldname, {})[docnum] = rounded
        for fieldname, value in stored.items():
            perdoc.add_field(fieldname, schema[fieldname], value, 0)
        for fieldname, value in columns.items():
            field = schema[fieldname]
            perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
        self._buffered += added * _POSTING_BYTES
        if self._buffered > self.pool.limit:
            self._spill()

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: dict[int, int] | None) -> None:
        """Remember a segment that Whoosh's merge policy merges into this one; :meth:`_flush_segment`
        streams its postings term by term instead of pushing each posting through Whoosh's pool."""
        self._merged.append((reader.segment(), startdoc, docmap))
        for fieldname, field in self.schema.items():
            if not field.scorable:
                continue
            lengths = self._field_lengths.setdefault(fieldname, {})
            for old, length_byte in enumerate(read_length_bytes(reader, fieldname)):
                new = old + startdoc if docmap is None else docmap.get(old)
                if length_byte and new is not None:
                    lengths[new] = _BYTE_TO_LENGTH[length_byte]

    def _spill(self) -> None:
        """Write the buffered postings to a temporary file as one sorted run (bounded memory)."""
        run = tempfile.TemporaryFile()  # noqa: SIM115 - kept open as a run until the segment is merged
        batch: list[Group] = []
        for group in self._memory_groups():
            batch.append(group)
            if len(batch) >= _RUN_BATCH:
                pickle.dump(batch, run, pickle.HIGHEST_PROTOCOL)
                batch = []
        pickle.dump(batch, run, pickle.HIGHEST_PROTOCOL)
        run.seek(0)
        self._runs.append(run)
        self._terms.clear()
        self._buffered = 0

    def _memory_groups(self) -> Iterator[Group]:
        for fieldname in sorted(self._terms):
            for term, postings in sorted(self._terms[fieldname].items()):
                yield fieldname, term.encode("utf-8"), postings

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        stored_lengths = self.per_document_reader()
        lengths = _Lengths(self._field_lengths, stored_lengths)
        # Documents ascend from spilled runs to the buffer to merged segments, so a term's postings
        # are its groups from each source, concatenated in that order.
        sources = [_run_groups(run) for run in self._runs] + [self._memory_groups()]
        sources += [self._segment_groups(*merged) for merged in self._merged]
        groups = sources[0] if len(sources) == 1 else _concatenate(heapq.merge(*sources, key=_group_key))
        try:
            _write_postings(self.fieldwriter, self.schema, lengths, groups)
        finally:
            for run in self._runs:
                run.close()
        self.fieldwriter.close()
        stored_lengths.close()

    def cancel(self) -> None:
        for run in self._runs:
            run.close()
        super().cancel()

    def _segment_groups(self, segment: Any, startdoc: int, docmap: dict[int, int] | None) -> Iterator[Group]:
        """A merged segment's postings per term, renumbered (and without its deleted documents)."""
        reader = SegmentReader(self.storage, self.schema, segment)
        try:
            for fieldname, term in sorted(reader.all_terms()):
                ids, weights, values = read_postings(reader, fieldname, term)
                if docmap is None:
                    renumbered = [docnum + startdoc for docnum in ids]
                    yield fieldname, term, list(zip(renumbered, weights, values, strict=True))
                else:
                    postings = [(docmap[docnum], weight, value)
                                for docnum, weight, value in zip(ids, weights, values, strict=True) if docnum in docmap]
                    if postings:
                        yield fieldname, term, postings
        finally:
            reader.close()


def _run_groups(run: IO[bytes]) -> Iterator[Group]:
    while True:
        try:
            yield from pickle.load(run)
        except EOFError:
            return


def _group_key(group: Group) -> tuple[str, bytes]:
    return group[0], group[1]


def _concatenate(groups: Iterable[Group]) -> Iterator[Group]:
    """Merge consecutive groups of the same term (heapq.merge keeps the sources' order on ties)."""
    key: tuple[str, bytes] | None = None
    postings: list[Posting] = []
    for fieldname, term, more in groups:
        if (fieldname, term) == key:
            postings = postings + more
            continue
        if key is not None:
            yield (*key, postings)
        key, postings = (fieldname, term), more
    if key is not None:
        yield (*key, postings)


def _write_postings(fieldwriter: Any, schema: Any, lengths: _Lengths, groups: Any) -> None:
    """``FieldWriter.add_postings`` for grouped postings with ``add_posting`` inlined (same bytes out)."""
    last_field = None
    writer: Any = None
    block_limit = 0
    field_length = lengths.for_field("")
    for fieldname, term, postings in groups:
        if fieldname != last_field:
            if last_field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            writer = fieldwriter._postwriter
            writer.__class__ = CompactBlockWriter
            block_limit = writer._blocklimit
            field_length = lengths.for_field(fieldname)
            last_field = fieldname
        fieldwriter.start_term(term)
        for docnum, weight, value in postings:
            if len(writer._ids) >= block_limit:
                writer._write_block()
            writer._ids.append(docnum)
            writer._weights.append(weight)
            if weight > writer._maxweight:
                writer._maxweight = weight
            if value:
                writer._values.append(value)
            length = field_length(docnum)
            if length:
                if writer._minlength is None or length < writer._minlength:
                    writer._minlength = length
                if length > writer._maxlength:
                    writer._maxlength = length
        fieldwriter.finish_term()
    if last_field is not None:
        fieldwriter.finish_field()


class _Lengths:
    """Field lengths from memory for the documents this writer added, else from the new segment."""

    def __init__(self, added: dict[str, dict[int, int]], fallback: Any) -> None:
        self._added = added
        self._fallback = fallback

    def for_field(self, fieldname: str) -> Any:
        """A ``docnum -> length`` function for one field."""
        added = self._added.get(fieldname, {})
        fallback = self._fallback.doc_field_length

        def length(docnum: int) -> int:
            found = added.get(docnum)
            return found if found is not None else fallback(docnum, fieldname, 0)

        return length
