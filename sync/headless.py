"""The headless sub-commands of `kaidan`: sync, status and verify."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sqlite3
import sys
import time
from pathlib import Path

import sqlalchemy.exc

from sync import search_index
from sync.client import ServerConnection, clock_skew_warning, open_replica, run_sync, sign_in
from sync.errors import AuthRequired, KeyringUnavailable, SyncError
from sync.local_tables import OutboxStatus
from sync.progress import format_time_left
from sync.replica import REPLICA_FILE_NAME, Replica
from sync.transport import check_server_url
from sync.verify import verify

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_FAILED = 2
# `sync` finished, but commands of this device were rejected by the server (or held behind one) and wait for the user.
EXIT_REJECTED = 3


def add_commands(subparsers) -> None:
    sync_parser = subparsers.add_parser(
        "sync",
        help="push this device's queued commands, then pull the server's changes",
        description="Push the outbox, then pull changes after the cursor. The password is read from "
        "stdin when stdin is not a terminal; otherwise the sign-in token in the keyring is used, "
        "or the password is asked for.",
    )
    _add_server_options(sync_parser)
    sync_parser.set_defaults(handler=run_sync_command)

    status_parser = subparsers.add_parser("status", help="show the cursor, unsynced commands and rows per table")
    status_parser.add_argument("--data-dir", required=True, help="folder holding the replica")
    status_parser.add_argument(
        "--json", action="store_true",
        help='print one JSON object: {"server", "user", "device", "last_sync", "cursor", "unsynced", "refused", '
        '"last_error", "rows"}; last_sync is ISO 8601 UTC or null',
    )
    status_parser.set_defaults(handler=run_status_command)

    verify_parser = subparsers.add_parser(
        "verify",
        help="compare the replica with the server's checksums; exit 1 listing the tables and ids that differ",
    )
    _add_server_options(verify_parser)
    verify_parser.set_defaults(handler=run_verify_command)


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, help="server URL, e.g. http://127.0.0.1:8765")
    parser.add_argument("--user", required=True, help="user name to sign in as")
    parser.add_argument("--data-dir", required=True, help="folder holding the replica (created if missing)")


def _connect(replica: Replica, args: argparse.Namespace) -> ServerConnection:
    """Sign in with the password from stdin, else the keyring's token, else a prompt."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise AuthRequired("no password on stdin (stdin is not a terminal); pipe the password in as one line")
        return sign_in(replica, args.server, args.user, password)
    try:
        return sign_in(replica, args.server, args.user, None)
    except (AuthRequired, KeyringUnavailable) as exc:
        log.info("signing in with the stored token failed: %s", exc)
    password = getpass.getpass(f"Password for {args.user} at {args.server}: ")
    return sign_in(replica, args.server, args.user, password)


def _print_progress(message: str) -> None:
    # One line per pull page. Flushed, so a pipe or log file shows a long first sync as it runs.
    print(message, flush=True)


def _fail(message: str) -> int:
    print(f"kaidan: {message}", file=sys.stderr)
    return EXIT_FAILED


def _open(data_dir: str) -> Replica:
    try:
        return open_replica(data_dir)
    except SyncError as exc:
        raise SystemExit(_fail(str(exc))) from None


def _check_server(args: argparse.Namespace) -> None:
    """Reject a malformed --server before the data folder is created."""
    try:
        args.server = check_server_url(args.server)
    except SyncError as exc:
        raise SystemExit(_fail(str(exc))) from None


def run_sync_command(args: argparse.Namespace) -> int:
    _check_server(args)
    with _open(args.data_dir) as replica:
        try:
            connection = _connect(replica, args)
        except SyncError as exc:
            return _fail(f"sync failed: {exc}")
        try:
            result = run_sync(connection, progress=_print_progress)
        except SyncError as exc:
            return _fail(f"sync did not complete: {exc}")
        finally:
            connection.close()
        if result.keyring_warning:
            print(f"kaidan: warning: {result.keyring_warning}", file=sys.stderr)
        if result.clock_skewed:
            print(f"kaidan: warning: {clock_skew_warning(result.clock_skew_s)}", file=sys.stderr)
        for rebuilt in result.pull.rebuilds:
            print(f"note: {rebuilt.note}")
        problems = replica.outbox((OutboxStatus.REJECTED, OutboxStatus.HELD))
        for entry in problems:
            print(
                f"sync problem: {entry.name} #{entry.device_seq} {entry.status}: {entry.result_code} {entry.result_params or {}}",
                file=sys.stderr,
            )
        counts = f"pushed {result.push.sent}, pulled {result.pull.rows} row(s) in {result.pull.pages} page(s), " \
                 f"cursor {result.pull.cursor}"
        if problems:
            print(f"sync finished with problems: {counts}")
            print(f"kaidan: {_problems_summary(problems)}", file=sys.stderr)
            exit_code = EXIT_REJECTED
        else:
            print(f"sync complete: {counts}, 0 problem(s)")
            exit_code = EXIT_OK
        if result.pull.search_index_pending:
            _build_search_index(replica)
    return exit_code


def _build_search_index(replica: Replica) -> None:
    """Build the search index that the sync left pending, printing a progress line about once a second."""
    printer = IndexProgressPrinter()
    print("building the search index", flush=True)
    try:
        search_index.build_index(replica, printer)
    except (sqlite3.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        # The sync itself succeeded, so the exit code stays the sync's.
        log.warning("building the search index failed: %s", exc)
        print(f"kaidan: warning: building the search index failed: {exc}; searches work without it "
              "(more slowly), and the next sync builds it again", file=sys.stderr)
        return
    print(f"search index built: {printer.total} record(s) in {time.monotonic() - printer.started:.1f} s", flush=True)


class IndexProgressPrinter:
    """Prints `search index: N of M records (P %), about T s left`, at most once per PRINT_INTERVAL_S."""

    PRINT_INTERVAL_S = 1.0

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.printed_at: float | None = None
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        now = self.clock()
        if self.printed_at is not None and now - self.printed_at < self.PRINT_INTERVAL_S:
            return
        self.printed_at = now
        print(self.describe(done, total, now - self.started), flush=True)

    @staticmethod
    def describe(done: int, total: int, elapsed_s: float) -> str:
        percent = done * 100 // total if total else 100
        line = f"search index: {done} of {total} records ({percent} %)"
        if 0 < done < total and elapsed_s > 0:
            line += f", {format_time_left((total - done) * elapsed_s / done)}"
        return line


def _problems_summary(problems) -> str:
    """Return the message that counts the rejected and held commands and names the page that resolves them."""
    rejected = sum(1 for entry in problems if entry.status == OutboxStatus.REJECTED.value)
    held = len(problems) - rejected
    summary = f"the server rejected {rejected} command(s)"
    if held:
        summary += f", and {held} more are held back because they depend on a rejected one"
    return (summary + ". None of them was applied. Open Sync problems (同步问题) in the desktop app "
            "to correct and resend or discard them.")


def run_status_command(args: argparse.Namespace) -> int:
    if not (Path(args.data_dir) / REPLICA_FILE_NAME).exists():
        return _fail(f"no replica in {args.data_dir}; run `kaidan sync` with this --data-dir first")
    with _open(args.data_dir) as replica:
        state = replica.read_state()
        refused = len(replica.outbox((OutboxStatus.REJECTED, OutboxStatus.HELD)))
        status = {
            "server": state.server_url,
            "user": state.username,
            "device": state.device_code,
            "last_sync": state.last_sync_at.isoformat() if state.last_sync_at else None,
            "cursor": state.cursor or 0,
            # Every command the server has not accepted; "refused" counts the rejected and held ones among them.
            "unsynced": replica.unsynced_count(),
            "refused": refused,
            "last_error": state.last_error,
            "rows": replica.row_counts(),
        }
        if args.json:
            print(json.dumps(status, sort_keys=True))
            return EXIT_OK
        print(f"server: {state.server_url or '-'}  user: {state.username or '-'}  device: {state.device_code or '-'}")
        print(f"cursor: {status['cursor']}  unsynced: {status['unsynced']} ({refused} refused)  "
              f"last sync: {state.last_sync_at or 'never'}")
        if state.last_error:
            print(f"last error: {state.last_error}")
        if state.restored_database_id:
            print(f"server restored from a backup: replica rebuilt for database {state.restored_database_id}")
        for table, count in sorted(status["rows"].items()):
            if count:
                print(f"  {table}: {count}")
    return EXIT_OK


def run_verify_command(args: argparse.Namespace) -> int:
    _check_server(args)
    with _open(args.data_dir) as replica:
        try:
            connection = _connect(replica, args)
        except SyncError as exc:
            return _fail(f"verify failed: {exc}")
        try:
            report = verify(replica, connection.transport)
        except SyncError as exc:
            return _fail(f"verify failed: {exc}")
        finally:
            connection.close()
    if report.local_cursor != report.server_cursor:
        print(f"note: replica cursor {report.local_cursor}, server cursor {report.server_cursor}; sync first")
    if report.ok:
        print(f"verify passed: {report.tables_compared} table(s) equal the server's")
        return EXIT_OK
    for difference in report.differences:
        print(
            f"table {difference.table} differs: {difference.local_count} row(s) here, "
            f"{difference.server_count} on the server"
        )
        for row_id in difference.missing_locally:
            print(f"  {difference.table} {row_id}: missing here")
        for row_id in difference.extra_locally:
            print(f"  {difference.table} {row_id}: not on the server")
        for row_id in difference.different:
            print(f"  {difference.table} {row_id}: different")
    return EXIT_DIFFERENT
