"""The paper list shows a hostile title without its control and bidirectional-override characters (issue 12,
finding 6): an RLO cannot make 'evil<RLO>gnp.exe' read 'evilexe.png' in the title column, as in the detail pane."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Paper
from reader.ui.models.paper_table import HighlightRole, PaperTableModel

HOSTILE = "evil\u202egnp.exe\u202c \u2066isolated\u2069 제어\x07\x1b[1m 제목\u0085"
UNSHOWN = ["\u202e", "\u202c", "\u2066", "\u2069", "\x07", "\x1b", "\u0085"]


def paper(title: str) -> Paper:
    return Paper(arxiv_id="2402.90001", date="2024-02-29", title=title, url="https://arxiv.org/abs/2402.90001",
                 votes=1, authors=("Kim Minji",))


def test_the_title_column_shows_no_control_or_override_characters(qapp) -> None:
    model = PaperTableModel()
    model.set_papers([paper(HOSTILE)], {}, highlights={paper(HOSTILE).key: [(0, 4)]})
    cell = model.index(0, PaperTableModel.TITLE)
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        shown = cell.data(role)
        assert not any(char in shown for char in UNSHOWN), (role, shown)
        assert shown == "evilgnp.exe isolated 제어[1m 제목"
    assert cell.data(HighlightRole) == []  # spans of the title as written would be off in the shown one


def test_an_ordinary_title_is_shown_and_highlighted_as_written(qapp) -> None:
    model = PaperTableModel()
    title = "LLM 추론: Right-to-left 한국어 (עברית) scripts"  # Hebrew is shown as text; only overrides go
    model.set_papers([paper(title)], {}, highlights={paper(title).key: [(0, 3)]})
    cell = model.index(0, PaperTableModel.TITLE)
    assert cell.data(Qt.ItemDataRole.DisplayRole) == title == cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(HighlightRole) == [(0, 3)]
