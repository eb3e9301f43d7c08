"""The BM25F parameters Whoosh scores a field with."""

from __future__ import annotations

from typing import Any


def bm25_parameters(weighting: Any, field: str) -> tuple[float, float]:
    """``(B, K1)`` of ``field`` under a ``whoosh.scoring.BM25F`` weighting.

    DEPENDENCY: the private ``BM25F._field_B`` (the per-field B given as ``<field>_B=`` keyword
    arguments; ``B`` and ``K1`` themselves are public constructor arguments). Why: ranking computes
    each posting's score once, with the same float operations as ``whoosh.scoring.bm25``, and needs
    the B that ``BM25F.scorer`` would pick for the field.
    """
    return weighting._field_B.get(field, weighting.B), weighting.K1
