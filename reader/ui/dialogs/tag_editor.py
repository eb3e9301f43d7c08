"""The tag editor (key T): the paper's tags as one comma-separated line, completing the tag being typed
from the tags the reader already has."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


def split_tags(text: str) -> list[str]:
    """The tags of the line: comma-separated (Korean and English alike), blanks and quotes dropped."""
    return [tag.strip().replace('"', "") for tag in text.split(",") if tag.strip().replace('"', "")]


class TagLine(QLineEdit):
    """A line of tags whose completer works on the tag after the last comma."""

    def __init__(self, known: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tag_line")
        self._model = QStringListModel(list(known), self)
        self.tag_completer = QCompleter(self._model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_completer.setWidget(self)
        self.tag_completer.activated.connect(self.complete_with)
        self.textEdited.connect(self._suggest)

    def current_word(self) -> str:
        return self.text().rpartition(",")[2].strip()

    def complete_with(self, tag: str) -> None:
        """Replace the tag being typed with `tag`, and get ready for the next one."""
        head = self.text().rpartition(",")[0]
        self.setText((head + ", " if head.strip() else "") + tag + ", ")

    def _suggest(self) -> None:
        word = self.current_word()
        if not word:
            if (popup := self.tag_completer.popup()) is not None:
                popup.hide()
            return
        self.tag_completer.setCompletionPrefix(word)
        self.tag_completer.complete()


class TagEditor(QDialog):
    """Edit one paper's tags; ``tags()`` is the result once accepted."""

    def __init__(self, title: str, tags: Sequence[str], known: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tag_editor")
        self.setWindowTitle(self.tr("Tags"))
        heading = QLabel(self.tr("Tags of “{title}”, separated by commas:").format(title=title))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.line = TagLine(known, self)
        self.line.setText(", ".join(tags))
        self.line.setPlaceholderText(self.tr("for example: 강화학습, to read, LLM"))
        heading.setBuddy(self.line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.line)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def tags(self) -> list[str]:
        return split_tags(self.line.text())
