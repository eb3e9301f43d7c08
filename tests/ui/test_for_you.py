"""For you in the window: the view and its order, the reason and similar papers, Not interested (X) with Undo,
the reasons in Korean under the Korean UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.features.recommend_reasons import REASON_TEMPLATES
from reader.library import Library, Reason
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.panes.for_you_panel import REASON_TEXTS, reason_text
from reader.ui.window.main_window import MainWindow

NEWEST_DAY = "2024-11-20"
LLM_PAPERS = ["2407.21783", "2408.11796", "2411.12372"]  # Llama 3, Minitron, RedPajama (the seeds)


@pytest.fixture
def starred_dir(seeded_data_dir: Path) -> Path:
    with Library(seeded_data_dir) as library:
        library.set_starred(LLM_PAPERS)
    return seeded_data_dir


def fitted(window: MainWindow, qtbot, stars: int | None = None) -> None:
    """Wait for the background fit (to this many stars, when given)."""
    qtbot.waitUntil(lambda: window.for_you.model is not None and (
        stars is None or len(window.for_you.model.starred) == stars), timeout=20_000)


def listed_ids(window: MainWindow) -> list[str]:
    proxy, model = window.paper_proxy, window.paper_model
    return [model.paper_at(proxy.mapToSource(proxy.index(row, 0)).row()).arxiv_id for row in range(proxy.rowCount())]


def test_for_you_view_lists_unread_papers_best_first_with_a_reason(open_window, starred_dir: Path, qtbot) -> None:
    with Library(starred_dir) as library:
        library.set_read([LLM_PAPERS[0]])
        expected = [entry.paper.arxiv_id for entry in library.recommend()
                    if not library.flags(entry.paper.arxiv_id).read]
    window = open_window(starred_dir)
    fitted(window, qtbot)
    assert window.sidebar.select_view(View("for_you"))
    qtbot.waitUntil(lambda: listed_ids(window) == expected)
    assert LLM_PAPERS[0] not in listed_ids(window)
    assert window.commands["sort_for_you"].isChecked()
    window.paper_list.select_row(0)
    qtbot.waitUntil(lambda: window.for_you.panel.reason.text().startswith("For you: "))
    assert "you starred it" in window.for_you.panel.reason.text()
    qtbot.waitUntil(lambda: window.for_you.panel.similar.topLevelItemCount() == 5)
    assert window.sidebar_model.index_for_view(View("for_you")).data() == "For you"


def test_for_you_sort_in_a_day_and_back_to_votes(open_window, starred_dir: Path, qtbot) -> None:
    window = open_window(starred_dir)
    fitted(window, qtbot)
    window.sidebar.select_view(View("day", NEWEST_DAY))
    by_votes = listed_ids(window)
    window.commands["sort_for_you"].trigger()
    assert window.paper_model.sort_column() == PaperTableModel.FOR_YOU
    model = window.for_you.model
    assert model is not None
    assert listed_ids(window) == sorted(by_votes, key=model.order_key)
    assert listed_ids(window)[0] == "2411.12372"  # the starred one of the day first
    window.commands["sort_votes"].trigger()
    assert listed_ids(window) == by_votes and not window.commands["sort_for_you"].isChecked()


def test_not_interested_leaves_for_you_keeps_the_place_and_undo_brings_it_back(
        open_window, starred_dir: Path, qtbot) -> None:
    window = open_window(starred_dir)
    fitted(window, qtbot)
    window.sidebar.select_view(View("for_you"))
    window.paper_list.select_row(3)
    before = listed_ids(window)
    gone, following = before[3], before[4]
    qtbot.keyClick(window.paper_list, Qt.Key.Key_X)
    assert gone not in listed_ids(window)
    current = window.paper_list.current_paper()
    assert current is not None and current.arxiv_id == following  # the place is kept: the next paper
    with Library(window.library.data_dir) as other:  # saved, as another process sees it
        assert other.dismissed_ids() == {gone}
    fitted(window, qtbot)
    qtbot.waitUntil(lambda: window.for_you.model is not None and gone in window.for_you.model.dismissed)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gone in listed_ids(window) and not window.library.dismissed_ids()
    assert "not_interested" in [action.objectName() for action in
                                window.context_menus.paper_menu(window.paper_list.visualRect(
                                    window.paper_list.currentIndex()).center()).actions()]


def test_a_star_refits_in_the_background_and_the_order_follows(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window(seeded_data_dir)
    fitted(window, qtbot, stars=0)
    assert window.for_you.model is not None and not window.for_you.model.learned
    window.sidebar.select_view(View("day", NEWEST_DAY))
    window.paper_list.select_row(0)
    qtbot.waitUntil(lambda: "ordered by votes" in window.for_you.panel.reason.text())
    with Library(seeded_data_dir) as library:
        library.set_starred(LLM_PAPERS[:2])
    window.paper_list.select_key(f"{NEWEST_DAY}/{LLM_PAPERS[2]}")
    window.commands["toggle_star"].trigger()
    fitted(window, qtbot, stars=3)
    assert window.for_you.model is not None and window.for_you.model.learned


def test_clicking_a_similar_paper_goes_to_it(open_window, starred_dir: Path, qtbot) -> None:
    window = open_window(starred_dir)
    fitted(window, qtbot)
    window.sidebar.select_view(View("day", NEWEST_DAY))
    window.paper_list.select_row(0)
    similar = window.for_you.panel.similar
    qtbot.waitUntil(lambda: similar.topLevelItemCount() == 5)
    item = similar.topLevelItem(0)
    key = item.data(0, Qt.ItemDataRole.UserRole + 2)
    similar.itemClicked.emit(item, 0)
    current = window.paper_list.current_paper()
    assert current is not None and current.key == key
    similar.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by votes, as numbers
    votes = [int(similar.topLevelItem(row).text(2).replace("–", "-1")) for row in range(similar.topLevelItemCount())]
    assert votes == sorted(votes, reverse=True)


def test_every_reason_code_has_window_words() -> None:
    assert set(REASON_TEXTS) == set(REASON_TEMPLATES)
    for code, template in REASON_TEMPLATES.items():
        assert REASON_TEXTS[code] == template  # the same {0} placeholders: the catalogue translates this text


def test_reasons_are_korean_under_the_korean_ui(korean, open_window, starred_dir: Path, qtbot) -> None:
    assert reason_text(Reason("starred_like", ("Llama",))) == "“Llama”에 별표를 했기 때문"
    assert reason_text(Reason("few_stars", ("1", "3"))) == "별표가 3개 중 1개뿐: 추천순"
    window = open_window(starred_dir)
    fitted(window, qtbot)
    window.sidebar.select_view(View("for_you"))
    window.paper_list.select_row(0)
    qtbot.waitUntil(lambda: window.for_you.panel.reason.text().startswith("맞춤 이유: "))
    assert "별표" in window.for_you.panel.reason.text()
    assert window.sidebar_model.index_for_view(View("for_you")).data() == "맞춤 논문"


def test_a_refit_reorders_the_list_in_place_keeping_the_paper_on_show(open_window, starred_dir: Path, qtbot) -> None:
    window = open_window(starred_dir)
    fitted(window, qtbot)
    window.sidebar.select_view(View("for_you"))
    window.paper_list.select_row(6)
    shown = window.paper_list.current_paper()
    before = listed_ids(window)
    window.paper_list.select_row(len(before) - 1)  # star the last one: it moves up
    window.commands["toggle_star"].trigger()
    assert shown is not None and window.paper_list.select_key(shown.key)
    fitted(window, qtbot, stars=len(LLM_PAPERS) + 1)
    qtbot.waitUntil(lambda: listed_ids(window) != before)
    current = window.paper_list.current_paper()
    assert current is not None and current.key == shown.key  # reordered under it, still the one on show


def test_not_interested_is_not_offered_in_a_read_only_library(open_window, starred_dir: Path, qtbot,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(starred_dir)
    monkeypatch.setattr(type(window.library), "read_only", property(lambda _library: True))
    window.commands.update_enabled()
    assert not window.commands["not_interested"].isEnabled()
