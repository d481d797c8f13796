"""The `kaidan` command. Sub-commands dispatch to modules; with none it opens the desktop window."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP


def build_parser(language_override: str | None = None) -> argparse.ArgumentParser:
    """Return the parser of `kaidan`; its help prints in the language of `language_override`, else the OS locale's."""
    from desktop import cli_commands
    from desktop.gui_args import add_gui_arguments

    formatter_class = cli_commands.formatter_for(language_override)
    parser = cli_commands.TranslatedArgumentParser(
        prog="kaidan", formatter_class=formatter_class,
        description=QT_TRANSLATE_NOOP("CliHelp", "Kaidan (开单) client: sync and inspect the local replica."),
    )
    parser.add_argument("-v", "--verbose", action="store_true",
                        help=QT_TRANSLATE_NOOP("CliHelp", "log debug messages to stderr"))
    add_gui_arguments(parser)
    parser.add_argument("--self-test", action="store_true",
                        help=QT_TRANSLATE_NOOP(
                            "CliHelp",
                            "open a replica (a temporary one unless --data-dir names one), render a delivery note "
                            "to PDF, check its text and exit 0 when all of it worked",
                        ))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_commands.add_commands(subparsers, formatter_class)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop import cli_language

    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(cli_language.requested_language(argv))
    args = parser.parse_args(argv)
    # A sub-command prints what it finds as messages; log records reach the
    # terminal from ERROR up, and every level with -v.
    default_level = logging.WARNING if args.command is None else logging.ERROR
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else default_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # A kill point armed by KAIDAN_KILL_AT (fault tests) announces the exit it causes at any verbosity.
        logging.getLogger("sync.killpoints").setLevel(logging.WARNING)
    if args.self_test:
        from desktop.printing.self_test import run_self_test

        return run_self_test(args.gui_data_dir, args.gui_lang)
    if args.command is None:
        from desktop.app import run

        return run(args)
    from desktop.cli_messages import CliMessages

    cli_language.start_translations(getattr(args, "command_lang", None) or args.gui_lang)
    try:
        return args.handler(args, CliMessages())
    except BrokenPipeError:
        # The reader went away (`kaidan status | head -1`); that is not an error of ours.
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush meets no closed pipe and prints no traceback."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    raise SystemExit(main())
