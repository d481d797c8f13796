"""Backup and restore of the server database, for SQLite and PostgreSQL.

SQLite uses the sqlite3 online backup API, so a backup may run while the
server serves requests. PostgreSQL uses pg_dump (custom format), and
pg_restore piped into psql. These client programs must be on PATH and of the
server's major version or newer.

A restore gives the database a new identity (server_identity.database_id) in
the same step that writes the data back. Every client then sees a different
identity on its next sync. It rebuilds its replica and pushes again the
commands the restored database no longer has. Stop the server before a
restore, because a PostgreSQL restore fails while other sessions hold locks
on the tables it drops.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from domain.ids import new_id
from domain.types import utcnow
from server_stub.db import IDENTITY_ROW_ID, Database, reset_identity

log = logging.getLogger(__name__)


class BackupError(Exception):
    """A backup or restore failed; the message names the file or database and the fix."""


def backup(database_url: str, destination: Path) -> None:
    """Write a backup of the database at `database_url` to the file `destination`."""
    url = make_url(database_url)
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name for the backup")
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(_sqlite_path(url), destination)
    else:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(destination), _libpq_uri(url)], url)
    log.info("backed up %s to %s", url.render_as_string(hide_password=True), destination)


def restore(database_url: str, source: Path) -> str:
    """Replace the database at `database_url` with the backup `source`; return its new database id."""
    url = make_url(database_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"backup file {source} not found")
    if url.get_backend_name() == "sqlite":
        database_id = _restore_sqlite(url, source)
    else:
        database_id = _restore_postgresql(url, source)
    log.warning(
        "restored %s from %s; new database identity %s", url.render_as_string(hide_password=True), source, database_id,
    )
    return database_id


# -- SQLite ---------------------------------------------------------------


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database).expanduser()


def _backup_sqlite(source: Path, destination: Path) -> None:
    if not source.is_file():
        raise BackupError(f"SQLite database {source} not found")
    source_connection = sqlite3.connect(source)
    destination_connection = sqlite3.connect(destination)
    try:
        source_connection.backup(destination_connection)
    except sqlite3.Error as exc:
        raise BackupError(f"copying the SQLite database {source} to {destination} failed: {exc}") from exc
    finally:
        destination_connection.close()
        source_connection.close()


def _restore_sqlite(url: URL, source: Path) -> str:
    target = _sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kaidan-restore-") as folder:
        # The new identity goes into a copy first, so the live file changes
        # in one step: the backup API's final copy into it.
        staged = Path(folder) / "staged.sqlite3"
        _backup_sqlite(source, staged)
        staged_db = Database(f"sqlite:///{staged}")
        try:
            database_id = reset_identity(staged_db)
        finally:
            staged_db.dispose()
        _backup_sqlite(staged, target)
    return database_id


# -- PostgreSQL -----------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found on PATH; install the PostgreSQL client programs (e.g. postgresql-client)")
    return path


def _libpq_uri(url: URL) -> str:
    """Return `url` as a libpq connection URI without its password (which travels in PGPASSWORD)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _environment(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _run(args: list[str], url: URL, stdin: bytes | None = None) -> bytes:
    completed = subprocess.run(args, input=stdin, capture_output=True, env=_environment(url), check=False)
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip().splitlines()
        raise BackupError(
            f"{Path(args[0]).name} failed for {url.render_as_string(hide_password=True)} "
            f"(exit {completed.returncode}): {detail[-1] if detail else 'no message'}"
        )
    return completed.stdout


def _restore_postgresql(url: URL, source: Path) -> str:
    script = _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file", "-", str(source)], url)
    database_id = new_id()
    # Appended to the restore script, so the data and the new identity
    # commit in one transaction.
    # The script empties search_path for its session; RESET brings back the
    # default, which finds the tables where the migrations created them.
    identity = (
        f"\nRESET search_path;\nUPDATE server_identity SET database_id = '{database_id}', created_at = '{utcnow().isoformat()}'"
        f" WHERE id = {IDENTITY_ROW_ID};\n"
    )
    psql = [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
            "--dbname", _libpq_uri(url)]
    _run(psql, url, stdin=script + identity.encode())
    return database_id
