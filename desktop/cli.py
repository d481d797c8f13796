"""The `kaidan` command. Sub-commands dispatch to modules; with none it opens the desktop window."""

from __future__ import annotations

import argparse
import logging
import sys


def build_parser() -> argparse.ArgumentParser:
    from sync import headless

    parser = argparse.ArgumentParser(prog="kaidan", description="Kaidan (开单) client: sync and inspect the local replica.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    from desktop.gui_args import add_gui_arguments

    add_gui_arguments(parser)
    parser.add_argument("--self-test", action="store_true",
                        help="open a replica (a temporary one unless --data-dir names one), render a delivery note "
                             "to PDF, check its text and exit 0 when all of it worked")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    headless.add_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.self_test:
        from desktop.printing.self_test import run_self_test

        return run_self_test(args.gui_data_dir)
    if args.command is None:
        from desktop.app import run

        return run(args)
    try:
        return args.handler(args)
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
