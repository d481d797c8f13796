"""The lines that `kaidan sync` prints, in the user's language; with desktop.cli_report_messages, all of
the headless sub-commands' lines.

CliMessages implements sync.headless.HeadlessMessages. Every text is a
literal inside self.tr or translate("CliMessages", ...), or inside
QCoreApplication.translate with the context of the desktop screen that
shows the same sentence, so pyside6-lupdate finds it. Counts use Qt's %n
plural forms (the English forms are in kaidan_en.ts); %Ln prints a number
of rows with the locale's thousands separator, as do the "{done:,}"-style
fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from desktop.cli_report_messages import ReportLines
from desktop.context import read_only_engine
from desktop.errors import user_message
from desktop.messages import command_label, message_for
from desktop.models.sync_problems import load_problems
from desktop.sync_controller import clock_skew_message
from desktop.sync_error_messages import sync_error_message
from desktop.views.bootstrap_progress import time_left_text
from sync import errors as sync_errors
from sync.client import SyncResult
from sync.engine import Rebuild, RebuildReason
from sync.progress import PullProgress
from sync.replica import Replica

translate = QCoreApplication.translate

# Errors that have their own translated message in the desktop (wrong password,
# a server error code, an update needed).
ERRORS_WITH_DESKTOP_MESSAGE = (
    sync_errors.ServerError, sync_errors.AuthRequired, sync_errors.KeyringUnavailable, sync_errors.UpdateRequired,
)


class CliMessages(ReportLines):
    """Translated lines of the headless sub-commands, in the language of the installed translator."""

    def verify_passed(self, tables: int) -> str:
        return self.tr("verify passed: %n table(s) equal the server's", "", tables)

    def other_records(self, rows: int, tables: int) -> str:
        return self.tr("other records: {rows} in %n table(s)", "", tables).format(rows=f"{rows:,}")

    def differences_heading(self, table: str, local_count: int, server_count: int) -> str:
        return self.tr("differences in {table}: %Ln row(s) here, {server} on the server", "", local_count).format(
            table=table, server=f"{server_count:,}"
        )

    def error(self, text: str) -> str:
        # The program name leads every error, as command-line tools print it.
        return f"kaidan: {text}"

    def warning(self, text: str) -> str:
        return self.tr("kaidan: warning: {message}").format(message=text)

    def describe_error(self, error: sync_errors.SyncError) -> str:
        """Return the translated message of a typed sync error, or the engine's own text.

        NOTE: errors without a translated message (a replica migrated by a
        newer Kaidan, a sync error without a type of its own) keep the
        engine's English text.
        """
        translated = sync_error_message(error)
        if translated is not None:
            return translated
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
        # The change numbers (cursor) go to the log only, because a user follows the rows and the share done.
        if progress.rows_total:
            line = self.tr("pulled {done} of about {total} rows ({percent} %)").format(
                done=f"{progress.rows_done:,}", total=f"{progress.rows_total:,}", percent=progress.percent
            )
        else:
            line = self.tr("pulled {done} rows ({percent} %)").format(
                done=f"{progress.rows_done:,}", percent=progress.percent
            )
        if progress.rate is not None:
            line = self.tr("{line}, {rate} rows/s").format(line=line, rate=f"{progress.rate:,.0f}")
        if progress.eta_s is not None:
            line = self._with_time_left(line, progress.eta_s)
        return line

    def _with_time_left(self, line: str, seconds: float) -> str:
        return self.tr("{line}, {time_left}").format(line=line, time_left=time_left_text(seconds))

    def keyring_warning(self) -> str:
        return self.tr(
            "No credential store (keyring) is available, so your sign-in is not saved: the next `kaidan sync` "
            "asks for the password again (or reads it from standard input).",
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
        """Return the last line of a sync: what this sync pushed and pulled."""
        push = result.push
        if not push.sent:
            pushed = self.tr("nothing to push")
        elif push.acknowledged == push.sent:
            pushed = self.tr("pushed %n command(s), all accepted", "", push.sent)
        else:
            pushed = self.tr(
                "pushed %n command(s): {accepted} accepted, {rejected} rejected, {held} held", "", push.sent
            ).format(accepted=push.acknowledged, rejected=push.rejected, held=push.held)
        pulled = self.tr("pulled %Ln row(s)", "", result.pull.rows)
        pages = self.tr("%Ln page(s)", "", result.pull.pages)
        if with_problems:
            template = self.tr("sync finished with problems: {pushed}; {pulled} in {pages}")
        else:
            template = self.tr("sync complete: {pushed}; {pulled} in {pages}")
        return template.format(pushed=pushed, pulled=pulled, pages=pages)

    def problems_summary(self, rejected_count: int, held_count: int) -> str:
        """Return the one message about commands waiting in Sync problems, with what to do about them."""
        rejected_text = self.tr("the server rejected %n command(s)", "", rejected_count)
        if held_count:
            held_text = self.tr("%n more are held back because they depend on a rejected one", "", held_count)
            counts = self.tr("{rejected}, and {held}").format(rejected=rejected_text, held=held_text)
        else:
            counts = rejected_text
        # Plural forms by the number of commands named: "It was not applied" for one.
        return self.tr(
            "{counts}. None of them was applied. Open Sync problems (同步问题) in the desktop app "
            "to correct and resend or discard them.",
            "", rejected_count + held_count,
        ).format(counts=counts)

    def problem_lines(self, replica: Replica) -> list[str]:
        """Return one indented line per rejected or held command: what it does, as Sync problems shows it,
        and the server's reason."""
        # A read-only engine, as the Sync problems page uses: load_problems opens its own transaction on the
        # replica while this session reads, and the replica's engine takes the write lock at every begin.
        engine = read_only_engine(replica.path)
        try:
            with Session(engine) as session:
                roots = load_problems(replica, session)
        finally:
            engine.dispose()
        problems = sorted(
            (problem for root in roots for problem in root.with_dependents()), key=lambda problem: problem.device_seq
        )
        lines = []
        for problem in problems:
            status = self.tr("rejected") if problem.rejected else self.tr("held")
            reason = message_for(problem.code or "", problem.params)
            line = self.tr("{command} ({status}): {reason}").format(
                command=command_label(problem.name, problem.number, problem.party), status=status, reason=reason
            )
            lines.append("  " + line)
        return lines

    # -- search index ----------------------------------------------------

    def building_index(self) -> str:
        return self.tr("building the search index")

    def index_progress(self, done: int, total: int, elapsed_s: float) -> str:
        percent = done * 100 // total if total else 100
        line = self.tr("search index: {done} of {total} records ({percent} %)").format(
            done=f"{done:,}", total=f"{total:,}", percent=percent
        )
        if 0 < done < total and elapsed_s > 0:
            line = self._with_time_left(line, (total - done) * elapsed_s / done)
        return line

    def index_built(self, records: int, elapsed_s: float) -> str:
        return self.tr("search index built: %Ln record(s) in {seconds} s", "", records).format(
            seconds=f"{elapsed_s:.1f}"
        )

    def index_failed(self, error: Exception) -> str:
        return self.tr(
            "building the search index failed: {error}; searches work without it (more slowly), "
            "and the next sync builds it again",
        ).format(error=error)
