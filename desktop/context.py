"""AppContext: what every view receives (replica, task runner, sync controller, signed-in user)."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import pathlib
from collections.abc import Iterator

from PySide6.QtCore import QObject
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.command_access import CommandAccess
from desktop.sync_controller import SyncController, SyncSettings
from desktop.tasks import TaskRunner
from sync.replica import BUSY_TIMEOUT_MS, Replica

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class SignedInUser:
    """The user this replica belongs to, as the server last reported it."""

    username: str
    user_id: str | None
    role: str | None
    department_id: str | None
    device_code: str | None


def read_only_engine(path: pathlib.Path) -> Engine:
    """Return an engine for queries that never takes the write lock.

    The replica's own engine begins every transaction with BEGIN IMMEDIATE, so
    list queries on it would wait for a pull page; in WAL mode this one reads
    the last committed state while sync writes.
    """
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    return engine


class AppContext(QObject):
    """Shared state of one signed-in window.

    Views run work with `context.tasks` (see desktop.tasks), read with
    `context.read_session()` inside that work, write only through
    `context.tasks.submit(...)`, and listen to `context.tasks.changed`.
    """

    def __init__(self, replica: Replica, server_url: str | None, username: str | None,
                 language: str = "en", sync_settings: SyncSettings | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replica = replica
        self.server_url = server_url
        self.language = language
        self.tasks = TaskRunner(replica, self)
        self.sync = SyncController(replica, self.tasks, server_url, username, sync_settings, self)
        self._read_engine = read_only_engine(replica.path)
        # Loaded by the main window; views ask it through desktop.command_access.may_run.
        self.command_access = CommandAccess(self)

    @property
    def data_dir(self) -> pathlib.Path:
        return self.replica.path.parent

    @property
    def user(self) -> SignedInUser:
        state = self.replica.read_state()
        return SignedInUser(state.username or "", state.user_id, state.role, state.department_id, state.device_code)

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """Yield a read-only session on the replica, for queries in task work functions."""
        with Session(self._read_engine) as session:
            yield session

    def close(self) -> None:
        """Stop syncing, wait for running tasks and close the replica."""
        self.sync.stop()
        self.tasks.cancel_all()
        self.tasks.wait_idle()
        self._read_engine.dispose()
        self.replica.close()
