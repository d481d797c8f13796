"""Helpers of the desktop tests: open the main window on a replica and wait for it."""

from __future__ import annotations

from desktop.app import open_main_window
from desktop.views.login_dialog import SignInResult
from sync.client import sign_in
from sync.errors import ServerUnreachable


def open_window(qtbot, replica, server_url: str, username: str, *, online: bool, language: str = "en", settings=None):
    """Open the main window on `replica`, signed in when `online`.

    Offline, the window starts as after an unreachable server, but its sync
    controller still retries `server_url` in the background.
    """
    connection = None
    if online:
        connection = sign_in(replica, server_url, username)
    result = SignInResult(replica, server_url, username, connection, None)
    context, window = open_main_window(result, language, settings)
    qtbot.addWidget(window)
    window.show()
    return context, window


def close_window(context, window) -> None:
    window.close()
    context.sync.stop()
    context.tasks.cancel_all()
    context.tasks.wait_idle()
