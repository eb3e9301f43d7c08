"""What one searcher generation reads for ranked search: raw postings, field lengths, days.

Whoosh scores every match through a tree of matcher objects, several Python calls per document
and term: a word such as 데이터셋 that matches thousands of papers took 50-90 ms at 5,000 papers
and a second at 100,000. :mod:`reader.index.ranking` instead works on whole posting lists with
set operations; :class:`Snapshot` gives it those lists (document numbers, weights, encoded
positions over all segments, deleted documents left out), the one-byte field lengths, the day
column and Whoosh's BM25F parameters per term. A searcher's segments never change, so whatever
a snapshot has read stays valid until a commit replaces the searcher: refining a query reuses
the posting lists already read. Columns are read in one piece instead of value by value, which
keeps the first search after opening the index cheap.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from sys import byteorder
from typing import Any

from whoosh.util.numeric import byte_to_length

from reader.index.codec import read_length_bytes, read_postings

_BYTE_TO_LENGTH = [byte_to_length(b) or 1 for b in range(256)]
# Postings kept per searcher, least recently used dropped first: about 150 bytes each, so at most
# ~150 MB (a dozen of the most common bigrams at 100,000 papers; a whole 5,000-paper index).
_CACHED_POSTINGS = 1_000_000


class UnsupportedQuery(Exception):
    """A query node :mod:`reader.index.ranking` does not evaluate; the caller falls back to Whoosh."""


class Postings:
    """One term's postings over all segments: ascending document numbers, weights, raw positions."""

    __slots__ = ("field", "term", "ids", "weights", "values", "max_weight", "_idset", "scorer")

    def __init__(self, field: str, term: bytes, ids: list[int], weights: list[float], values: list[bytes],
                 scorer: tuple[float, float, list[float]]) -> None:
        self.field = field
        self.term = term
        self.ids = ids
        self.weights = weights
        self.values = values
        self.max_weight = max(weights)
        self.scorer = scorer  # (idf, K1 + 1, BM25 denominator per length byte), see Snapshot._scorer
        self._idset: frozenset[int] | None = None

    @property
    def idset(self) -> frozenset[int]:
        if self._idset is None:
            self._idset = frozenset(self.ids)
        return self._idset


class Snapshot:
    """Raw postings, field lengths and days of one searcher, read lazily and kept while it lives."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.weighting = searcher.weighting
        self._leaves = searcher.reader().leaf_readers()
        self._postings: OrderedDict[tuple[str, bytes], Postings | None] = OrderedDict()
        self._cached = 0  # postings held in self._postings
        self._lengths: dict[str, array[int]] = {}
        self._prefixes: dict[tuple[str, str], list[bytes]] = {}
        self._phrases: OrderedDict[Any, set[int]] = OrderedDict()
        self._cached_phrases = 0  # documents held in self._phrases
        self._deleted: list[frozenset[int]] | None = None
        self._days: array[int] | None = None

    # -- per-document columns ----------------------------------------------------------

    def days(self) -> array[int]:
        """Day number (days since 1970) of every document, for the newest-first tie-break."""
        if self._days is None:
            days = array("i")
            for reader, offset in self._leaves:
                days.extend(_numeric_column(reader, "day", "i", reader.doc_count_all()))
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
        key = (field, term)
        if key in self._postings:
            self._postings.move_to_end(key)
            return self._postings[key]
        found = self._read_postings(field, term)
        self._postings[key] = found
        self._cached += len(found.ids) if found else 0
        while self._cached > _CACHED_POSTINGS and len(self._postings) > 1:
            _key, dropped = self._postings.popitem(last=False)
            self._cached -= len(dropped.ids) if dropped else 0
        return found

    def expand(self, field: str, prefix: str) -> list[bytes]:
        """Terms of ``field`` that start with ``prefix`` (Whoosh's Prefix expansion)."""
        key = (field, prefix)
        if key not in self._prefixes:
            if field not in self.searcher.schema:
                self._prefixes[key] = []
            else:
                self._prefixes[key] = list(self.searcher.reader().expand_prefix(field, prefix))
        return self._prefixes[key]

    def phrase_matches(self, key: Any, compute: Callable[[], set[int]]) -> set[int]:
        """The documents of a phrase, computed once per searcher (positions are the costly part)."""
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = compute()
            self._cached_phrases += len(found)
            while self._cached_phrases > _CACHED_POSTINGS and len(self._phrases) > 1:
                self._cached_phrases -= len(self._phrases.popitem(last=False)[1])
        else:
            self._phrases.move_to_end(key)
        return found

    def _read_postings(self, field: str, term: bytes) -> Postings | None:
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        deleted = self._deleted_sets()
        for (reader, offset), gone in zip(self._leaves, deleted):
            if (field, term) not in reader:
                continue
            seg_ids, seg_weights, seg_values = read_postings(reader, field, term)
            if gone:
                keep = [i for i, docnum in enumerate(seg_ids) if docnum not in gone]
                seg_ids = [seg_ids[i] for i in keep]
                seg_weights = [seg_weights[i] for i in keep]
                seg_values = [seg_values[i] for i in keep]
            ids.extend([docnum + offset for docnum in seg_ids] if offset else seg_ids)
            weights.extend(seg_weights)
            values.extend(seg_values)
        if not ids:
            return None
        return Postings(field, term, ids, weights, values, self._scorer(field, term))

    def _scorer(self, field: str, term: bytes) -> tuple[float, float, list[float]]:
        """(idf, K1 + 1, per length byte BM25's ``K1 * ((1 - B) + B * fl / avgfl)``).

        The same float operations as :func:`whoosh.scoring.bm25`, hoisted, so scores are identical.
        """
        weighting = self.weighting
        searcher = self.searcher
        idf = searcher.idf(field, term)
        avgfl = searcher.avg_field_length(field) or 1
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        return idf, k1 + 1, [k1 * ((1 - b) + b * length / avgfl) for length in _BYTE_TO_LENGTH]

    def _deleted_sets(self) -> list[frozenset[int]]:
        if self._deleted is None:
            self._deleted = [
                frozenset(reader._perdoc.deleted_docs()) if reader.has_deletions() else frozenset()
                for reader, _offset in self._leaves
            ]
        return self._deleted


def _numeric_column(reader: Any, field: str, typecode: str, doccount: int) -> array[int]:
    """A big-endian numeric column as an array in one read (Whoosh reads it value by value)."""
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
