"""For you, in the facade: the "not interested" mark, the ranking learned from stars and it, similar papers.

A mixin of :class:`~reader.library.facade.Library`, so the facade file stays small.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core import arxiv
from reader.stores.reading_state import StateStore


class RecommendMixin:
    """The For you methods of Library."""

    _state: StateStore

    def set_dismissed(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark papers "not interested" (or take the mark back); durable when this returns."""
        self._state.set_dismissed([arxiv.normalise(i) for i in arxiv_ids], value)

    def dismissed_ids(self) -> set[str]:
        """The papers marked "not interested"."""
        return self._state.dismissed_ids()
