"""The "Set password..." dialog of the users list: one online request, never a queued command.

A password must not wait in the outbox, where it would sit in the replica
file, so the dialog sends it straight to the server through the sync
controller's signed-in connection and reports plainly when there is none.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.messages import message_for
from sync.client import set_user_password
from sync.errors import ServerError, ServerUnreachable
from sync.protocol import MIN_PASSWORD_LENGTH

log = logging.getLogger(__name__)

# Lines of text reserved for the dialog's message. The longest English message wraps to this many at the
# dialog's minimum width (test_password_message_keeps_field_sizes checks it). A longer one grows the dialog.
MESSAGE_LINES = 3


class PasswordDialog(QDialog):
    """New password typed twice for `row`'s user; OK sends it off the GUI thread."""

    def __init__(self, context, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.context = context
        self.row = row
        self.busy = False
        self.setWindowTitle(translate("AdminPassword", "Set password of {username}").format(username=row["username"]))
        intro = QLabel(translate(
            "AdminPassword",
            "The new password takes effect on the server at once, and every computer of this user must sign in "
            "again. This needs a connection to the server.",
        ), self)
        intro.setWordWrap(True)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("repeatEdit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            translate("AdminPassword", "At least {minimum} characters").format(minimum=MIN_PASSWORD_LENGTH)
        )
        form = QFormLayout()
        shown_user = row["username"]
        if row.get("display_name"):
            shown_user = translate("AdminPassword", "{username} ({display_name})").format(
                username=row["username"], display_name=row["display_name"])
        user_label = QLabel(shown_user, self)
        user_label.setObjectName("passwordUser")
        user_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(translate("AdminPassword", "User:"), user_label)
        label = QLabel(translate("AdminPassword", "&New password:"), self)
        label.setBuddy(self.password_edit)
        form.addRow(label, self.password_edit)
        label = QLabel(translate("AdminPassword", "&Repeat:"), self)
        label.setBuddy(self.repeat_edit)
        form.addRow(label, self.repeat_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("passwordMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        # A word-wrapped label's height depends on its text, and the layout took the growth from the
        # password fields. Reserving room for the longest message keeps them at their natural height.
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message_label.setMinimumHeight(MESSAGE_LINES * self.message_label.fontMetrics().lineSpacing())
        for edit in (self.password_edit, self.repeat_edit):
            edit.setMinimumHeight(edit.sizeHint().height())
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(translate("AdminPassword", "Set password"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("setPasswordButton")
        self.ok_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(translate("AdminPassword", "Cancel"))
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.password_edit.setFocus()
        if not context.sync.online:
            self.message_label.setText(self.offline_text())

    @staticmethod
    def offline_text() -> str:
        # The status bar changes only at the next sync attempt, so the dialog tries the server itself on OK.
        return translate(
            "AdminPassword",
            "The last attempt to reach the server failed. Click Set password to try again now, "
            "or cancel and set the password when this computer is connected.",
        )

    @staticmethod
    def unreachable_text() -> str:
        return translate(
            "AdminPassword",
            "The server could not be reached, so the password was not changed. Your entries are kept: "
            "check the network connection and click Set password again, or cancel and try later.",
        )

    def send(self) -> None:
        """Check the two entries and send the password; the dialog closes when the server confirms."""
        if self.busy:
            return
        password = self.password_edit.text()
        if not password:
            self.message_label.setText(translate("AdminPassword", "Enter the new password."))
            self.password_edit.setFocus()
            return
        if len(password) < MIN_PASSWORD_LENGTH:
            self.message_label.setText(message_for("password_too_short", {"minimum": MIN_PASSWORD_LENGTH}))
            self.password_edit.setFocus()
            return
        if password != self.repeat_edit.text():
            self.message_label.setText(translate("AdminPassword", "The two entries differ; type the password again."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.message_label.clear()
        user_id = self.row["id"]

        def work(connection, control) -> None:
            set_user_password(connection, user_id, password)

        self.context.sync.run_with_connection(
            work, on_result=lambda _value: self._done(), on_error=self._failed,
            label=translate("AdminPassword", "Setting the password..."), parent=self,
            on_finished=self._finished,
        )

    def _finished(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)

    def _done(self) -> None:
        log.info("password of user %s set", self.row["id"])
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ServerUnreachable):
            log.info("setting the password of user %s failed: %s", self.row["id"], error)
            self.message_label.setText(self.unreachable_text())
            return
        if isinstance(error, ServerError) and error.code == "user_not_found":
            self.message_label.setText(translate(
                "AdminPassword",
                "The server does not know this user yet. Sync first (F5), then set the password.",
            ))
            return
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("setting the password of user %s failed: %s", self.row["id"], error)
        self.message_label.setText(message)
