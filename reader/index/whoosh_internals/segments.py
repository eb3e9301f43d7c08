"""Whole-list reads from one segment: postings, field lengths, a numeric column, deletions.

Whoosh reads these one object at a time (a matcher call per posting, a column lookup per
document); ranking needs them whole, once per searcher. Each function below says which
undocumented part of ``whoosh.reading.SegmentReader`` / ``whoosh.codec.whoosh3`` it reads.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator
from io import BytesIO
from pickle import load, loads
from struct import Struct
from sys import byteorder
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound

from reader.index.whoosh_internals.packed import PackedPositions
from reader.index.whoosh_internals.positions import Counts, Flat, decode_all

# docnums (int64), weights (float64), and their positions: how many each posting has, and all of them in order
Postings = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], tuple[Counts, Flat]]

# DEPENDENCY (whoosh.codec.whoosh3 W3PostingsWriter._write_block / W3LeafMatcher): a posting list
# in the postings file is the 4-byte magic WHOOSH3_HEADER_MAGIC, then blocks of: a big-endian int
# block length (negative for the last block), a pickled info tuple (count, last id, max weight,
# compression level, min length byte, max length byte) and the (zlib-compressed if level > 0)
# pickle of (delta-coded ids, weights: None / one float / a list, values: None / a list).
_BLOCK_LENGTH = Struct("!i")
# A merged segment's posting file up to this size is read in one piece (a day's segment: a few hundred KB).
_READ_WHOLE_MAX = 8 * 1024 * 1024


def read_postings(reader: Any, field: str, term: bytes) -> Postings | None:
    """All postings of ``term`` in one segment reader (deleted documents included); None when the segment
    does not have the term.

    DEPENDENCY: ``reader.term_info`` is public, but what it returns is a ``W3TermInfo`` whose
    ``is_inlined()`` / ``inlined_postings()`` / ``extent()`` are undocumented, and the postings file
    is the private ``SegmentReader._terms`` (a ``W3FieldCursor``/terms reader) ``._postfile``. Why:
    decoding a posting list in one read is what makes a common word cheap (see engine.py); asking for
    the term's info straight away (``TermNotFound``: absent) is one look-up in the term table, not two.
    """
    try:
        info = reader.term_info(field, term)  # first: an empty index's EmptyReader has no ``_terms``
    except TermNotFound:
        return None
    return _postings_of(reader._terms._postfile, info)


def read_ids(reader: Any, field: str, term: bytes) -> npt.NDArray[np.int64] | None:
    """:func:`read_postings`' document numbers alone (a count needs no weights, nor positions to decode)."""
    try:
        info = reader.term_info(field, term)
    except TermNotFound:
        return None
    if info.is_inlined():
        return np.array(info.inlined_postings()[0], dtype=np.int64)
    return _ids_of([_array(block_ids, "I", np.uintc) for _count, block_ids, _weights, _values
                    in _blocks(reader._terms._postfile, *info.extent())])


def terms_in_memory(reader: Any) -> None:
    """Read one segment's term table into memory, where every later term look-up finds it.

    DEPENDENCY: the private ``SegmentReader._terms`` (a ``W3TermsReader``), its private ``_dbfile`` and
    ``_tindex`` (the ``OrderedHashReader`` whose ``dbfile`` every look-up and prefix expansion reads), the
    private ``_length`` of the compound file's ``SubFile`` behind it, and ``BufferFile`` (a StructFile
    over bytes). Why: a look-up is several small seek-and-read calls on the file (hash bucket, key,
    value): ~90,000 of them for the bench's 42 queries on 19 segments at 100,000 papers, ~0.4 s of a
    first pass; a segment's table is ~0.7 MB there. A table over ``_READ_WHOLE_MAX`` stays on disk.
    """
    terms = getattr(reader, "_terms", None)  # None: an empty index's EmptyReader
    if terms is None:
        return
    size = getattr(terms._dbfile.file, "_length", None)
    if not isinstance(size, int) or size > _READ_WHOLE_MAX:
        return
    memory = BufferFile(terms._dbfile.get(0, size))
    terms._dbfile = memory
    terms._tindex.dbfile = memory


def all_postings(reader: Any) -> Iterator[tuple[str, bytes, Postings]]:
    """Every term of one segment with its postings, in (field, term) order (deleted documents included).

    DEPENDENCY: the private ``SegmentReader._terms`` (a ``W3TermsReader``), its ``items()`` (each
    ``(field, term)`` key with its ``W3TermInfo``, in the term table's order: field number, then term
    bytes) and its private ``_fieldmap`` (field name -> number); a posting file of up to
    ``_READ_WHOLE_MAX`` bytes is read in one piece, its size from the private ``_length`` of the
    compound file's ``SubFile`` behind ``_postfile.file``. Why: one pass over the table instead of a
    hashed look-up per term, which read the table file several times each, and one read of the postings
    instead of one per term: merging seven one-day segments took ~1 s of CPU, most of it in those reads.
    """
    terms = reader._terms
    by_number = sorted(terms._fieldmap, key=terms._fieldmap.__getitem__)
    items = terms.items() if by_number == sorted(by_number) else iter(sorted(terms.items(), key=_key))
    postfile = terms._postfile
    size = getattr(postfile.file, "_length", None)
    if isinstance(size, int) and size <= _READ_WHOLE_MAX:
        postfile = _WholeFile(postfile.get(0, size))
    for (field, term), info in items:
        yield field, term, _postings_of(postfile, info)


class _WholeFile:
    """A posting file read into memory, with the ``get(position, length)`` of Whoosh's StructFile."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def get(self, position: int, length: int) -> bytes:
        return self._data[position : position + length]


def _key(item: tuple[tuple[str, bytes], Any]) -> tuple[str, bytes]:
    return item[0]


def _postings_of(postfile: Any, info: Any) -> Postings:
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        return (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                _positions_of(values, len(ids)))
    return _read_blocks(postfile, *info.extent())


def _positions_of(values: Any, count: int) -> tuple[Counts, Flat]:
    """A block's (or inlined list's) values as position arrays: packed by our writer, a tuple of ``Positions``
    values from Whoosh's own, or None (a field without positions)."""
    if isinstance(values, PackedPositions):
        return values.arrays()
    if values is None:
        return np.zeros(count, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return decode_all(values)


def block_sizes(reader: Any, field: str, term: bytes) -> list[int]:
    """The number of postings in each block of a term's posting list (for tests of the writer)."""
    info = reader.term_info(field, term)
    if info.is_inlined():
        return []
    return [count for count, _ids, _weights, _values in _blocks(reader._terms._postfile, *info.extent())]


def _read_blocks(postfile: Any, start: int, length: Any) -> Postings:
    """Decode a W3 posting list (header, then blocks of pickled ids/weights/values) in one read."""
    deltas: list[npt.NDArray[Any]] = []
    weights: list[npt.NDArray[Any]] = []
    counts: list[Counts] = []
    flats: list[Flat] = []
    for count, block_ids, block_weights, block_values in _blocks(postfile, start, length):
        deltas.append(_array(block_ids, "I", np.uintc))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float64))
        else:
            weights.append(_array(block_weights, "f", np.float32))
        block_counts, block_flat = _positions_of(block_values, count)
        counts.append(block_counts)
        flats.append(block_flat)
    ids = _ids_of(deltas)
    all_weights = np.concatenate(weights).astype(np.float64)
    positions = (np.concatenate(counts), np.concatenate(flats)) if len(counts) > 1 else (counts[0], flats[0])
    if len(ids) != len(all_weights) or len(ids) != len(positions[0]):
        raise ValueError(f"a posting list at byte {start} has {len(ids)} documents but {len(all_weights)} weights "
                         f"and {len(positions[0])} values")
    return ids, all_weights, positions


def _ids_of(deltas: list[npt.NDArray[Any]]) -> npt.NDArray[np.int64]:
    """The document numbers of a posting list's blocks of delta-coded ids.

    Each block's ids are gaps from the one before, its first from 0: one running sum, less what the
    blocks before it summed to."""
    sizes = [len(block) for block in deltas]
    running = np.cumsum(np.concatenate(deltas), dtype=np.int64)
    ends = np.cumsum(sizes)
    ids: npt.NDArray[np.int64] = running - np.repeat(np.concatenate(([0], running[ends[:-1] - 1])), sizes)
    return ids


def _array(values: Any, typecode: str, dtype: Any) -> npt.NDArray[Any]:
    """An array of a block (our writer's ``array``: no copy) or a tuple (Whoosh's writer)."""
    if isinstance(values, array) and values.typecode == typecode:
        return np.frombuffer(values, dtype=dtype)
    return np.array(values, dtype=dtype)


def _blocks(postfile: Any, start: int, length: Any) -> list[tuple[int, Any, Any, Any]]:
    """The blocks of one posting list: (count, delta-coded ids, weights, values) each."""
    if isinstance(length, tuple):  # W3TermInfo keeps the length as a 1-tuple after reading it
        (length,) = length
    data = postfile.get(start, length)
    if data[: len(WHOOSH3_HEADER_MAGIC)] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"the posting list at byte {start} does not start with {WHOOSH3_HEADER_MAGIC!r}")
    stream = BytesIO(data)
    stream.seek(len(WHOOSH3_HEADER_MAGIC))
    blocks = []
    while True:
        (block_length,) = _BLOCK_LENGTH.unpack(stream.read(_BLOCK_LENGTH.size))
        end = stream.tell() + abs(block_length)
        count, _maxid, _maxweight, compression, _minlength, _maxlength = load(stream)
        raw = data[stream.tell() : end]
        block_ids, block_weights, block_values = loads(zlib.decompress(raw) if compression else raw)
        blocks.append((count, block_ids, block_weights, block_values))
        if block_length < 0:
            return blocks
        stream.seek(end)


def read_length_bytes(reader: Any, field: str) -> array[int]:
    """The one-byte field lengths of one segment (0 where the field is empty).

    DEPENDENCY: the private ``SegmentReader._perdoc`` (a ``W3PerDocReader``), its private
    ``_cached_reader``, the private column name ``whoosh.codec.whoosh3._lenfield(field)`` with
    ``LENGTHS_COLUMN``, and the private ``_dbfile`` / ``_basepos`` / ``_count`` of the fixed-width
    column reader it returns. Why: Whoosh's public ``doc_field_length`` is one call per document;
    ranking and the writer's merges need a whole segment's lengths (100,000 calls at open).
    A field no document of the segment has (no column) and documents past the end of the column
    have no length: 0, exactly as Whoosh's ``doc_field_length`` finds nothing there.
    """
    doccount = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)  # None: an empty index's EmptyReader
    lengths = array("B")
    if perdoc is not None and perdoc.has_column(_lenfield(field)):
        column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        lengths.frombytes(column._dbfile.get(column._basepos, column._count))
    if len(lengths) > doccount:
        raise ValueError(f"field {field!r} has {len(lengths)} lengths in a segment of {doccount} documents")
    lengths.extend(bytes(doccount - len(lengths)))
    return lengths


def numeric_column(reader: Any, field: str, typecode: str) -> array[int]:
    """A numeric column of one segment as an array, in one read where the layout allows.

    DEPENDENCY: the column reader of ``reader.column_reader(field, translate=False)`` (public) is a
    ``whoosh.columns.NumericColumn.Reader`` whose private ``_dbfile`` / ``_basepos`` / ``_count`` /
    ``_fixedlen`` / ``_typecode`` / ``_default`` give the big-endian fixed-width array behind it.
    Why: the day column of 100,000 documents read value by value cost ~40 ms on the first search.
    Any other reader layout is read through the public iteration (slower, same values).
    """
    doccount = reader.doc_count_all()
    column = reader.column_reader(field, translate=False)
    values = array(typecode)
    raw_reader = getattr(column, "_dbfile", None)
    if raw_reader is not None and getattr(column, "_typecode", None) == typecode:
        values.frombytes(raw_reader.get(column._basepos, column._count * column._fixedlen))
        if byteorder == "little" and values.itemsize > 1:
            values.byteswap()
        values.extend([column._default] * (doccount - len(values)))
    else:
        values.extend(column)
    return values


def deleted_docs(reader: Any) -> frozenset[int]:
    """The deleted document numbers of one segment.

    DEPENDENCY: the private ``SegmentReader._perdoc.deleted_docs()``. Why: the public equivalent,
    ``is_deleted(docnum)`` for every document, is one Python call per document of the segment.
    """
    if not reader.has_deletions():
        return frozenset()
    return frozenset(reader._perdoc.deleted_docs())
