"""The detail pane's right-click menu: for a web link, Open Link in Browser and Copy Link; then Copy, Select All.

Only an http(s) link gets the link entries (the page is untrusted: a ``javascript:`` or ``file:`` link is
neither opened nor offered for copying); the pane's own ``dpr-date:`` links are left to a click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QTextBrowser

from reader.ui.platform import links


def link_at(browser: QTextBrowser, position: QPoint) -> QUrl | None:
    """The http(s) link at ``position`` (viewport coordinates), or None."""
    anchor = browser.anchorAt(position)
    url = QUrl(anchor) if anchor else None
    return url if url is not None and links.is_external_url(url) else None


def link_menu(browser: QTextBrowser, position: QPoint, open_link: Callable[[QUrl], None],
              copy_link: Callable[[QUrl], None]) -> QMenu:
    """The menu for a right-click at ``position`` of the browser's viewport."""
    menu = QMenu(browser)
    url = link_at(browser, position)
    if url is not None:
        open_action = menu.addAction(QCoreApplication.translate("LinkMenu", "Open Link in Browser"),
                                     lambda: open_link(url))
        open_action.setObjectName("open_link")
        copy_link_action = menu.addAction(QCoreApplication.translate("LinkMenu", "Copy Link"), lambda: copy_link(url))
        copy_link_action.setObjectName("copy_link_address")
        menu.addSeparator()
    copy = menu.addAction(QCoreApplication.translate("LinkMenu", "Copy"), browser.copy)
    copy.setObjectName("copy_text")
    copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    copy.setEnabled(browser.textCursor().hasSelection())
    select_all = menu.addAction(QCoreApplication.translate("LinkMenu", "Select All"), browser.selectAll)
    select_all.setObjectName("select_all")
    select_all.setShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll))
    return menu
