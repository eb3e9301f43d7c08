"""The numbers a sidebar shows next to its smart views."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SmartCounts:
    """Papers (distinct arXiv ids), not entries: a paper listed on two days counts once.

    Only papers the library lists count: a star kept for a paper no source lists (yet) does not.
    """

    papers: int  # papers listed
    unread: int  # listed papers not marked read
    starred: int  # listed papers starred
