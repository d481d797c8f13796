"""Options of `kaidan` with no sub-command, which opens the desktop window.

The help texts are English literals marked for translation in the context
"CliHelp"; desktop.cli_commands.TranslatedHelpFormatter translates them
when help is printed.
"""

from __future__ import annotations

import argparse

from PySide6.QtCore import QT_TRANSLATE_NOOP


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(QT_TRANSLATE_NOOP("CliHelp", "desktop window (no COMMAND)"))
    group.add_argument("--server", dest="gui_server", metavar="URL",
                       help=QT_TRANSLATE_NOOP(
                           "CliHelp",
                           "server address to sign in to, e.g. http://127.0.0.1:8765 (default: the last one used)"))
    group.add_argument("--user", dest="gui_user", metavar="NAME",
                       help=QT_TRANSLATE_NOOP("CliHelp", "user name to sign in as (default: the last one used)"))
    group.add_argument("--data-dir", dest="gui_data_dir", metavar="DIR",
                       help=QT_TRANSLATE_NOOP(
                           "CliHelp",
                           "folder of the local replica (default: one folder per user and server in the user data "
                           "directory)"))
    group.add_argument("--lang", dest="gui_lang", choices=("en", "zh_CN"),
                       help=QT_TRANSLATE_NOOP(
                           "CliHelp",
                           "language of the window, and of a COMMAND's messages (default: the operating system's "
                           "locale)"))
    group.add_argument("--password-stdin", dest="gui_password_stdin", action="store_true",
                       help=QT_TRANSLATE_NOOP(
                           "CliHelp",
                           "read the password from the first line of stdin and sign in at once (for scripts)"))
