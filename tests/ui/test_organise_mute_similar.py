"""The detail pane's Similar papers leave out the papers the mute filters hide, unless Show Muted Papers is on."""

from __future__ import annotations

from reader.ui.models.view import View
from reader.ui.panes.for_you_panel import KeyRole
from reader.ui.window.main_window import MainWindow


def similar_ids(window: MainWindow) -> list[str]:
    panel = window.for_you.panel.similar
    return [str(panel.topLevelItem(row).data(0, KeyRole)).partition("/")[2] for row in range(panel.topLevelItemCount())]


def test_similar_papers_leave_muted_papers_out(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    window.sidebar.select_view(View("all"))
    window.paper_list.select_row(0)
    current = window.paper_list.current_paper()
    assert current is not None
    qtbot.waitUntil(lambda: window.for_you.model is not None and len(similar_ids(window)) == 5, timeout=20_000)
    before = similar_ids(window)
    closest = window.library.papers_for(before[0])[0]  # the most similar paper, muted by its own title
    rule = " ".join(closest.title.replace('"', " ").replace(",", " ").split()[:6])
    monkeypatch.setattr(window.organiser, "ask_text", lambda *args: rule)
    window.commands["mute_filters"].trigger()
    assert window.library.mutes() == [rule]
    qtbot.waitUntil(lambda: closest.arxiv_id in window.library.muted_ids(), timeout=10_000)  # searched on a thread
    qtbot.waitUntil(lambda: len(similar_ids(window)) == 5 and closest.arxiv_id not in similar_ids(window),  # by itself
                    timeout=10_000)
    assert not set(similar_ids(window)) & set(window.library.muted_ids())
    window.commands["show_muted"].setChecked(True)
    qtbot.waitUntil(lambda: similar_ids(window) == before, timeout=10_000)
