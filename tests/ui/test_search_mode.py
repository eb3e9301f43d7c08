"""The Exact toggle next to the search field: glossary forms on (the default) or off, remembered, with a key;
the list, the message next to the field and the detail pane's highlights follow the mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from bilingual_library import ENGLISH_ONLY, KOREAN_WRITERS, bilingual_data_dir
from PySide6.QtCore import Qt

from reader.ui.models.view import View


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return bilingual_data_dir(tmp_path)


def listed_ids(window) -> set[str]:
    proxy = window.paper_proxy
    return {window.paper_model.paper_at(proxy.mapToSource(proxy.index(row, 0)).row()).arxiv_id
            for row in range(proxy.rowCount())}


def search(window, qtbot, text: str) -> None:
    window.search_bar.focus()
    window.search_bar.field.insert(text)  # as an input method commits Hangul
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search")
                    and window.navigation.search_query() == text, timeout=5000)


def wait_for_results(window, qtbot, expected: set[str]) -> None:
    qtbot.waitUntil(lambda: listed_ids(window) == expected, timeout=5000)


def test_a_korean_term_finds_the_english_only_paper_and_says_so(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    assert not window.search_bar.exact_button.isChecked()
    search(window, qtbot, "강화학습")
    assert listed_ids(window) == KOREAN_WRITERS | {ENGLISH_ONLY}
    message = window.search_bar.message
    assert message.isVisible() and "reinforcement learning" in message.text() and "RL" in message.text()
    assert "Also searched" in message.text()
    assert "Exact" in message.toolTip()  # the tooltip says how to turn it off


def test_exact_mode_searches_the_words_as_typed_and_is_remembered(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    search(window, qtbot, "강화학습")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # while typing
    assert window.search_bar.exact_button.isChecked() and window.commands["exact_search"].isChecked()
    wait_for_results(window, qtbot, KOREAN_WRITERS)  # the search on show runs again, exactly
    assert not window.search_bar.message.isVisible()  # no other-language forms were used
    assert window.search_bar.field.text() == "강화학습"  # the key typed nothing
    window.close()
    again = open_window(data_dir)
    assert again.search_bar.exact_button.isChecked() and again.navigation.search_exact()
    search(again, qtbot, "reinforcement learning")
    assert listed_ids(again) == {"2503.00001", ENGLISH_ONLY}  # only the papers that write the English
    again.search_bar.exact_button.click()  # the button is the same command
    assert not again.commands["exact_search"].isChecked()
    wait_for_results(again, qtbot, KOREAN_WRITERS | {ENGLISH_ONLY})


def test_the_detail_pane_highlights_in_the_same_mode(open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    search(window, qtbot, "강화학습")
    assert window.paper_list.select_key(f"2025-03-01/{ENGLISH_ONLY}")
    qtbot.waitUntil(lambda: window.detail.shown_key() == f"2025-03-01/{ENGLISH_ONLY}", timeout=3000)
    assert "reinforcement learning" in highlighted_text(window)
    window.commands["exact_search"].trigger()
    qtbot.waitUntil(lambda: window.detail.paper() is None or window.detail.paper().arxiv_id != ENGLISH_ONLY,
                    timeout=5000)  # the exact search does not list it any more
    window.commands["exact_search"].trigger()
    wait_for_results(window, qtbot, KOREAN_WRITERS | {ENGLISH_ONLY})
    assert window.paper_list.select_key(f"2025-03-01/{ENGLISH_ONLY}")
    window.navigation.set_exact_search(True)  # as the toggle does, with the paper kept on show
    assert window.detail.paper().arxiv_id == ENGLISH_ONLY
    assert "reinforcement learning" not in highlighted_text(window)


def highlighted_text(window) -> str:
    """The text the detail pane shows with the highlight background."""
    document = window.detail.browser.document()
    pieces = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                pieces.append(fragment.text())
            iterator += 1
        block = block.next()
    return " ".join(pieces)


@pytest.mark.parametrize(("exact", "expected"), [(False, KOREAN_WRITERS | {ENGLISH_ONLY}), (True, KOREAN_WRITERS)])
def test_exporting_the_results_follows_the_mode(open_window, data_dir: Path, qtbot, monkeypatch, tmp_path: Path,
                                                exact: bool, expected: set[str]) -> None:
    import json

    from PySide6.QtWidgets import QFileDialog

    window = open_window(data_dir)
    window.navigation.set_exact_search(exact)
    search(window, qtbot, "강화학습")
    target = tmp_path / "results.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.commands["export_search"].trigger()
    assert {paper["arxiv_id"] for paper in json.loads(target.read_text(encoding="utf-8"))} == expected


def test_the_toggle_the_message_and_the_note_speak_korean(korean, open_window, data_dir: Path, qtbot) -> None:
    window = open_window(data_dir)
    assert window.search_bar.exact_button.text() == "정확히"
    assert window.commands["exact_search"].text() == "정확히 검색(&E)"
    search(window, qtbot, "강화학습")
    assert window.search_bar.message.text().startswith("함께 검색함: 강화학습 → ")
    assert window.paper_list.select_key(f"2025-03-01/{ENGLISH_ONLY}")
    qtbot.waitUntil(lambda: window.detail.shown_key() == f"2025-03-01/{ENGLISH_ONLY}", timeout=3000)
    assert window.detail.glossary_note.label.text() == "용어집으로 찾음: 강화학습 ↔ reinforcement learning"
    menu = window.detail.context_menu(window.detail.browser.rect().center())
    assert "모두 선택" in [action.text() for action in menu.actions()]


def test_the_settings_keep_the_mode_and_keep_starred_as_typed_values(tmp_path: Path) -> None:
    from reader.ui.platform.settings import Settings

    settings = Settings(tmp_path)
    assert settings.search_exact is False and settings.keep_starred_visible is False
    settings.search_exact = True
    settings.keep_starred_visible = True
    settings.sync()
    again = Settings(tmp_path)
    assert again.search_exact is True and again.keep_starred_visible is True
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "search_exact=true" in text and "keep_starred=true" in text  # the key an older version wrote
