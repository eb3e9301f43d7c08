"""Every command of the window with its keys, in one table the menus and the help dialog share.

Single-letter keys are ordinary window shortcuts: a QLineEdit claims printable keys through
Qt's ShortcutOverride, so while the search field has focus ``s`` types an "s" instead of
starring. A test checks exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

CONTEXT = "Shortcuts"


@dataclass(frozen=True)
class Command:
    """One window command: the name the window connects to, its menu text and its keys."""

    name: str
    text: str
    keys: tuple[str, ...] = ()
    help: str = ""  # description in the keyboard help; empty: not listed
    checkable: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("next_paper", QT_TRANSLATE_NOOP("Shortcuts", "&Next Paper"), ("J",),
            QT_TRANSLATE_NOOP("Shortcuts", "Next paper (also Down)")),
    Command("previous_paper", QT_TRANSLATE_NOOP("Shortcuts", "&Previous Paper"), ("K",),
            QT_TRANSLATE_NOOP("Shortcuts", "Previous paper (also Up)")),
    Command("next_day", QT_TRANSLATE_NOOP("Shortcuts", "Next &Day"), ("N",),
            QT_TRANSLATE_NOOP("Shortcuts", "Next day (down the date list)")),
    Command("previous_day", QT_TRANSLATE_NOOP("Shortcuts", "Previous D&ay"), ("P",),
            QT_TRANSLATE_NOOP("Shortcuts", "Previous day (up the date list)")),
    Command("toggle_star", QT_TRANSLATE_NOOP("Shortcuts", "&Star"), ("S",),
            QT_TRANSLATE_NOOP("Shortcuts", "Star or unstar the paper")),
    Command("toggle_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Read/Unread"), ("M",),
            QT_TRANSLATE_NOOP("Shortcuts", "Mark the paper read or unread")),
    Command("open_arxiv", QT_TRANSLATE_NOOP("Shortcuts", "&Open on arXiv"), ("O",),
            QT_TRANSLATE_NOOP("Shortcuts", "Open the paper on arXiv (also Enter)")),
    Command("find", QT_TRANSLATE_NOOP("Shortcuts", "&Find"), ("Ctrl+F", "/"),
            QT_TRANSLATE_NOOP("Shortcuts", "Search")),
    Command("leave_search", QT_TRANSLATE_NOOP("Shortcuts", "&Leave Search"), ("Esc",),
            QT_TRANSLATE_NOOP("Shortcuts", "Leave the search, back to where you were")),
    Command("zoom_in", QT_TRANSLATE_NOOP("Shortcuts", "&Larger Text"), ("Ctrl+=", "Ctrl++"),
            QT_TRANSLATE_NOOP("Shortcuts", "Larger text in the paper")),
    Command("zoom_out", QT_TRANSLATE_NOOP("Shortcuts", "&Smaller Text"), ("Ctrl+-",),
            QT_TRANSLATE_NOOP("Shortcuts", "Smaller text in the paper")),
    Command("zoom_reset", QT_TRANSLATE_NOOP("Shortcuts", "&Normal Size"), ("Ctrl+0",),
            QT_TRANSLATE_NOOP("Shortcuts", "Normal text size")),
    Command("mark_day_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &Day as Read")),
    Command("mark_all_read", QT_TRANSLATE_NOOP("Shortcuts", "Mark &All as Read…")),
    Command("hide_read", QT_TRANSLATE_NOOP("Shortcuts", "&Hide Read Papers"), ("Ctrl+H",),
            QT_TRANSLATE_NOOP("Shortcuts", "Hide or show read papers"), checkable=True),
    Command("sort_votes", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Votes"), checkable=True),
    Command("sort_date", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Date"), checkable=True),
    Command("sort_title", QT_TRANSLATE_NOOP("Shortcuts", "Sort by &Title"), checkable=True),
    Command("update_library", QT_TRANSLATE_NOOP("Shortcuts", "&Update Library"), ("F5",),
            QT_TRANSLATE_NOOP("Shortcuts", "Look for new and changed digests")),
    Command("add_folder", QT_TRANSLATE_NOOP("Shortcuts", "Add &Folder…"), ("Ctrl+O",),
            QT_TRANSLATE_NOOP("Shortcuts", "Add a folder of digests to the library")),
    Command("add_files", QT_TRANSLATE_NOOP("Shortcuts", "Add F&iles…")),
    Command("library", QT_TRANSLATE_NOOP("Shortcuts", "&Library…"), ("Ctrl+L",),
            QT_TRANSLATE_NOOP("Shortcuts", "The library's sources: counts, problems, remove")),
    Command("check_digests", QT_TRANSLATE_NOOP("Shortcuts", "&Check for New Digests…")),
    Command("export_starred", QT_TRANSLATE_NOOP("Shortcuts", "&Starred Papers…")),
    Command("export_day", QT_TRANSLATE_NOOP("Shortcuts", "This &Day…")),
    Command("export_search", QT_TRANSLATE_NOOP("Shortcuts", "Search &Results…")),
    Command("export_state", QT_TRANSLATE_NOOP("Shortcuts", "E&xport Reading State…")),
    Command("import_state", QT_TRANSLATE_NOOP("Shortcuts", "I&mport Reading State…")),
    Command("copy_bibtex", QT_TRANSLATE_NOOP("Shortcuts", "Copy &BibTeX"), ("Ctrl+Shift+C",),
            QT_TRANSLATE_NOOP("Shortcuts", "Copy the paper's BibTeX entry")),
    Command("show_problems", QT_TRANSLATE_NOOP("Shortcuts", "&Problems…")),
    Command("preferences", QT_TRANSLATE_NOOP("Shortcuts", "Pr&eferences…"), ("Ctrl+,",)),
    Command("quit", QT_TRANSLATE_NOOP("Shortcuts", "&Quit"), ("Ctrl+Q",),
            QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
    Command("keyboard_help", QT_TRANSLATE_NOOP("Shortcuts", "&Keyboard Shortcuts"), ("F1",),
            QT_TRANSLATE_NOOP("Shortcuts", "This list")),
    Command("about", QT_TRANSLATE_NOOP("Shortcuts", "&About Daily Papers Reader")),
)

# Menu titles and their commands in order; None is a separator, a (title, names) pair a submenu.
MenuEntry = str | None | tuple[str, tuple[str | None, ...]]
MENUS: tuple[tuple[str, tuple[MenuEntry, ...]], ...] = (
    (QT_TRANSLATE_NOOP("Shortcuts", "&File"),
     ("add_folder", "add_files", "library", None, "update_library", "check_digests", None,
      (QT_TRANSLATE_NOOP("Shortcuts", "&Export"), ("export_starred", "export_day", "export_search")),
      "export_state", "import_state", None, "preferences", None, "quit")),
    (QT_TRANSLATE_NOOP("Shortcuts", "&View"),
     ("hide_read", None, "sort_votes", "sort_date", "sort_title", None, "zoom_in", "zoom_out", "zoom_reset")),
    (QT_TRANSLATE_NOOP("Shortcuts", "&Go"),
     ("next_paper", "previous_paper", "next_day", "previous_day", None, "find", "leave_search")),
    (QT_TRANSLATE_NOOP("Shortcuts", "&Paper"),
     ("toggle_star", "toggle_read", "open_arxiv", "copy_bibtex", None, "mark_day_read", "mark_all_read")),
    (QT_TRANSLATE_NOOP("Shortcuts", "&Help"), ("keyboard_help", "show_problems", None, "about")),
)
SORT_COMMANDS = ("sort_votes", "sort_date", "sort_title")

# Keys handled by the widgets themselves, listed so the help is complete.
NATIVE_KEYS: tuple[tuple[str, str], ...] = (
    ("Down / Up", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous paper in the list")),
    ("Enter", QT_TRANSLATE_NOOP(
        "Shortcuts", "Open the paper on arXiv (in the list); go to the results (in the search field)")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """One QAction per command, owned by ``parent`` so its shortcuts work anywhere in the window."""
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        action = QAction(tr(command.text), parent)
        action.setObjectName(command.name)
        action.setShortcuts([QKeySequence(key) for key in command.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(command.checkable)
        parent.addAction(action)
        actions[command.name] = action
    return actions


def build_menus(menu_bar: QMenuBar, actions: dict[str, QAction]) -> None:
    """The menu bar from MENUS; the sort commands form one exclusive group."""
    for title, entries in MENUS:
        _fill_menu(menu_bar.addMenu(tr(title)), entries, actions)
    group = QActionGroup(menu_bar)
    for name in SORT_COMMANDS:
        group.addAction(actions[name])


def _fill_menu(menu: QMenu, entries: tuple[MenuEntry, ...], actions: dict[str, QAction]) -> None:
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, tuple):
            _fill_menu(menu.addMenu(tr(entry[0])), entry[1], actions)
        else:
            menu.addAction(actions[entry])


def help_rows() -> list[tuple[str, str]]:
    """(keys, description) rows of the keyboard help, translated, in menu order."""
    rows = []
    for command in COMMANDS:
        if command.help and command.keys:
            keys = " / ".join(
                QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in command.keys
            )
            rows.append((keys, tr(command.help)))
    rows.extend((keys, tr(text)) for keys, text in NATIVE_KEYS)
    return rows
