"""Progress of a first sync (or a rebuild) in the main window: rows done of the total, rate, time left, Cancel.

The sync controller announces a download into an empty replica with
`bootstrap_started` and reports a sync.progress.PullProgress after each
page. Cancel stops the attempt after the page being applied: applied pages
are committed, so the next attempt resumes from the last complete page.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from sync.progress import PullProgress

log = logging.getLogger(__name__)


def time_left_text(seconds: float | None) -> str:
    """Return the time left in words, or "almost done" under a second (never "about 0 s left")."""
    if seconds is None:
        return translate("BootstrapProgress", "time left unknown")
    if seconds < 1:
        return translate("BootstrapProgress", "almost done")
    if seconds < 120:
        return translate("BootstrapProgress", "about {seconds} s left").format(seconds=round(seconds))
    # Minutes from 120 s on, rounded up, as the command line shows them.
    return translate("BootstrapProgress", "about {minutes} min left").format(minutes=-(-int(seconds) // 60))


def progress_text(progress: PullProgress) -> str:
    """Return the translated lines of a pull's progress."""
    if progress.rows_total:
        done = translate("BootstrapProgress", "Downloading your data: {done} of about {total} rows ({percent} %)").format(
            done=f"{progress.rows_done:,}", total=f"{progress.rows_total:,}", percent=progress.percent
        )
    else:
        done = translate("BootstrapProgress", "Downloading your data: {done} rows ({percent} %)").format(
            done=f"{progress.rows_done:,}", percent=progress.percent
        )
    if progress.rate is None:
        speed = translate("BootstrapProgress", "measuring the speed...")
    else:
        speed = translate("BootstrapProgress", "{rate} rows per second").format(rate=f"{progress.rate:,.0f}")
    pace = translate("BootstrapProgress", "{speed}, {time_left}").format(speed=speed, time_left=time_left_text(progress.eta_s))
    return f"{done}\n{pace}"


class BootstrapProgress(QObject):
    """Shows a cancellable progress dialog over `window` while the controller downloads into an empty replica."""

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.dialog: QProgressDialog | None = None
        self.last_progress: PullProgress | None = None
        # How many times the dialog was opened in this window.
        self.opened = 0
        sync = context.sync
        sync.bootstrap_started.connect(self.open)
        sync.progress_changed.connect(self.show_progress)
        sync.attempt_finished.connect(self.close)

    def open(self) -> None:
        if self.dialog is not None:
            return
        log.info("first sync started; showing its progress")
        self.opened += 1
        dialog = QProgressDialog(self.window)
        dialog.setObjectName("bootstrapProgress")
        dialog.setWindowTitle(translate("BootstrapProgress", "First sync"))
        dialog.setLabelText(translate("BootstrapProgress", "Downloading your data from the server..."))
        dialog.setCancelButtonText(translate("BootstrapProgress", "Cancel"))
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(460)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        dialog.show()

    def show_progress(self, progress: object) -> None:
        if not isinstance(progress, PullProgress):
            return
        self.last_progress = progress
        if self.dialog is None:
            return
        self.dialog.setRange(0, 100)
        self.dialog.setValue(progress.percent)
        self.dialog.setLabelText(progress_text(progress))

    def cancel(self) -> None:
        log.info("first sync cancelled by the user")
        if self.dialog is not None:
            self.dialog.setLabelText(translate("BootstrapProgress", "Stopping after the current page..."))
            self.dialog.setCancelButton(None)
        self.context.sync.cancel()

    def close(self) -> None:
        if self.dialog is None:
            return
        dialog, self.dialog = self.dialog, None
        dialog.canceled.disconnect(self.cancel)
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
