"""What the window remembers across a restart on the same data directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reader.library import Library
from reader.ui.models.paper_table import PaperTableModel
from reader.ui.models.view import View
from reader.ui.platform.settings import SETTINGS_FILE


def test_star_and_read_survive_a_restart_and_the_cli_sees_them(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window()
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    qtbot.keyClick(window.paper_list, "m")
    other = Library(seeded_data_dir)  # what `daily-papers list --starred` opens, while the window runs
    try:
        assert [p.arxiv_id for p in other.papers(starred=True)] == [paper.arxiv_id]
    finally:
        other.close()
    window.close()

    again = open_window(seeded_data_dir)
    assert again.paper_list.current_paper() == paper
    row = again.paper_list.currentIndex()
    assert row.siblingAtColumn(PaperTableModel.STAR).data() == "★"
    assert row.siblingAtColumn(PaperTableModel.TITLE).data(Qt.ItemDataRole.FontRole) is None  # read: not bold
    assert again.detail.star_button.isChecked()


def test_view_paper_sort_filter_font_and_layout_are_restored(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window()
    window.sidebar.select_view(View("day", "2024-07-04"))
    qtbot.keyClick(window.paper_list, "j")
    qtbot.keyClick(window.paper_list, "j")
    paper = window.paper_list.current_paper()
    window.commands["sort_title"].trigger()
    window.commands["hide_read"].setChecked(True)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    font_size = window.detail.font_point_size()
    window.resize(701, 555)  # the offscreen screen is 800x800
    window.splitter.setSizes([150, 250, 290])
    sizes = window.splitter.sizes()
    window.close()

    again = open_window(seeded_data_dir)
    assert again.sidebar.current_view() == View("day", "2024-07-04")
    assert again.paper_list.current_paper() == paper
    assert again.commands["sort_title"].isChecked()
    titles = [p.title for p in again.paper_model.papers()]
    assert titles == sorted(titles, key=str.casefold)
    assert again.commands["hide_read"].isChecked() and again.paper_proxy.hide_read
    assert again.detail.font_point_size() == font_size > 0
    assert (again.width(), again.height()) == (701, 555)
    assert again.splitter.sizes() == sizes


def test_a_search_is_not_restored_but_where_it_started_is(open_window, seeded_data_dir: Path, qtbot) -> None:
    window = open_window()
    window.sidebar.select_view(View("all"))
    paper = window.paper_list.current_paper()
    window.search_bar.field.setText("LLM")
    qtbot.waitUntil(lambda: window.sidebar.current_view() == View("search"), timeout=3000)
    window.close()

    again = open_window(seeded_data_dir)
    assert again.sidebar.current_view() == View("all")
    assert again.paper_list.current_paper() == paper
    assert again.search_bar.field.text() == ""


def test_settings_live_in_the_data_directory(open_window, seeded_data_dir: Path) -> None:
    window = open_window()
    window.close()
    assert Path(window.settings.path) == seeded_data_dir / SETTINGS_FILE
    assert (seeded_data_dir / SETTINGS_FILE).read_text().count("[window]") == 1
