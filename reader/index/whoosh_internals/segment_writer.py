"""A Whoosh ``SegmentWriter`` that takes whole documents and writes postings a term at a time.

Whoosh's generic writer spends its time per posting: a 5-tuple in a pool, a sort of all those
tuples at commit, and a seek-and-read of the document's field length for every posting.
:class:`LeanSegmentWriter` keeps Whoosh's segment, per-document and commit machinery and replaces
only the posting path; :class:`reader.index.writer.PaperWriter` supplies the postings, grouped
per term. The bytes written are the W3 format any Whoosh reader opens.

DEPENDENCIES (whoosh.writing.SegmentWriter and whoosh.codec.whoosh3 internals):

* ``SegmentWriter.perdocwriter`` / ``docnum`` / ``is_closed`` and the private ``_added`` flag
  (``commit()`` flushes a new segment only when it is set): :meth:`begin_document` ...
  :meth:`end_document` are ``add_document`` without its token pipeline;
* ``SegmentWriter.add_postings_to_pool(reader, startdoc, docmap)``, the undocumented hook the
  merge policy reaches through ``add_reader`` to hand a merged segment's postings to the pool:
  overridden to remember the segment and stream its postings at flush instead;
* the private ``SegmentWriter._flush_segment()``, which ``commit()`` calls to write the new
  segment's postings: overridden to write grouped postings (:func:`write_postings`);
* ``SegmentReader(storage, schema, segment)``, the undocumented constructor, to reopen a merged
  segment at flush (the merge policy closes its reader right after ``add_reader``);
* ``fieldwriter.start_field / start_term / finish_term / finish_field`` (the codec's
  ``FieldWriter`` interface) and the private ``W3FieldWriter._postwriter``, a
  ``W3PostingsWriter`` whose private block buffer (``_ids``, ``_weights``, ``_values``,
  ``_maxweight``, ``_minlength``, ``_maxlength``, ``_blocklimit``, ``_write_block``) is filled
  directly: ``add_posting`` once per block instead of once per posting with its type assertions;
* ``W3PostingsWriter._write_block`` overridden by :class:`CompactBlockWriter` (Whoosh's data tuple
  with arrays inside, a newer pickle protocol), with its private ``_postfile``, ``_terminfo``,
  ``_blockcount``, ``_compression``, ``_byteids``, ``_format``, ``_mini_values`` and ``_new_block``;
  the ids are delta-coded as ``_mini_ids`` does (the gap to the previous id, the first from 0) and
  the weights minified as ``_mini_weights`` does (None, one float, or all of them);
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, repeat
from operator import sub
from pickle import HIGHEST_PROTOCOL, dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PostingsWriter
from whoosh.formats import Positions
from whoosh.reading import SegmentReader
from whoosh.util.numeric import length_to_byte
from whoosh.writing import IndexingError, SegmentWriter

from reader.index.whoosh_internals.packed import PackedPositions
from reader.index.whoosh_internals.positions import encode_all
from reader.index.whoosh_internals.segments import all_postings, read_length_bytes

Posting = tuple[int, float, bytes]  # (docnum, weight, encoded positions)
# Blocks smaller than this are stored uncompressed: zlib saves a few bytes on them but each call
# initialises its whole state (most of a small update's write time went to that).
_COMPRESS_FROM = 512
# Postings per block. Whoosh's W3 codec writes 128; its reader takes any count (each block's info says how
# many). A block is one zlib call, one unpickling and a few array operations when ranking reads it: with
# 1,024, a word in most of 100,000 papers is ~100 blocks instead of ~800. (Whoosh's own matcher skips
# whole blocks less finely; only the tests and queries ranking cannot run use it.)
BLOCK_LIMIT = 1024
_ONES = array("f", [1.0] * BLOCK_LIMIT).tobytes()  # a block holds at most BLOCK_LIMIT postings
# (field, term, postings in docnum order): Posting tuples, or the bare document numbers of a presence-only term
Group = tuple[str, bytes, list[Any]]
# A scorable field's document lengths (docnum -> length >= 1), asked once per field.
FieldLengths = Callable[[str], Mapping[int, int]]


class MissingFieldLengthError(ValueError):
    """A posting of a scorable field whose document has no length in that field."""


class CompactBlockWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh is untyped
    """W3PostingsWriter whose blocks hold arrays instead of a Python object per posting (same data tuple).

    The data tuple is Whoosh's ``(ids, weights, values)``: the ids (delta-coded as Whoosh does) and the
    weights as arrays, which Whoosh's reader iterates and indexes as it does its tuples, and a positional
    field's values as one :class:`~reader.index.whoosh_internals.packed.PackedPositions`; pickled with the
    highest protocol, so each array unpickles as one byte string. A block under ``_COMPRESS_FROM`` bytes
    is not compressed; its info tuple says so (compression level 0), which is how Whoosh's W3LeafMatcher
    and ``segments._blocks`` decide to decompress.
    """

    def _mini_weights(self) -> Any:
        """W3PostingsWriter._mini_weights (None when all are 1.0, one float when all are equal, else the
        weights: here their ``array("f")``, not a tuple), by comparing the weights' bytes."""
        weights = self._weights
        raw = weights.tobytes()
        if raw == _ONES[: len(raw)]:
            return None
        if raw == raw[: weights.itemsize] * len(weights):
            return weights[0]
        return array("f", weights)

    def _mini_values(self) -> Any:
        """A positional field's values packed in two arrays; any other format's as Whoosh stores them."""
        if isinstance(self._format, Positions) and self._values:
            return PackedPositions.pack(self._values)
        return super()._mini_values()

    def _block_data(self) -> tuple[Any, Any, Any]:
        """The block's pickled tuple: (delta-coded ids, weights, values)."""
        ids = self._ids
        # W3PostingsWriter._mini_ids: the gaps between document numbers (its delta_encode, one C-level map here).
        mini_ids = array("I", ids) if self._byteids else array("I", map(sub, ids, chain((0,), ids)))
        return mini_ids, self._mini_weights(), self._mini_values()

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        databytes = dumps(self._block_data(), HIGHEST_PROTOCOL)
        compression = self._compression
        if compression and len(databytes) >= _COMPRESS_FROM:
            databytes = zlib.compress(databytes, compression)
        else:
            compression = 0  # recorded per block: readers decompress only what says it is compressed
        infobytes = dumps((len(ids), ids[-1], self._maxweight, compression, length_to_byte(self._minlength),
                           length_to_byte(self._maxlength)), HIGHEST_PROTOCOL)
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class LeanSegmentWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped
    """SegmentWriter with a per-document API and a per-term posting flush.

    A subclass adds documents with :meth:`begin_document`, :meth:`add_field_value`,
    :meth:`add_column` and :meth:`end_document`, and implements :meth:`posting_groups`,
    :meth:`field_lengths` and :meth:`merged_lengths`; :meth:`release_buffers` runs after the flush.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._merged_segments: list[tuple[Any, int, dict[int, int] | None]] = []  # (segment, startdoc, docmap)

    # -- documents -----------------------------------------------------------------------

    def begin_document(self) -> int:
        """Start the next document; returns its number in the new segment."""
        if self.is_closed:
            raise IndexingError("This writer is closed")
        docnum: int = self.docnum
        self.perdocwriter.start_doc(docnum)
        return docnum

    def add_field_value(self, fieldname: str, stored: Any, length: int) -> None:
        """The stored value (or None) and the length of one field of the current document."""
        self.perdocwriter.add_field(fieldname, self.schema[fieldname], stored, length)

    def add_column(self, fieldname: str, value: Any) -> None:
        """A column value of the current document."""
        field = self.schema[fieldname]
        self.perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(value))

    def end_document(self) -> None:
        self.perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    # -- what a subclass provides -----------------------------------------------------------

    def posting_groups(self, merged: list[Iterator[Group]]) -> Iterable[Group]:
        """Every posting of the new segment, grouped per term in (field, term) order.

        ``merged`` holds the groups of each segment the merge policy merged into this one, in
        merge order; their documents come after the ones this writer added.
        """
        raise NotImplementedError

    def field_lengths(self, fieldname: str) -> Mapping[int, int]:
        """``docnum -> length`` of a scorable field, for every document with a posting in it."""
        raise NotImplementedError

    def merged_lengths(self, fieldname: str, length_bytes: array[int], startdoc: int,
                       docmap: dict[int, int] | None) -> None:
        """The one-byte lengths of a merged segment's field (old docnum order); new docnums are
        ``old + startdoc``, or ``docmap[old]`` when the segment has deletions (absent: deleted)."""
        raise NotImplementedError

    def release_buffers(self) -> None:
        """Called once the postings are written (or writing failed)."""

    # -- Whoosh's hooks ----------------------------------------------------------------------

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: dict[int, int] | None) -> None:
        self._merged_segments.append((reader.segment(), startdoc, docmap))
        for fieldname, field in self.schema.items():
            if field.scorable:
                self.merged_lengths(fieldname, read_length_bytes(reader, fieldname), startdoc, docmap)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        merged = [self._segment_groups(*entry) for entry in self._merged_segments]
        try:
            write_postings(self.fieldwriter, self.schema, self.field_lengths, self.posting_groups(merged))
        finally:
            self.release_buffers()
        self.fieldwriter.close()

    def _segment_groups(self, segment: Any, startdoc: int, docmap: dict[int, int] | None) -> Iterator[Group]:
        """A merged segment's postings per term, renumbered (and without its deleted documents)."""
        reader = SegmentReader(self.storage, self.schema, segment)
        try:
            for fieldname, term, (id_array, weight_array, positions) in all_postings(reader):
                ids, weights, values = id_array.tolist(), weight_array.tolist(), encode_all(*positions)
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


def write_postings(fieldwriter: Any, schema: Any, field_lengths: FieldLengths, groups: Iterable[Group]) -> None:
    """``FieldWriter.add_postings`` for grouped postings, a block at a time (the same bytes out).

    A scorable field's postings need their documents' lengths (the block statistics Whoosh's
    scorer reads); a posting without one raises :class:`MissingFieldLengthError` instead of being
    written with no length.
    """
    last_field: str | None = None
    writer: Any = None
    block_limit = 0
    lengths: Mapping[int, int] | None = None
    for fieldname, term, postings in groups:
        if fieldname != last_field:
            if last_field is not None:
                fieldwriter.finish_field()
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            writer = fieldwriter._postwriter
            writer.__class__ = CompactBlockWriter
            block_limit = writer._blocklimit = BLOCK_LIMIT
            lengths = field_lengths(fieldname) if field.scorable else None
            last_field = fieldname
        fieldwriter.start_term(term)
        if type(postings[0]) is int:  # presence only (run suffixes): document numbers, weight 1
            _write_ids(writer, postings, block_limit)
            fieldwriter.finish_term()
            continue
        for start in range(0, len(postings), block_limit):
            if start:  # the buffer holds a full block: W3PostingsWriter.add_posting writes it first
                writer._write_block()
            block = postings if len(postings) <= block_limit else postings[start : start + block_limit]
            docnums, weights, values = zip(*block, strict=True)  # one C-level transposition per block
            writer._ids.extend(docnums)
            writer._weights.extend(weights)
            writer._maxweight = max(writer._maxweight, max(weights))
            if all(values):  # positions (every posting has some), or none at all (ids, run suffixes)
                writer._values.extend(values)
            elif any(values):
                writer._values.extend([value for value in values if value])
            if lengths is not None:
                try:
                    block_lengths = list(map(lengths.__getitem__, docnums))
                except KeyError as missing:
                    raise _missing_length(missing.args[0], fieldname, term) from None
                shortest, longest = min(block_lengths), max(block_lengths)
                if shortest < 1:
                    raise _missing_length(docnums[block_lengths.index(shortest)], fieldname, term)
                if writer._minlength is None or shortest < writer._minlength:
                    writer._minlength = shortest
                if longest > writer._maxlength:
                    writer._maxlength = longest
        fieldwriter.finish_term()
    if last_field is not None:
        fieldwriter.finish_field()


def _write_ids(writer: Any, docnums: list[int], block_limit: int) -> None:
    """The postings of a presence-only term, given as its document numbers (no weights, values or lengths)."""
    for start in range(0, len(docnums), block_limit):
        if start:
            writer._write_block()
        block = docnums if len(docnums) <= block_limit else docnums[start : start + block_limit]
        writer._ids.extend(block)
        writer._weights.extend(repeat(1.0, len(block)))
        writer._maxweight = max(writer._maxweight, 1.0)


def _missing_length(docnum: int, fieldname: str, term: bytes) -> MissingFieldLengthError:
    return MissingFieldLengthError(
        f"document {docnum} has the term {term.decode('utf-8', 'replace')!r} in field {fieldname!r} but no length "
        "of that field: the segment would be written with wrong scoring statistics"
    )
