"""User-visible errors: each kind has one translated message, and bugs get a details dialog.

Views never build error text themselves: they pass the exception a task
delivered to `show_error`, which separates expected failures (server down, wrong
password, a rejected command) from bugs. A bug shows a short apology with
the traceback behind "Show Details...", and is logged with it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import translate
from desktop.messages import message_for
from desktop.sync_error_messages import sync_error_message
from domain.commands.framework import CommandError
from sync import errors as sync_errors

log = logging.getLogger(__name__)

CONTEXT = "Errors"


class UserError(Exception):
    """An expected failure with a message a user can act on; never a bug."""

    def user_message(self) -> str:
        return str(self)


class TaskCancelled(UserError):
    """The user cancelled a running task; views ignore it."""

    def user_message(self) -> str:
        return translate("Errors", "The operation was cancelled.")


class OfflineError(UserError):
    """The work needs the server, and the app is offline."""

    def user_message(self) -> str:
        return translate("Errors", "The server cannot be reached. Kaidan keeps working offline and syncs when the server is back.")


class NotSignedInError(UserError):
    """The replica has never been synced, so it has no user or device yet."""

    def user_message(self) -> str:
        return translate("Errors", "Sign in to the server once before working offline.")


def user_message(error: BaseException) -> str | None:
    """Return the translated message for an expected error, or None when `error` is a bug."""
    if isinstance(error, UserError):
        return error.user_message()
    if isinstance(error, CommandError):
        return message_for(error.code, error.params)
    if isinstance(error, sync_errors.ServerUnreachable):
        return translate("Errors", "The server cannot be reached. Kaidan keeps working offline and syncs when the server is back.")
    if isinstance(error, sync_errors.UserInactive):
        return translate("Errors", "This user is deactivated; ask an administrator.")
    if isinstance(error, sync_errors.AuthRequired):
        return translate("Errors", "Sign-in failed: check the user name and password, then sign in again.")
    if isinstance(error, sync_errors.KeyringUnavailable):
        return translate(
            "Errors",
            "No credential store (keyring) is available, so Kaidan cannot remember your sign-in. "
            "You will be asked for your password at each start.",
        )
    if isinstance(error, sync_errors.ServerTooOld):
        return translate(
            "Errors",
            "The server runs an older version of Kaidan than this computer. "
            "Ask your administrator to update the server; your changes stay queued until then.",
        )
    if isinstance(error, sync_errors.UpdateRequired):
        return translate("Errors", "The server needs a newer version of Kaidan. Install the update, then sign in again.")
    if isinstance(error, sync_errors.ServerError):
        return message_for(error.code, error.params)
    if isinstance(error, sync_errors.SyncError):
        # An invalid address or a data folder of another server or user has a translated message that
        # names the values; other engine errors show the engine's English text.
        reason = sync_error_message(error) or str(error)
        return translate("Errors", "Sync failed: {reason}").format(reason=reason)
    return None


def is_bug(error: BaseException) -> bool:
    return user_message(error) is None


def show_error_in(parent: QWidget | None, show: Callable[[str], object], error: BaseException) -> str | None:
    """Pass an expected error's message to `show` (a label's setText), or open the error dialog for a bug.

    Returns the message, or None for a bug, so the caller can log what failed.
    """
    message = user_message(error)
    if message is None:
        show_error(parent, error)
    else:
        show(message)
    return message


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """Show `error` in a message box: its message when expected, an apology with details when a bug."""
    if isinstance(error, TaskCancelled):
        return
    message = user_message(error)
    box = QMessageBox(parent)
    box.setWindowTitle(title or translate("Errors", "Kaidan"))
    if message is not None:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(message)
    else:
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.error("unexpected error shown to the user:\n%s", details)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(translate("Errors", "Something went wrong. Your saved work is safe. Please send the details to support."))
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
