"""The command registry: every command declared once on its handler; menus, keys and help built from it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QWidget, QWidgetAction

from reader.ui.models.view import View
from reader.ui.window.commands import COMMANDS, FILE, HELP, CommandActions, CommandRegistry
from reader.ui.window.main_window import MainWindow  # imports every module that declares a command

# Every command of the window: (menu text, keys[, checkable]); texts as shown with no paper current and
# nothing to undo (Star/Unstar, Mark as Read/Unread, Undo and Redo say what they would do).
EXPECTED_COMMANDS: dict[str, tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], bool]] = {
    "next_paper": ("&Next Paper", ("J",)),
    "previous_paper": ("&Previous Paper", ("K",)),
    "next_unread": ("Next &Unread", ("Space",)),
    "next_day": ("Next &Day", ("N",)),
    "previous_day": ("Previous D&ay", ("P",)),
    "toggle_star": ("&Star", ("S",)),
    "toggle_read": ("Mark &Read/Unread", ("M",)),
    "open_arxiv": ("&Open on arXiv", ("O",)),
    "find": ("&Find", ("Ctrl+F", "/")),
    "leave_search": ("&Leave Search", ("Esc",)),
    "exact_search": ("&Exact Search", ("Ctrl+Shift+E",), True),
    "glossary": ("&Glossary…", ()),
    "zoom_in": ("&Larger Text", ("Ctrl+=", "Ctrl++")),
    "zoom_out": ("&Smaller Text", ("Ctrl+-",)),
    "zoom_reset": ("&Normal Size", ("Ctrl+0",)),
    "insights": ("&Trends and Weekly Recap…", ("Ctrl+Shift+T",)),
    "copy_link": ("Copy &Link", ()),
    "mark_rest_of_day_read": ("Mark the Res&t of the Day as Read", ()),
    "mark_day_read": ("Mark &Day as Read", ()),
    "mark_all_read": ("Mark &All as Read…", ()),
    "hide_read": ("&Hide Read Papers", ("Ctrl+H",), True),
    "keep_starred": ("&Keep Starred Papers Visible", (), True),
    "undo": ("&Undo", ("Ctrl+Z",)),
    "redo": ("&Redo", ("Ctrl+Shift+Z",)),
    "sort_votes": ("Sort by &Votes", (), True),
    "sort_date": ("Sort by &Date", (), True),
    "sort_title": ("Sort by &Title", (), True),
    "sort_for_you": ("Sort For &You", (), True),
    "not_interested": ("&Not Interested", ("X",)),
    "update_library": ("&Update Library", ("F5",)),
    "add_folder": ("Add &Folder…", ("Ctrl+O",)),
    "add_files": ("Add F&iles…", ()),
    "library": ("&Library…", ("Ctrl+L",)),
    "check_digests": ("&Check for New Digests…", ()),
    "background_check": ("Check for New Days in the &Background", (), True),
    "summarise_day": ("Write &Korean Summaries…", ()),
    "keep_pdf": ("&Keep PDF", ()),
    "keep_starred_pdfs": ("Keep PDFs of &Starred and Queued Papers", (), True),
    "export_starred": ("&Starred Papers…", ()),
    "export_day": ("This &Day…", ()),
    "export_search": ("Search &Results…", ()),
    "export_state": ("E&xport Reading State…", ()),
    "import_state": ("I&mport Reading State…", ()),
    "copy_bibtex": ("Copy &BibTeX", ("Ctrl+Shift+C",)),
    "copy_ris": ("Copy as &RIS", ()),
    "copy_csljson": ("Copy as CSL-&JSON", ()),
    "zotero_paper": ("Send to &Zotero", ()),
    "zotero_starred": ("Starred Papers to &Zotero", ()),
    "zotero_day": ("This Day to Z&otero", ()),
    "show_problems": ("&Problems…", ()),
    "preferences": ("Pr&eferences…", ("Ctrl+,",)),
    "quit": ("&Quit", ("Ctrl+Q",)),
    "keyboard_help": ("&Keyboard Shortcuts", ("F1",)),
    "about": ("&About Daily Papers Reader", ()),
    "edit_tags": ("Ta&gs…", ("T",)),
    "toggle_queue": ("Read Lat&er", ("L",)),
    "edit_note": ("&Write Note", ("Ctrl+E",)),
    "dequeue_on_read": ("Read Papers Leave the &Queue", (), True),
    "next_in_queue": ("Next in &Queue", ("Shift+L",)),
    "queue_up": ("Move Up &in the Queue", ("Alt+Up",)),
    "queue_down": ("Move Do&wn in the Queue", ("Alt+Down",)),
    "save_search": ("&Save Search…", ("Ctrl+Shift+S",)),
    "rename_tag": ("Re&name Tag…", ()),
    "delete_tag": ("Dele&te Tag…", ()),
    "remove_saved_search": ("Remove Saved &Search", ()),
    "show_muted": ("Show &Muted Papers", (), True),
    "mute_filters": ("M&ute Filters…", ()),
}
# The menu bar as it was: command names, "-" for a separator, (title, [...]) for a submenu.
EXPECTED_MENUS = [
    ("&File", ["add_folder", "add_files", "library", "-", "update_library", "check_digests", "background_check",
               "summarise_day", "-",
               ("&Export", ["export_starred", "export_day", "export_search", "-", "zotero_starred", "zotero_day"]),
               "export_state", "import_state", "-", "preferences", "-", "quit"]),
    ("&Edit", ["undo", "redo", "-", "rename_tag", "delete_tag", "remove_saved_search"]),
    ("&View", ["hide_read", "keep_starred", "-", "sort_votes", "sort_date", "sort_title", "sort_for_you", "-",
               "zoom_in", "zoom_out", "zoom_reset", "-", "show_muted", "mute_filters", "-", "insights"]),
    ("&Go", ["next_paper", "previous_paper", "next_unread", "next_day", "previous_day", "-", "find", "leave_search",
             "exact_search", "glossary", "-", "next_in_queue", "queue_up", "queue_down", "-", "save_search"]),
    ("&Paper", ["toggle_star", "toggle_read", "open_arxiv", "copy_bibtex", "copy_link", "copy_ris", "copy_csljson", "-",
                "mark_rest_of_day_read", "mark_day_read", "mark_all_read", "-", "zotero_paper", "-", "not_interested",
                "-", "edit_tags", "toggle_queue", "edit_note", "dequeue_on_read", "-", "keep_pdf",
                "keep_starred_pdfs"]),
    ("&Help", ["keyboard_help", "show_problems", "-", "about"]),
]


def menu_layout(menu: QMenu) -> list[object]:
    entries: list[object] = []
    for action in menu.actions():
        if action.isSeparator():
            entries.append("-")
        elif action.menu() is not None:
            entries.append((action.text(), menu_layout(action.menu())))
        else:
            entries.append(action.objectName())
    return entries


def all_menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if submenu is not None:
            found += all_menu_actions(submenu)
        elif not action.isSeparator():
            found.append(action)
    return found


def test_every_declared_command_has_a_handler_in_the_window(open_window) -> None:
    window = open_window()
    assert window.commands.unbound() == []
    assert set(window.commands) == set(COMMANDS)


def test_every_menu_and_toolbar_item_is_a_declared_command(open_window) -> None:
    window = open_window()
    actions = set(window.commands.values())
    in_menus = [action for menu_action in window.menuBar().actions() for action in all_menu_actions(menu_action.menu())]
    assert in_menus and [action.text() for action in in_menus if action not in actions] == []
    for toolbar in window.findChildren(QToolBar):
        strays = [action.text() for action in toolbar.actions()
                  if not isinstance(action, QWidgetAction) and action not in actions]
        assert strays == [], toolbar.objectName()
    listed = {action.objectName() for action in in_menus}
    assert listed == set(COMMANDS)  # and every command is in a menu, where people look for it


def test_the_menus_and_keys_are_the_ones_the_window_always_had(open_window) -> None:
    window = open_window()
    window.sidebar.select_view(View("starred"))  # no paper current: the commands' own texts
    menus = [(action.text(), menu_layout(action.menu())) for action in window.menuBar().actions()]
    assert menus == EXPECTED_MENUS
    assert set(window.commands) == set(EXPECTED_COMMANDS)
    for name, (text, keys, *checkable) in EXPECTED_COMMANDS.items():
        action = window.commands[name]
        assert action.text() == text, name
        assert [key.toString() for key in action.shortcuts()] == list(keys), name
        assert action.isCheckable() == bool(checkable), name
    sorts = [window.commands[name] for name in ("sort_votes", "sort_date", "sort_title")]
    assert sorts[0].actionGroup() is not None and sorts[0].actionGroup().isExclusive()
    assert all(action.actionGroup() is sorts[0].actionGroup() for action in sorts)


def test_the_keyboard_help_lists_the_reading_keys_first_then_menu_by_menu() -> None:
    assert MainWindow and set(COMMANDS) == set(EXPECTED_COMMANDS)
    keys = [keys for keys, _description in COMMANDS.help_rows()]
    assert keys == ["J", "K", "Space", "N", "P", "Ctrl+F / /", "Esc", "Ctrl+Shift+E", "Shift+L", "Alt+Up", "Alt+Down",
                    "Ctrl+Shift+S", "S", "M", "O", "Ctrl+Shift+C", "X", "T", "L", "Ctrl+E", "Ctrl+Z", "Ctrl+Shift+Z",
                    "Ctrl+H",
                    "Ctrl+= / Ctrl++", "Ctrl+-", "Ctrl+0", "Ctrl+Shift+T", "Ctrl+O", "Ctrl+L", "F5", "Ctrl+Q", "F1",
                    "Down / Up", "Enter"]


# --- the registry itself, on a registry of its own ------------------------------------------------------


class Owner:
    """Handlers as a window part declares them."""

    def __init__(self) -> None:
        self.calls: list[object] = []
        self.can_go = False

    def _can_go(self) -> bool:
        return self.can_go


def make_owner(registry: CommandRegistry) -> type[Owner]:
    command = registry.command

    class Parts(Owner):
        @command("first", "&First", keys=("Ctrl+1",), help="The first", menu=FILE.at(2, 1))
        def first(self) -> None:
            self.calls.append("first")

        @command("left", "&Left", menu=FILE.at(1, 2), args=(-1,), enabled=Owner._can_go)
        @command("right", "&Right", menu=FILE.at(1, 1), args=(1,), toolbar=1)
        def go(self, step: int) -> None:
            self.calls.append(step)

        @command("wrap", "&Wrap", checkable=True, on_toggle=True, menu=HELP.at(1, 1), toolbar=0)
        def wrap(self, on: bool) -> None:
            self.calls.append(("wrap", on))

    return Parts


def test_a_command_runs_its_handler_with_its_arguments(qtbot) -> None:
    registry = CommandRegistry()
    parts = make_owner(registry)()
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = CommandActions(widget, registry)
    assert sorted(actions.bind(parts)) == ["first", "left", "right", "wrap"]
    assert actions.unbound() == []
    actions["first"].trigger()
    actions["right"].trigger()
    actions["wrap"].setChecked(True)  # set by the window, not clicked: the handler still hears of it
    assert parts.calls == ["first", 1, ("wrap", True)]
    assert [key.toString() for key in actions["first"].shortcuts()] == ["Ctrl+1"]
    assert actions["first"].parent() is widget and actions["first"] in widget.actions()


def test_a_command_without_a_handler_in_the_window_is_reported(qtbot) -> None:
    registry = CommandRegistry()
    make_owner(registry)
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = CommandActions(widget, registry)
    assert actions.bind(object()) == []
    assert sorted(actions.unbound()) == ["first", "left", "right", "wrap"]


def test_a_name_is_declared_once_and_bound_once(qtbot) -> None:
    registry = CommandRegistry()
    parts_class = make_owner(registry)
    with pytest.raises(ValueError, match="declared twice"):
        registry.command("first", "&Again")(lambda self: None)
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = CommandActions(widget, registry)
    actions.bind(parts_class())
    with pytest.raises(ValueError, match="bound twice"):
        actions.bind(parts_class())


def test_menus_follow_sections_and_positions_and_the_toolbar_its_order(qtbot) -> None:
    registry = CommandRegistry()
    make_owner(registry)
    # File > Export has no command of this registry, so it is not listed
    assert [getattr(entry, "name", entry) for entry in registry.in_menu(FILE)] == ["right", "left", None, "first"]
    toolbar = QToolBar()
    qtbot.addWidget(toolbar)
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = CommandActions(widget, registry)
    actions.build_toolbar(toolbar)
    assert [action.objectName() for action in toolbar.actions()] == ["wrap", "right"]


def test_a_command_is_enabled_when_its_owner_says_so(qtbot) -> None:
    registry = CommandRegistry()
    parts = make_owner(registry)()
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = CommandActions(widget, registry)
    actions.bind(parts)
    assert not actions["left"].isEnabled() and actions["right"].isEnabled()
    parts.can_go = True
    actions.update_enabled()
    assert actions["left"].isEnabled()
    actions["left"].trigger()
    assert parts.calls == [-1]
