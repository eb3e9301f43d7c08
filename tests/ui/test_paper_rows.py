"""Light list rows: the table shows PaperRows without their summaries and loads the current paper in full."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.models import Paper
from reader.library import PaperRow
from reader.ui.models.paper_table import HighlightRole, PaperRole, PaperTableModel, short_authors
from reader.ui.models.view import View


def row(arxiv_id: str, title: str, votes: int | None, first: str, count: int, truncated: int = 0) -> PaperRow:
    return PaperRow(arxiv_id, "2024-11-20", title, votes, first, count, truncated, "/digests/day.md", 3)


ROWS = [row("2411.00001", "Beta", 10, "Kim, Lee", 5), row("2411.00002", "alpha", 30, "Park", 1),
        row("2411.00003", "Gamma", None, "Choi", 1, truncated=1)]


def test_rows_show_short_authors_with_et_al_and_a_count_tooltip(qtmodeltester) -> None:
    model = PaperTableModel()
    model.set_papers(ROWS, {})
    qtmodeltester.check(model)
    assert model.index(0, PaperTableModel.AUTHORS).data() == "Kim, Lee et al."
    assert model.index(1, PaperTableModel.AUTHORS).data() == "Park"
    assert short_authors(ROWS[2]) == "Choi et al."  # the digest cut the list
    assert model.index(0, PaperTableModel.AUTHORS).data(Qt.ItemDataRole.ToolTipRole) == "Kim, Lee et al. (5)"
    model.sort(PaperTableModel.AUTHORS, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, PaperTableModel.AUTHORS).data() for r in range(3)][0] == "Choi et al."


def test_the_full_paper_of_a_row_comes_from_the_loader_once() -> None:
    loaded: list[str] = []

    def load(item: PaperRow) -> Paper:
        loaded.append(item.arxiv_id)
        return Paper(item.arxiv_id, item.date, item.title, "u", item.votes, authors=("Kim", "Lee", "Park"))

    model = PaperTableModel(loader=load)
    model.set_papers(ROWS, {})
    first = model.index(0, 0).data(PaperRole)
    assert isinstance(first, Paper) and first.authors == ("Kim", "Lee", "Park")
    assert model.index(0, 1).data(PaperRole) == first
    assert loaded == ["2411.00001"]  # the current paper is asked for often: loaded once
    model.index(1, 0).data(PaperRole)
    assert loaded == ["2411.00001", "2411.00002"]


def test_all_papers_holds_light_rows_and_the_detail_shows_the_full_paper(open_window) -> None:
    window = open_window()
    assert window.sidebar.select_view(View("all"))
    items = window.paper_model.papers()
    assert len(items) == 52 and all(isinstance(item, PaperRow) for item in items)
    current = window.paper_list.current_paper()
    assert isinstance(current, Paper) and current.sections
    assert window.detail.paper() == current
    assert current == window.library.paper(current.arxiv_id, current.date)


def test_titles_with_latex_read_as_text_and_sort_by_that_text() -> None:
    rows = [row("2411.00011", "$VILA^2$: Better Together", 3, "Kim", 1),
            row("2411.00012", "$\\nabla^2$DFT: A Benchmark", 2, "Lee", 1),
            row("2411.00013", "Plain Title", 1, "Park", 1)]
    model = PaperTableModel()
    model.set_papers(rows, {}, {rows[0].key: [(1, 5)], rows[2].key: [(0, 5)]})
    titles = [model.index(r, PaperTableModel.TITLE).data() for r in range(3)]
    assert titles == ["VILA²: Better Together", "∇²DFT: A Benchmark", "Plain Title"]
    assert model.index(0, PaperTableModel.TITLE).data(Qt.ItemDataRole.ToolTipRole) == "$VILA^2$: Better Together"
    assert model.index(0, PaperTableModel.TITLE).data(HighlightRole) == []  # spans of the raw title would be off
    assert model.index(2, PaperTableModel.TITLE).data(HighlightRole) == [(0, 5)]
    model.sort(PaperTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, PaperTableModel.TITLE).data() for r in range(3)] == [
        "Plain Title", "VILA²: Better Together", "∇²DFT: A Benchmark"]
