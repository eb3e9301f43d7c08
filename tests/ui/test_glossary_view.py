"""Go > Glossary: the library's term pairs with their paper counts, a filter, and a double-click that searches."""

from __future__ import annotations

from pathlib import Path

import pytest
from bilingual_library import ENGLISH_ONLY, KOREAN_WRITERS, bilingual_data_dir
from PySide6.QtCore import Qt

from reader.ui.dialogs.glossary_dialog import GlossaryDialog
from reader.ui.models.view import View


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return bilingual_data_dir(tmp_path)


def rows(dialog: GlossaryDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def open_glossary(window, qtbot) -> GlossaryDialog:
    window.commands["glossary"].trigger()
    dialog = window.findChild(GlossaryDialog, "glossary_dialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def test_the_glossary_lists_each_pair_with_its_papers(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    dialog = open_glossary(window, qtbot)
    assert rows(dialog) == [["강화 학습", "reinforcement learning", "RL", "2"]]
    assert dialog.summary.text() == "1 term(s)"
    assert dialog.table.horizontalHeaderItem(0).text() == "Korean"


@pytest.mark.parametrize("typed", ["강화학습", "Reinforcement Learnings", "rl"])
def test_the_filter_finds_a_term_by_any_of_its_forms(open_window, data_dir: Path, qtbot, typed: str) -> None:
    dialog = open_glossary(open_window(data_dir), qtbot)
    dialog.filter.setText(typed)
    dialog.reload()  # as the typing pause does
    assert [row[0] for row in rows(dialog)] == ["강화 학습"]


def test_a_filter_that_names_nothing_says_so(open_window, data_dir: Path, qtbot) -> None:
    dialog = open_glossary(open_window(data_dir), qtbot)
    qtbot.keyClicks(dialog.filter, "diffusion")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=3000)
    assert "diffusion" in dialog.summary.text()


def test_double_clicking_a_term_searches_it_in_the_window(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    dialog = open_glossary(window, qtbot)
    table = dialog.table
    cell = table.visualItemRect(table.item(0, dialog.ENGLISH)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click's first press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: window.navigation.search_query() == "reinforcement learning", timeout=5000)
    assert window.search_bar.field.text() == "reinforcement learning"
    assert window.sidebar.current_view() == View("search")
    assert window.paper_proxy.rowCount() == len(KOREAN_WRITERS | {ENGLISH_ONLY})  # both languages found
    dialog.table.setCurrentCell(0, dialog.KOREAN)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on the Korean form
    qtbot.waitUntil(lambda: window.navigation.search_query() == "강화 학습", timeout=5000)


def test_an_empty_glossary_explains_itself(qtbot) -> None:
    dialog = GlossaryDialog(lambda _term: [])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and "empty" in dialog.summary.text()
