"""The lines that `kaidan status` and `kaidan verify` print, in the user's language.

The texts keep the translation context "CliMessages" of the class that
mixes them in (desktop.cli_messages.CliMessages).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject

from desktop.table_names import has_user_name, table_label
from sync.errors import SyncError
from sync.verify import LISTED_IDS, TableDifference

translate = QCoreApplication.translate


class ReportLines(QObject):
    """The status and verify lines of CliMessages.

    The plural texts are methods of CliMessages itself, because pyside6-lupdate
    files a self.tr text under the class that contains the call, and only
    self.tr marks a text as plural for it.
    """

    # -- status ----------------------------------------------------------

    def no_replica(self, data_dir: str) -> str:
        return translate("CliMessages", "no replica in {folder}; run `kaidan sync` with this --data-dir first").format(
            folder=data_dir
        )

    def status_lines(self, status: dict, restored_database_id: str | None,
                     last_error: SyncError | None = None) -> list[str]:
        """Return the human form of `kaidan status`. The cursor appears only in `status --json` and the log."""
        if status["last_sync"]:
            last_sync = dt.datetime.fromisoformat(status["last_sync"]).astimezone().strftime("%Y-%m-%d %H:%M")
        else:
            last_sync = translate("CliMessages", "never")
        lines = [
            translate("CliMessages", "server: {server}  user: {user}  device: {device}").format(
                server=status["server"] or "-", user=status["user"] or "-", device=status["device"] or "-"
            ),
            translate("CliMessages", "unsynced changes: {unsynced} ({refused} refused)  last sync: {last_sync}").format(
                unsynced=f"{status['unsynced']:,}", refused=f"{status['refused']:,}", last_sync=last_sync,
            ),
        ]
        if status["last_error"]:
            # A stored typed error is shown in the user's language; a plain text stored by an older release as it is.
            error = self.describe_error(last_error) if last_error is not None else status["last_error"]
            lines.append(translate("CliMessages", "last error: {error}").format(error=error))
        if restored_database_id:
            lines.append(translate(
                "CliMessages", "server restored from a backup: replica rebuilt for database {database}"
            ).format(database=restored_database_id))
        lines.extend(self._row_count_lines(status["rows"]))
        return lines

    def _row_count_lines(self, rows: dict[str, int]) -> list[str]:
        """Return the record counts by the table names users know, then one line for the other tables."""
        named = sorted(
            (table_label(table), count) for table, count in rows.items() if count and has_user_name(table)
        )
        other = [count for table, count in rows.items() if count and not has_user_name(table)]
        if not named and not other:
            return []
        lines = [translate("CliMessages", "records on this computer:")]
        lines.extend(
            "  " + translate("CliMessages", "{table}: {count}").format(table=label, count=f"{count:,}")
            for label, count in named
        )
        if other:
            lines.append("  " + self.other_records(sum(other), len(other)))
        return lines

    # -- verify ----------------------------------------------------------

    def verify_behind(self) -> str:
        # The desktop's verify dialog shows the same sentence, with its own way to sync.
        return translate(
            "CliMessages",
            "The server has changes this computer has not fetched yet: run `kaidan sync`, then verify again.",
        )

    def verify_newer_on_server(self) -> str:
        return translate(
            "CliMessages", "note: the server has newer changes than this computer; they arrive with the next sync"
        )

    def table_differences(self, difference: TableDifference, row_names: dict[str, str]) -> list[str]:
        """Return a table's heading line and up to LISTED_IDS rows that differ, each named by `row_names`
        (document number, or code and name) where the replica has the row, else by its id."""
        lines = [
            self.differences_heading(table_label(difference.table), difference.local_count, difference.server_count)
        ]
        listed = [
            (row_id, kind)
            # Rows the replica has come first, because they can be named; a missing row has only its id.
            for kind, row_ids in (
                (translate("CliMessages", "different"), difference.different),
                (translate("CliMessages", "not on the server"), difference.extra_locally),
                (translate("CliMessages", "missing here"), difference.missing_locally),
            )
            for row_id in row_ids
        ]
        for row_id, kind in listed[:LISTED_IDS]:
            lines.append("  " + translate("CliMessages", "{row}: {difference}").format(
                row=row_names.get(row_id, row_id), difference=kind
            ))
        if len(listed) > LISTED_IDS:
            lines.append("  " + translate("CliMessages", "and {count} more").format(count=f"{len(listed) - LISTED_IDS:,}"))
        return lines
