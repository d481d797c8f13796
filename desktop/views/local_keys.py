"""A key that means something else inside one area of the window than in the rest of it.

The main window's Ctrl+N opens a new order from every page. A list of
stock documents uses Ctrl+N for a new document of its own, and two shortcuts
on one key make Qt fire neither ("Ambiguous shortcut overload"). LocalKey
takes the key before the shortcuts see it whenever the focus is inside its
area, so the window's shortcut keeps working everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class LocalKey(QObject):
    """Call `slot()` for `keys` pressed while the focus is on `area` or a widget inside it."""

    def __init__(self, area: QWidget, keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], object]) -> None:
        super().__init__(area)
        self.keys = keys
        self.slot = slot
        for widget in (area, *area.findChildren(QWidget)):
            widget.installEventFilter(self)

    def matches(self, event: QKeyEvent) -> bool:
        # Built per call: a QKeySequence of a standard key needs the application, which exists by now.
        pressed = QKeySequence(event.keyCombination())
        return pressed.matches(QKeySequence(self.keys)) == QKeySequence.SequenceMatch.ExactMatch

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.matches(event):
            # Taking the override turns the key into a plain key press, handled below.
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and self.matches(event):
            self.slot()
            return True
        return super().eventFilter(watched, event)
