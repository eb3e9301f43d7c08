"""Every keyboard shortcut of the window, pressed as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.dialogs.keyboard_help import KeyboardHelpDialog
from reader.ui.models.view import View

CTRL = Qt.KeyboardModifier.ControlModifier


def current_title(window) -> str:
    return window.paper_list.current_paper().title


def test_j_and_down_go_to_the_next_paper_k_and_up_back(open_window, qtbot) -> None:
    window = open_window()
    rows = [paper.title for paper in window.paper_model.papers()]
    qtbot.keyClick(window.paper_list, "j")
    assert current_title(window) == rows[1]
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Down)
    assert current_title(window) == rows[2]
    qtbot.keyClick(window.paper_list, "k")
    assert current_title(window) == rows[1]
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Up)
    assert current_title(window) == rows[0]
    qtbot.keyClick(window.paper_list, "k")  # stays on the first row
    assert current_title(window) == rows[0]


def test_letters_work_from_the_sidebar_and_the_detail_pane(open_window, qtbot) -> None:
    window = open_window()
    first = current_title(window)
    window.detail.browser.setFocus()
    qtbot.keyClick(window.detail.browser, "j")
    assert current_title(window) != first
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, "k")
    assert current_title(window) == first


def test_n_and_p_walk_the_days(open_window, qtbot) -> None:
    window = open_window()
    days = window.sidebar_model.day_dates()
    qtbot.keyClick(window.paper_list, "n")
    assert window.sidebar.current_view() == View("day", days[1])
    assert window.paper_list.current_paper().date == days[1]
    qtbot.keyClick(window.paper_list, "n")
    assert window.sidebar.current_view() == View("day", days[2])
    qtbot.keyClick(window.paper_list, "p")
    assert window.sidebar.current_view() == View("day", days[1])
    window.sidebar.select_view(View("all"))
    qtbot.keyClick(window.paper_list, "n")  # from a smart view: the newest day
    assert window.sidebar.current_view() == View("day", days[0])


def test_s_stars_and_unstars(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "s")
    assert window.library.flags(paper.arxiv_id).starred
    qtbot.keyClick(window.paper_list, "s")
    assert not window.library.flags(paper.arxiv_id).starred


def test_m_toggles_read(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    qtbot.keyClick(window.paper_list, "m")
    assert window.library.flags(paper.arxiv_id).read
    qtbot.keyClick(window.paper_list, "m")
    assert not window.library.flags(paper.arxiv_id).read


def test_letters_typed_in_the_search_field_are_text_not_commands(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    window.search_bar.focus()
    qtbot.keyClicks(window.search_bar.field, "sjmo")
    assert window.search_bar.field.text() == "sjmo"
    assert window.library.flags(paper.arxiv_id) == window.library.flags("no-such-id")  # neither starred nor read
    assert window.paper_list.current_paper() == paper


def test_ctrl_f_and_slash_focus_the_search_field(open_window, qtbot) -> None:
    window = open_window()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search_bar.field
    window.paper_list.setFocus()
    qtbot.keyClick(window.paper_list, "/")
    assert QApplication.focusWidget() is window.search_bar.field
    assert window.search_bar.field.text() == ""  # the slash itself is not typed


def test_ctrl_plus_minus_zero_change_the_detail_font(open_window, qtbot) -> None:
    window = open_window()
    assert window.detail.font_point_size() == 0.0  # default size
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Equal, CTRL)
    bigger = window.detail.font_point_size()
    assert bigger > 0
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Minus, CTRL)
    assert 0 < window.detail.font_point_size() < bigger
    qtbot.keyClick(window.paper_list, Qt.Key.Key_0, CTRL)
    assert window.detail.font_point_size() == 0.0


def test_ctrl_q_closes_the_window(open_window, qtbot) -> None:
    window = open_window()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def test_f1_shows_every_shortcut(open_window, qtbot, monkeypatch) -> None:
    shown: list[list[str]] = []

    def fake_exec(dialog) -> int:
        table = dialog.table
        shown.append([table.item(row, 0).text() for row in range(table.rowCount())])
        return 0

    monkeypatch.setattr(KeyboardHelpDialog, "exec", fake_exec)
    window = open_window()
    qtbot.keyClick(window.paper_list, Qt.Key.Key_F1)
    assert shown, "F1 did not open the keyboard help"
    keys = " ".join(shown[0])
    for key in ("J", "K", "N", "P", "S", "M", "O", "Ctrl+F", "/", "Esc", "Ctrl+=", "Ctrl+-", "Ctrl+0", "Ctrl+Q",
                "Down", "Up", "Enter"):
        assert key in keys, key
