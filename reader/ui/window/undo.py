"""Undo and Redo of the reader's own changes to stars and read marks (Edit > Undo, Ctrl+Z).

A change the reader makes (a star, an unstar, a read or unread mark of one paper, of the rest of a day,
of a day, of everything) is recorded with the flag each affected paper had before it; undoing it puts
exactly those values back, through the library, and redoing it makes the change again. Papers a
change did not alter (already read, already starred) are not part of it, so undoing never touches
them. A paper that becomes read because it was shown for a moment is not a change the reader made:
M takes that back.

The change itself is written by reading.py before it is recorded here, so a change that could not be
saved is never on the stack; an undo or redo that cannot be saved is dropped from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.ui.window.commands import EDIT, QT_TRANSLATE_NOOP, command, tr
from reader.ui.window.frame import WindowFrame

Flag = Literal["read", "starred"]
Write = Callable[[Flag, list[str], bool], bool]  # (flag, arXiv ids, value) -> saved


class FlagChange(QUndoCommand):
    """One change of one flag ("read" or "starred") to ``value`` on papers whose values were ``before``."""

    def __init__(self, text: str, write: Write, flag: Flag, before: dict[str, bool], value: bool) -> None:
        super().__init__(text)
        self._write = write
        self._flag = flag
        self._before = before
        self._value = value
        self._done = True  # pushed after the change was written: the first redo() is the push itself

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        if not self._write(self._flag, list(self._before), self._value):
            self.setObsolete(True)

    def undo(self) -> None:
        self._done = False
        saved = True
        for value in (True, False):
            ids = [arxiv_id for arxiv_id, before in self._before.items() if before == value]
            if ids:
                saved = self._write(self._flag, ids, value) and saved
        if not saved:
            self.setObsolete(True)


def _can_undo(history: ReadingHistory) -> bool:
    return history.writable() and history.stack.canUndo()


def _can_redo(history: ReadingHistory) -> bool:
    return history.writable() and history.stack.canRedo()


class ReadingHistory(QObject):
    """The undo stack of the reading state, and the Edit menu's Undo and Redo."""

    def __init__(self, window: WindowFrame, write: Write) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self._write = write
        for signal in (self.stack.indexChanged, self.stack.canUndoChanged, self.stack.canRedoChanged,
                       self.stack.undoTextChanged, self.stack.redoTextChanged):
            signal.connect(self._update_actions)

    def writable(self) -> bool:
        return not self.window.library.read_only

    def record(self, text: str, flag: Flag, before: dict[str, bool], value: bool) -> None:
        """A change just written: ``before`` holds the previous value of each paper it changed."""
        if before:
            self.stack.push(FlagChange(text, self._write, flag, before, value))

    @command("undo", QT_TRANSLATE_NOOP("Shortcuts", "&Undo"), keys=("Ctrl+Z",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Undo the last star or read mark"), menu=EDIT.at(1, 1),
             enabled=_can_undo)
    def undo(self) -> None:
        if _can_undo(self):
            text = self.stack.undoText()
            self.stack.undo()
            self.window.status(self.tr("Undone: {change}").format(change=text))

    @command("redo", QT_TRANSLATE_NOOP("Shortcuts", "&Redo"), keys=("Ctrl+Shift+Z",),
             help=QT_TRANSLATE_NOOP("Shortcuts", "Redo what was undone"), menu=EDIT.at(1, 2), enabled=_can_redo)
    def redo(self) -> None:
        if _can_redo(self):
            text = self.stack.redoText()
            self.stack.redo()
            self.window.status(self.tr("Redone: {change}").format(change=text))

    def _update_actions(self, *_signal_args: object) -> None:
        """Undo and Redo say what they would do, and are enabled only then (their keys too)."""
        for name, can, text, plain in (
                ("undo", _can_undo(self), self.stack.undoText(), QT_TRANSLATE_NOOP("Shortcuts", "&Undo")),
                ("redo", _can_redo(self), self.stack.redoText(), QT_TRANSLATE_NOOP("Shortcuts", "&Redo"))):
            action = self.window.commands[name]
            action.setEnabled(can)
            if can and text:
                action.setText(self.tr("{command} {change}").format(command=tr(plain), change=text))
            else:
                action.setText(tr(plain))
