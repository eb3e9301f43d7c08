"""What one searcher generation reads for ranked search: raw postings, field lengths, days.

Whoosh scores every match through a tree of matcher objects, several Python calls per document
and term: a word such as 데이터셋 that matches thousands of papers took 50-90 ms at 5,000 papers
and a second at 100,000. :mod:`reader.index.ranking` instead works on whole posting lists with
set operations; :class:`Snapshot` gives it those lists (document numbers and each posting's BM25F
score over all segments, deleted documents left out; positions for phrase checks), the
one-byte field lengths and the day column. A searcher's segments never change, so whatever
a snapshot has read stays valid until a commit replaces the searcher: refining a query reuses
the posting lists already read. Columns are read in one piece instead of value by value, which
keeps the first search after opening the index cheap.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh.util.numeric import byte_to_length

from reader.index.whoosh_internals import (
    Counts,
    Flat,
    bm25_parameters,
    deleted_docs,
    numeric_column,
    read_ids,
    read_length_bytes,
    read_postings,
    terms_in_memory,
)

_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]
# Postings kept per searcher, least recently used dropped first. A cached posting is a document
# number and its BM25 score in two arrays (12 bytes) plus, once a query needed it, a set entry
# (~60 bytes): the ~2 million postings of the bench's 42 queries at 100,000 papers fit, so a
# reader refining a query never re-reads them.
_CACHED_POSTINGS = 4_000_000
# Positions as read (two int64 arrays, ~16 bytes a position), kept for phrase checks: the postings
# read last, so a phrase reads its terms once; a phrase's matches are cached on their own.
_CACHED_POSITIONS = 2_000_000
# Positions as phrase-check keys (one int64 each, see Snapshot.position_keys).
_CACHED_POSITION_KEYS = 4_000_000


class UnsupportedQueryError(Exception):
    """A query node :mod:`reader.index.ranking` does not evaluate; the caller falls back to Whoosh."""


class DamagedIndexError(ValueError):
    """The index contradicts itself (for example a posting in a field its document has no length in)."""


K = TypeVar("K", bound=Hashable)
Targets = set[int] | frozenset[int]
Keys = npt.NDArray[np.int64]
IdArray = npt.NDArray[np.int64]
WeightArray = npt.NDArray[np.float64]
V = TypeVar("V")
_NO_IDS: IdArray = np.zeros(0, dtype=np.int64)


class Postings:
    """One term's postings over all segments: ascending document numbers and their BM25 scores.

    The score of a posting depends only on the term, its weight and the document's field length,
    all fixed while the searcher lives, so it is computed once, when ranking first asks for it
    (a count of matches, as a trend makes, never does), and ranking only adds numbers up.
    """

    __slots__ = ("field", "term", "ids", "_weights", "_scorer", "_scores", "_max_score", "_idset")

    def __init__(self, field: str, term: bytes, ids: array[int], weights: array[float],
                 scorer: Callable[[str, bytes, array[int], array[float]], array[float]]) -> None:
        self.field = field
        self.term = term
        self.ids = ids
        self._weights: array[float] | None = weights  # an array: 8 bytes a posting while unscored
        self._scorer = scorer
        self._scores: array[float] | None = None
        self._max_score = 0.0
        self._idset: frozenset[int] | None = None

    @property
    def scores(self) -> array[float]:
        if self._scores is None:
            assert self._weights is not None
            self._scores = self._scorer(self.field, self.term, self.ids, self._weights)
            self._max_score = max(self._scores)
            self._weights = None
        return self._scores

    @property
    def max_score(self) -> float:
        return max(self.scores) if self._scores is None else self._max_score

    @property
    def idset(self) -> frozenset[int]:
        if self._idset is None:
            self._idset = frozenset(self.ids)
        return self._idset


class _Lru(Generic[K, V]):
    """A dict of sized values that drops the least recently used ones past ``budget`` in total size."""

    def __init__(self, budget: int, size: Callable[[V], int]) -> None:
        self.budget = budget
        self.size = 0
        self._size_of = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def __contains__(self, key: K) -> bool:
        return key in self._items

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value of ``key``, from ``compute()`` the first time (or again after it was dropped)."""
        items = self._items
        if key in items:
            items.move_to_end(key)
            return items[key]
        value = items[key] = compute()
        size = self._size_of
        self.size += size(value)
        while self.size > self.budget and len(items) > 1:
            self.size -= size(items.popitem(last=False)[1])
        return value


def _postings_size(postings: Postings | None) -> int:
    return len(postings.ids) if postings is not None else 0


def _flat_size(positions: tuple[Counts, Flat]) -> int:
    return len(positions[1])


class Snapshot:
    """Postings, field lengths and days of one searcher, read lazily and kept while it lives."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.weighting = searcher.weighting
        self._leaves = searcher.reader().leaf_readers()
        for reader, _offset in self._leaves:
            terms_in_memory(reader)
        self.forget_matches()
        self._lengths: dict[str, array[int]] = {}
        self._prefixes: dict[tuple[str, str], list[bytes]] = {}
        self._deleted: list[IdArray] | None = None
        self._days: array[int] | None = None

    def forget_matches(self) -> None:
        """Drop the cached postings, positions and matches; the term tables and per-document columns stay.

        For a batch of one-off searches (the first look's saved searches and mute rules), which would
        otherwise keep every posting they read: ~150 MB at 100,000 papers for 20 saved searches."""
        self._postings: _Lru[tuple[str, bytes], Postings | None] = _Lru(_CACHED_POSTINGS, _postings_size)
        self._positions: _Lru[tuple[str, bytes], tuple[Counts, Flat]] = _Lru(_CACHED_POSITIONS, _flat_size)
        self._keys: _Lru[tuple[str, bytes], Keys] = _Lru(_CACHED_POSITION_KEYS, len)
        self._phrases: _Lru[Hashable, Targets] = _Lru(_CACHED_POSTINGS, len)
        self._ids: _Lru[tuple[str, bytes], frozenset[int]] = _Lru(_CACHED_POSTINGS, len)
        self._id_arrays: _Lru[tuple[str, bytes], IdArray] = _Lru(_CACHED_POSTINGS, len)
        self._counted: _Lru[Hashable, IdArray] = _Lru(_CACHED_POSTINGS, len)

    # -- per-document columns ----------------------------------------------------------

    def days(self) -> array[int]:
        """Day number (days since 1970) of every document, for the newest-first tie-break."""
        if self._days is None:
            days = array("i")
            for reader, _offset in self._leaves:
                days.extend(numeric_column(reader, "day", "i"))
            self._days = days
        return self._days

    def lengths(self, field: str) -> array[int]:
        """Encoded (one byte) length of ``field`` for every document."""
        if field not in self._lengths:
            lengths = array("B")
            for reader, _offset in self._leaves:
                lengths.extend(read_length_bytes(reader, field))
            self._lengths[field] = lengths
        return self._lengths[field]

    # -- postings ----------------------------------------------------------------------

    def postings(self, field: str, term: bytes) -> Postings | None:
        """The postings of one term (None when no segment has it), cached per searcher."""
        return self._postings.get((field, term), lambda: self._read_postings(field, term))

    def position_keys(self, postings: Postings) -> Keys:
        """``docnum << 32 | position`` of every position of every posting, ascending, built once per searcher."""
        key = (postings.field, postings.term)
        return self._keys.get(key, lambda: self._position_keys(postings))

    def _position_keys(self, postings: Postings) -> Keys:
        key = (postings.field, postings.term)
        counts, flat = self._positions.get(key, lambda: self._read(postings.field, postings.term)[2])
        docs = np.frombuffer(postings.ids, dtype=np.intc).astype(np.int64)
        keys: Keys = (np.repeat(docs, counts) << 32) | flat
        return keys

    def expand(self, field: str, prefix: str) -> list[bytes]:
        """Terms of ``field`` that start with ``prefix`` (Whoosh's Prefix expansion)."""
        key = (field, prefix)
        if key not in self._prefixes:
            if field not in self.searcher.schema:
                self._prefixes[key] = []
            else:
                self._prefixes[key] = list(self.searcher.reader().expand_prefix(field, prefix))
        return self._prefixes[key]

    def phrase_matches(self, key: Hashable, compute: Callable[[], Targets]) -> Targets:
        """The documents of a phrase (or of a word's position-free terms), computed once per searcher."""
        return self._phrases.get(key, compute)

    def doc_ids(self, field: str, term: bytes) -> frozenset[int]:
        """The live documents of a term of an unscored field (the run suffixes), cached per searcher."""
        return self._ids.get((field, term), lambda: frozenset(self._read_ids(field, term).tolist()))

    def doc_numbers(self, field: str, term: bytes) -> npt.NDArray[np.integer[Any]]:
        """The live documents of a term, ascending: its postings' when read, else read without their
        weights and positions (what a count needs), cached per searcher."""
        key = (field, term)
        if key in self._postings:
            postings = self.postings(field, term)
            return np.frombuffer(postings.ids, dtype=np.intc) if postings is not None else _NO_IDS
        return self._id_arrays.get(key, lambda: self._read_ids(field, term))

    def counted(self, key: Hashable, compute: Callable[[], IdArray]) -> IdArray:
        """The documents a query matches (see :mod:`reader.index.counting`), computed once per searcher."""
        return self._counted.get(key, compute)

    def _read_ids(self, field: str, term: bytes) -> IdArray:
        """The live documents of a term over all segments, read without weights or positions."""
        ids = []
        for (reader, offset), gone in zip(self._leaves, self._deleted_sets(), strict=True):
            found = read_ids(reader, field, term)
            if found is None:
                continue
            if gone.size:
                found = found[~np.isin(found, gone)]
            ids.append(found + offset if offset else found)
        return np.concatenate(ids) if len(ids) > 1 else ids[0] if ids else _NO_IDS

    def _read_postings(self, field: str, term: bytes) -> Postings | None:
        ids, weights, positions = self._read(field, term)
        if not ids.size:
            return None
        # Most phrases are checked right after their terms are read: keep the positions a while.
        self._positions.get((field, term), lambda: positions)
        return Postings(field, term, array("i", ids.astype(np.intc).tobytes()), array("d", weights.tobytes()),
                        self._scores)

    def _scores(self, field: str, term: bytes, ids: array[int], weights: array[float]) -> array[float]:
        """The BM25F score of each posting of a term (its weights, its documents' field lengths).

        Array arithmetic does each posting's float operations in the same order as Python would, so
        the scores are those of the formula written per posting."""
        idf, k1_plus_1, denominators = self._scorer(field, term)
        docs = np.frombuffer(ids, dtype=np.intc)
        length_bytes = np.frombuffer(self.lengths(field), dtype=np.uint8)[docs]
        if not length_bytes.all():  # Whoosh's own scorer fails on it too (a length of None)
            docnum = int(docs[np.argmin(length_bytes)])
            raise DamagedIndexError(f"document {docnum} has the term {term.decode('utf-8', 'replace')!r} "
                                    f"in field {field!r} but no length of that field")
        posting_weights = np.frombuffer(weights, dtype=np.float64)
        scores = idf * ((posting_weights * k1_plus_1) / (posting_weights + np.array(denominators)[length_bytes]))
        return array("d", scores.tobytes())

    def _read(self, field: str, term: bytes) -> tuple[IdArray, WeightArray, tuple[Counts, Flat]]:
        """Document numbers, weights and positions (per posting, and all in order) of a term over all live
        documents."""
        ids: list[IdArray] = []
        weights: list[WeightArray] = []
        counts: list[Counts] = []
        flats: list[Flat] = []
        deleted = self._deleted_sets()
        for (reader, offset), gone in zip(self._leaves, deleted, strict=True):
            found = read_postings(reader, field, term)
            if found is None:
                continue
            seg_ids, seg_weights, (seg_counts, seg_flat) = found
            if gone.size:
                kept = ~np.isin(seg_ids, gone)
                seg_ids, seg_weights = seg_ids[kept], seg_weights[kept]
                seg_flat = seg_flat[np.repeat(kept, seg_counts)]
                seg_counts = seg_counts[kept]
            ids.append(seg_ids + offset if offset else seg_ids)
            weights.append(seg_weights)
            counts.append(seg_counts)
            flats.append(seg_flat)
        if len(ids) == 1:
            return ids[0], weights[0], (counts[0], flats[0])
        if not ids:
            none = np.zeros(0, dtype=np.int64)
            return none, np.zeros(0, dtype=np.float64), (none, none)
        return np.concatenate(ids), np.concatenate(weights), (np.concatenate(counts), np.concatenate(flats))

    def _scorer(self, field: str, term: bytes) -> tuple[float, float, list[float]]:
        """(idf, K1 + 1, per length byte BM25's ``K1 * ((1 - B) + B * fl / avgfl)``).

        The same float operations as :func:`whoosh.scoring.bm25`, hoisted, so scores are identical.
        """
        searcher = self.searcher
        idf: float = searcher.idf(field, term)
        avgfl = searcher.avg_field_length(field) or 1
        b, k1 = bm25_parameters(self.weighting, field)
        return idf, k1 + 1, [k1 * ((1 - b) + b * length / avgfl) for length in _BYTE_TO_LENGTH]

    def _deleted_sets(self) -> list[IdArray]:
        """Each segment's deleted document numbers, sorted."""
        if self._deleted is None:
            self._deleted = [np.array(sorted(deleted_docs(reader)), dtype=np.int64) for reader, _offset in self._leaves]
        return self._deleted
