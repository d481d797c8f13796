"""The client's replica: one SQLite file holding the replicated tables and the client-only ones."""

from __future__ import annotations

import contextlib
import logging
import pathlib
from collections.abc import Iterator

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import domain.models  # noqa: F401  (registers every replicated table)
from domain.models.base import Base
from sync import migrate
from sync.local_tables import OutboxEntry, OutboxStatus, SyncState

log = logging.getLogger(__name__)

REPLICA_FILE_NAME = "replica.sqlite3"
STATE_ROW_ID = 1
BUSY_TIMEOUT_MS = 30_000
# Write-ahead log pages after which a commit copies the log into the database
# file. SQLite's default is 1,000, and non-durable transactions let the log grow to 10,000.
CHECKPOINT_PAGES = 1_000
BULK_CHECKPOINT_PAGES = 10_000


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        # Let SQLAlchemy, not the sqlite3 module, issue BEGIN, so SAVEPOINT works.
        # Every transaction takes the write lock at its start (BEGIN IMMEDIATE),
        # because two processes that both read and then write would otherwise
        # fail with "database is locked" on the lock upgrade, which the busy
        # timeout does not cover.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL syncs the WAL on every commit: an outbox entry the user saw saved
        # survives a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Pulled rows may name rows outside the user's scope (a customer's
        # default warehouse of another department), so foreign keys stay off.
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Replica:
    """An open replica file. Use `Replica.open(path)`; close it when done."""

    def __init__(self, path: pathlib.Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

    @classmethod
    def open(cls, location: str | pathlib.Path, *, migrate_schema: bool = True) -> "Replica":
        """Open (and create or migrate) the replica in data folder or file `location`.

        A path ending in ".sqlite3" is the file itself; anything else is a data
        folder that contains `replica.sqlite3`.
        """
        path = pathlib.Path(location)
        if path.suffix != ".sqlite3":
            path.mkdir(parents=True, exist_ok=True)
            path = path / REPLICA_FILE_NAME
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(f"sqlite:///{path}")
        _configure_sqlite(engine)
        if migrate_schema:
            migrate.upgrade(engine)
        replica = cls(path, engine)
        with replica.transaction() as session:
            replica.state(session)
        log.debug("opened replica %s", path)
        return replica

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Replica":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[Session]:
        """Yield a session in one SQLite transaction; commit on success, roll back on error.

        A transaction that is not `durable` commits without syncing the disk
        (synchronous=NORMAL): a power cut may roll it back, never leave half of
        it. Use that only for writes that can be fetched again, such as
        bootstrap pages. The next durable commit, on any connection, syncs the
        write-ahead log with every commit before it. Such a commit also lets
        the write-ahead log grow to BULK_CHECKPOINT_PAGES before it copies it
        into the database file, so a run of large transactions copies each
        database page once per checkpoint instead of once per transaction.
        """
        if durable:
            with self.session() as session, session.begin():
                yield session
            return
        with self.engine.connect() as connection:
            # The sqlite3 connection is in autocommit mode (see _configure_sqlite),
            # so the pragmas run outside the transaction that the session begins.
            driver = connection.connection.driver_connection
            driver.execute("PRAGMA synchronous=NORMAL")
            driver.execute(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}")
            try:
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    yield session
            finally:
                driver.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
                driver.execute("PRAGMA synchronous=FULL")

    @staticmethod
    def state(session: Session) -> SyncState:
        state = session.get(SyncState, STATE_ROW_ID)
        if state is None:
            state = SyncState(id=STATE_ROW_ID, cursor=0, counters={}, last_device_seq=0)
            session.add(state)
            session.flush()
        return state

    def read_state(self) -> SyncState:
        with self.transaction() as session:
            state = self.state(session)
            session.expunge(state)
            return state

    def outbox(self, statuses: tuple[OutboxStatus, ...] | None = None) -> list[OutboxEntry]:
        """Return outbox entries in device-sequence order, detached from any session."""
        with self.transaction() as session:
            query = select(OutboxEntry).order_by(OutboxEntry.device_seq)
            if statuses is not None:
                query = query.where(OutboxEntry.status.in_([s.value for s in statuses]))
            entries = list(session.scalars(query))
            session.expunge_all()
            return entries

    def unsynced_count(self) -> int:
        """Count commands the server has not accepted: pending, held and rejected."""
        waiting = [OutboxStatus.PENDING.value, OutboxStatus.HELD.value, OutboxStatus.REJECTED.value]
        with self.transaction() as session:
            return session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status.in_(waiting))
            ) or 0

    def row_counts(self) -> dict[str, int]:
        """Return the number of rows in every replicated table."""
        counts: dict[str, int] = {}
        with self.transaction() as session:
            for table in Base.metadata.sorted_tables:
                counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
        return counts
