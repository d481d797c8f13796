"""Start-up of the desktop: QApplication, fonts, language, sign-in, main window."""

from __future__ import annotations

import argparse
import logging
import pathlib
import sys

import platformdirs
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.sync_controller import SyncSettings
from desktop.views.login_dialog import LoginDialog, SignInResult, default_replica_dir
from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

ORGANIZATION = "Kaidan"
APPLICATION = "Kaidan"
DEFAULT_SERVER = "http://127.0.0.1:8765"


def create_application(language_override: str | None = None, argv: list[str] | None = None) -> tuple[QApplication, str]:
    """Return the QApplication (created once) with the CJK font registered and translations loaded, and the language."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    families = i18n.register_fonts()
    if families:
        # The bundled font comes after the platform's own, so Latin text keeps
        # the system look and Chinese always has glyphs.
        font = QFont(app.font())
        font.setFamilies([app.font().family(), *families])
        app.setFont(font)
    language = i18n.choose_language(language_override)
    if not i18n.install_translations(app, language):
        log.warning("showing English: the %s translation could not be loaded", language)
    return app, language


def data_dir_chooser(data_dir: str | None) -> "callable":
    if data_dir:
        fixed = pathlib.Path(data_dir).expanduser()
        return lambda server_url, username: fixed
    base = pathlib.Path(platformdirs.user_data_dir("kaidan", appauthor=False))
    return lambda server_url, username: default_replica_dir(base, server_url, username)


def sign_in_interactively(args: argparse.Namespace, password: str | None) -> SignInResult | None:
    settings = QSettings()
    server_url = args.gui_server or settings.value("last_server", DEFAULT_SERVER)
    username = args.gui_user or settings.value("last_user", "")
    dialog = LoginDialog(data_dir_chooser(args.gui_data_dir), str(server_url), str(username))
    if password is not None:
        dialog.password.setText(password)
        dialog.sign_in()
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.sign_in_result is None:
        return None
    result = dialog.sign_in_result
    settings.setValue("last_server", result.server_url)
    settings.setValue("last_user", result.username)
    return result


def open_main_window(result: SignInResult, language: str, sync_settings: SyncSettings | None = None) -> tuple[AppContext, MainWindow]:
    """Build the context and the main window for a signed-in (or offline) replica and start syncing."""
    context = AppContext(result.replica, result.server_url, result.username, language, sync_settings)
    window = MainWindow(context)
    if result.keyring_warning:
        window.show_notice(
            translate(
                "App",
                "No credential store (keyring) is available, so your sign-in is not saved; you will enter the password at the next start.",
            ),
            key="keyring",
        )

    def sign_in_again() -> None:
        dialog = LoginDialog(data_dir_chooser(None), result.server_url, result.username, window, replica=context.replica)
        if dialog.exec() == LoginDialog.DialogCode.Accepted and dialog.sign_in_result is not None:
            context.sync.set_credentials(dialog.sign_in_result.connection)

    window.sign_in_requested.connect(sign_in_again)
    context.sync.start(result.connection, result.password)
    return context, window


def run(args: argparse.Namespace) -> int:
    """Run the desktop until its window closes; return the process exit code."""
    app, language = create_application(args.gui_lang)
    password = None
    if args.gui_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    result = sign_in_interactively(args, password)
    if result is None:
        return 1
    context, window = open_main_window(result, language)
    if result.offline:
        log.info("opened %s offline", result.replica.path)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()
