"""Screen-reader names, keyboard order and a visible focus for the reader window.

Kept apart from the widgets so the three panes stay about showing papers: the window calls
``describe_window`` once its parts exist. The Tab order follows the reading order of the window:
search field, sidebar, paper list, then the detail pane (its buttons, then the text).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

CONTEXT = "Accessibility"

FOCUS_STYLE = "{kind}:focus {{ border: 2px solid palette(highlight); }}"
"""A frame in the selection colour around the focused pane; Fusion's own focus marks are faint on lists."""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def describe_window(window: MainWindow) -> None:
    """Name the panes and status controls, set the Tab order and make the focused pane stand out."""
    names: tuple[tuple[QWidget, str, str], ...] = (
        (window.search_bar.field, tr("Search papers"),
         tr("Type words in Korean or English; the results replace the paper list.")),
        (window.sidebar, tr("Days and views"), tr("Latest day, all, unread and starred papers, then every day.")),
        (window.paper_list, tr("Papers"), tr("Enter opens the paper on arXiv; S stars it, M marks it read.")),
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


def _detail_focus_chain(window: MainWindow) -> list[QWidget]:
    detail = window.detail
    return [detail.open_arxiv_button, detail.open_pdf_button, detail.open_hf_button, detail.star_button,
            detail.copy_link_button, detail.browser]
