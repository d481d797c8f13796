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
from desktop.table_names import table_label
from sync.verify import LISTED_IDS, VerifyReport, verify

log = logging.getLogger(__name__)

# Tables listed by name in the result before "and N more".
LISTED_TABLES = 8
def verify_details(report: VerifyReport) -> str:
    """Return the database names and row ids that differ, for an administrator (untranslated, like a log)."""
    lines = []
    for difference in report.differences:
        ids = difference.ids()
        lines.append(f"{difference.table}: {len(ids)} id(s)")
        lines.extend(f"  {row_id}" for row_id in ids[:LISTED_IDS])
        if len(ids) > LISTED_IDS:
            lines.append(f"  ... {len(ids) - LISTED_IDS} more")
    return "\n".join(lines)


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
            table=table_label(difference.table), local=difference.local_count, server=difference.server_count, ids=len(difference.ids()),
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
            control.report(comparing, 0.0)

            def progress(done: int, total: int) -> None:
                # Cancel stops between tables, and verify() waits for the server's response before it returns.
                control.check_cancelled()
                # The last tenth is left for the server's response, which may arrive after the local tables.
                control.report(comparing, 0.9 * done / total)

            return verify(replica, connection.transport, progress)

        sync.run_with_connection(
            work, on_result=self._done, on_error=self._failed, parent=self.parent,
            label=translate("VerifyDialog", "Verifying with the server..."), on_finished=self._finished,
        )

    def _finished(self) -> None:
        # Also after a cancel, which calls neither _done nor _failed.
        self.running = False

    def _done(self, report: VerifyReport) -> None:
        self.running = False
        self.last_report = report
        ok, text = verify_summary(report)
        log.info("verify: %s table(s) compared, %s differ", report.tables_compared, len(report.differences))
        box = QMessageBox(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
                          translate("VerifyDialog", "Verify with server"), text, QMessageBox.StandardButton.Ok, self.parent)
        box.setObjectName("verifyResult")
        if not ok:
            box.setDetailedText(verify_details(report))
        self.last_box = box
        box.open()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        show_error(self.parent, error, translate("VerifyDialog", "Verify with server"))
