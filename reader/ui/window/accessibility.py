"""Screen-reader names, keyboard order and a visible focus for the reader window.

Kept apart from the widgets so the three panes stay about showing papers: the window calls
``describe_window`` once its parts exist. The Tab order follows the reading order of the window:
search field, sidebar, paper list, then the detail pane (its buttons, then the text).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reader.ui.window.frame import WindowFrame

FOCUS_STYLE = "{kind}:focus {{ border: 2px solid palette(highlight); }}"
"""A frame in the selection colour around the focused pane; Fusion's own focus marks are faint on lists."""


translate = QCoreApplication.translate  # called with literal strings, so pyside6-lupdate finds them


def describe_window(window: WindowFrame) -> None:
    """Name the panes, set the Tab order and make the focused pane stand out."""
    names: tuple[tuple[QWidget, str, str], ...] = (
        (window.search_bar.field,
         translate("Accessibility", "Search papers"),
         translate("Accessibility", "Type words in Korean or English; the results replace the paper list.")),
        (window.sidebar,
         translate("Accessibility", "Days and views"),
         translate("Accessibility", "Latest day, all, unread and starred papers, then every day.")),
        (window.paper_list,
         translate("Accessibility", "Papers"),
         translate("Accessibility", "Enter opens the paper on arXiv; S stars it, M marks it read.")),
    )
    for widget, name, description in names:
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(description)
    order = [window.search_bar.field, window.sidebar, window.paper_list, *_detail_focus_chain(window)]
    for first, second in pairwise(order):
        QWidget.setTabOrder(first, second)
    for widget, kind in ((window.sidebar, "QTreeView"), (window.paper_list, "QTableView"),
                         (window.detail.browser, "QTextBrowser")):
        widget.setStyleSheet(FOCUS_STYLE.format(kind=kind))


def _detail_focus_chain(window: WindowFrame) -> list[QWidget]:
    detail = window.detail
    return [detail.open_arxiv_button, detail.open_pdf_button, detail.open_hf_button, detail.star_button,
            detail.copy_link_button, detail.browser]
