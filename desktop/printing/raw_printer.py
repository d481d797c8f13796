"""Sending bytes to a printer unchanged, for dot-matrix text mode: the Windows spooler or CUPS.

A raw job bypasses the printer driver, so the ESC/P commands and the
GB18030 text reach the printer as built. On Windows the job goes through
the spooler API of pywin32 (win32print) with the "RAW" data type; elsewhere
through CUPS's `lp -o raw`.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

from desktop.errors import UserError
from desktop.i18n import translate

log = logging.getLogger(__name__)

LP_TIMEOUT_SECONDS = 60


class RawPrintError(UserError):
    """A raw text job did not reach the printer; names the printer and the system's reason."""

    def __init__(self, printer_name: str, reason: str) -> None:
        super().__init__(f"raw print to {printer_name!r} failed: {reason}")
        self.printer_name = printer_name
        self.reason = reason

    def user_message(self) -> str:
        return translate(
            "RawPrinter",
            "The text could not be sent to the printer {printer}: {reason}. Check that the printer is installed, "
            "switched on and not paused, then print again.",
        ).format(printer=self.printer_name, reason=self.reason)


def send_raw(printer_name: str, data: bytes, job_name: str = "Kaidan") -> None:
    """Send `data` unchanged to the printer `printer_name` as one job named `job_name`; raise RawPrintError on failure."""
    if sys.platform == "win32":
        _send_windows(printer_name, data, job_name)
    else:
        _send_cups(printer_name, data, job_name)
    log.info("sent %d bytes of raw text to printer %r as job %r", len(data), printer_name, job_name)


def _send_cups(printer_name: str, data: bytes, job_name: str) -> None:
    lp = shutil.which("lp")
    if lp is None:
        raise RawPrintError(printer_name, translate("RawPrinter", "the lp command of CUPS is not installed"))
    try:
        result = subprocess.run([lp, "-d", printer_name, "-t", job_name, "-o", "raw"], input=data, capture_output=True,
                                timeout=LP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        log.error("lp did not finish within %d s for printer %r", LP_TIMEOUT_SECONDS, printer_name)
        raise RawPrintError(printer_name, translate("RawPrinter", "the print system did not respond within {seconds} s")
                            .format(seconds=LP_TIMEOUT_SECONDS)) from None
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip() or f"lp exit code {result.returncode}"
        log.error("lp failed for printer %r: %s", printer_name, reason)
        raise RawPrintError(printer_name, reason)


def _send_windows(printer_name: str, data: bytes, job_name: str) -> None:
    # NOTE: written against pywin32's documented spooler calls; this path has no test on Linux CI.
    try:
        import win32print
    except ImportError:
        raise RawPrintError(printer_name, translate("RawPrinter", "the Windows printing module (pywin32) is missing")) from None
    try:
        handle = win32print.OpenPrinter(printer_name)
        try:
            win32print.StartDocPrinter(handle, 1, (job_name, None, "RAW"))
            try:
                win32print.StartPagePrinter(handle)
                win32print.WritePrinter(handle, data)
                win32print.EndPagePrinter(handle)
            finally:
                win32print.EndDocPrinter(handle)
        finally:
            win32print.ClosePrinter(handle)
    except Exception as error:  # noqa: BLE001 - pywintypes.error and OSError both mean the job failed
        log.error("the Windows spooler rejected the raw job for printer %r: %s", printer_name, error)
        raise RawPrintError(printer_name, str(error)) from error
