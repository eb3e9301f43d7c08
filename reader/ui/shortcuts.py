"""Every command of the window with its keys, in one table the menus and the help dialog share.

Single-letter keys are ordinary window shortcuts: a QLineEdit claims printable keys through
Qt's ShortcutOverride, so while the search field has focus ``s`` types an "s" instead of
starring. A test checks exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

CONTEXT = "Shortcuts"


def _noop(text: str) -> str:
    """Marks a string for translation; it is translated where it is shown (QT_TRANSLATE_NOOP)."""
    return text


@dataclass(frozen=True)
class Command:
    """One window command: the name the window connects to, its menu text and its keys."""

    name: str
    text: str
    keys: tuple[str, ...] = ()
    help: str = ""  # description in the keyboard help; empty: not listed
    checkable: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("next_paper", _noop("&Next Paper"), ("J",), _noop("Next paper (also Down)")),
    Command("previous_paper", _noop("&Previous Paper"), ("K",), _noop("Previous paper (also Up)")),
    Command("next_day", _noop("Next &Day"), ("N",), _noop("Next day (down the date list)")),
    Command("previous_day", _noop("Previous D&ay"), ("P",), _noop("Previous day (up the date list)")),
    Command("toggle_star", _noop("&Star"), ("S",), _noop("Star or unstar the paper")),
    Command("toggle_read", _noop("Mark &Read/Unread"), ("M",), _noop("Mark the paper read or unread")),
    Command("open_arxiv", _noop("&Open on arXiv"), ("O",), _noop("Open the paper on arXiv (also Enter)")),
    Command("find", _noop("&Find"), ("Ctrl+F", "/"), _noop("Search")),
    Command("leave_search", _noop("&Leave Search"), ("Esc",), _noop("Leave the search, back to where you were")),
    Command("zoom_in", _noop("&Larger Text"), ("Ctrl+=", "Ctrl++"), _noop("Larger text in the paper")),
    Command("zoom_out", _noop("&Smaller Text"), ("Ctrl+-",), _noop("Smaller text in the paper")),
    Command("zoom_reset", _noop("&Normal Size"), ("Ctrl+0",), _noop("Normal text size")),
    Command("mark_day_read", _noop("Mark &Day as Read")),
    Command("mark_all_read", _noop("Mark &All as Read…")),
    Command("hide_read", _noop("&Hide Read Papers"), ("Ctrl+H",), _noop("Hide or show read papers"),
            checkable=True),
    Command("sort_votes", _noop("Sort by &Votes"), checkable=True),
    Command("sort_date", _noop("Sort by &Date"), checkable=True),
    Command("sort_title", _noop("Sort by &Title"), checkable=True),
    Command("update_library", _noop("&Update Library"), ("F5",), _noop("Look for new and changed digests")),
    Command("add_folder", _noop("Add &Folder…"), ("Ctrl+O",), _noop("Add a folder of digests to the library")),
    Command("add_files", _noop("Add F&iles…")),
    Command("library", _noop("&Library…"), ("Ctrl+L",), _noop("The library's sources: counts, problems, remove")),
    Command("check_digests", _noop("&Check for New Digests…")),
    Command("export_starred", _noop("&Starred Papers…")),
    Command("export_day", _noop("This &Day…")),
    Command("export_search", _noop("Search &Results…")),
    Command("export_state", _noop("E&xport Reading State…")),
    Command("import_state", _noop("I&mport Reading State…")),
    Command("copy_bibtex", _noop("Copy &BibTeX"), ("Ctrl+Shift+C",), _noop("Copy the paper's BibTeX entry")),
    Command("show_problems", _noop("&Problems…")),
    Command("preferences", _noop("Pr&eferences…"), ("Ctrl+,",)),
    Command("quit", _noop("&Quit"), ("Ctrl+Q",), _noop("Quit")),
    Command("keyboard_help", _noop("&Keyboard Shortcuts"), ("F1",), _noop("This list")),
    Command("about", _noop("&About Daily Papers Reader")),
)

# Menu titles and their commands in order; None is a separator, a (title, names) pair a submenu.
MenuEntry = str | None | tuple[str, tuple[str | None, ...]]
MENUS: tuple[tuple[str, tuple[MenuEntry, ...]], ...] = (
    (_noop("&File"), ("add_folder", "add_files", "library", None, "update_library", "check_digests", None,
                      (_noop("&Export"), ("export_starred", "export_day", "export_search")),
                      "export_state", "import_state", None, "preferences", None, "quit")),
    (_noop("&View"), ("hide_read", None, "sort_votes", "sort_date", "sort_title", None,
                      "zoom_in", "zoom_out", "zoom_reset")),
    (_noop("&Go"), ("next_paper", "previous_paper", "next_day", "previous_day", None, "find", "leave_search")),
    (_noop("&Paper"), ("toggle_star", "toggle_read", "open_arxiv", "copy_bibtex", None, "mark_day_read",
                       "mark_all_read")),
    (_noop("&Help"), ("keyboard_help", "show_problems", None, "about")),
)
SORT_COMMANDS = ("sort_votes", "sort_date", "sort_title")

# Keys handled by the widgets themselves, listed so the help is complete.
NATIVE_KEYS: tuple[tuple[str, str], ...] = (
    ("Down / Up", _noop("Next / previous paper in the list")),
    ("Enter", _noop("Open the paper on arXiv (in the list); go to the results (in the search field)")),
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
