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

from itertools import accumulate, pairwise
from pickle import dumps, loads

from whoosh.system import _INT_SIZE, pack_uint

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
