"""Keyboard behaviour shared by the detail and editor dialogs: tab switching and the discard question on Esc."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
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


class DiscardQuestion:
    """Mixin of a QDialog that asks before Esc, Cancel or the close button discard changed fields.

    QDialog routes all three through reject(), which closes without asking.
    A dialog with a `values()` dict calls remember_shown_values() at the end
    of __init__; another one overrides is_modified(). Code that closes the
    dialog on purpose without asking calls done().
    """

    _shown_values: dict[str, Any] | None = None
    _closing_from_code = False

    def remember_shown_values(self) -> None:
        self._shown_values = self.values()

    def is_modified(self) -> bool:
        """Return True when a field differs from what the form showed when it opened."""
        return self._shown_values is not None and self.values() != self._shown_values

    def reject(self) -> None:
        if not self._closing_from_code and self.is_modified() and not confirm_discard(self):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the window's own close button asks: a close() from code (the
        # application closing its windows) must not wait for an answer.
        self._closing_from_code = not event.spontaneous()
        try:
            super().closeEvent(event)
        finally:
            self._closing_from_code = False
