"""What the paper list shows: a View (a smart view, one day, or the current search).

The sidebar's rows, the window's navigation and the saved window state all speak in Views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ViewKind = Literal["latest", "all", "unread", "starred", "for_you", "search", "day"]
SMART_KINDS: tuple[ViewKind, ...] = ("latest", "all", "unread", "starred", "for_you")
CROSS_DAY_KINDS: tuple[ViewKind, ...] = ("all", "unread", "starred", "for_you", "search")  # rows from more than one day


@dataclass(frozen=True)
class View:
    """What the paper list shows: a smart view, one day, or the current search."""

    kind: ViewKind
    date: str | None = None

    def to_text(self) -> str:
        """Stable text form for the settings file."""
        return f"day:{self.date}" if self.kind == "day" else self.kind

    @classmethod
    def from_text(cls, text: str | None) -> View | None:
        if not text:
            return None
        if text.startswith("day:"):
            return cls("day", text[4:])
        return next((cls(kind) for kind in SMART_KINDS if kind == text), None)  # a search is never restored
