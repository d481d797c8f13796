"""Parts shared by the dialogs that post a document: the error line and the Post and Cancel buttons.

Ctrl+S, Ctrl+Enter and Ctrl+Return post from anywhere in the dialog, so a
keeper in the middle of a table does not have to leave it first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton

# Dark red that stays readable on the light and the dark Windows themes.
ERROR_STYLE = "QLabel { color: #b3261e; }"
POST_KEYS = (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter")


def error_label(dialog: QDialog, object_name: str) -> QLabel:
    """Return a wrapping red label for the dialog's last error."""
    label = QLabel(dialog)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def post_buttons(dialog: QDialog, text: str, object_name: str, post: Callable[[], object]) -> tuple[QDialogButtonBox, QPushButton]:
    """Return the dialog's button box with a Post button labelled `text` and Cancel; the post keys call `post()`.

    The Post button is no auto-default, so Enter in a table cell moves on
    instead of posting a half-typed document.
    """
    buttons = QDialogButtonBox(dialog)
    post_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    post_button.setObjectName(object_name)
    post_button.setAutoDefault(False)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(lambda: post())
    buttons.rejected.connect(dialog.reject)
    for keys in POST_KEYS:
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: post())
    return buttons, post_button
