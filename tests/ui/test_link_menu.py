"""The detail pane's right-click menu: a web link can be opened in the browser or copied; other links cannot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QTextCursor

from reader.core.models import Flags, Paper, Section
from reader.ui.panes.detail_pane import DetailPane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SITE = "https://example.org/project?x=1"


@pytest.fixture
def pane(qtbot) -> DetailPane:
    widget = DetailPane()
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    summary = f"프로젝트 [사이트]({SITE}) 그리고 [스크립트](javascript:alert(1)) 평범한 글."
    widget.show_paper(Paper(arxiv_id="2404.00399", date="2024-04-02", title="Links Paper",
                            url="https://arxiv.org/abs/2404.00399", votes=1, authors=("Kim Lee",),
                            sections=(Section("What's New", summary),)), Flags(), ["2024-08-01"])
    return widget


def position_of(pane: DetailPane, text: str) -> QPoint:
    """Viewport coordinates of the middle of ``text``'s first character pair on the page."""
    found = pane.browser.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(found.selectionStart() + 1)
    return pane.browser.cursorRect(cursor).center()


def names(menu) -> list[str]:
    return [action.objectName() for action in menu.actions() if not action.isSeparator()]


def test_a_web_link_can_be_opened_or_copied(pane: DetailPane, opened_urls: list[str], qtbot) -> None:
    menu = pane.context_menu(position_of(pane, "사이트"))
    assert names(menu) == ["open_link", "copy_link_address", "copy_text", "select_all"]
    assert [action.text() for action in menu.actions()][:2] == ["Open Link in Browser", "Copy Link"]
    with qtbot.waitSignal(pane.status_message) as copied:
        menu.actions()[1].trigger()
    assert QGuiApplication.clipboard().text() == SITE
    assert SITE in copied.args[0]
    menu.actions()[0].trigger()
    assert opened_urls == [SITE]


@pytest.mark.parametrize("where", ["스크립트", "평범한", "2024-08-01"])
def test_no_link_entries_off_web_links(pane: DetailPane, where: str) -> None:
    """A javascript: link (kept as text by the sanitiser or not), plain text, the pane's own date link."""
    menu = pane.context_menu(position_of(pane, where))
    assert names(menu) == ["copy_text", "select_all"]
    assert not menu.actions()[0].isEnabled()  # nothing selected to copy


def test_copy_copies_the_selection(pane: DetailPane) -> None:
    found = pane.browser.document().find("평범한")
    pane.browser.setTextCursor(found)
    menu = pane.context_menu(position_of(pane, "평범한"))
    copy = next(action for action in menu.actions() if action.objectName() == "copy_text")
    assert copy.isEnabled()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "평범한"
