"""Sign-in dialog: server address, user and password; opens the replica, offline when the server is down."""

from __future__ import annotations

import dataclasses
import logging
import pathlib
import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import user_message
from desktop.i18n import translate
from desktop.sync_controller import GUI_TRANSPORT_OPTIONS
from desktop.tasks import TaskControl, TaskRunner
from sync.client import ServerConnection, open_replica, sign_in
from sync.errors import AuthRequired, KeyringUnavailable, ServerUnreachable
from sync.replica import Replica

log = logging.getLogger(__name__)

# Width in pixels below which the sign-in message stops wrapping sensibly.
MESSAGE_MIN_WIDTH = 360


@dataclasses.dataclass
class SignInResult:
    replica: Replica
    server_url: str
    username: str
    # None when the server was unreachable and the last replica opened offline.
    connection: ServerConnection | None
    # Kept in memory only, to sign in when an offline start reaches the server.
    password: str | None
    keyring_warning: str | None = None

    @property
    def offline(self) -> bool:
        return self.connection is None


class NoLocalData(Exception):
    """The server is unreachable and this user has no replica on this computer yet."""


def default_replica_dir(base: pathlib.Path, server_url: str, username: str) -> pathlib.Path:
    """Return the data folder of one user at one server under `base`, so users never share a replica."""
    address = re.sub(r"^[a-z]+://", "", server_url.strip().rstrip("/"), flags=re.IGNORECASE)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{username}@{address}")
    return base / "accounts" / safe


def open_signed_in(data_dir: pathlib.Path, server_url: str, username: str, password: str | None) -> SignInResult:
    """Open the replica in `data_dir` and sign in; open it offline when the server is unreachable.

    `password` None signs in with the refresh token stored in the keyring.
    Raises NoLocalData when offline with no replica of this user, and the
    sync errors (AuthRequired, KeyringUnavailable, ...) otherwise.
    """
    replica = open_replica(data_dir)
    try:
        connection = sign_in(replica, server_url, username, password, transport_options=GUI_TRANSPORT_OPTIONS)
    except ServerUnreachable:
        state = replica.read_state()
        if state.user_id and state.username == username:
            log.warning("server %s unreachable; opening the replica %s offline", server_url, replica.path)
            return SignInResult(replica, server_url, username, None, password)
        replica.close()
        raise NoLocalData() from None
    except BaseException:
        replica.close()
        raise
    return SignInResult(replica, server_url, username, connection, password, connection.keyring_warning)


class LoginDialog(QDialog):
    """Collects the server, user and password, and signs in off the GUI thread.

    `data_dir_for(server_url, username)` names the data folder; `sign_in_result`
    contains the SignInResult after the dialog is accepted. With `replica`
    (sign in again while the window is open) it signs in on that replica
    and never opens it offline.
    """

    def __init__(self, data_dir_for: Callable[[str, str], pathlib.Path], server_url: str = "", username: str = "",
                 parent: QWidget | None = None, *, replica: Replica | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.data_dir_for = data_dir_for
        self.sign_in_result: SignInResult | None = None
        self.replica = replica
        self.tasks = TaskRunner(None, self, max_threads=1)

        self.server = QLineEdit(server_url, self)
        self.server.setObjectName("serverField")
        self.user = QLineEdit(username, self)
        self.user.setObjectName("userField")
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if replica is not None:
            self.server.setReadOnly(True)
            self.user.setReadOnly(True)

        self.server_label = QLabel(self)
        self.server_label.setBuddy(self.server)
        self.user_label = QLabel(self)
        self.user_label.setBuddy(self.user)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.server_label, self.server)
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)

        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(MESSAGE_MIN_WIDTH)
        self.message.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # The dialog never gets smaller than its contents, so a long wrapped
        # message grows the dialog instead of squashing the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if server_url and username else self.server).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("LoginDialog", "Sign in to Kaidan"))
        self.server_label.setText(translate("LoginDialog", "&Server:"))
        self.user_label.setText(translate("LoginDialog", "&User:"))
        self.password_label.setText(translate("LoginDialog", "&Password:"))
        self.server.setPlaceholderText(translate("LoginDialog", "for example http://192.168.1.10:8765"))
        self.user.setPlaceholderText(translate("LoginDialog", "user name"))
        self.password.setPlaceholderText(translate("LoginDialog", "empty: use the saved sign-in"))
        self.password.setToolTip(translate("LoginDialog", "Leave empty to sign in with the sign-in saved in the system's credential store"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("LoginDialog", "Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("LoginDialog", "Cancel"))
        self._fit_fields()

    def _fit_fields(self) -> None:
        """Make the fields wide enough for their placeholder texts in the current language."""
        metrics = self.password.fontMetrics()
        # Room for the frame, the text margins and the cursor.
        padding = 24
        width = max(metrics.horizontalAdvance(field.placeholderText()) for field in (self.server, self.user, self.password))
        for field in (self.server, self.user, self.password):
            field.setMinimumWidth(width + padding)

    def sign_in(self) -> None:
        server_url = self.server.text().strip()
        username = self.user.text().strip()
        password = self.password.text() or None
        if not server_url or not username:
            self.show_message(translate("LoginDialog", "Enter the server address and your user name."))
            return
        if not re.match(r"^https?://", server_url, flags=re.IGNORECASE):
            server_url = "http://" + server_url
            self.server.setText(server_url)
        data_dir = self.data_dir_for(server_url, username)
        self._set_busy(True)
        self.show_message(translate("LoginDialog", "Signing in..."))

        replica = self.replica

        def work(control: TaskControl) -> SignInResult:
            if replica is None:
                return open_signed_in(data_dir, server_url, username, password)
            connection = sign_in(replica, server_url, username, password, transport_options=GUI_TRANSPORT_OPTIONS)
            return SignInResult(replica, server_url, username, connection, password, connection.keyring_warning)

        self.tasks.run(work, on_result=self._signed_in, on_error=self._failed, cancellable=False)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.adjustSize()

    def _signed_in(self, result: SignInResult) -> None:
        self._set_busy(False)
        self.sign_in_result = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, NoLocalData):
            text = translate(
                "LoginDialog",
                "The server cannot be reached, and this user has no data on this computer yet. "
                "Check the address and the network; the first sign-in needs the server.",
            )
        elif isinstance(error, AuthRequired) and not self.password.text():
            text = translate("LoginDialog", "No saved sign-in for this user: enter the password.")
        elif isinstance(error, KeyringUnavailable):
            text = translate(
                "LoginDialog",
                "No credential store (keyring) is available on this computer, so no sign-in is saved: enter the password.",
            )
        else:
            text = user_message(error)
            if text is None:
                log.error("sign-in failed", exc_info=(type(error), error, error.__traceback__))
                text = translate("LoginDialog", "Sign-in failed unexpectedly: {error}").format(error=str(error))
        self.show_message(text)
        self.password.setFocus()
        self.password.selectAll()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password, self.buttons):
            widget.setEnabled(not busy)

    def done(self, code: int) -> None:
        self.tasks.wait_idle()
        super().done(code)
