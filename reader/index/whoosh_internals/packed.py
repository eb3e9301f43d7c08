"""A posting block's positions as two arrays, which Whoosh's reader still reads value by value.

DEPENDENCY (whoosh.codec.whoosh3 W3LeafMatcher._read_values): a block's pickled data tuple is
``(ids, weights, values)``; for a format without a fixed value size (``Positions``) Whoosh keeps
``values`` as it was unpickled and reads ``values[i]`` for posting i (bytes of
:mod:`~reader.index.whoosh_internals.positions`' layout). It never asks for more than indexing.
Why: unpickling a tuple of one bytes object per posting was most of the cost of reading a common
word's postings at 100,000 papers, and every phrase check then decoded those bytes again.
:class:`PackedPositions` unpickles as two byte strings (how many positions each posting has,
then all of them: little-endian 32-bit), which :mod:`reader.index.engine` reads as arrays
without a Python object per posting; Whoosh's own matcher gets each value built on demand.

Whoosh's unpickler finds this class by its module path and name: keep both (a change needs a new
``INDEX_FORMAT`` in search_index.py).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

import numpy as np

from reader.index.whoosh_internals.positions import Counts, Flat, decode_few, encode_positions

_UINT32 = np.dtype("<u4")


class PackedPositions:
    """The positions of a block's postings: ``counts`` (one per posting) and ``positions`` (all, in order)."""

    __slots__ = ("counts", "positions", "_ends")

    def __init__(self, counts: bytes, positions: bytes) -> None:
        self.counts = counts
        self.positions = positions
        self._ends: list[int] | None = None

    @classmethod
    def pack(cls, values: Sequence[bytes]) -> PackedPositions:
        """The packed form of a block's ``Positions`` values (a loop: a block holds at most 128)."""
        counts, flat = decode_few(values)
        packed_counts, packed_flat = array("I", counts), array("I", flat)
        if sys.byteorder == "big":
            packed_counts.byteswap()
            packed_flat.byteswap()
        return cls(packed_counts.tobytes(), packed_flat.tobytes())

    def arrays(self) -> tuple[Counts, Flat]:
        """The two arrays (as int64), without a Python object per posting."""
        return (np.frombuffer(self.counts, dtype=_UINT32).astype(np.int64),
                np.frombuffer(self.positions, dtype=_UINT32).astype(np.int64))

    def __reduce__(self) -> tuple[type[PackedPositions], tuple[bytes, bytes]]:
        return PackedPositions, (self.counts, self.positions)

    def __len__(self) -> int:
        return len(self.counts) // _UINT32.itemsize

    def __getitem__(self, index: int) -> bytes:
        """Whoosh's ``Positions`` value of posting ``index`` (what its matcher's ``value()`` returns)."""
        if self._ends is None:
            self._ends = np.cumsum(np.frombuffer(self.counts, dtype=_UINT32), dtype=np.int64).tolist()
        ends = self._ends
        end = ends[index]
        start = ends[index - 1] if index % len(ends) else 0
        positions = np.frombuffer(self.positions, dtype=_UINT32)[start:end].tolist()
        return encode_positions(positions)
