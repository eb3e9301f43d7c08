"""The bytes of one posting's value in a positional field (Whoosh's ``Positions`` format).

DEPENDENCY (whoosh.formats.Positions, whoosh.system): ``Positions.encode`` stores the positions of
a term in a document as ``pack_uint(n) + pickle.dumps(deltas, 2)``: a 4-byte big-endian count
(``whoosh.system._INT_SIZE`` bytes) then a protocol-2 pickle of the gaps between positions, and
``Positions.decode_positions`` reads ``value[_INT_SIZE:]`` back. The layout is not documented.
Why: the writer encodes without building Whoosh's token objects (single positions come from a
table), and phrase checks decode many values at once instead of one matcher call per posting;
:func:`decode_deltas` also relies on the protocol-2 framing (``\\x80\\x02`` header, ``.`` stop).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain, pairwise, repeat
from pickle import dumps, loads

import numpy as np
import numpy.typing as npt
from whoosh.system import _INT_SIZE, pack_uint

Counts = npt.NDArray[np.int64]  # positions per posting
Flat = npt.NDArray[np.int64]  # every posting's positions, one after another

SINGLE_POSITIONS: list[bytes] = [pack_uint(1) + dumps([pos], 2) for pos in range(4096)]
# One-position values (most postings) -> their position, decoded without pickle.
SINGLE_POSITION_OF = {value: pos for pos, value in enumerate(SINGLE_POSITIONS)}
_PICKLE_BODY = slice(_INT_SIZE + 2, -1)  # after the count and the protocol header, before STOP


def encode_positions(poses: list[int]) -> bytes:
    """Whoosh's ``Positions.encode`` (count + pickled deltas), single positions from a table."""
    if len(poses) == 1 and poses[0] < 4096:
        return SINGLE_POSITIONS[poses[0]]
    deltas = [poses[0]] + [b - a for a, b in pairwise(poses)]
    count: bytes = pack_uint(len(deltas))
    return count + dumps(deltas, 2)


def decode_positions(value: bytes) -> list[int]:
    """The positions of one encoded value (Whoosh's ``Positions.decode_positions``)."""
    deltas: list[int] = loads(value[_INT_SIZE:])
    return list(accumulate(deltas))


def decode_deltas(values: list[bytes]) -> list[list[int]]:
    """Position deltas of many ``Positions`` values (count + protocol-2 pickle) in one unpickling.

    Each value's pickle body builds one list; the bodies are spliced into one pickle of a list of
    lists, which C unpickles in a fraction of the time of one ``loads`` call per value.
    """
    if not values:
        return []
    try:
        decoded: list[list[int]] = loads(b"\x80\x02(" + b"".join([value[_PICKLE_BODY] for value in values]) + b"l.")
        if len(decoded) == len(values):
            return decoded
    except Exception:  # not spliceable (another pickler wrote them): decode one by one
        pass
    return [loads(value[_INT_SIZE:]) for value in values]


# Below this many values a plain loop beats array operations (each costs a few microseconds to set up).
_LOOP_UP_TO = 64


def decode_all(values: Sequence[bytes]) -> tuple[Counts, Flat]:
    """The positions of many ``Positions`` values at once: how many each posting has, and all of them in order.

    An empty value (a field without positions) has none. Single positions come from the table, the
    others from one spliced unpickling; a long list is assembled with array operations.
    """
    if len(values) <= _LOOP_UP_TO:
        counts, flat = decode_few(values)
        return np.array(counts, dtype=np.int64), np.array(flat, dtype=np.int64)
    count = len(values)
    singles = np.fromiter(map(SINGLE_POSITION_OF.get, values, repeat(-1)), dtype=np.int64, count=count)
    several = [i for i in np.flatnonzero(singles < 0).tolist() if values[i]]
    all_counts: Counts = (singles >= 0).astype(np.int64)
    if not several:
        all_flat: Flat = singles[singles >= 0]
        return all_counts, all_flat
    deltas = decode_deltas([values[i] for i in several])
    several_counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    all_counts[several] = several_counts
    starts = np.cumsum(all_counts) - all_counts  # where each posting's positions begin in the result
    all_flat = np.empty(int(all_counts.sum()), dtype=np.int64)
    one = singles >= 0
    all_flat[starts[one]] = singles[one]
    deltas_flat = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(several_counts.sum()))
    first = np.cumsum(several_counts) - several_counts  # each posting's first delta in ``deltas_flat``
    running = np.cumsum(deltas_flat)
    # A posting's positions are the running sum of its own deltas: the total one minus what came before it.
    all_flat[np.repeat(starts[several] - first, several_counts) + np.arange(deltas_flat.size)] = (
        running - np.repeat(running[first] - deltas_flat[first], several_counts))
    return all_counts, all_flat


def decode_few(values: Sequence[bytes]) -> tuple[list[int], list[int]]:
    """:func:`decode_all` as plain lists, by a loop (a block's values when the writer packs them)."""
    singles = list(map(SINGLE_POSITION_OF.get, values))
    if None not in singles:
        return [1] * len(singles), singles  # type: ignore[return-value]  # no None in it
    deltas = iter(decode_deltas([value for value, single in zip(values, singles, strict=True)
                                 if single is None and value]))
    counts: list[int] = []
    flat: list[int] = []
    for value, single in zip(values, singles, strict=True):
        if single is not None:
            counts.append(1)
            flat.append(single)
        elif value:
            positions = list(accumulate(next(deltas)))
            counts.append(len(positions))
            flat.extend(positions)
        else:
            counts.append(0)
    return counts, flat


def encode_all(counts: Counts, flat: Flat) -> list[bytes]:
    """Whoosh's ``Positions`` value of each posting (``b""`` for none), from :func:`decode_all`'s arrays."""
    ends = np.cumsum(counts).tolist()
    positions = flat.tolist()
    values = []
    start = 0
    for end in ends:
        values.append(encode_positions(positions[start:end]) if end > start else b"")
        start = end
    return values
