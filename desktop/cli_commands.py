"""Options and help of `kaidan sync`, `kaidan status` and `kaidan verify`, translated when printed.

The help texts are English literals marked with QT_TRANSLATE_NOOP in the
context "CliHelp". TranslatedHelpFormatter translates them, and argparse's
own headings, only when argparse prints help or usage, so the language
needs to be known only by then (see desktop.cli_language).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop import cli_language
from desktop.i18n import LANGUAGES, translate
from sync import headless

# Texts that argparse itself prints (Python 3.11 argparse, English without a gettext catalog).
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("CliHelp", "usage: "),
    QT_TRANSLATE_NOOP("CliHelp", "positional arguments"),
    QT_TRANSLATE_NOOP("CliHelp", "options"),
    QT_TRANSLATE_NOOP("CliHelp", "show this help message and exit"),
)


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """Help formatter that prints descriptions, headings and option help in the user's language."""

    def __init__(self, prog: str, language_override: str | None = None, **kwargs) -> None:
        super().__init__(prog, **kwargs)
        self.language_override = language_override
        self._headings: set[str] = set()

    def _translate(self, text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS:
            return text
        # argparse builds a formatter while options are added, long before
        # any help is printed, so the translator is installed only here.
        cli_language.start_translations(self.language_override)
        return translate("CliHelp", text)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, self._translate("usage: ") if prefix is None else prefix)

    def start_section(self, heading) -> None:
        translated = self._translate(heading)
        if translated:
            self._headings.add(translated)
        super().start_section(translated)

    def format_help(self) -> str:
        text = super().format_help()
        # argparse ends each section heading with an ASCII colon; Chinese takes a full-width one.
        for heading in self._headings:
            ending = translate("CliHelp", "{heading}:").format(heading=heading)
            text = re.sub(rf"^(\s*){re.escape(heading)}:$", lambda match: match[1] + ending, text, flags=re.M)
        return text

    def add_text(self, text) -> None:
        super().add_text(self._translate(text))

    def _get_help_string(self, action) -> str:
        return self._translate(action.help)


class TranslatedArgumentParser(argparse.ArgumentParser):
    """Argument parser that prints argparse's usage errors in the user's language."""

    def error(self, message: str):
        formatter = self._get_formatter()
        language_override = getattr(formatter, "language_override", None)
        cli_language.start_translations(language_override)
        self.print_usage(sys.stderr)
        line = translate("CliHelp", "{program}: error: {message}").format(
            program=self.prog, message=translate_argparse_error(message)
        )
        self.exit(2, line + "\n")


def translate_argparse_error(message: str) -> str:
    """Return a usage error of Python 3.11's argparse in the installed language; an unknown one stays as it is."""
    match = re.fullmatch(r"the following arguments are required: (.+)", message)
    if match:
        return translate("CliHelp", "the following arguments are required: {arguments}").format(arguments=match[1])
    match = re.fullmatch(r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)", message)
    if match:
        return translate("CliHelp", "argument {argument}: invalid choice: {value} (choose from {choices})").format(
            argument=match[1], value=match[2], choices=match[3]
        )
    match = re.fullmatch(r"argument (\S+): expected one argument", message)
    if match:
        return translate("CliHelp", "argument {argument}: expected one argument").format(argument=match[1])
    match = re.fullmatch(r"unrecognized arguments: (.+)", message)
    if match:
        return translate("CliHelp", "unrecognized arguments: {arguments}").format(arguments=match[1])
    return message


def formatter_for(language_override: str | None):
    """Return the formatter_class argument that prints help in the language of `language_override` or the OS."""
    return functools.partial(TranslatedHelpFormatter, language_override=language_override)


def add_commands(subparsers, formatter_class) -> None:
    """Add the sync, status and verify sub-commands; each runs its handler from sync.headless."""
    sync_parser = subparsers.add_parser(
        "sync",
        formatter_class=formatter_class,
        help=QT_TRANSLATE_NOOP("CliHelp", "push this device's queued commands, then pull the server's changes"),
        description=QT_TRANSLATE_NOOP(
            "CliHelp",
            "Send the changes saved on this device to the server, then download the server's changes made since "
            "the last sync. The password is read from stdin when stdin is not a terminal; otherwise the sign-in "
            "token in the keyring is used, or the password is asked for.",
        ),
    )
    _add_server_options(sync_parser, creates_folder=True)
    sync_parser.set_defaults(handler=headless.run_sync_command)

    status_parser = subparsers.add_parser(
        "status",
        formatter_class=formatter_class,
        help=QT_TRANSLATE_NOOP("CliHelp", "show the server, the unsynced changes, the last sync and the records per table"),
        description=QT_TRANSLATE_NOOP(
            "CliHelp",
            "Show what the local replica contains without contacting the server: the server and user it belongs "
            "to, the changes not yet accepted by the server, the time of the last sync and the records per table.",
        ),
    )
    status_parser.add_argument(
        "--data-dir", required=True, help=QT_TRANSLATE_NOOP("CliHelp", "folder holding the replica (must exist)")
    )
    status_parser.add_argument(
        "--json", action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CliHelp",
            'print one JSON object: {"server", "user", "device", "last_sync", "cursor", "unsynced", "refused", '
            '"last_error", "rows"}; last_sync is ISO 8601 UTC or null',
        ),
    )
    _add_language_option(status_parser)
    status_parser.set_defaults(handler=headless.run_status_command)

    verify_parser = subparsers.add_parser(
        "verify",
        formatter_class=formatter_class,
        help=QT_TRANSLATE_NOOP("CliHelp", "check that the local replica equals the server's data"),
        description=QT_TRANSLATE_NOOP(
            "CliHelp",
            "Compare the replica with the server's checksums for this user's data. Exit status: 0 when they "
            "are equal; 1 when they differ although this computer has fetched every change, listing the rows "
            "that differ; 2 when the check failed; 4 when this computer has not fetched the server's latest "
            "changes yet (run `kaidan sync`, then verify again).",
        ),
    )
    _add_server_options(verify_parser, creates_folder=False)
    verify_parser.set_defaults(handler=headless.run_verify_command)


def _add_server_options(parser: argparse.ArgumentParser, creates_folder: bool) -> None:
    parser.add_argument("--server", required=True, help=QT_TRANSLATE_NOOP("CliHelp", "server URL, e.g. http://127.0.0.1:8765"))
    parser.add_argument("--user", required=True, help=QT_TRANSLATE_NOOP("CliHelp", "user name to sign in as"))
    if creates_folder:
        folder_help = QT_TRANSLATE_NOOP("CliHelp", "folder holding the replica (created if missing)")
    else:
        folder_help = QT_TRANSLATE_NOOP("CliHelp", "folder holding the replica (must exist)")
    parser.add_argument("--data-dir", required=True, help=folder_help)
    _add_language_option(parser)


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    # Its own dest: a sub-command's default would otherwise overwrite the `kaidan --lang` given before it.
    parser.add_argument(
        "--lang", dest="command_lang", choices=LANGUAGES,
        help=QT_TRANSLATE_NOOP("CliHelp", "language of the messages (default: the operating system's locale)"),
    )
