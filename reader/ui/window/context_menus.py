"""Right-click menus of the paper list's rows and the sidebar's days.

Their entries are the window's own commands (the same QActions as the menu bar's, so their keys show
and they do exactly what the menu bar's do): a right-click first makes the row under the pointer the
current one (without choosing it: it does not become read), then shows the menu for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from reader.ui.models.view import View
from reader.ui.window.frame import WindowFrame

PAPER_ROW_MENU: tuple[str | None, ...] = (
    "open_arxiv", None, "toggle_star", "toggle_read", "not_interested", None, "edit_tags", "toggle_queue", None,
    "copy_link", "copy_bibtex", None, "mark_rest_of_day_read",
)
DAY_ROW_MENU: tuple[str | None, ...] = ("mark_day_read", "export_day")


class ContextMenus(QObject):
    """Shows the paper list's and the sidebar's right-click menus."""

    def __init__(self, window: WindowFrame) -> None:
        super().__init__(window)
        self.window = window
        self.row_menu: Callable[[View], QMenu | None] | None = None  # a tag's or saved search's menu (organising.py)
        for view, handler in ((window.paper_list, self._show_paper_menu), (window.sidebar, self._show_day_menu)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(handler)

    def paper_menu(self, position: QPoint) -> QMenu | None:
        """The menu of the list row at ``position`` (viewport coordinates), made current; None off the rows."""
        paper_list = self.window.paper_list
        index = paper_list.indexAt(position)
        if not index.isValid():
            return None
        if index.row() != paper_list.currentIndex().row():
            paper_list.select_row(index.row())
        return self.window.commands.context_menu(PAPER_ROW_MENU, paper_list)

    def day_menu(self, position: QPoint) -> QMenu | None:
        """The menu of the sidebar's day (or Latest day) at ``position``, made current; None elsewhere."""
        sidebar = self.window.sidebar
        view = sidebar.sidebar_model().view_at(sidebar.indexAt(position))
        if view is not None and view.kind in ("tag", "saved") and self.row_menu is not None:
            sidebar.select_view(view)
            return self.row_menu(view)
        if view is None or view.kind not in ("day", "latest"):
            return None
        sidebar.select_view(view)
        return self.window.commands.context_menu(DAY_ROW_MENU, sidebar)

    def _show_paper_menu(self, position: QPoint) -> None:
        _pop_up(self.paper_menu(position), self.window.paper_list.viewport().mapToGlobal(position))

    def _show_day_menu(self, position: QPoint) -> None:
        _pop_up(self.day_menu(position), self.window.sidebar.viewport().mapToGlobal(position))


def _pop_up(menu: QMenu | None, at: QPoint) -> None:
    """Show the menu without a nested event loop; it goes once hidden (after its chosen action has run)."""
    if menu is not None:
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(at)
