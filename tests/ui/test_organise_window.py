"""Tags, notes, Read later, saved searches and mute filters in the real window (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from test_window_counts import read_only_dir  # noqa: F401 - the fixture

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.models.view import View
from reader.ui.window.main_window import MainWindow
from reader.ui.window.organising import QUEUE_MIME

NEWEST_DAY = "2024-11-20"


def sidebar_row(window: MainWindow, view: View) -> tuple[str, str]:
    """(name, number) of a sidebar row as the reader sees them."""
    index = window.sidebar_model.index_for_view(view)
    assert index.isValid(), view
    return index.data(), index.siblingAtColumn(SidebarModel.COUNT).data()


def stored(window: MainWindow) -> Library:
    return Library(window.library.data_dir)


def test_tag_from_the_key_shows_in_the_sidebar_and_its_view(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    asked = {}

    def answer(title: str, tags: list[str], known: list[str]) -> list[str]:
        asked.update(title=title, tags=tags)
        return ["강화학습", "to read"]

    monkeypatch.setattr(window.organiser, "ask_tags", answer)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_T)
    assert asked == {"title": paper.title, "tags": []}
    assert sidebar_row(window, View("tag", name="강화학습")) == ("강화학습", "1")
    assert sidebar_row(window, View("tags"))[0] == "Tags"
    assert "강화학습" in window.note_panel.tags_label.text()
    window.sidebar.select_view(View("tag", name="to read"))
    assert [item.arxiv_id for item in window.paper_model.papers()] == [paper.arxiv_id]
    other = stored(window)
    try:
        assert other.tags_of([paper.arxiv_id]) == {paper.arxiv_id: ("to read", "강화학습")}
    finally:
        other.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completer's popup, offscreen
def test_the_tag_editor_completes_known_tags(qtbot) -> None:
    from reader.ui.dialogs.tag_editor import TagEditor

    editor = TagEditor("A paper", ["LLM"], ["강화학습", "reinforcement"], None)
    qtbot.addWidget(editor)
    editor.line.setText("LLM, 강화")
    editor.line.textEdited.emit(editor.line.text())
    assert editor.line.tag_completer.currentCompletion() == "강화학습"
    editor.line.complete_with("강화학습")
    assert editor.tags() == ["LLM", "강화학습"]


def test_rename_and_delete_a_tag_everywhere(open_window, monkeypatch) -> None:
    window = open_window()
    ids = [item.arxiv_id for item in window.paper_model.papers()[:2]]
    window.library.add_tags(ids, ["old"])
    window.organiser.refresh()
    window.sidebar.select_view(View("tag", name="old"))
    monkeypatch.setattr(window.organiser, "ask_text", lambda *args: "새 이름")
    window.commands["rename_tag"].trigger()
    assert sidebar_row(window, View("tag", name="새 이름")) == ("새 이름", "2")
    assert not window.sidebar_model.index_for_view(View("tag", name="old")).isValid()
    assert window.sidebar.current_view() == View("tag", name="새 이름")
    monkeypatch.setattr(window.organiser, "confirm", lambda *args: True)
    window.commands["delete_tag"].trigger()
    assert window.library.tag_counts() == []
    assert not window.sidebar_model.index_for_view(View("tag", name="새 이름")).isValid()


def test_a_note_is_saved_as_typed_and_found_by_the_search(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    window.commands["edit_note"].trigger()
    assert window.note_panel.editor.hasFocus()
    window.note_panel.editor.insertPlainText("다시 읽을 부분: ")  # keyClicks types ASCII only
    qtbot.keyClicks(window.note_panel.editor, "zyxquux")
    window.note_panel.editor.insertPlainText(" 토큰화")
    other = stored(window)
    try:
        qtbot.waitUntil(lambda: other.note(paper.arxiv_id) == "다시 읽을 부분: zyxquux 토큰화", timeout=3000)
    finally:
        other.close()
    assert sidebar_row(window, View("noted")) == ("Has note", "1")
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_bar.field, "zyxquux")
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=5000)
    qtbot.waitUntil(lambda: [item.arxiv_id for item in window.paper_model.papers()] == [paper.arxiv_id],
                    timeout=5000)


def test_a_note_typed_just_before_closing_is_kept_and_rendered_safely(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    window.note_panel.start_editing()
    window.note_panel.editor.setPlainText("**굵게** <script>alert(1)</script> [링크](javascript:alert(1))")
    window.close()  # before the pause that saves it
    again = open_window(window.library.data_dir)
    again.sidebar.select_view(View("noted"))
    assert [item.arxiv_id for item in again.paper_model.papers()] == [paper.arxiv_id]
    assert again.note_panel.stack.currentWidget() is again.note_panel.rendered
    shown = again.note_panel.rendered.toHtml()
    assert "굵게" in shown and "<script" not in shown and "javascript:" not in shown


def test_read_later_with_keys_drag_and_next_in_queue(open_window, qtbot) -> None:
    window = open_window()
    first, second, third = (item.arxiv_id for item in window.paper_model.papers()[:3])
    for arxiv_id in (first, second, third):
        window.paper_list.select_key(f"{NEWEST_DAY}/{arxiv_id}")
        qtbot.keyClick(window.paper_list, Qt.Key.Key_L)
    assert sidebar_row(window, View("queue")) == ("Read later", "3")
    window.sidebar.select_view(View("queue"))
    assert [item.arxiv_id for item in window.paper_model.papers()] == [first, second, third]
    window.paper_list.select_key(f"{NEWEST_DAY}/{third}")
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.library.queue() == [first, third, second]

    mime = QMimeData()
    mime.setData(QUEUE_MIME, first.encode())
    target = window.paper_list.visualRect(window.paper_proxy.index(2, PaperTableModel.TITLE)).center()
    drop = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    assert window.organiser.eventFilter(window.paper_list.viewport(), drop)  # what the viewport's filter is given
    assert window.library.queue() == [third, second, first]

    window.sidebar.select_view(View("all"))
    qtbot.keyClick(window.paper_list, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    assert window.sidebar.current_view() == View("queue")
    current = window.paper_list.current_paper()
    assert current is not None and current.arxiv_id == third
    qtbot.keyClick(window.paper_list, Qt.Key.Key_M)  # read: off the queue (the default setting)
    assert window.library.queue() == [second, first]
    assert sidebar_row(window, View("queue")) == ("Read later", "2")
    still = window.paper_list.current_paper()  # the paper being read stays on show until the reader moves on
    assert still is not None and still.arxiv_id == third


def test_saved_search_badge_follows_reading(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_bar.field, "Trust")
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=5000)
    monkeypatch.setattr(window.organiser, "ask_text", lambda *args: "신뢰")
    window.commands["save_search"].trigger()
    assert sidebar_row(window, View("saved", name="신뢰"))[1] == "…"  # searched in full on a thread first
    qtbot.waitUntil(lambda: sidebar_row(window, View("saved", name="신뢰"))[1] != "…", timeout=10_000)
    name, badge = sidebar_row(window, View("saved", name="신뢰"))
    assert name == "신뢰" and int(badge) >= 1
    window.sidebar.select_view(View("saved", name="신뢰"))
    hits = [item.arxiv_id for item in window.paper_model.papers()]
    window.paper_list.select_row(0)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_M)
    after = sidebar_row(window, View("saved", name="신뢰"))[1]
    assert (int(after) if after else 0) == int(badge) - hits.count(hits[0])


def test_a_mute_filter_hides_papers_and_show_muted_says_why(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    window.sidebar.select_view(View("all"))
    before = len(window.paper_model.papers())
    all_count = int(sidebar_row(window, View("all"))[1])
    monkeypatch.setattr(window.organiser, "ask_text", lambda *args: "Trust")
    window.commands["mute_filters"].trigger()
    assert window.library.mutes() == ["Trust"]
    muted = window.library.muted()
    qtbot.waitUntil(lambda: len(window.paper_model.papers()) < before, timeout=10_000)  # searched on a thread
    assert muted
    assert int(sidebar_row(window, View("all"))[1]) == all_count - len(muted)
    window.commands["show_muted"].setChecked(True)
    assert len(window.paper_model.papers()) == before
    window.paper_list.select_key(next(item.key for item in window.paper_model.papers() if item.arxiv_id in muted))
    assert window.note_panel.muted_label.isVisibleTo(window) and "Trust" in window.note_panel.muted_label.text()
    window.navigation.search_for("Trust")  # searched on a thread with its own Library: it follows Show muted too
    qtbot.waitUntil(lambda: bool({item.arxiv_id for item in window.paper_model.papers()} & set(muted)), timeout=5000)
    window.commands["show_muted"].setChecked(False)
    window.navigation.search_for("Trust")
    qtbot.waitUntil(lambda: window.sidebar_model.index_for_view(View("search")).isValid() and not (
        {item.arxiv_id for item in window.paper_model.papers()} & set(muted)), timeout=5000)


def test_the_list_menu_has_tags_and_read_later(open_window) -> None:
    window = open_window()
    rect = window.paper_list.visualRect(window.paper_proxy.index(0, PaperTableModel.TITLE))
    menu = window.context_menus.paper_menu(rect.center())
    assert menu is not None
    names = [action.objectName() for action in menu.actions()]
    assert "edit_tags" in names and "toggle_queue" in names


def test_a_read_only_library_shows_notes_and_takes_none(open_window, read_only_dir) -> None:  # noqa: F811
    window = open_window(read_only_dir)
    assert window.library.read_only
    panel = window.note_panel
    assert panel.editor.isReadOnly() and not panel.edit_tags_button.isEnabled()
    for name in ("edit_tags", "toggle_queue", "edit_note", "save_search", "mute_filters"):
        window.commands.update_enabled()
        assert not window.commands[name].isEnabled(), name


def test_a_reload_while_typing_keeps_the_note_being_written(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    window.commands["edit_note"].trigger()
    qtbot.keyClicks(window.note_panel.editor, "half a thought")
    window.organiser.show_paper(paper)  # what a reload of the list after an update does
    assert window.note_panel.editor.toPlainText() == "half a thought" and window.note_panel.editor.hasFocus()
    assert window.library.note(paper.arxiv_id) == "half a thought"  # and it was saved on the way
