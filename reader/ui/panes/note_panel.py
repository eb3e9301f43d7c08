"""Below the detail pane: the paper's tags, its Read later mark and the reader's Markdown note.

The note is saved as it is typed: ``note_changed`` fires a moment after the last keystroke (and at once
from ``flush``, which the window calls before another paper is shown and when it closes), so a crash
loses at most that moment of typing. The rendered note goes through the same Markdown converter and nh3
allow-list as the summaries; links open only in the reader's browser, and only http(s) ones.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.panes import digest_markdown
from reader.ui.panes.paper_html import sanitize_html
from reader.ui.platform import links

SAVE_AFTER_MS = 250  # the pause in typing after which the note is saved
RENDER_LIMIT = 20_000  # characters: a longer note is shown as plain text (the converter's time grows with it)


def note_html(text: str) -> str:
    """The note as safe HTML: Markdown (no images, no raw HTML), or escaped text when long or deeply nested."""
    if not text.strip():  # no note: nothing to convert (and the window's first frame need not load Markdown)
        return ""
    if len(text) > RENDER_LIMIT or digest_markdown.nesting_depth(text) >= digest_markdown.MAX_NESTING:
        return f"<p style='white-space: pre-wrap'>{html.escape(text)}</p>"
    return sanitize_html(digest_markdown.markdown_html(text))


class NotePanel(QWidget):
    """Tags, Read later and the note of the paper on show; the window saves what the signals carry."""

    note_changed = Signal(str, str)  # arxiv_id, the whole note (empty: delete it)
    edit_tags_requested = Signal()
    queue_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note_panel")
        self._arxiv_id: str | None = None
        self._pending = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.flush)

        self.tags_label = QLabel()
        self.tags_label.setObjectName("note_tags")
        self.tags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tags_label.setWordWrap(True)
        self.edit_tags_button = QToolButton()
        self.edit_tags_button.setObjectName("edit_tags_button")
        self.edit_tags_button.clicked.connect(self.edit_tags_requested)
        self.queue_button = QToolButton()
        self.queue_button.setObjectName("queue_button")
        self.queue_button.setCheckable(True)
        self.queue_button.clicked.connect(self.queue_toggled)
        self.muted_label = QLabel()
        self.muted_label.setObjectName("muted_label")
        self.muted_label.setTextFormat(Qt.TextFormat.PlainText)
        self.muted_label.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.tags_label, 1)
        top.addWidget(self.edit_tags_button)
        top.addWidget(self.queue_button)

        self.heading = QLabel()
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("edit_note_button")
        self.edit_button.clicked.connect(self._toggle_editing)
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.heading, 1)
        heading.addWidget(self.edit_button)

        self.rendered = QTextBrowser()
        self.rendered.setObjectName("note_rendered")
        self.rendered.setOpenLinks(False)
        self.rendered.setOpenExternalLinks(False)
        self.rendered.setSearchPaths([])
        self.rendered.anchorClicked.connect(_open_link)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("note_editor")
        self.editor.textChanged.connect(self._on_typed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.rendered)
        self.stack.addWidget(self.editor)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.muted_label)
        layout.addLayout(heading)
        layout.addWidget(self.stack, 1)
        self.retranslate()
        self.show_paper(None)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Note"))
        self.edit_tags_button.setText(self.tr("Edit Tags…"))
        self.queue_button.setText(self.tr("Read Later"))
        self.queue_button.setToolTip(self.tr("Put the paper in the Read later queue, or take it off (L)"))
        self.editor.setPlaceholderText(self.tr("Write a note (Markdown). It is saved as you type."))
        self.editor.setAccessibleName(self.tr("Note on the paper"))
        self.rendered.setAccessibleName(self.tr("The note, formatted"))
        self._update_edit_button()

    def arxiv_id(self) -> str | None:
        return self._arxiv_id

    def show_paper(self, arxiv_id: str | None, tags: tuple[str, ...] = (), note: str | None = None,
                   queued: bool = False, muted_by: str | None = None) -> None:
        """Show this paper's tags, queue mark and note (None: no paper); a note being typed is saved first, and
        the same paper shown again (the list reloaded after an update) keeps the editor as the reader left it."""
        self.flush()
        typing = arxiv_id == self._arxiv_id and self.stack.currentWidget() is self.editor and self.editor.hasFocus()
        self._arxiv_id = arxiv_id
        self.setEnabled(arxiv_id is not None)
        self.set_tags(tags)
        self.set_queued(queued)
        self.set_muted_by(muted_by)
        if typing:
            return
        blocked = self.editor.blockSignals(True)
        self.editor.setPlainText(note or "")
        self.editor.blockSignals(blocked)
        self._render()
        self.stack.setCurrentWidget(self.rendered if note else self.editor)
        self._update_edit_button()

    def set_tags(self, tags: tuple[str, ...]) -> None:
        self.tags_label.setText(self.tr("Tags: {tags}").format(tags=", ".join(tags)) if tags else self.tr("No tags"))

    def set_queued(self, queued: bool) -> None:
        self.queue_button.setChecked(queued)

    def set_muted_by(self, rule: str | None) -> None:
        """A muted paper on show (Show muted papers is on) says which filter hides it."""
        self.muted_label.setVisible(rule is not None)
        if rule is not None:
            self.muted_label.setText(self.tr("Muted by the filter “{rule}”").format(rule=rule))

    def start_editing(self) -> None:
        self.stack.setCurrentWidget(self.editor)
        self.editor.setFocus()
        self._update_edit_button()

    def note_text(self) -> str:
        return self.editor.toPlainText()

    def flush(self) -> None:
        """Hand the note typed since the last save to the window now."""
        self._save_timer.stop()
        if self._pending and self._arxiv_id is not None:
            self._pending = False
            self.note_changed.emit(self._arxiv_id, self.editor.toPlainText())
        self._pending = False

    def _on_typed(self) -> None:
        self._pending = True
        self._save_timer.start()

    def _toggle_editing(self) -> None:
        if self.stack.currentWidget() is self.editor and self.editor.toPlainText().strip():
            self.flush()
            self._render()
            self.stack.setCurrentWidget(self.rendered)
            self._update_edit_button()
        else:
            self.start_editing()

    def _render(self) -> None:
        self.rendered.setHtml(note_html(self.editor.toPlainText()))

    def _update_edit_button(self) -> None:
        editing = self.stack.currentWidget() is self.editor
        self.edit_button.setText(self.tr("Done") if editing else self.tr("Edit Note"))


def _open_link(url: QUrl) -> None:
    if url.scheme() in ("http", "https"):
        links.open_external(url.toString())
