"""Reusable fixtures: a real `kaidan-server` process on a free loopback port.

Use from any test package:

    from tests.server.server_process import ServerProcess, ApiClient, add_user, migrate

or pull the pytest fixtures in with `from tests.server.server_process import *`
in a conftest.py. `database_url` is a migrated database, parametrized over a
SQLite file and a PostgreSQL database (marked `postgres`), each copied from a
template migrated once per session; `sqlite_database_url` and
`postgres_database_url` are empty ones. `server` is a running server on
`database_url`.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, SCHEMA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# Module that registers the small commands the server tests run.
TEST_COMMANDS_MODULE = "tests.server.commands_for_tests"
# libpq form of tests.pg's admin URL (psycopg.connect does not take "+psycopg").
PG_ADMIN_URL = os.environ.get("KAIDAN_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres").replace(
    "postgresql+psycopg://", "postgresql://", 1
)
START_TIMEOUT_SECONDS = 60

__all__ = [
    "_postgres_template",
    "_sqlite_template",
    "ApiClient",
    "ServerProcess",
    "add_user",
    "set_user_role",
    "database_url",
    "free_port",
    "make_server",
    "migrate",
    "postgres_database_url",
    "run_cli",
    "server",
    "sqlite_database_url",
]


# Under pytest-xdist each worker draws ports from its own block below Linux's
# ephemeral range (32768 and up), so neither another worker's server nor an
# outgoing connection can take a port between free_port() and the bind.
XDIST_PORT_BASE = 20000
XDIST_PORT_BLOCK = 1500
_port_draws = itertools.count()


def free_port() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    base = XDIST_PORT_BASE + int(worker[2:]) * XDIST_PORT_BLOCK
    for _ in range(XDIST_PORT_BLOCK):
        port = base + next(_port_draws) % XDIST_PORT_BLOCK
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free loopback port in {base}..{base + XDIST_PORT_BLOCK - 1}")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("KAIDAN_SERVER_DATABASE_URL", None)
    return env


def run_cli(args: Sequence[str], *, input_text: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run `kaidan-server ARGS` as `python -m server_stub.cli` and return the finished process."""
    completed = subprocess.run(
        [PYTHON, "-m", "server_stub.cli", *args],
        cwd=REPO_ROOT, env=_env(), input=input_text, capture_output=True, text=True, timeout=300,
    )
    if check and completed.returncode != 0:
        raise AssertionError(
            f"kaidan-server {' '.join(args)} exited {completed.returncode}\n{completed.stderr[-4000:]}"
        )
    return completed


def migrate(database_url: str) -> None:
    run_cli(["migrate", "--database-url", database_url])


def add_user(
    database_url: str, name: str, role: str, password: str, department: str | None = None, *, create_department: bool = True,
) -> str:
    """Create a user as `kaidan-server user add` does, in this process; return the user id.

    tests/server/test_server_cli.py runs the command itself; here a
    `kaidan-server` process would cost about two seconds a user.
    """
    from server_stub.admin import add_user as add_server_user
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.write() as session:
            user = add_server_user(
                session, name, role, password, department_code=department,
                create_department=department is not None and create_department,
            )
            return user.id
    finally:
        db.dispose()


def set_user_role(database_url: str, name: str, role: str, department: str | None = None) -> str:
    """Change a user's role and department through the CLI; return the user id."""
    args = ["user", "set-role", name, "--role", role, "--database-url", database_url]
    if department is not None:
        args += ["--department", department]
    completed = run_cli(args)
    return completed.stdout.strip().splitlines()[-1]


class ServerProcess:
    """A `kaidan-server serve` process on 127.0.0.1; stderr goes to `log_path`."""

    def __init__(self, database_url: str, log_path: Path, *, imports: Sequence[str] = (TEST_COMMANDS_MODULE,), port: int | None = None):
        self.database_url = database_url
        self.log_path = log_path
        self.imports = list(imports)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        args = [PYTHON, "-m", "server_stub.cli", "serve", "--database-url", self.database_url,
                "--host", "127.0.0.1", "--port", str(self.port)]
        for module in self.imports:
            args += ["--import", module]
        log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(args, cwd=REPO_ROOT, env=_env(), stdout=log_file, stderr=subprocess.STDOUT)
        log_file.close()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}:\n{self.log_text()[-4000:]}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"server did not answer within {START_TIMEOUT_SECONDS} s:\n{self.log_text()[-4000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def client(self) -> "ApiClient":
        return ApiClient(self.url)


class ApiClient:
    """A thin HTTP client that sends the version headers and the bearer token."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self.http.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        self.http.headers[SCHEMA_HEADER] = str(SCHEMA_VERSION)
        self.tokens: dict[str, Any] = {}
        self.device: dict[str, Any] = {}

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.http.post(self.base_url + path, json=body, timeout=60, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.base_url + path, timeout=60, **kwargs)

    def login(self, username: str, password: str) -> dict[str, Any]:
        response = self.post("/api/v1/auth/login", {"username": username, "password": password})
        assert response.status_code == 200, response.text
        self.tokens = response.json()
        self.http.headers["Authorization"] = f"Bearer {self.tokens['access_token']}"
        return self.tokens

    def register(self, name: str = "test device", device_id: str | None = None) -> dict[str, Any]:
        response = self.post("/api/v1/devices/register", {"name": name, "device_id": device_id})
        assert response.status_code == 200, response.text
        self.device = response.json()
        return self.device

    def push(self, commands: list[dict[str, Any]], device_id: str | None = None) -> requests.Response:
        return self.post("/api/v1/sync/push", {"device_id": device_id or self.device["device_id"], "commands": commands})

    def pull(self, cursor: int = 0, limit: int = 2000) -> dict[str, Any]:
        response = self.post("/api/v1/sync/pull", {"cursor": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, limit: int = 2000) -> list[dict[str, Any]]:
        pages, cursor = [], 0
        while True:
            page = self.pull(cursor, limit)
            pages.append(page)
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return pages


# ---------------------------------------------------------------------------
# pytest fixtures


@pytest.fixture
def sqlite_database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"kaidan_t_{uuid.uuid4().hex[:12]}"
    admin = _connect_admin()
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connect_admin():
    """Connect to the PostgreSQL admin database; skip or fail as tests.pg decides when it is down."""
    import psycopg

    from tests.pg import report_unreachable

    try:
        return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        report_unreachable(str(exc).splitlines()[0])


def _migrate_in_process(url: str) -> None:
    """Upgrade to the latest revision and add the counter row, but no identity row,
    so that each copy of a template gets its own database id when its server starts."""
    from server_stub.changes import ensure_counter
    from server_stub.db import Database
    from server_stub.migrate import upgrade

    db = Database(url)
    try:
        upgrade(db.engine)
        with db.write() as session:
            ensure_counter(session)
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    _migrate_in_process(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database that per-test databases are copied from."""
    import psycopg

    name = f"kaidan_t_tpl_{uuid.uuid4().hex[:12]}"
    with _connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    _migrate_in_process(f"{base}/{name}")
    yield name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database, copied from a template: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite3"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    import psycopg

    template = request.getfixturevalue("_postgres_template")
    name = f"kaidan_t_{uuid.uuid4().hex[:12]}"
    with _connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator:
    """Return a function that starts a server on a migrated database; all are stopped afterwards."""
    started: list[ServerProcess] = []

    def start(database_url: str, *, imports: Sequence[str] = (TEST_COMMANDS_MODULE,)) -> ServerProcess:
        process = ServerProcess(database_url, tmp_path / f"server-{len(started)}.log", imports=imports)
        started.append(process)
        return process.start()

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def server(database_url: str, make_server) -> ServerProcess:
    """A running server on a freshly migrated database (SQLite and PostgreSQL)."""
    return make_server(database_url)
