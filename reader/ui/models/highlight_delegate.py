"""Search hits marked in the paper list's titles: a delegate the list installs only for a search view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.models.paper_table import HighlightRole

AnyIndex = QModelIndex | QPersistentModelIndex
HIGHLIGHT_BACKGROUND = QColor("#ffe27a")
HIGHLIGHT_FOREGROUND = QColor("#000000")


def utf16_offset(text: str, index: int) -> int:
    """Qt counts UTF-16 units; a Python index past an astral character (e.g. 𝒵) would drift."""
    return len(text[:index].encode("utf-16-le")) // 2


class HighlightDelegate(QStyledItemDelegate):
    """Paints a title with the search's matching spans marked; plain titles paint as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        spans = index.data(HighlightRole)
        if not spans:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)

        layout = QTextLayout(text, item.font)
        ranges = []
        for start, end in spans:
            highlight = QTextLayout.FormatRange()
            highlight.start = utf16_offset(text, start)
            highlight.length = utf16_offset(text, end) - highlight.start
            char_format = QTextCharFormat()
            char_format.setBackground(HIGHLIGHT_BACKGROUND)
            char_format.setForeground(HIGHLIGHT_FOREGROUND)
            highlight.format = char_format
            ranges.append(highlight)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1_000_000)  # one line, clipped at the cell's edge like the other rows
        layout.endLayout()

        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(text_rect)
        painter.setPen(item.palette.color(role))
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        top = text_rect.top() + (text_rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(text_rect.left() + margin, top))
        painter.restore()
