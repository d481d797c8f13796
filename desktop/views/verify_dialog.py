"""File > Verify with server: compare the replica's checksums with the server's, in the background.

The check uses the sync controller's signed-in connection, so it needs no
second sign-in, which would rotate the refresh token the controller uses.
The controller delays its next sync attempt until the check ends.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.context import AppContext
from desktop.errors import OfflineError, show_error
from desktop.i18n import translate
from sync.verify import VerifyReport, verify

log = logging.getLogger(__name__)

# Tables listed by name in the result before "and N more".
LISTED_TABLES = 8


def verify_summary(report: VerifyReport) -> tuple[bool, str]:
    """Return (all equal, the translated result text) of a verification."""
    if report.ok:
        text = translate("VerifyDialog", "Every table matches the server ({count} compared).").format(count=report.tables_compared)
        if report.server_cursor != report.local_cursor:
            text += "\n" + translate(
                "VerifyDialog", "The server has newer changes than this computer; they arrive with the next sync."
            )
        return True, text
    lines = [translate("VerifyDialog", "Tables that differ from the server: {count} of {compared}").format(
        count=len(report.differences), compared=report.tables_compared)]
    for difference in report.differences[:LISTED_TABLES]:
        lines.append(translate("VerifyDialog", "• {table}: rows here {local}, on the server {server}, different {ids}").format(
            table=difference.table, local=difference.local_count, server=difference.server_count, ids=len(difference.ids()),
        ))
    if len(report.differences) > LISTED_TABLES:
        lines.append(translate("VerifyDialog", "and {count} more").format(count=len(report.differences) - LISTED_TABLES))
    if report.server_cursor != report.local_cursor:
        lines.append(translate(
            "VerifyDialog", "The server has changes this computer has not fetched yet: sync now (F5), then verify again."
        ))
    else:
        lines.append(translate(
            "VerifyDialog",
            "This computer has fetched every change, so its copy is damaged: ask your administrator to rebuild "
            "this data folder. Unsynced changes are kept.",
        ))
    return False, "\n".join(lines)


class VerifyRunner:
    """Runs one verification at a time for a window and shows its result."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        self.context = context
        self.parent = parent
        self.running = False
        self.last_report: VerifyReport | None = None
        self.last_box: QMessageBox | None = None

    def start(self) -> None:
        if self.running:
            return
        sync = self.context.sync
        if sync.connection is None:
            show_error(self.parent, OfflineError(), translate("VerifyDialog", "Verify with server"))
            return
        self.running = True
        replica = self.context.replica
        comparing = translate("VerifyDialog", "Comparing checksums with the server...")

        def work(connection, control) -> VerifyReport:
            control.report(comparing)
            return verify(replica, connection.transport)

        sync.run_with_connection(
            work, on_result=self._done, on_error=self._failed, parent=self.parent,
            label=translate("VerifyDialog", "Verifying with the server..."),
        )

    def _done(self, report: VerifyReport) -> None:
        self.running = False
        self.last_report = report
        ok, text = verify_summary(report)
        log.info("verify: %s table(s) compared, %s differ", report.tables_compared, len(report.differences))
        box = QMessageBox(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
                          translate("VerifyDialog", "Verify with server"), text, QMessageBox.StandardButton.Ok, self.parent)
        box.setObjectName("verifyResult")
        self.last_box = box
        box.open()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        show_error(self.parent, error, translate("VerifyDialog", "Verify with server"))
