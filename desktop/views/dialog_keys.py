"""Keyboard behaviour shared by the detail and editor dialogs: tab switching and the discard question on Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from desktop.i18n import translate

# Qt reports Ctrl+Shift+Tab as Backtab on some platforms and as Shift+Tab on others.
PREVIOUS_TAB_KEYS = ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+Backtab")


def install_tab_switching(window: QWidget, tabs: QTabWidget) -> list[QShortcut]:
    """Make Ctrl+Tab and Ctrl+Shift+Tab switch `tabs` from anywhere in `window`, wrapping around.

    A table with the focus would otherwise take Ctrl+Tab as a move to its
    next cell. A shortcut is delivered before the focused widget's key
    handler, so the tables never see the key.
    """
    def step(offset: int) -> None:
        count = tabs.count()
        if count:
            tabs.setCurrentIndex((tabs.currentIndex() + offset) % count)
            tabs.currentWidget().setFocus()

    shortcuts = [QShortcut(QKeySequence("Ctrl+Tab"), window, activated=lambda: step(1))]
    for keys in PREVIOUS_TAB_KEYS:
        shortcuts.append(QShortcut(QKeySequence(keys), window, activated=lambda: step(-1)))
    for shortcut in shortcuts:
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    return shortcuts


def confirm_discard(parent: QWidget) -> bool:
    """Ask "Discard changes?" and return True when the user chose to discard them."""
    answer = QMessageBox.question(
        parent,
        translate("DialogKeys", "Discard changes?"),
        translate("DialogKeys", "The changes in this form are not saved. Close it and discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
