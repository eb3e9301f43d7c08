"""Under the detail pane: why For you ranks the paper where it does, and the papers most similar to it.

The reasons come from the library as codes with arguments (reader.features.recommend.Reason); their words
are here, marked for lupdate, with the same ``{0}`` placeholders as the English templates there
(tests/ui/test_for_you.py checks both have the same codes). The similar papers are a small table,
sortable by similarity, date or votes; a click on one goes to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Paper
from reader.library import Reason, title_text

CONTEXT = "ForYou"
SortKeyRole = Qt.ItemDataRole.UserRole + 1  # what a similar paper's cell sorts by (numbers as numbers)
KeyRole = Qt.ItemDataRole.UserRole + 2  # the "date/arxiv_id" key of a similar paper's row
SIMILAR_ROWS = 5


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``source`` for translation (lupdate finds it by this name) and returns it unchanged."""
    return source


REASON_TEXTS: Mapping[str, str] = {
    "starred_like": QT_TRANSLATE_NOOP("ForYou", "because you starred “{0}”"),
    "terms": QT_TRANSLATE_NOOP("ForYou", "terms: {0}"),
    "starred": QT_TRANSLATE_NOOP("ForYou", "you starred it"),
    "dismissed": QT_TRANSLATE_NOOP("ForYou", "you marked it not interested"),
    "few_stars": QT_TRANSLATE_NOOP("ForYou", "only {0} of the {1} stars For you needs: ordered by votes"),
    "votes": QT_TRANSLATE_NOOP("ForYou", "{0} votes"),
    "weak": QT_TRANSLATE_NOOP("ForYou", "little in common with your stars"),
}


def reason_text(reason: Reason) -> str:
    """One reason in the UI language (an unknown code: its English text)."""
    template = REASON_TEXTS.get(reason.code)
    if template is None:
        return str(reason)
    return QCoreApplication.translate(CONTEXT, template).format(*reason.args)


class _SimilarItem(QTreeWidgetItem):
    """A row that sorts by each cell's SortKeyRole (votes and similarity as numbers, not text)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SortKeyRole), other.data(column, SortKeyRole)
        return bool(mine < theirs) if mine is not None and theirs is not None else super().__lt__(other)


class ForYouPanel(QWidget):
    """The reason For you gives for the paper on show, and the SIMILAR_ROWS papers most like it."""

    paper_chosen = Signal(str)  # the "date/arxiv_id" key of the similar paper clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forYouPanel")
        self.reason = QLabel(self)
        self.reason.setObjectName("forYouReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # titles in reasons are digest text: never markup
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.similar_heading = QLabel(self.tr("Similar papers"), self)
        self.similar = QTreeWidget(self)
        self.similar.setObjectName("similarPapers")
        self.similar.setAccessibleName(self.tr("Similar papers"))
        self.similar.setHeaderLabels([self.tr("Title"), self.tr("Date"), self.tr("Votes"), self.tr("Similarity")])
        self.similar.setRootIsDecorated(False)
        self.similar.setSortingEnabled(True)
        self.similar.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.similar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.similar.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        row_height = self.similar.fontMetrics().height() + 6  # rows are one line of text
        self.similar.setFixedHeight(header.sizeHint().height() + SIMILAR_ROWS * row_height
                                    + 2 * self.similar.frameWidth() + 4)
        self.similar.itemClicked.connect(self._on_item_chosen)
        self.similar.itemActivated.connect(self._on_item_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.reason)
        layout.addWidget(self.similar_heading)
        layout.addWidget(self.similar)
        self.show_nothing()

    def show_nothing(self) -> None:
        """No paper on show (or For you not ready yet)."""
        self.reason.setText("")
        self.similar.clear()
        self.similar_heading.setVisible(False)
        self.similar.setVisible(False)

    def show_reasons(self, reasons: Sequence[Reason]) -> None:
        """The reasons of the paper on show, on one line."""
        self.reason.setText(self.tr("For you: {reasons}").format(
            reasons=" · ".join(reason_text(reason) for reason in reasons)) if reasons else "")

    def show_similar(self, similar: Sequence[tuple[Paper, float]]) -> None:
        """The papers most similar to the one on show, with their similarity (hidden when there are none)."""
        self.similar.setSortingEnabled(False)  # fill first, then sort once
        self.similar.clear()
        for paper, similarity in similar[:SIMILAR_ROWS]:
            votes = -1 if paper.votes is None else paper.votes
            item = _SimilarItem([title_text(paper.title), paper.date, "–" if votes < 0 else str(votes),
                                 f"{similarity:.2f}"])
            for column, key in enumerate((title_text(paper.title).casefold(), paper.date, votes, similarity)):
                item.setData(column, SortKeyRole, key)
            item.setData(0, KeyRole, paper.key)
            item.setToolTip(0, paper.title)
            self.similar.addTopLevelItem(item)
        self.similar.setSortingEnabled(True)
        self.similar_heading.setVisible(bool(similar))
        self.similar.setVisible(bool(similar))

    def _on_item_chosen(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KeyRole)
        if key:
            self.paper_chosen.emit(str(key))
