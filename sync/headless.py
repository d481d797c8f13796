"""The headless sub-commands of `kaidan`: sync, status and verify.

This module contains what the commands do. The texts they print come from a
`HeadlessMessages` object that the caller supplies in the user's language
(desktop.cli_messages), so the engine stays free of Qt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sqlite3
import sys
import time
from pathlib import Path
from typing import Protocol

import sqlalchemy.exc

from sync import search_index
from sync.client import ServerConnection, SyncResult, open_replica, run_sync, sign_in
from sync.engine import Rebuild
from sync.errors import AuthRequired, KeyringUnavailable, SyncError, from_stored_form, stored_text
from sync.local_tables import OutboxStatus
from sync.progress import PullProgress
from sync.replica import REPLICA_FILE_NAME, Replica
from sync.transport import check_server_url
from sync.verify import LISTED_IDS, TableDifference, VerifyReport, row_names, verify

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_FAILED = 2
# `sync` finished, but commands of this device were rejected by the server (or held behind one) and wait for the user.
EXIT_REJECTED = 3
# `verify` found differences while the server has changes the replica has not pulled yet: sync, then verify again.
EXIT_BEHIND = 4


class HeadlessMessages(Protocol):
    """The lines the sub-commands print, each returned as one string in the user's language."""

    def error(self, text: str) -> str: ...
    def warning(self, text: str) -> str: ...
    def describe_error(self, error: SyncError) -> str: ...
    def sync_failed(self, error: SyncError) -> str: ...
    def sync_incomplete(self, error: SyncError) -> str: ...
    def verify_failed(self, error: SyncError) -> str: ...
    def password_prompt(self, user: str, server: str) -> str: ...
    def no_password_on_stdin(self) -> str: ...
    def pushing(self, count: int) -> str: ...
    def pull_progress(self, progress: PullProgress) -> str: ...
    def keyring_warning(self) -> str: ...
    def clock_skew_warning(self, skew_s: float) -> str: ...
    def rebuild_note(self, rebuild: Rebuild, scope_version: int | None) -> str: ...
    def sync_summary(self, result: SyncResult, with_problems: bool) -> str: ...
    def problems_summary(self, rejected_count: int, held_count: int) -> str: ...
    def problem_lines(self, replica: Replica) -> list[str]: ...
    def building_index(self) -> str: ...
    def index_progress(self, done: int, total: int, elapsed_s: float) -> str: ...
    def index_built(self, records: int, elapsed_s: float) -> str: ...
    def index_failed(self, error: Exception) -> str: ...
    def no_replica(self, data_dir: str) -> str: ...
    def status_lines(self, status: dict, restored_database_id: str | None,
                     last_error: SyncError | None = None) -> list[str]: ...
    def verify_behind(self) -> str: ...
    def verify_newer_on_server(self) -> str: ...
    def verify_passed(self, tables: int) -> str: ...
    def table_differences(self, difference: TableDifference, row_names: dict[str, str]) -> list[str]: ...


class _Failed(Exception):
    """A failure whose message is one translated line, ready to print; the command exits with EXIT_FAILED."""


def _connect(replica: Replica, args: argparse.Namespace, messages: HeadlessMessages) -> ServerConnection:
    """Sign in with the password from stdin, else the keyring's token, else a prompt."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise _Failed(messages.error(messages.no_password_on_stdin()))
        return sign_in(replica, args.server, args.user, password)
    try:
        return sign_in(replica, args.server, args.user, None)
    except (AuthRequired, KeyringUnavailable) as exc:
        log.info("signing in with the stored token failed: %s", exc)
    password = getpass.getpass(messages.password_prompt(args.user, args.server))
    return sign_in(replica, args.server, args.user, password)


def _fail(line: str) -> int:
    print(line, file=sys.stderr)
    return EXIT_FAILED


def _open(data_dir: str, messages: HeadlessMessages) -> Replica:
    try:
        return open_replica(data_dir)
    except SyncError as exc:
        raise SystemExit(_fail(messages.error(messages.describe_error(exc)))) from None


def _check_server(args: argparse.Namespace, messages: HeadlessMessages) -> None:
    """Reject a malformed --server before the data folder is created."""
    try:
        args.server = check_server_url(args.server)
    except SyncError as exc:
        raise SystemExit(_fail(messages.error(messages.describe_error(exc)))) from None


def run_sync_command(args: argparse.Namespace, messages: HeadlessMessages) -> int:
    _check_server(args, messages)
    with _open(args.data_dir, messages) as replica:
        try:
            connection = _connect(replica, args, messages)
        except _Failed as exc:
            return _fail(str(exc))
        except SyncError as exc:
            return _fail(messages.error(messages.sync_failed(exc)))
        try:
            result = _run_sync_printing(replica, connection, messages)
        except SyncError as exc:
            return _fail(messages.error(messages.sync_incomplete(exc)))
        finally:
            connection.close()
        exit_code = _report_sync(replica, result, messages)
        if result.pull.search_index_pending:
            _build_search_index(replica, messages)
    return exit_code


def _run_sync_printing(replica: Replica, connection: ServerConnection, messages: HeadlessMessages) -> SyncResult:
    """Run the sync, printing the commands to push and a line per pulled page.

    The engine's own progress lines are English and go to the log only
    (shown with -v); the printed lines are built from the figures instead.
    """
    pending = len(replica.outbox((OutboxStatus.PENDING,)))
    if pending:
        # NOTE: a rebuild after a server restore queues more commands once the push starts;
        # the summary line counts what was really sent.
        print(messages.pushing(pending), flush=True)

    def print_pull_progress(progress: PullProgress) -> None:
        # One line per pull page. Flushed, so a pipe or log file shows a long first sync as it runs.
        print(messages.pull_progress(progress), flush=True)

    return run_sync(connection, progress=lambda line: log.info("sync: %s", line), pull_progress=print_pull_progress)


def _report_sync(replica: Replica, result: SyncResult, messages: HeadlessMessages) -> int:
    """Print the warnings, notes and the result of a finished sync; return the exit code."""
    if result.keyring_warning:
        log.info("sign-in token not stored: %s", result.keyring_warning)
        print(messages.warning(messages.keyring_warning()), file=sys.stderr)
    if result.clock_skewed:
        print(messages.warning(messages.clock_skew_warning(result.clock_skew_s)), file=sys.stderr)
    scope_version = replica.read_state().scope_version if result.pull.rebuilds else None
    for rebuilt in result.pull.rebuilds:
        print(messages.rebuild_note(rebuilt, scope_version))
    problems = replica.outbox((OutboxStatus.REJECTED, OutboxStatus.HELD))
    print(messages.sync_summary(result, with_problems=bool(problems)), flush=True)
    if not problems:
        return EXIT_OK
    rejected = sum(1 for entry in problems if entry.status == OutboxStatus.REJECTED.value)
    print(messages.error(messages.problems_summary(rejected, len(problems) - rejected)), file=sys.stderr)
    for line in messages.problem_lines(replica):
        print(line, file=sys.stderr)
    return EXIT_REJECTED


def _build_search_index(replica: Replica, messages: HeadlessMessages) -> None:
    """Build the search index that the sync left pending, printing a progress line about once a second."""
    printer = IndexProgressPrinter(messages.index_progress)
    print(messages.building_index(), flush=True)
    try:
        search_index.build_index(replica, printer)
    except (sqlite3.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        # The sync itself succeeded, so the exit code stays the sync's.
        log.info("building the search index failed: %s", exc)
        print(messages.warning(messages.index_failed(exc)), file=sys.stderr)
        return
    print(messages.index_built(printer.total, time.monotonic() - printer.started), flush=True)


class IndexProgressPrinter:
    """Prints `describe(done, total, elapsed_s)` at most once per PRINT_INTERVAL_S,
    and the line that reaches the total once, whenever it comes."""

    PRINT_INTERVAL_S = 1.0

    def __init__(self, describe, clock=time.monotonic) -> None:
        self.describe = describe
        self.clock = clock
        self.started = clock()
        self.printed_at: float | None = None
        self.total = 0
        self.finished = False

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        now = self.clock()
        if done >= total:
            if self.finished:
                return
            self.finished = True
        elif self.printed_at is not None and now - self.printed_at < self.PRINT_INTERVAL_S:
            return
        self.printed_at = now
        print(self.describe(done, total, now - self.started), flush=True)


def run_status_command(args: argparse.Namespace, messages: HeadlessMessages) -> int:
    if not (Path(args.data_dir) / REPLICA_FILE_NAME).exists():
        return _fail(messages.error(messages.no_replica(args.data_dir)))
    with _open(args.data_dir, messages) as replica:
        state = replica.read_state()
        status = {
            "server": state.server_url,
            "user": state.username,
            "device": state.device_code,
            "last_sync": state.last_sync_at.isoformat() if state.last_sync_at else None,
            "cursor": state.cursor or 0,
            # Every command the server has not accepted; "refused" counts the rejected and held ones among them.
            "unsynced": replica.unsynced_count(),
            "refused": len(replica.outbox((OutboxStatus.REJECTED, OutboxStatus.HELD))),
            "last_error": stored_text(state.last_error),
            "rows": replica.row_counts(),
        }
        if args.json:
            print(json.dumps(status, sort_keys=True))
            return EXIT_OK
        for line in messages.status_lines(status, state.restored_database_id, from_stored_form(state.last_error)):
            print(line)
    return EXIT_OK


def run_verify_command(args: argparse.Namespace, messages: HeadlessMessages) -> int:
    _check_server(args, messages)
    # A replica that was never synced has nothing to verify; opening it would create the folder.
    if not (Path(args.data_dir) / REPLICA_FILE_NAME).exists():
        return _fail(messages.error(messages.no_replica(args.data_dir)))
    with _open(args.data_dir, messages) as replica:
        try:
            connection = _connect(replica, args, messages)
        except _Failed as exc:
            return _fail(str(exc))
        except SyncError as exc:
            return _fail(messages.error(messages.verify_failed(exc)))
        try:
            report: VerifyReport = verify(replica, connection.transport)
        except SyncError as exc:
            return _fail(messages.error(messages.verify_failed(exc)))
        finally:
            connection.close()
        if report.ok:
            if report.behind:
                print(messages.verify_newer_on_server())
            print(messages.verify_passed(report.tables_compared))
            return EXIT_OK
        if report.behind:
            # The differences may be nothing but the server's newer changes, so they are not reported as damage.
            log.info("verify: %s table(s) differ while the replica is behind the server (cursor %s of %s)",
                     len(report.differences), report.local_cursor, report.server_cursor)
            print(messages.verify_behind())
            return EXIT_BEHIND
        session = replica.session()
        try:
            for difference in report.differences:
                # The rows listed first (see table_differences) are the ones the replica has, so only those are named.
                present = (difference.different + difference.extra_locally)[:LISTED_IDS]
                names = row_names(session, difference.table, present)
                for line in messages.table_differences(difference, names):
                    print(line)
        finally:
            session.rollback()
            session.close()
    return EXIT_DIFFERENT
