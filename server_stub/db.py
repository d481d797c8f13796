"""The server's database: engine set-up for SQLite and PostgreSQL, sessions, identity.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every
write transaction starts with BEGIN IMMEDIATE: it takes the write lock up
front, so two writers queue on the busy timeout instead of both reading and
then failing to upgrade their lock. Read-only sessions (pull, checksums) use
a deferred BEGIN so they never wait for a writer.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import domain.models  # noqa: F401  (registers every replicated table)
from domain.ids import new_id
from domain.types import utcnow
from server_stub.changes import ensure_counter
from server_stub.tables import ServerIdentity

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
IDENTITY_ROW_ID = 1
# Execution option that marks a read-only connection: SQLite begins it deferred.
READ_ONLY_OPTION = "kaidan_read_only"


def default_database_url() -> str:
    """Return the URL of the default SQLite file in the user's data directory."""
    folder = Path(platformdirs.user_data_dir("kaidan-server"))
    return f"sqlite:///{folder / 'kaidan-server.sqlite3'}"


def _prepare_sqlite_path(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself, so that we
        # choose IMMEDIATE or DEFERRED per transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None) -> Engine:
    """Create the engine for `url` (default: the SQLite file in the user's data directory)."""
    url = url or os.environ.get("KAIDAN_SERVER_DATABASE_URL") or default_database_url()
    if url.startswith("sqlite"):
        _prepare_sqlite_path(url)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    return engine


class Database:
    """The engine and two session factories: one for writes, one for consistent reads."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url)
        self.url = self.engine.url
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.is_sqlite:
            read_engine = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        else:
            # One snapshot for the whole read: the counter value and every
            # table are read as of the same moment, so a page never holds a
            # change number whose rows are not all visible yet.
            read_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self.read_sessions = sessionmaker(read_engine, expire_on_commit=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """Open a write transaction; commit on success, roll back on any exception."""
        with self.sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """Open a read-only transaction on one snapshot."""
        with self.read_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def ensure_server_rows(db: Database) -> str:
    """Create the identity row and the counter row when missing; return the database id."""
    with db.write() as session:
        identity = session.get(ServerIdentity, IDENTITY_ROW_ID)
        if identity is None:
            identity = ServerIdentity(id=IDENTITY_ROW_ID, database_id=new_id(), created_at=utcnow())
            session.add(identity)
            log.info("created database identity %s", identity.database_id)
        ensure_counter(session)
        return identity.database_id


def database_id(session: Session) -> str:
    value = session.execute(
        select(ServerIdentity.database_id).where(ServerIdentity.id == IDENTITY_ROW_ID)
    ).scalar()
    if value is None:
        raise RuntimeError("the server identity row is missing; run `kaidan-server migrate`")
    return value


def reset_identity(db: Database) -> str:
    """Give the database a new identity, as after a restore from a backup."""
    with db.write() as session:
        identity = session.get(ServerIdentity, IDENTITY_ROW_ID)
        identity.database_id = new_id()
        identity.created_at = utcnow()
        return identity.database_id

