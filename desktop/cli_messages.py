"""The lines that `kaidan sync`, `kaidan status` and `kaidan verify` print, in the user's language.

CliMessages implements sync.headless.HeadlessMessages. Every text is a
literal inside self.tr (context "CliMessages"), or inside
QCoreApplication.translate with the context of the desktop screen that
shows the same sentence, so pyside6-lupdate finds it. Counts use Qt's %n plural forms: the English
forms are in kaidan_en.ts.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject

from desktop.errors import user_message
from desktop.messages import message_for
from desktop.models.command_names import command_name
from desktop.sync_controller import clock_skew_message
from desktop.views.bootstrap_progress import time_left_text
from sync import errors as sync_errors
from sync.client import SyncResult
from sync.engine import Rebuild, RebuildReason
from sync.local_tables import OutboxEntry, OutboxStatus
from sync.progress import PullProgress
from sync.verify import TableDifference

translate = QCoreApplication.translate

# Errors that have their own translated message in the desktop (wrong password,
# a server error code, an update needed). Other sync errors keep the engine's
# text, which names the address, folder or user involved.
ERRORS_WITH_DESKTOP_MESSAGE = (
    sync_errors.ServerError, sync_errors.AuthRequired, sync_errors.KeyringUnavailable, sync_errors.UpdateRequired,
)


class CliMessages(QObject):
    """Translated lines of the headless sub-commands, in the language of the installed translator."""

    def error(self, text: str) -> str:
        # The program name leads every error, as command-line tools print it.
        return f"kaidan: {text}"

    def warning(self, text: str) -> str:
        return self.tr("kaidan: warning: {message}").format(message=text)

    def describe_error(self, error: sync_errors.SyncError) -> str:
        """Return the desktop's message for a typed sync error, or the engine's own text.

        NOTE: the engine's texts (server unreachable, invalid address, data
        folder of another user or server) are English only. The desktop
        shows them untranslated inside "Sync failed: ..." too, except for an
        unreachable server, where its sentence promises a retry that the
        command line does not make.
        """
        if isinstance(error, ERRORS_WITH_DESKTOP_MESSAGE):
            return user_message(error) or str(error)
        return str(error)

    def sync_failed(self, error: sync_errors.SyncError) -> str:
        return self.tr("sync failed: {reason}").format(reason=self.describe_error(error))

    def sync_incomplete(self, error: sync_errors.SyncError) -> str:
        return self.tr("sync did not complete: {reason}").format(reason=self.describe_error(error))

    def verify_failed(self, error: sync_errors.SyncError) -> str:
        return self.tr("verify failed: {reason}").format(reason=self.describe_error(error))

    def password_prompt(self, user: str, server: str) -> str:
        return self.tr("Password for {user} at {server}: ").format(user=user, server=server)

    def no_password_on_stdin(self) -> str:
        return self.tr(
            "no password on standard input, which is not a terminal; pipe the password in as one line",
        )

    # -- sync ------------------------------------------------------------

    def pushing(self, count: int) -> str:
        return self.tr("pushing %n command(s)", "", count)

    def pull_progress(self, progress: PullProgress) -> str:
        if progress.rows_total:
            line = self.tr("pulled {done} of about {total} rows ({percent} %)").format(
                done=progress.rows_done, total=progress.rows_total, percent=progress.percent
            )
        else:
            line = self.tr("pulled {done} rows, change {cursor} of {latest} ({percent} %)").format(
                done=progress.rows_done, cursor=progress.cursor, latest=progress.server_seq, percent=progress.percent
            )
        if progress.rate is not None:
            line = self.tr("{line}, {rate} rows/s").format(line=line, rate=f"{progress.rate:.0f}")
        if progress.eta_s is not None:
            line = self._with_time_left(line, progress.eta_s)
        return line

    def _with_time_left(self, line: str, seconds: float) -> str:
        return self.tr("{line}, {time_left}").format(line=line, time_left=time_left_text(seconds))

    def keyring_warning(self) -> str:
        # The same sentence the desktop shows in its notice bar.
        return translate(
            "App",
            "No credential store (keyring) is available, so your sign-in is not saved; you will enter the password at the next start.",
        )

    def clock_skew_warning(self, skew_s: float) -> str:
        return clock_skew_message(skew_s)

    def rebuild_note(self, rebuild: Rebuild, scope_version: int | None) -> str:
        if rebuild.reason == RebuildReason.RESTORE:
            text = self.tr(
                "the server was restored from a backup; this replica was downloaded again "
                "and %n acknowledged change(s) were sent again",
                "", rebuild.resent,
            )
        elif rebuild.reason == RebuildReason.RETENTION:
            text = self.tr(
                "the last sync was older than the server's retention horizon, so this replica was downloaded again",
            )
        else:
            text = self.tr(
                "your access changed, so this replica was downloaded again (scope version {version})"
            ).format(version=scope_version if scope_version is not None else "-")
        return self.tr("note: {text}").format(text=text)

    def sync_summary(self, result: SyncResult, with_problems: bool) -> str:
        """Return the last line of a sync: what this sync pushed and pulled, and the cursor."""
        push = result.push
        if not push.sent:
            pushed = self.tr("nothing to push")
        elif push.acknowledged == push.sent:
            pushed = self.tr("pushed %n command(s), all accepted", "", push.sent)
        else:
            pushed = self.tr(
                "pushed %n command(s): {accepted} accepted, {rejected} rejected, {held} held", "", push.sent
            ).format(accepted=push.acknowledged, rejected=push.rejected, held=push.held)
        pulled = self.tr("pulled %n row(s)", "", result.pull.rows)
        pages = self.tr("%n page(s)", "", result.pull.pages)
        if with_problems:
            template = self.tr("sync finished with problems: {pushed}; {pulled} in {pages}, cursor {cursor}")
        else:
            template = self.tr("sync complete: {pushed}; {pulled} in {pages}, cursor {cursor}")
        return template.format(pushed=pushed, pulled=pulled, pages=pages, cursor=result.pull.cursor)

    def problems_summary(self, rejected_count: int, held_count: int) -> str:
        """Return the one message about commands waiting in Sync problems, with what to do about them."""
        rejected_text = self.tr("the server rejected %n command(s)", "", rejected_count)
        if held_count:
            held_text = self.tr("%n more are held back because they depend on a rejected one", "", held_count)
            counts = self.tr("{rejected}, and {held}").format(rejected=rejected_text, held=held_text)
        else:
            counts = rejected_text
        return self.tr(
            "{counts}. None of them was applied. Open Sync problems (同步问题) in the desktop app "
            "to correct and resend or discard them.",
        ).format(counts=counts)

    def problem(self, entry: OutboxEntry) -> str:
        """Return one indented line naming a rejected or held command and the server's reason."""
        if entry.status == OutboxStatus.REJECTED.value:
            status = self.tr("rejected")
        else:
            status = self.tr("held")
        reason = message_for(entry.result_code or "", entry.result_params or {})
        line = self.tr("{command} #{number} ({status}): {reason}").format(
            command=command_name(entry.name), number=entry.device_seq, status=status, reason=reason
        )
        return "  " + line

    # -- search index ----------------------------------------------------

    def building_index(self) -> str:
        return self.tr("building the search index")

    def index_progress(self, done: int, total: int, elapsed_s: float) -> str:
        percent = done * 100 // total if total else 100
        line = self.tr("search index: {done} of {total} records ({percent} %)").format(
            done=done, total=total, percent=percent
        )
        if 0 < done < total and elapsed_s > 0:
            line = self._with_time_left(line, (total - done) * elapsed_s / done)
        return line

    def index_built(self, records: int, elapsed_s: float) -> str:
        return self.tr("search index built: %n record(s) in {seconds} s", "", records).format(
            seconds=f"{elapsed_s:.1f}"
        )

    def index_failed(self, error: Exception) -> str:
        return self.tr(
            "building the search index failed: {error}; searches work without it (more slowly), "
            "and the next sync builds it again",
        ).format(error=error)

    # -- status ----------------------------------------------------------

    def no_replica(self, data_dir: str) -> str:
        return self.tr("no replica in {folder}; run `kaidan sync` with this --data-dir first").format(folder=data_dir)

    def status_lines(self, status: dict, restored_database_id: str | None) -> list[str]:
        last_sync = dt.datetime.fromisoformat(status["last_sync"]) if status["last_sync"] else None
        lines = [
            self.tr("server: {server}  user: {user}  device: {device}").format(
                server=status["server"] or "-", user=status["user"] or "-", device=status["device"] or "-"
            ),
            self.tr("cursor: {cursor}  unsynced: {unsynced} ({refused} refused)  last sync: {last_sync}").format(
                cursor=status["cursor"], unsynced=status["unsynced"], refused=status["refused"],
                last_sync=last_sync if last_sync is not None else self.tr("never"),
            ),
        ]
        if status["last_error"]:
            # NOTE: the stored error is the engine's English text of the failed sync.
            lines.append(self.tr("last error: {error}").format(error=status["last_error"]))
        if restored_database_id:
            lines.append(self.tr(
                "server restored from a backup: replica rebuilt for database {database}"
            ).format(database=restored_database_id))
        for table, count in sorted(status["rows"].items()):
            if count:
                lines.append(f"  {table}: {count}")
        return lines

    # -- verify ----------------------------------------------------------

    def cursor_mismatch(self, local_cursor: int, server_cursor: int) -> str:
        return self.tr("note: replica cursor {local}, server cursor {server}; sync first").format(
            local=local_cursor, server=server_cursor
        )

    def verify_passed(self, tables: int) -> str:
        return self.tr("verify passed: %n table(s) equal the server's", "", tables)

    def table_differences(self, difference: TableDifference) -> list[str]:
        lines = [
            self.tr("table {table} differs: %n row(s) here, {server} on the server", "", difference.local_count).format(
                table=difference.table, server=difference.server_count
            )
        ]
        for kind, row_ids in (
            (self.tr("missing here"), difference.missing_locally),
            (self.tr("not on the server"), difference.extra_locally),
            (self.tr("different"), difference.different),
        ):
            lines.extend(f"  {difference.table} {row_id}: {kind}" for row_id in row_ids)
        return lines
