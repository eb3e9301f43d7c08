"""The detail pane's glossary notes: which form of the typed term a word found through the glossary is,
and, on hover, the other-language forms of any term the glossary knows.

A search for 강화학습 also lists a paper that only writes "reinforcement learning"; its highlights
would look unexplained. A line above the page names the pairs (``강화학습 ↔ reinforcement learning``),
and hovering such a word shows the same as a tooltip. Only the glossary's added forms are named:
what the reader typed, in any spacing, needs no note. In Exact mode the window gives no finder, and
there is no note.

Hovering any term the glossary knows, search or not, shows its other forms (``강화 학습: reinforcement
learning, RL``), so a reader of a Korean summary sees the English term and the other way round.

Large summaries are not looked through on the GUI thread: the note covers papers the pane formats at
once (``paper_html.formats_quickly``), a tooltip the ``HOVER_CHARS`` around the pointer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolTip, QWidget

GlossaryFinder = Callable[[str, str], list[tuple[int, int, str]]]
"""(query, text) -> [start, end) spans of text found only through a glossary form, each with the typed term;
the window passes ``Library.glossary_spans``."""

TermFinder = Callable[[str, int], "tuple[int, int, tuple[str, ...]] | None"]
"""(text, offset) -> the glossary term written there and its other forms; the window passes
``Library.glossary_term_at``."""

PAIRS_SHOWN = 6
HOVER_CHARS = 200  # of the text under the pointer looked at, on either side (a block can be megabytes)


class GlossaryNote(QObject):
    """The note's label (put in the pane's layout) and the tooltip over the browser's words."""

    def __init__(self, browser: QTextBrowser, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(parent)
        self.label.setObjectName("glossary_note")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: palette(mid); font-style: italic; padding: 2px 6px;")
        self.label.hide()
        self._browser = browser
        self._finder: GlossaryFinder | None = None
        self._terms: TermFinder | None = None
        self._query: str | None = None
        self._watching = False  # the hover filter: installed with the first paper shown (watch_hover)

    def set_finder(self, finder: GlossaryFinder | None) -> None:
        """How to find glossary matches (None: none, as in Exact mode)."""
        self._finder = finder

    def set_term_finder(self, terms: TermFinder | None) -> None:
        """How to find the glossary term under the pointer (None: no term tooltips)."""
        self._terms = terms

    def show_for(self, texts: Sequence[str], query: str | None) -> None:
        """Name the pairs found in these texts of the paper on show (none: no note)."""
        self._query = query
        pairs = self._pairs(texts)
        if not pairs:
            self.label.clear()
            self.label.hide()
            return
        shown = ", ".join(pairs[:PAIRS_SHOWN]) + ("…" if len(pairs) > PAIRS_SHOWN else "")
        self.label.setText(self.tr("Found through the glossary: {pairs}").format(pairs=shown))
        self.label.setToolTip(self.tr("Words found as another form of the term searched for (Exact Search turns "
                                      "this off):\n{pairs}").format(pairs="\n".join(pairs)))
        self.label.show()

    def watch_hover(self) -> None:
        """Show the tooltips from now on; the pane calls this with its first paper, after the window's first
        frame, not in the constructor: the process's first viewport() costs ~20 ms (PySide builds its enums)."""
        if not self._watching:
            self._watching = True
            self._browser.viewport().installEventFilter(self)

    def tooltip_at(self, position: QPoint) -> str:
        """The note on the word at ``position`` of the browser's viewport: how the search found it through the
        glossary, else the other forms of the glossary term written there; "" for any other word."""
        cursor = self._browser.cursorForPosition(position)
        block = cursor.block()
        offset = cursor.position() - block.position()
        begin = max(0, offset - HOVER_CHARS)
        text, offset = block.text()[begin : offset + HOVER_CHARS], offset - begin
        if self._finder is not None and self._query is not None:
            for start, end, term in self._finder(self._query, text):
                if start <= offset <= end:
                    return self.tr("Found through the glossary: {pair}").format(pair=f"{term} ↔ {text[start:end]}")
        found = self._terms(text, offset) if self._terms is not None else None
        if found is None or not found[2]:
            return ""
        start, end, forms = found
        return self.tr("Glossary: {term} — {forms}").format(term=text[start:end], forms=", ".join(forms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            note = self.tooltip_at(event.pos())
            if note:
                QToolTip.showText(event.globalPos(), note, self._browser)
                return True
        return False

    def _pairs(self, texts: Sequence[str]) -> list[str]:
        if self._finder is None or self._query is None:
            return []
        pairs: dict[str, str] = {}
        for text in texts:
            for start, end, term in self._finder(self._query, text):
                pairs.setdefault(f"{term}\0{text[start:end].casefold()}", f"{term} ↔ {text[start:end]}")
        return list(pairs.values())
