"""A lean segment writer for the paper index.

Character bigrams give about twice as many postings per paper as Whoosh's StandardAnalyzer words,
and Whoosh's generic writer spends its time per posting, not per token. This writer produces the
same on-disk format (any Whoosh reader opens the index) but does that work per term or from
memory:

* postings are grouped per term as documents arrive (docnums ascend, so each group is already
  sorted) and only the distinct terms are sorted at commit;
* position lists of one position (most bigrams in a summary) come from a cache;
* field lengths come from an in-memory table (a posting whose document has no length there is
  an error, see :class:`~reader.index.whoosh_internals.MissingFieldLengthError`);
* postings go to the posting file a block at a time, pickled compactly.

Memory spills (``limitmb``) write sorted runs to temporary files; segments that Whoosh's merge
policy merges into this one are streamed term by term. Everything that touches Whoosh's writer
internals is in :mod:`reader.index.whoosh_internals.segment_writer`; this module only buffers.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.index.analysis import index_terms, suffix_field
from reader.index.whoosh_internals import SINGLE_POSITIONS, Group, LeanSegmentWriter, Posting, encode_positions

# Rough bytes one buffered posting occupies (a 3-tuple, its weight and a list slot), to honour
# ``limitmb`` like Whoosh's own pool does.
_POSTING_BYTES = 120
_RUN_BATCH = 2000  # terms per pickle in a spilled run
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


class PaperWriter(LeanSegmentWriter):
    """A segment writer with :meth:`add_paper`, a fast path for the paper schema."""

    def __init__(self, ix: Any, limitmb: float = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self._memory_limit = limitmb * 1024 * 1024
        self._terms: dict[str, dict[str, list[Posting]]] = {}  # field -> term -> postings
        # suffix field -> term -> document numbers (presence only: no weights, positions or lengths)
        self._suffixes: dict[str, dict[str, list[int]]] = {}
        self._field_lengths: dict[str, dict[int, int]] = {}  # field -> docnum -> length (>= 1)
        self._buffered = 0
        self._runs: list[IO[bytes]] = []  # spilled sorted runs, oldest documents first

    def add_paper(self, stored: dict[str, Any], columns: dict[str, Any], ids: dict[str, str],
                  texts: dict[str, str]) -> None:
        """Add one document: stored values, column values, ID terms and Korean-aware texts.

        ``texts`` fields must be :class:`reader.index.analysis.KoreanText` fields, each with its
        :func:`~reader.index.analysis.suffix_field` in the schema; ``ids`` fields Whoosh ``ID`` fields.
        """
        docnum = self.begin_document()
        schema = self.schema
        single, single_count = SINGLE_POSITIONS, len(SINGLE_POSITIONS)
        added = len(ids)
        for fieldname, value in ids.items():
            self._terms.setdefault(fieldname, {}).setdefault(value, []).append((docnum, 1.0, b""))
            self.add_field_value(fieldname, None, 0)
        for fieldname, text in texts.items():
            boost = schema[fieldname].format.field_boost
            field_terms = self._terms.setdefault(fieldname, {})
            get = field_terms.get
            length = 0
            positions, suffixes = index_terms(text)
            added += len(positions) + len(suffixes)
            if suffixes:
                suffix_terms = self._suffixes.setdefault(suffix_field(fieldname), {})
                find = suffix_terms.get
                for term in suffixes:
                    docnums = find(term)
                    if docnums is None:
                        suffix_terms[term] = [docnum]
                    else:
                        docnums.append(docnum)
            for term, poses in positions.items():
                if len(poses) == 1 and poses[0] < single_count:  # most terms: from the table, no call
                    length += 1
                    posting = (docnum, boost, single[poses[0]])
                else:
                    freq = len(poses)
                    length += freq
                    posting = (docnum, freq * boost, encode_positions(poses))
                found = get(term)
                if found is None:
                    field_terms[term] = [posting]
                else:
                    found.append(posting)
            self.add_field_value(fieldname, None, length)
            if length:
                rounded = byte_to_length(length_to_byte(length))
                self._field_lengths.setdefault(fieldname, {})[docnum] = rounded
        for fieldname, value in stored.items():
            self.add_field_value(fieldname, value, 0)
        for fieldname, value in columns.items():
            self.add_column(fieldname, value)
        self.end_document()
        self._buffered += added * _POSTING_BYTES
        if self._buffered > self._memory_limit:
            self._spill()

    def merged_lengths(self, fieldname: str, length_bytes: array[int], startdoc: int,
                       docmap: dict[int, int] | None) -> None:
        lengths = self._field_lengths.setdefault(fieldname, {})
        for old, length_byte in enumerate(length_bytes):
            new = old + startdoc if docmap is None else docmap.get(old)
            if length_byte and new is not None:
                lengths[new] = _BYTE_TO_LENGTH[length_byte]

    def field_lengths(self, fieldname: str) -> Mapping[int, int]:
        return self._field_lengths.get(fieldname, {})

    def posting_groups(self, merged: list[Iterator[Group]]) -> Iterable[Group]:
        # Documents ascend from spilled runs to the buffer to merged segments, so a term's postings
        # are its groups from each source, concatenated in that order.
        sources = [_run_groups(run) for run in self._runs] + [self._memory_groups()] + merged
        return sources[0] if len(sources) == 1 else _concatenate(heapq.merge(*sources, key=_group_key))

    def release_buffers(self) -> None:
        for run in self._runs:
            run.close()

    def cancel(self) -> None:
        self.release_buffers()
        super().cancel()

    def _spill(self) -> None:
        """Write the buffered postings to a temporary file as one sorted run (bounded memory)."""
        run = tempfile.TemporaryFile()  # noqa: SIM115 - kept open as a run until the segment is written
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
        self._suffixes.clear()
        self._buffered = 0

    def _memory_groups(self) -> Iterator[Group]:
        for fieldname in sorted({*self._terms, *self._suffixes}):
            terms: dict[str, list[Any]] = self._suffixes.get(fieldname) or self._terms[fieldname]
            for term, postings in sorted(terms.items()):
                yield fieldname, term.encode("utf-8"), postings


def _run_groups(run: IO[bytes]) -> Iterator[Group]:
    while True:
        try:
            batch: list[Group] = pickle.load(run)
        except EOFError:
            return
        yield from batch


def _joined(first: list[Any], second: list[Any]) -> list[Any]:
    """Two sources' postings of one term; presence-only ids (a suffix field's buffer) become postings when the
    other source (a merged segment) has postings of the full form."""
    if type(first[0]) is type(second[0]):
        return first + second
    return [(p, 1.0, b"") if type(p) is int else p for p in first] + [
        (p, 1.0, b"") if type(p) is int else p for p in second]


def _group_key(group: Group) -> tuple[str, bytes]:
    return group[0], group[1]


def _concatenate(groups: Iterable[Group]) -> Iterator[Group]:
    """Merge consecutive groups of the same term (heapq.merge keeps the sources' order on ties)."""
    key: tuple[str, bytes] | None = None
    postings: list[Any] = []
    for fieldname, term, more in groups:
        if (fieldname, term) == key:
            postings = _joined(postings, more)
            continue
        if key is not None:
            yield (*key, postings)
        key, postings = (fieldname, term), more
    if key is not None:
        yield (*key, postings)
