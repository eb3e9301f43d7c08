"""In the detail pane, a word found through the glossary says which form of the typed term it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from bilingual_library import DAY, ENGLISH_ONLY, bilingual_data_dir
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from reader.ui.models.view import View


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return bilingual_data_dir(tmp_path)


def show_english_only_paper(window, qtbot, query: str) -> None:
    window.search_bar.focus()
    window.search_bar.field.insert(query)
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search")
                    and window.navigation.search_query() == query, timeout=5000)
    assert window.paper_list.select_key(f"{DAY}/{ENGLISH_ONLY}")
    qtbot.waitUntil(lambda: window.detail.shown_key() == f"{DAY}/{ENGLISH_ONLY}", timeout=3000)


def position_of(window, text: str) -> QPoint:
    browser = window.detail.browser
    found = browser.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 2)
    return browser.cursorRect(cursor).center()


def test_the_pane_names_the_form_found_for_the_korean_term(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    show_english_only_paper(window, qtbot, "강화학습")
    note = window.detail.glossary_note
    assert note.label.isVisible()
    assert note.label.text() == "Found through the glossary: 강화학습 ↔ reinforcement learning"
    assert note.tooltip_at(position_of(window, "reinforcement")) == (
        "Found through the glossary: 강화학습 ↔ reinforcement learning")
    assert note.tooltip_at(position_of(window, "recipe")) == ""  # an ordinary word


def test_a_paper_that_writes_the_typed_term_has_no_note(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    show_english_only_paper(window, qtbot, "reinforcement learning")
    assert not window.detail.glossary_note.label.isVisible()  # it writes the words typed
    assert window.paper_list.select_key(f"{DAY}/2503.00004")  # writes only 강화학습
    qtbot.waitUntil(lambda: window.detail.shown_key() == f"{DAY}/2503.00004", timeout=3000)
    assert window.detail.glossary_note.label.text() == "Found through the glossary: reinforcement learning ↔ 강화학습"


def test_exact_mode_has_no_note(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    show_english_only_paper(window, qtbot, "강화학습")
    window.navigation.set_exact_search(True)
    note = window.detail.glossary_note
    assert not note.label.isVisible()
    hover = note.tooltip_at(position_of(window, "reinforcement"))
    assert hover.startswith("Glossary: reinforcement learning")  # what the glossary knows, not how it was found


def test_hovering_the_word_shows_the_note_as_a_tooltip(open_window, data_dir: Path, qtbot, qtlog) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window = open_window(data_dir)
    show_english_only_paper(window, qtbot, "강화학습")
    viewport = window.detail.browser.viewport()
    at = position_of(window, "reinforcement")
    with qtlog.disabled():  # the offscreen platform cannot raise the tooltip's window, and says so
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
        qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == "Found through the glossary: 강화학습 ↔ reinforcement learning"
    QToolTip.hideText()


def test_without_a_search_hovering_a_term_shows_its_other_forms(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    assert window.paper_list.select_key(f"{DAY}/{ENGLISH_ONLY}")  # the day's list, no search
    qtbot.waitUntil(lambda: window.detail.shown_key() == f"{DAY}/{ENGLISH_ONLY}", timeout=3000)
    note = window.detail.glossary_note
    assert not note.label.isVisible()  # nothing was searched
    assert note.tooltip_at(position_of(window, "reinforcement")) == (
        "Glossary: reinforcement learning — 강화 학습, RL")
    assert note.tooltip_at(position_of(window, "recipe")) == ""
