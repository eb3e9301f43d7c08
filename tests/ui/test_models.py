"""The item models on hand-made papers: Qt's model contract, counts, sorting, hiding read papers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPersistentModelIndex, Qt

from reader.core.models import Flags, Paper
from reader.ui.models.paper_table import (
    HighlightRole,
    PaperFilterProxy,
    PaperRole,
    PaperTableModel,
    short_authors,
)
from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.models.view import View


@dataclass(frozen=True)
class Day:  # the shape of reader.library.DayInfo
    date: str
    total: int
    unread: int
    starred: int


def paper(arxiv_id: str, date: str, title: str, votes: int | None, authors: tuple[str, ...] = ("A",)) -> Paper:
    return Paper(arxiv_id=arxiv_id, date=date, title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=votes,
                 authors=authors)


PAPERS = [
    paper("2411.00001", "2024-11-20", "Beta model", 10),
    paper("2411.00002", "2024-11-20", "alpha search", 30, ("Kim", "Lee", "Park")),
    paper("2408.00003", "2024-08-22", "Gamma", None),
    paper("2408.00004", "2024-08-01", "delta", 5),
]
DAYS = [Day("2024-11-20", 2, 1, 1), Day("2024-08-22", 1, 1, 0), Day("2024-08-01", 1, 0, 0)]


def titles(model) -> list[str]:
    return [model.index(row, PaperTableModel.TITLE).data() for row in range(model.rowCount())]


def test_sidebar_model_contract_and_tree(qtmodeltester) -> None:
    model = SidebarModel()
    model.set_days(DAYS)
    qtmodeltester.check(model)
    top = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert top == ["Latest day", "All papers", "Unread", "Starred", "For you", "2024"]
    year = model.index(5, 0)
    months = [model.index(row, 0, year).data() for row in range(model.rowCount(year))]
    assert months == ["November", "August"]
    august = model.index(1, 0, year)
    assert [model.index(r, 0, august).data() for r in range(2)] == ["2024-08-22", "2024-08-01"]
    assert model.index(0, 1, august).data() == "1/1"
    assert not model.flags(year) & Qt.ItemFlag.ItemIsSelectable  # grouping rows are not views


def test_sidebar_counts_update_in_place(qtmodeltester) -> None:
    model = SidebarModel()
    model.set_days(DAYS)
    assert [model.index(row, 1).data() for row in range(4)] == ["1/2", "4", "2", "1"]
    day_index = model.index_for_view(View("day", "2024-11-20"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_days([Day("2024-11-20", 2, 0, 2), *DAYS[1:]])
    assert resets == []  # the same days: counts change without rebuilding the tree
    assert model.index_for_view(View("day", "2024-11-20")) == day_index
    assert day_index.siblingAtColumn(1).data() == "0/2"
    assert [model.index(row, 1).data() for row in range(4)] == ["0/2", "4", "1", "2"]
    qtmodeltester.check(model)


def test_counts_of_many_months_at_once_keep_the_selection_and_the_folding(qtbot, qtmodeltester) -> None:
    """The mute filters change most days at once: one layout change, the tree and the reader's place kept."""
    from reader.ui.panes.sidebar import Sidebar

    days = [Day(f"{year}-{month:02d}-03", 4, 4, 0) for year in (2025, 2024) for month in range(12, 0, -1)]
    model = SidebarModel()
    model.set_days(days)
    view = Sidebar(model)
    qtbot.addWidget(view)
    view.select_view(View("day", "2024-05-03"))
    may = QPersistentModelIndex(model.index_for_view(View("day", "2024-05-03")).parent())
    view.expand(may)
    layouts: list[bool] = []
    model.layoutChanged.connect(lambda: layouts.append(True))
    model.set_days([Day(day.date, 3, 1, 0) for day in days])
    assert layouts == [True]
    qtmodeltester.check(model)
    assert view.current_view() == View("day", "2024-05-03") and view.isExpanded(may)
    assert model.index_for_view(View("day", "2024-05-03")).siblingAtColumn(1).data() == "1/3"
    assert [model.index(row, 1).data() for row in range(4)] == ["1/3", "72", "24", "0"]


def test_new_days_are_inserted_in_order_without_a_reset(qtmodeltester) -> None:
    """An update that adds days (also a newer year, and a month between two) keeps the rows that were there."""
    model = SidebarModel()
    model.set_days(DAYS[1:])
    model.set_search_count(3)  # a search is active meanwhile: its row stays under the smart views
    kept = QPersistentModelIndex(model.index_for_view(View("day", "2024-08-22")))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    later = [Day("2025-01-07", 3, 3, 0), DAYS[0], Day("2024-09-02", 2, 2, 0), *DAYS[1:]]
    model.set_days(later)
    qtmodeltester.check(model)
    assert resets == []
    assert kept.isValid() and kept.data() == "2024-08-22"
    assert model.day_dates() == ["2025-01-07", "2024-11-20", "2024-09-02", "2024-08-22", "2024-08-01"]
    top = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert top == ["Latest day", "All papers", "Unread", "Starred", "For you", "Search results (3)", "2025", "2024"]
    year = model.index(7, 0)
    assert [model.index(row, 0, year).data() for row in range(model.rowCount(year))] == [
        "November", "September", "August"]
    assert [model.index(row, 1).data() for row in range(4)] == ["3/3", "9", "7", "1"]
    assert year.siblingAtColumn(1).data() == "4"  # unread in 2024: 1 + 2 + 1 + 0, the new days counted in


def test_a_newer_month_opens_and_the_one_opened_before_folds_unless_the_reader_is_in_it(qtbot) -> None:
    from reader.ui.panes.sidebar import Sidebar

    model = SidebarModel()
    model.set_days([Day("2024-08-01", 1, 1, 0)])
    view = Sidebar(model)
    qtbot.addWidget(view)
    august = QPersistentModelIndex(model.index_for_view(View("day", "2024-08-01")).parent())
    assert view.isExpanded(august)
    model.set_days([Day("2024-09-02", 1, 1, 0), Day("2024-08-01", 1, 1, 0)])  # an update brings September
    september = model.index_for_view(View("day", "2024-09-02")).parent()
    assert view.isExpanded(september) and not view.isExpanded(august)
    view.select_view(View("day", "2024-09-02"))  # the reader is in September now
    model.set_days([Day("2025-01-07", 1, 1, 0), Day("2024-09-02", 1, 1, 0), Day("2024-08-01", 1, 1, 0)])
    january = model.index_for_view(View("day", "2025-01-07")).parent()
    assert view.isExpanded(january) and view.isExpanded(january.parent())
    assert view.isExpanded(september) and view.isExpanded(september.parent())  # where the reader is stays open
    assert view.current_view() == View("day", "2024-09-02")


def test_a_day_that_went_away_rebuilds_the_tree(qtmodeltester) -> None:
    model = SidebarModel()
    model.set_days(DAYS)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_days([DAYS[0], DAYS[2]])
    qtmodeltester.check(model)
    assert resets == [True]
    assert model.day_dates() == ["2024-11-20", "2024-08-01"]


def test_the_count_column_fits_a_large_library_at_any_font_size(qtbot) -> None:
    from PySide6.QtGui import QFont

    from reader.ui.panes.sidebar import Sidebar

    model = SidebarModel()
    model.set_days([Day("2024-11-20", 120_000, 120_000, 0)])
    view = Sidebar(model)
    qtbot.addWidget(view)
    view.resize(230, 400)
    view.show()
    all_papers = model.index(1, SidebarModel.COUNT).data()
    assert all_papers == "120000"
    assert view.columnWidth(SidebarModel.COUNT) > view.fontMetrics().horizontalAdvance(all_papers)
    bigger = QFont(view.font())
    bigger.setPointSizeF(view.font().pointSizeF() * 2)
    view.setFont(bigger)
    assert view.columnWidth(SidebarModel.COUNT) > view.fontMetrics().horizontalAdvance(all_papers)


def test_sidebar_search_row_comes_and_goes(qtmodeltester) -> None:
    model = SidebarModel()
    model.set_days(DAYS)
    model.set_search_count(7)
    qtmodeltester.check(model)
    assert model.index_for_view(View("search")).data() == "Search results (7)"
    model.set_search_count(None)
    assert not model.index_for_view(View("search")).isValid()
    assert model.rowCount() == 6


def test_view_text_round_trip() -> None:
    for view in (View("latest"), View("starred"), View("day", "2024-08-01")):
        assert View.from_text(view.to_text()) == view
    assert View.from_text("search") is None
    assert View.from_text("nonsense") is None


def test_paper_model_contract(qtmodeltester) -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {"2411.00001": Flags(starred=True, read=True)})
    qtmodeltester.check(model)
    proxy = PaperFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_hide_read(True)
    qtmodeltester.check(proxy)


def test_paper_row_shows_star_bold_unread_votes_and_authors() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {"2411.00001": Flags(starred=True, read=True)})
    read_row, unread_row = 0, 1
    assert model.index(read_row, PaperTableModel.STAR).data() == "★"
    assert model.index(unread_row, PaperTableModel.STAR).data() == ""
    assert model.index(read_row, PaperTableModel.TITLE).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(unread_row, PaperTableModel.TITLE).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(unread_row, PaperTableModel.AUTHORS).data() == "Kim, Lee et al."
    assert model.index(2, PaperTableModel.VOTES).data() == "–"
    assert model.index(0, 0).data(PaperRole) == PAPERS[0]


def test_short_authors_says_when_the_digest_cut_the_list() -> None:
    cut = Paper("1", "2024-01-01", "t", "u", 1, authors=("A",), authors_truncated=True)
    assert short_authors(cut) == "A et al."
    assert short_authors(PAPERS[0]) == "A"


def test_sort_by_votes_date_title_and_back_to_given_order() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {})
    proxy = PaperFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder)
    assert titles(proxy) == ["alpha search", "Beta model", "delta", "Gamma"]
    proxy.sort(PaperTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy) == ["alpha search", "Beta model", "delta", "Gamma"]
    proxy.sort(PaperTableModel.DATE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy) == ["delta", "Gamma", "Beta model", "alpha search"]
    proxy.sort(-1)
    assert titles(proxy) == [p.title for p in PAPERS]


def test_sort_keeps_the_current_row_on_the_same_paper() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {})
    kept = QPersistentModelIndex(model.index(3, 1))  # "delta"
    model.sort(PaperTableModel.TITLE, Qt.SortOrder.DescendingOrder)
    assert kept.data() == "delta"


def test_hide_read_keeps_the_pinned_paper() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {})
    proxy = PaperFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_hide_read(True)
    assert proxy.rowCount() == 4
    proxy.set_pinned_key(PAPERS[0].key)
    model.update_flags(["2411.00001", "2411.00002"], {"2411.00001": Flags(read=True), "2411.00002": Flags(read=True)})
    assert titles(proxy) == ["Beta model", "Gamma", "delta"]  # the pinned one stays while being read
    proxy.set_pinned_key(None)
    assert titles(proxy) == ["Gamma", "delta"]
    proxy.set_hide_read(False)
    assert proxy.rowCount() == 4


def test_flags_update_repaints_every_row_of_the_paper() -> None:
    twice = [PAPERS[0], paper("2411.00001", "2024-08-01", "Beta model", 10)]
    model = PaperTableModel()
    model.set_papers(twice, {})
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(top.row()))
    model.update_flags(["2411.00001"], {"2411.00001": Flags(starred=True)})
    assert changed == [0, 1]
    assert [model.index(r, 0).data() for r in range(2)] == ["★", "★"]


def test_a_star_repaints_the_papers_rows_where_they_are_after_a_sort_an_insert_and_a_removal() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {})
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(top.row()))

    def star_rows(arxiv_id: str) -> list[int]:
        changed.clear()
        model.update_flags([arxiv_id], {arxiv_id: Flags(starred=True)})
        return changed[:]

    assert star_rows("2408.00004") == [3]
    model.sort(PaperTableModel.TITLE)  # alpha search, Beta model, delta, Gamma
    assert star_rows("2408.00004") == [2]
    model.insert_sorted([paper("2411.00009", "2024-11-21", "Aardvark", 1)], {})
    assert star_rows("2408.00004") == [3] and star_rows("2411.00009") == [0]
    model.remove_ids(["2411.00002"])
    assert star_rows("2408.00004") == [2]
    assert [model.paper_at(row).arxiv_id for row in changed] == ["2408.00004"]


def test_highlight_spans_are_exposed_for_the_title() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS[:1], {}, highlights={PAPERS[0].key: [(0, 4)]})
    assert model.index(0, PaperTableModel.TITLE).data(HighlightRole) == [(0, 4)]
    assert model.index(0, PaperTableModel.VOTES).data(HighlightRole) is None


def many(count: int) -> list[Paper]:
    return [paper(f"2401.{row:05d}", "2024-01-02", f"paper {row}", count - row) for row in range(count)]


def test_hiding_read_papers_all_over_a_long_list_keeps_the_current_row_on_its_paper() -> None:
    """Hundreds of runs hidden at once: one layout change, the current paper still current, in its new row."""
    papers = many(1000)
    model = PaperTableModel()
    model.set_papers(papers, {p.arxiv_id: Flags(read=True) for p in papers[::2]})
    proxy = PaperFilterProxy()
    proxy.setSourceModel(model)
    current = QPersistentModelIndex(proxy.index(501, PaperTableModel.TITLE))
    proxy.set_hide_read(True)
    assert proxy.rowCount() == 500
    assert current.isValid() and current.row() == 250 and current.data() == "paper 501"
    proxy.set_hide_read(False)
    assert current.row() == 501 and proxy.rowCount() == 1000


def test_a_hidden_paper_marked_unread_comes_back_in_its_place() -> None:
    model = PaperTableModel()
    model.set_papers(PAPERS, {"2411.00002": Flags(read=True)})
    model.sort(PaperTableModel.VOTES, Qt.SortOrder.DescendingOrder)
    model.set_hiding(True, False, None)
    assert titles(model) == ["Beta model", "delta", "Gamma"]
    model.update_flags(["2411.00002"], {})
    assert titles(model) == ["alpha search", "Beta model", "delta", "Gamma"]
    assert [paper.title for paper in model.papers()] == titles(model)  # papers(): the hidden ones too, in place
    model.update_flags(["2408.00004"], {"2408.00004": Flags(read=True)})
    assert titles(model) == ["alpha search", "Beta model", "Gamma"]
    assert len(model.papers()) == 4


def test_a_listing_sorted_on_a_thread_is_shown_as_the_model_would_sort_it() -> None:
    """row_order() is the order as a value: sorted elsewhere, the rows are shown as given (no second sort)."""
    papers = many(50)[::-1]
    flags = {p.arxiv_id: Flags(starred=True) for p in papers[::3]}
    model = PaperTableModel()
    for column in (PaperTableModel.STAR, PaperTableModel.VOTES, PaperTableModel.TITLE, PaperTableModel.DATE):
        order = model.row_order(column, True)
        model.set_papers(papers, flags, order=order, ordered=order.sorted(papers, flags))
        shown = titles(model)
        model.set_papers(papers, flags, order=order)  # sorted by the model itself
        assert titles(model) == shown
        assert model.sort_column() == column


def test_for_you_places_sort_ties_in_the_order_given_and_a_new_rank_sorts_again() -> None:
    papers = many(6)
    place_of = {p.arxiv_id: (0 if row in (2, 4) else 1) for row, p in enumerate(papers)}
    model = PaperTableModel()
    model.set_rank(place_of.__getitem__, lambda ids: [place_of[i] for i in ids])
    order = model.row_order(PaperTableModel.FOR_YOU)
    model.set_papers(papers, {}, order=order, ordered=order.sorted(papers, {}))
    assert titles(model) == ["paper 2", "paper 4", "paper 0", "paper 1", "paper 3", "paper 5"]
    model.set_rank(lambda arxiv_id: -int(arxiv_id[-1]))  # a new fit: no places, keys only
    assert titles(model) == ["paper 5", "paper 4", "paper 3", "paper 2", "paper 1", "paper 0"]
    stale = order.sorted(papers, {})  # a listing sorted by the old rank arrives after the new fit
    model.set_papers(papers, {}, order=order, ordered=stale)
    assert titles(model)[0] == "paper 5"


def test_a_new_for_you_order_sorted_on_a_thread_is_used_only_for_the_rows_it_was_sorted_from() -> None:
    papers = many(5)
    model = PaperTableModel()
    model.set_papers(papers, {})
    model.set_rank(lambda arxiv_id: arxiv_id)
    model.sort(PaperTableModel.FOR_YOU)
    given = model.papers_given()
    by_thread = [papers[3], papers[1], papers[4], papers[0], papers[2]]  # whatever the thread's rank said
    model.set_rank(lambda arxiv_id: arxiv_id, None, (given, by_thread))
    assert titles(model) == ["paper 3", "paper 1", "paper 4", "paper 0", "paper 2"]
    model.remove_ids([papers[4].arxiv_id])  # the list changed before the next order came: sorted here instead
    model.set_rank(lambda arxiv_id: arxiv_id, None, (given, by_thread))
    assert titles(model) == ["paper 0", "paper 1", "paper 2", "paper 3"]
