"""The language of the headless sub-commands: the OS locale, or `--lang`, as for the desktop window.

The sub-commands need no widgets, so a QCoreApplication carries the
translator. It is created only for a sub-command or a help text, because
the desktop window needs a QApplication and Qt allows one application
object per process.
"""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication

from desktop import i18n

log = logging.getLogger(__name__)

# The application object and its language once translations are installed; kept so Python never collects it.
_started: tuple[QCoreApplication, str] | None = None


def requested_language(argv: list[str]) -> str | None:
    """Return the value of the first valid `--lang` in `argv`, before or after the sub-command, or None.

    Help must be printed in the right language while argparse is still
    parsing, so this reads `--lang` ahead of the real parser. The real
    parser rejects an invalid value; here it only counts as absent.
    """
    scanner = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    scanner.add_argument("--lang")
    try:
        known, _rest = scanner.parse_known_args(argv)
    except argparse.ArgumentError:
        # `--lang` with no value: the real parser reports it.
        return None
    return known.lang if known.lang in i18n.LANGUAGES else None


def start_translations(language_override: str | None) -> str:
    """Create the QCoreApplication (unless an application exists) and install the translations once; return the language."""
    global _started
    if _started is not None:
        return _started[1]
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication(sys.argv[:1])
    language = i18n.choose_language(language_override)
    if not i18n.install_translations(app, language):
        log.warning("showing English: the %s translation could not be loaded", language)
    _started = (app, language)
    return language
