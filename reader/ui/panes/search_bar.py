"""The search field of the toolbar: debounced queries, the Exact toggle, and a line saying what was searched
(a gentle message for an invalid query, the glossary's other-language forms, no match)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

SEARCH_DEBOUNCE_MS = 200


class SearchBar(QWidget):
    """A line edit that emits ``query_changed`` once typing pauses, and ``cleared`` when emptied.

    Debouncing keeps a fast typist from running a search per keystroke; an emptied field ends
    the search at once. Enter hands focus to the results (``submitted``); Esc is ``escaped``.
    """

    query_changed = Signal(str)
    cleared = Signal()
    submitted = Signal()
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setObjectName("search_field")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Search titles, authors, summaries  (Ctrl+F or /)"))
        self.field.setMinimumWidth(320)
        self.field.setMaximumWidth(560)
        self.field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.exact_button = QToolButton(self)  # shows the window's Exact Search command (set_exact_action)
        self.exact_button.setObjectName("search_exact")
        self.message = QLabel(self)
        self.message.setObjectName("search_message")
        self.message.setStyleSheet("color: palette(mid); font-style: italic;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.exact_button)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)

    def set_exact_action(self, action: QAction) -> None:
        """The toggle next to the field is this (checkable) command: pressed while glossary forms are off."""
        action.setIconText(self.tr("Exact"))
        action.setToolTip(self.tr("Exact Search: the words as typed, without their other-language forms from the "
                                  "glossary (pressed: on)"))
        self.exact_button.setDefaultAction(action)
        self.exact_button.setAccessibleName(action.text().replace("&", ""))

    def text(self) -> str:
        return self.field.text().strip()

    def focus(self) -> None:
        """Put the cursor in the field with its text selected, ready to be replaced."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        """Empty the field; emits ``cleared`` like the user deleting the text."""
        self.field.clear()

    def cancel_pending(self) -> None:
        """Drop a query still waiting for the typing pause (the window is closing)."""
        self._timer.stop()

    def show_message(self, text: str, details: str = "") -> None:
        """A short line next to the field (empty: none); ``details`` is its tooltip, else the line itself."""
        self.message.setText(text)
        self.message.setToolTip(details or text)
        self.message.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.field and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape):
            self.escaped.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
            return
        self._timer.stop()
        self.show_message("")
        self.cleared.emit()

    def _on_return(self) -> None:
        if self._timer.isActive():  # Enter before the pause: search now, then go to the results
            self._timer.stop()
            self._emit_query()
        self.submitted.emit()

    def _emit_query(self) -> None:
        if self.text():
            self.query_changed.emit(self.text())
