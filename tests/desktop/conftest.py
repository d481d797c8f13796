"""Fixtures of the desktop tests: a real server process, a synced replica, the app in one language."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import pytest  # noqa: E402

from desktop.sync_controller import SyncSettings  # noqa: E402
from sync.client import open_replica, sync  # noqa: E402
from tests.server.helpers import seed_scope  # noqa: E402
from tests.server.server_process import ServerProcess, add_user, free_port, migrate, sqlite_database_url  # noqa: E402,F401
from tests.sync.memory_keyring import MemoryKeyring  # noqa: E402

PASSWORD = "desk top 42"
# Short intervals so "comes online by itself" happens within a test's patience.
FAST_SYNC = SyncSettings(interval_ms=60_000, first_retry_ms=300, max_retry_ms=1_000)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Keep QSettings (last server and user) out of the real home folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="session")
def _server_db_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """server_db's file, built once per test process: the migration and the two users
    go through `kaidan-server` processes, which cost seconds a test."""
    path = tmp_path_factory.mktemp("server_template") / "server.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url)
    add_user(url, "clerk1", "clerk", PASSWORD, "D1")
    add_user(url, "clerk2", "clerk", PASSWORD, "D2")
    ids = seed_scope(url)
    seed_balances(url, ids)
    return path, ids


@pytest.fixture(scope="session")
def _server_pg_template() -> Iterator[tuple[str, dict[str, str]]]:
    """server_db's PostgreSQL database, built once per test process and copied for each test."""
    from tests.pg import temporary_database

    with temporary_database("kaidan_t_desk") as url:
        migrate(url)
        add_user(url, "clerk1", "clerk", PASSWORD, "D1")
        add_user(url, "clerk2", "clerk", PASSWORD, "D2")
        ids = seed_scope(url)
        seed_balances(url, ids)
        yield url, ids


@pytest.fixture
def server_db(request: pytest.FixtureRequest, tmp_path) -> Iterator[tuple[str, dict[str, str]]]:
    """A migrated server database with users clerk1 (D1) and clerk2 (D2) and seeded stock.

    On SQLite unless a test asks for PostgreSQL with
    `@pytest.mark.parametrize("server_db", tests.pg.backends(postgres=True), indirect=True)`.
    """
    if getattr(request, "param", "sqlite") == "postgres":
        from tests.pg import database_copy

        template_url, ids = request.getfixturevalue("_server_pg_template")
        with database_copy(template_url) as url:
            yield url, dict(ids)
        return
    template, ids = request.getfixturevalue("_server_db_template")
    path = tmp_path / "server.sqlite3"
    # Every connection to the template is closed, so the WAL is checkpointed
    # into the file. A leftover -wal file would be copied too.
    for source in template.parent.glob(template.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    yield f"sqlite:///{path}", dict(ids)


def seed_balances(url: str, ids: dict[str, str]) -> None:
    """Add the stock balance rows the seeded opening movements stand for (10 of P1 per warehouse)."""
    from decimal import Decimal

    from domain.models import StockBalance
    from domain.posting.stock import balance_id
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            for warehouse in ("W1", "W1A", "W2"):
                session.add(StockBalance(
                    id=balance_id(ids["P1"], ids[warehouse]), product_id=ids["P1"], warehouse_id=ids[warehouse],
                    batch_no="", on_hand=Decimal("10"), reserved=Decimal("0"),
                ))
    finally:
        db.dispose()


@pytest.fixture
def server(server_db, tmp_path):
    url, _ids = server_db
    process = ServerProcess(url, tmp_path / "server.log", imports=()).start()
    yield process
    process.stop()


@pytest.fixture
def seeded_ids(server_db):
    return server_db[1]


@pytest.fixture
def synced_replica(tmp_path, server):
    """The replica of clerk1, synced once; closed at the end."""
    replica = open_replica(tmp_path / "data")
    sync(replica, server.url, "clerk1", PASSWORD)
    yield replica
    replica.close()


def make_app(language: str):
    from desktop.app import create_application

    app, chosen = create_application(language)
    assert chosen == language
    return app


@pytest.fixture
def context(synced_replica, server, english):
    """clerk1's AppContext on the synced replica, in English; it waits for its background tasks at the end."""
    from desktop.context import AppContext

    context = AppContext(synced_replica, server.url, "clerk1")
    yield context
    context.tasks.cancel_all()
    context.tasks.wait_idle()


@pytest.fixture
def english(qapp):
    make_app("en")
    yield "en"


@pytest.fixture
def chinese(qapp):
    make_app("zh_CN")
    yield "zh_CN"
    make_app("en")


@pytest.fixture
def questions(monkeypatch):
    """Record the titles of QMessageBox.question calls; the test sets the answer in `questions.answer`."""
    from PySide6.QtWidgets import QMessageBox

    class Recorder(list):
        answer = QMessageBox.StandardButton.Cancel

    asked = Recorder()

    def question(parent, title, text, *args):
        asked.append(title)
        return asked.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
