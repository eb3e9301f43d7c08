"""Right-click menus of list rows and sidebar days: the window's own commands, keys shown, each one doing its job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget
from shiboken6 import isValid

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.platform.settings import ReadMode
from reader.ui.window.main_window import MainWindow

NEWEST_DAY = "2024-11-20"
# The offscreen platform says these about every window and popup menu; they are not our misuse. On each test
# (the closest mark counts, and conftest.py marks every test with the first alone).
popups = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                   "This plugin does not support raise", "This plugin does not support grabbing")


@pytest.fixture
def shown_menus(qtbot) -> Iterator[list[QMenu]]:
    """The menus right-clicks popped up, each closed by the next right-click (as a person's next click would)."""
    shown: list[QMenu] = []
    yield shown
    for menu in shown:
        if isValid(menu):
            menu.close()


def right_click(widget: QWidget, position: QPoint, shown: list[QMenu]) -> QMenu | None:
    """What a right mouse press sends (a context-menu event to the view's viewport); the menu that popped up."""
    for menu in shown:
        if isValid(menu):
            menu.close()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position))
    QApplication.sendEvent(widget, event)
    menu = QApplication.activePopupWidget()
    if isinstance(menu, QMenu):
        shown.append(menu)
        return menu
    return None


def row_menu(window: MainWindow, shown: list[QMenu], row: int) -> QMenu:
    index = window.paper_proxy.index(row, PaperTableModel.TITLE)
    menu = right_click(window.paper_list.viewport(), window.paper_list.visualRect(index).center(), shown)
    assert menu is not None and menu.isVisible(), "no menu for the row"
    return menu


def day_menu(window: MainWindow, shown: list[QMenu], view: View) -> QMenu:
    index = window.sidebar_model.index_for_view(view)
    window.sidebar.scrollTo(index)
    menu = right_click(window.sidebar.viewport(), window.sidebar.visualRect(index).center(), shown)
    assert menu is not None and menu.isVisible(), "no menu for the day"
    return menu


def entries(menu: QMenu) -> list[str]:
    return ["-" if action.isSeparator() else action.objectName() for action in menu.actions()]


def action(menu: QMenu, name: str):
    return next(entry for entry in menu.actions() if entry.objectName() == name)


def flags(data_dir: Path, arxiv_id: str):
    other = Library(data_dir)
    try:
        return other.flags(arxiv_id)
    finally:
        other.close()


@popups
def test_a_row_menu_lists_the_window_commands_with_their_keys(open_window, shown_menus) -> None:
    window = open_window()
    menu = row_menu(window, shown_menus, 2)
    assert entries(menu) == ["open_arxiv", "-", "toggle_star", "toggle_read", "not_interested", "-", "edit_tags",
                             "toggle_queue", "-", "copy_link", "copy_bibtex", "-",
                             "mark_rest_of_day_read"]
    for name in ("open_arxiv", "toggle_star", "toggle_read", "copy_bibtex"):
        assert action(menu, name) is window.commands[name]  # the menu bar's own action
        assert action(menu, name).isShortcutVisibleInContextMenu() and not action(menu, name).shortcut().isEmpty()
    assert [action(menu, name).text() for name in ("toggle_star", "toggle_read")] == ["&Star", "Mark as &Read"]


@popups
def test_a_right_click_makes_the_row_current_and_is_not_a_choice(open_window, shown_menus, seeded_data_dir) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    row_menu(window, shown_menus, 3)
    paper = window.paper_list.current_paper()
    assert window.paper_list.currentIndex().row() == 3 and window.detail.paper() == paper
    assert not flags(seeded_data_dir, paper.arxiv_id).read


@popups
def test_no_menu_below_the_last_row(open_window, shown_menus) -> None:
    window = open_window()
    viewport = window.paper_list.viewport()
    assert right_click(viewport, QPoint(10, viewport.height() - 3), shown_menus) is None


@popups
def test_every_action_of_a_row_menu(open_window, shown_menus, seeded_data_dir: Path, opened_urls) -> None:
    window = open_window()
    action(row_menu(window, shown_menus, 1), "open_arxiv").trigger()
    paper = window.paper_list.current_paper()
    assert opened_urls == [f"https://arxiv.org/abs/{paper.arxiv_id}"]

    action(row_menu(window, shown_menus, 1), "toggle_star").trigger()
    assert flags(seeded_data_dir, paper.arxiv_id).starred
    menu = row_menu(window, shown_menus, 1)
    assert action(menu, "toggle_star").text() == "Un&star"  # the menu says what it would do now
    action(menu, "toggle_star").trigger()
    assert not flags(seeded_data_dir, paper.arxiv_id).starred

    action(row_menu(window, shown_menus, 1), "toggle_read").trigger()
    assert flags(seeded_data_dir, paper.arxiv_id).read
    menu = row_menu(window, shown_menus, 1)
    assert action(menu, "toggle_read").text() == "Mark as &Unread"
    action(menu, "toggle_read").trigger()
    assert not flags(seeded_data_dir, paper.arxiv_id).read

    action(row_menu(window, shown_menus, 1), "copy_link").trigger()
    assert QGuiApplication.clipboard().text() == f"https://arxiv.org/abs/{paper.arxiv_id}"
    action(row_menu(window, shown_menus, 1), "copy_bibtex").trigger()
    bibtex = QGuiApplication.clipboard().text()
    assert bibtex.startswith("@misc{") and paper.arxiv_id in bibtex


@popups
def test_mark_the_rest_of_the_day_as_read(open_window, shown_menus, seeded_data_dir: Path) -> None:
    window = open_window()
    window.sidebar.select_view(View("all"))  # days mixed: only the clicked paper's day, from it down
    window.commands["sort_date"].trigger()
    papers = window.paper_model.papers()
    day = "2024-08-22"
    rows = [row for row, paper in enumerate(papers) if paper.date == day]
    action(row_menu(window, shown_menus, rows[2]), "mark_rest_of_day_read").trigger()
    marked = {paper.arxiv_id for paper in papers if flags(seeded_data_dir, paper.arxiv_id).read}
    assert marked == {papers[row].arxiv_id for row in rows[2:]}
    assert window.statusBar().currentMessage() == f"Marked {len(rows) - 2} paper(s) of {day} as read"
    window.commands["undo"].trigger()  # one step takes it back
    assert not any(flags(seeded_data_dir, paper.arxiv_id).read for paper in papers)


@popups
def test_a_day_menu_marks_the_day_read_and_exports_it(open_window, shown_menus, seeded_data_dir: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    window = open_window(read_mode=ReadMode.IMMEDIATELY)
    day = "2024-08-01"
    menu = day_menu(window, shown_menus, View("day", day))
    assert entries(menu) == ["mark_day_read", "export_day"]
    assert window.sidebar.current_view() == View("day", day)  # the day right-clicked, shown
    assert not flags(seeded_data_dir, window.paper_list.current_paper().arxiv_id).read  # its top paper not read
    action(menu, "mark_day_read").trigger()
    assert window.sidebar_model.index_for_view(View("day", day)).siblingAtColumn(1).data().startswith("0/")

    target = tmp_path / "day.bib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    action(day_menu(window, shown_menus, View("day", "2024-07-04")), "export_day").trigger()
    library = Library(seeded_data_dir)
    try:
        papers = library.papers(date="2024-07-04")
    finally:
        library.close()
    text = target.read_text(encoding="utf-8")
    assert text.count("@misc{") == len(papers) and all(paper.arxiv_id in text for paper in papers)


@popups
def test_the_latest_day_row_has_the_day_menu_and_month_rows_none(open_window, shown_menus) -> None:
    window = open_window()
    assert entries(day_menu(window, shown_menus, View("latest"))) == ["mark_day_read", "export_day"]
    month = window.sidebar_model.index_for_view(View("day", NEWEST_DAY)).parent()
    assert right_click(window.sidebar.viewport(), window.sidebar.visualRect(month).center(), shown_menus) is None
