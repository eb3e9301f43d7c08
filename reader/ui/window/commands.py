"""The window's commands, each declared once, next to its handler; menus, shortcuts, the toolbar and
the keyboard help (F1) are built from the declarations.

A handler declares its command with ``@command``::

    @command("toggle_star", QT_TRANSLATE_NOOP("Shortcuts", "&Star"), keys=("S",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Star or unstar the paper"), menu=PAPER.at(1, 1))
    def toggle_star(self) -> None: ...

Importing the handler's module records the Command in ``COMMANDS``. The window then makes one
QAction per declared command (``CommandActions``), connects each action to the handler on the object
that has it (``bind``), and fills the menu bar from the places the commands give: a place is
(menu, section, position), and a line separates the sections of a menu. A test fails when a declared
command has no handler in the window, or a menu or toolbar item is not a declared command.

Single-letter keys are ordinary window shortcuts: a QLineEdit claims printable keys through
Qt's ShortcutOverride, so while the search field has focus ``s`` types an "s" instead of
starring. A test checks exactly that. Space (Next Unread) is one too; a focused button claims it
the same way (``ButtonsKeepSpace``), so Space still presses the button under the keyboard focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar, QToolBar, QWidget

CONTEXT = "Shortcuts"  # the translation context of every command, menu and key text here

Handler = TypeVar("Handler", bound=Callable[..., Any])


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Qt's QT_TRANSLATE_NOOP with types: marks ``source`` for translation and returns it unchanged.

    pyside6-lupdate finds the strings by the function's name, so the name must stay as it is; the
    text is translated where it is shown (``tr``). PySide6's own is typed ``-> object``.
    """
    return source


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, eq=False)
class Menu:
    """A menu of the menu bar, or a submenu at ``place`` in another menu."""

    title: str
    place: Place | None = None

    def at(self, section: int, position: int) -> Place:
        """A place in this menu: sections are separated by a line, positions order a section."""
        return Place(self, section, position)


@dataclass(frozen=True)
class Place:
    menu: Menu
    section: int
    position: int


FILE = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&File"))
EXPORT = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&Export"), FILE.at(3, 1))
EDIT = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&Edit"))
VIEW = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&View"))
GO = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&Go"))
PAPER = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&Paper"))
HELP = Menu(QT_TRANSLATE_NOOP("Shortcuts", "&Help"))
MENUS: tuple[Menu, ...] = (FILE, EXPORT, EDIT, VIEW, GO, PAPER, HELP)
MENU_BAR: tuple[Menu, ...] = tuple(menu for menu in MENUS if menu.place is None)  # left to right
HELP_ORDER: tuple[Menu, ...] = (GO, PAPER, EDIT, VIEW, FILE, HELP)  # the keyboard help: reading keys first

# Keys handled by the widgets themselves, listed so the help is complete.
NATIVE_KEYS: tuple[tuple[str, str], ...] = (
    ("Down / Up", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous paper in the list")),
    ("Enter", QT_TRANSLATE_NOOP(
        "Shortcuts", "Open the paper on arXiv (in the list); go to the results (in the search field)")),
)


@dataclass(frozen=True)
class Command:
    """One user command: its name, texts, keys and places, and the function that carries it out."""

    name: str  # the QAction's object name; window.commands[name] is its action
    text: str  # menu text, translated when shown
    handler: Callable[..., Any]  # the function as declared in its class; bound to an owner by CommandActions
    keys: tuple[str, ...] = ()
    help: str = ""  # description in the keyboard help; empty: not listed
    menu: Place | None = None
    toolbar: int | None = None  # position in the window's toolbar, after the search field; None: not there
    checkable: bool = False
    group: str = ""  # checkable commands of one group are exclusive: checking one unchecks the others
    on_toggle: bool = False  # the handler gets the checked state, also when the window sets it
    args: tuple[Any, ...] = ()  # passed to the handler: several commands can share one
    enabled: Callable[[Any], bool] | None = None  # given the handler's owner; None: always enabled


class CommandRegistry(Mapping[str, Command]):
    """The declared commands by name, in the order they were declared."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def command(
        self,
        name: str,
        text: str,
        *,
        keys: tuple[str, ...] = (),
        help: str = "",  # noqa: A002 - the field's name
        menu: Place | None = None,
        toolbar: int | None = None,
        checkable: bool = False,
        group: str = "",
        on_toggle: bool = False,
        args: tuple[Any, ...] = (),
        enabled: Callable[[Any], bool] | None = None,
    ) -> Callable[[Handler], Handler]:
        """Decorator: declare the command the decorated method carries out (it may carry several)."""

        def declare(handler: Handler) -> Handler:
            self.add(Command(name, text, handler, keys, help, menu, toolbar, checkable, group, on_toggle,
                             args, enabled))
            return handler

        return declare

    def add(self, command: Command) -> None:
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} is declared twice")
        self._commands[command.name] = command

    def __getitem__(self, name: str) -> Command:
        return self._commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)

    def in_menu(self, menu: Menu) -> list[Command | Menu | None]:
        """What ``menu`` lists, in order: commands, submenus (those with entries), and None for the line
        between sections."""
        placed: list[tuple[Place, Command | Menu]] = [
            (command.menu, command) for command in self.values() if command.menu and command.menu.menu is menu]
        placed += [(sub.place, sub) for sub in MENUS if sub.place and sub.place.menu is menu and self.in_menu(sub)]
        placed.sort(key=lambda entry: (entry[0].section, entry[0].position))
        entries: list[Command | Menu | None] = []
        for index, (place, entry) in enumerate(placed):
            if index and place.section != placed[index - 1][0].section:
                entries.append(None)
            entries.append(entry)
        return entries

    def help_rows(self) -> list[tuple[str, str]]:
        """(keys, description) rows of the keyboard help, translated: menu by menu (HELP_ORDER), then the
        keys the widgets handle themselves."""
        listed = [command for command in self.values() if command.help and command.keys]
        listed.sort(key=lambda command: _help_key(command.menu))
        rows = [(" / ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
                            for key in command.keys), tr(command.help)) for command in listed]
        rows.extend((keys, tr(text)) for keys, text in NATIVE_KEYS)
        return rows


def _help_key(place: Place | None) -> tuple[int, ...]:
    """Where a place comes in the keyboard help: its menu's rank in HELP_ORDER, then section and position."""
    if place is None:
        return (len(HELP_ORDER),)
    menu = place.menu
    outer = _help_key(menu.place) if menu.place else (HELP_ORDER.index(menu),)
    return (*outer, place.section, place.position)


COMMANDS = CommandRegistry()
command = COMMANDS.command


class CommandActions(Mapping[str, QAction]):
    """One QAction per declared command, owned by the window so its shortcuts work anywhere in it.

    ``bind(owner)`` connects the actions whose handlers are methods of the owner's class; menus and the
    toolbar are filled from the declared places. ``window.commands[name]`` is the action of a command.
    """

    def __init__(self, window: QWidget, registry: CommandRegistry = COMMANDS) -> None:
        self._registry = registry
        self._actions: dict[str, QAction] = {}
        self._owners: dict[str, object] = {}
        groups: dict[str, QActionGroup] = {}
        for command in registry.values():
            action = QAction(tr(command.text), window)
            action.setObjectName(command.name)
            action.setShortcuts([QKeySequence(key) for key in command.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(command.checkable)
            if command.group:
                groups.setdefault(command.group, QActionGroup(window)).addAction(action)
            window.addAction(action)
            self._actions[command.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def bind(self, owner: object) -> list[str]:
        """Connect every command whose handler is a method of ``owner``'s class; the names bound."""
        classes = type(owner).__mro__
        bound = []
        for command in self._registry.values():
            name = command.handler.__name__
            if not any(vars(cls).get(name) is command.handler for cls in classes):
                continue
            if command.name in self._owners:
                raise ValueError(f"command {command.name!r} is bound twice")
            self._owners[command.name] = owner
            method = getattr(owner, name)
            action = self._actions[command.name]
            if command.on_toggle:
                action.toggled.connect(method)
            elif command.args:
                action.triggered.connect(lambda _checked=False, run=method, args=command.args: run(*args))
            else:
                action.triggered.connect(method)
            bound.append(command.name)
        self.update_enabled()
        return bound

    def unbound(self) -> list[str]:
        """Declared commands no owner has been bound for: a menu item or key that would do nothing."""
        return [name for name in self._registry if name not in self._owners]

    def update_enabled(self) -> None:
        """Enable or disable the commands that declare when they can run (also done when a menu opens)."""
        for name, command in self._registry.items():
            owner = self._owners.get(name)
            if command.enabled is not None and owner is not None:
                self._actions[name].setEnabled(command.enabled(owner))

    def context_menu(self, names: tuple[str | None, ...], parent: QWidget) -> QMenu:
        """A right-click menu of these commands (None: a line), with their keys shown, enabled as in the menus."""
        self.update_enabled()
        menu = QMenu(parent)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                action = self._actions[name]
                action.setShortcutVisibleInContextMenu(True)
                menu.addAction(action)
        return menu

    def build_menus(self, menu_bar: QMenuBar) -> None:
        """The menu bar from the places the commands declared."""
        for menu in MENU_BAR:
            self._fill_menu(menu_bar.addMenu(tr(menu.title)), menu)

    def _fill_menu(self, qmenu: QMenu, menu: Menu) -> None:
        qmenu.aboutToShow.connect(self.update_enabled)
        for entry in self._registry.in_menu(menu):
            if entry is None:
                qmenu.addSeparator()
            elif isinstance(entry, Menu):
                self._fill_menu(qmenu.addMenu(tr(entry.title)), entry)
            else:
                qmenu.addAction(self._actions[entry.name])

    def build_toolbar(self, toolbar: QToolBar) -> None:
        """Add the commands that declared a toolbar position, in that order."""
        placed = sorted((command.toolbar, command.name) for command in self._registry.values()
                        if command.toolbar is not None)
        for _position, name in placed:
            toolbar.addAction(self._actions[name])


class ButtonsKeepSpace(QObject):
    """Lets a focused button take Space (it presses the button) before the Space window shortcut does."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            event.accept()  # the key goes to the button as a key press
        return False

    def install(self, window: QWidget) -> None:
        """On every button of the window as it is now (the panes' buttons exist when the window is built)."""
        for button in window.findChildren(QAbstractButton):
            button.installEventFilter(self)
