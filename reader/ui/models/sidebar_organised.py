"""The sidebar rows of the reader's own views: Read later, Has note, Tags (a row per tag below it) and the
saved searches, with what their numbers count.

The window (ui/window/organising.py) hands SidebarModel an ``OrganisedCounts``; the model lays the rows
out between the smart views and the years, and updates their numbers in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from reader.ui.models.view import View


@dataclass(frozen=True)
class SavedBadge:
    """A saved search's row: its name, its query and mode, and its matching and unread listings."""

    name: str
    query: str
    exact: bool
    unread: int  # -1 (both): being counted on a thread (the first look at a big library takes a while)
    total: int


@dataclass(frozen=True)
class OrganisedCounts:
    """Everything the reader's rows show; an empty one shows Read later and Has note at 0 and no tags."""

    queue: int = 0
    noted: int = 0
    tags: tuple[tuple[str, int], ...] = ()
    saved: tuple[SavedBadge, ...] = ()

    def views(self) -> list[View]:
        """The rows in sidebar order (a tag's row sits below the Tags row)."""
        return ([View("queue"), View("noted"), View("tags")] + [View("tag", name=name) for name, _count in self.tags]
                + [View("saved", name=badge.name) for badge in self.saved])

    def numbers(self, view: View) -> tuple[int, int]:
        """(unread, total) of a row: unread is shown for saved searches only."""
        if view.kind == "queue":
            return 0, self.queue
        if view.kind == "noted":
            return 0, self.noted
        if view.kind == "tag":
            return 0, dict(self.tags).get(view.name or "", 0)
        if view.kind == "saved":
            badge = self.badge(view.name)
            return (badge.unread, badge.total) if badge else (0, 0)
        return 0, 0

    def badge(self, name: str | None) -> SavedBadge | None:
        return next((badge for badge in self.saved if badge.name == name), None)

    def tooltip(self, view: View) -> str:
        unread, total = self.numbers(view)
        translate = QCoreApplication.translate
        if view.kind == "queue":
            return translate("OrganisedViews", "%n paper(s) to read later, in your order (drag them or use "
                             "Alt+Up and Alt+Down)", "", total)
        if view.kind == "noted":
            return translate("OrganisedViews", "%n paper(s) with a note of yours", "", total)
        if view.kind == "tags":
            return translate("OrganisedViews", "Every paper you tagged; below, each tag with its number of papers")
        if view.kind == "tag":
            return translate("OrganisedViews", "%n paper(s) tagged {tag}", "", total).format(tag=view.name)
        badge = self.badge(view.name)
        if badge is not None and badge.total < 0:
            return translate("OrganisedViews", "Saved search “{query}”: counting…").format(query=badge.query)
        exact = bool(badge and badge.exact)
        mode = translate("OrganisedViews", "exact") if exact else translate("OrganisedViews", "with glossary forms")
        return translate("OrganisedViews", "Saved search “{query}” ({mode}): {unread} unread of {total} "
                         "listings").format(query=badge.query if badge else "", mode=mode, unread=unread, total=total)


def organised_label(view: View) -> str | None:
    """The row's name, or None for a view that is not one of the reader's own."""
    if view.kind == "queue":
        return QCoreApplication.translate("OrganisedViews", "Read later")
    if view.kind == "noted":
        return QCoreApplication.translate("OrganisedViews", "Has note")
    if view.kind == "tags":
        return QCoreApplication.translate("OrganisedViews", "Tags")
    if view.kind in ("tag", "saved"):
        return view.name or ""
    return None


def organised_count_text(view: View, unread: int, total: int) -> str:
    """The number next to the row: a saved search's unread badge, the papers of the others (Tags: none)."""
    if view.kind == "saved":
        return "…" if unread < 0 else str(unread) if unread else ""
    if view.kind == "tags":
        return ""
    return str(total)
