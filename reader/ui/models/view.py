"""What the paper list shows: a View (a smart view, one day, or the current search).

The sidebar's rows, the window's navigation and the saved window state all speak in Views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ViewKind = Literal["latest", "all", "unread", "starred", "for_you", "search", "day",
                   "queue", "noted", "tags", "tag", "saved"]
SMART_KINDS: tuple[ViewKind, ...] = ("latest", "all", "unread", "starred", "for_you")
CROSS_DAY_KINDS: tuple[ViewKind, ...] = ("all", "unread", "starred", "for_you", "search",  # rows of more than one day
                                         "queue", "noted", "tags", "tag", "saved")
# The reader's own views (ui/window/organising.py): Read later, Has note, Tags (every tagged paper), one tag
# (`name`), one saved search (`name`).
ORGANISED_KINDS: tuple[ViewKind, ...] = ("queue", "noted", "tags", "tag", "saved")
NAMED_KINDS: tuple[ViewKind, ...] = ("tag", "saved")


@dataclass(frozen=True)
class View:
    """What the paper list shows: a smart view, one day, or the current search."""

    kind: ViewKind
    date: str | None = None
    name: str | None = None  # the tag or saved search of a "tag" or "saved" view

    def to_text(self) -> str:
        """Stable text form for the settings file."""
        if self.kind in NAMED_KINDS:
            return f"{self.kind}:{self.name}"
        return f"day:{self.date}" if self.kind == "day" else self.kind

    @classmethod
    def from_text(cls, text: str | None) -> View | None:
        if not text:
            return None
        if text.startswith("day:"):
            return cls("day", text[4:])
        kind, colon, name = text.partition(":")
        if colon and kind in NAMED_KINDS and name:
            return cls(kind, name=name)
        if text in ORGANISED_KINDS and text not in NAMED_KINDS:
            return cls(text)
        return next((cls(kind) for kind in SMART_KINDS if kind == text), None)  # a search is never restored
