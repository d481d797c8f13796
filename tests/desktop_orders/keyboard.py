"""Sending keys as a user's keyboard would: to the focused widget, or to the completer popup while it is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def target():
    """Return the widget a real keyboard reaches: the completer popup while it is open."""
    widget = QApplication.focusWidget()
    completer = widget.completer() if widget is not None and hasattr(widget, "completer") else None
    if completer is not None and completer.popup().isVisible():
        return completer.popup()
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    qtbot.keyClick(target(), key, modifier)
    qtbot.wait(20)


def type_text(qtbot, typed: str):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    qtbot.keyClicks(target(), typed)
    qtbot.wait(20)


def wait_cell(qtbot, editor, row: int, column: int):
    """Wait until the grid of `editor` edits the cell (row, column) and its editor has the focus."""
    grid = editor.grid
    if QApplication.activeWindow() is None:
        editor.activateWindow()
        qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: (grid.currentIndex().row(), grid.currentIndex().column()) == (row, column)
                    and grid.state() == grid.State.EditingState
                    and QApplication.focusWidget() is grid.indexWidget(grid.currentIndex()), timeout=10_000)


def refocus(qtbot, window) -> None:
    """Give `window` the keyboard again after a dialog closed, as a desktop's window manager would.

    The offscreen platform gives no window the focus back when a dialog that
    took it closes, such as the progress dialog a slow save shows under load.
    """
    if QApplication.focusWidget() is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
