"""The `kaidan-server` command line."""

from __future__ import annotations


import pytest

from tests.server.server_process import ServerProcess, add_user, free_port, migrate, run_cli, set_user_role


def test_help_lists_commands():
    completed = run_cli(["--help"])
    for name in ("serve", "migrate", "init-demo", "user"):
        assert name in completed.stdout
    assert "--department" in run_cli(["user", "add", "--help"]).stdout


def test_user_add_needs_department_except_admin(sqlite_database_url):
    migrate(sqlite_database_url)
    completed = run_cli(["user", "add", "ann", "--role", "clerk", "--database-url", sqlite_database_url],
                        input_text="pw\n", check=False)
    assert completed.returncode != 0
    assert "--department" in completed.stderr
    assert add_user(sqlite_database_url, "root", "admin", "pw")


def test_user_add_refuses_unknown_department(sqlite_database_url):
    migrate(sqlite_database_url)
    completed = run_cli(["user", "add", "ann", "--role", "clerk", "--department", "NOPE",
                         "--database-url", sqlite_database_url], input_text="pw\n", check=False)
    assert completed.returncode != 0
    assert "department 'NOPE' not found" in completed.stderr


def test_serve_refuses_unmigrated_database(sqlite_database_url, tmp_path):
    process = ServerProcess(sqlite_database_url, tmp_path / "server.log")
    with pytest.raises(AssertionError, match="kaidan-server migrate"):
        process.start()


def test_health_and_openapi(server):
    client = server.client()
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    schema = client.get("/openapi.json").json()
    assert "/api/v1/sync/push" in schema["paths"]
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "params": {}}


@pytest.mark.parametrize("command", [["migrate"], ["serve"], ["init-demo"], ["user", "add", "ann", "--role", "admin"]])
def test_invalid_database_url_one_line(command):
    completed = run_cli([*command, "--database-url", "notaurl"], input_text="pw\n", check=False)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines() == [
        "kaidan-server: invalid database URL 'notaurl'; "
        "expected e.g. sqlite:////srv/kaidan.sqlite3 or postgresql+psycopg://user@host/kaidan"
    ]


def test_unsupported_database_named():
    completed = run_cli(["migrate", "--database-url", "mysql://kim:s3cret@127.0.0.1/kaidan"], check=False)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "unsupported database 'mysql'" in completed.stderr
    assert "only SQLite and PostgreSQL are supported" in completed.stderr
    assert "s3cret" not in completed.stderr
    assert "mysql://kim:***@127.0.0.1/kaidan" in completed.stderr


def test_postgres_without_psycopg_driver():
    completed = run_cli(["migrate", "--database-url", "postgresql://postgres@127.0.0.1/kaidan"], check=False)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "use postgresql+psycopg://" in completed.stderr


def test_closed_postgres_port_one_line():
    port = free_port()
    url = f"postgresql+psycopg://postgres:s3cret@127.0.0.1:{port}/kaidan"
    completed = run_cli(["migrate", "--database-url", url], check=False)
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        f"kaidan-server: cannot connect to the database at postgresql+psycopg://postgres:***@127.0.0.1:{port}/kaidan: "
        "connection refused; check that PostgreSQL runs and the URL is right"
    ]


def test_closed_postgres_port_traceback_at_debug():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/kaidan"
    completed = run_cli(["migrate", "--database-url", url, "--log-level", "DEBUG"], check=False)
    assert completed.returncode == 2
    assert "Traceback" in completed.stderr
    assert completed.stderr.strip().splitlines()[-1].startswith("kaidan-server: cannot connect to the database")


def test_user_add_rejects_existing_user(sqlite_database_url, tmp_path):
    migrate(sqlite_database_url)
    user_id = add_user(sqlite_database_url, "ann", "clerk", "first", "D1")
    completed = run_cli(["user", "add", "ann", "--role", "admin", "--database-url", sqlite_database_url],
                        input_text="second\n", check=False)
    assert completed.returncode == 2
    assert "user 'ann' already exists" in completed.stderr
    assert "user set-password ann" in completed.stderr

    server = ServerProcess(sqlite_database_url, tmp_path / "server.log").start()
    try:
        client = server.client()
        tokens = client.login("ann", "first")
        assert tokens["user_id"] == user_id
        assert tokens["role"] == "clerk"
    finally:
        server.stop()


def test_user_set_password(sqlite_database_url, tmp_path):
    migrate(sqlite_database_url)
    user_id = add_user(sqlite_database_url, "ann", "clerk", "first", "D1")
    completed = run_cli(["user", "set-password", "ann", "--database-url", sqlite_database_url], input_text="second\n")
    assert completed.stdout.strip() == user_id

    server = ServerProcess(sqlite_database_url, tmp_path / "server.log").start()
    try:
        client = server.client()
        old = client.post("/api/v1/auth/login", {"username": "ann", "password": "first"})
        assert old.status_code == 401
        assert client.login("ann", "second")["user_id"] == user_id
    finally:
        server.stop()


def test_user_set_password_unknown_user(sqlite_database_url):
    migrate(sqlite_database_url)
    completed = run_cli(["user", "set-password", "nobody", "--database-url", sqlite_database_url],
                        input_text="pw\n", check=False)
    assert completed.returncode == 2
    assert "user 'nobody' not found" in completed.stderr


def test_user_set_role(sqlite_database_url, tmp_path):
    migrate(sqlite_database_url)
    add_user(sqlite_database_url, "ann", "clerk", "pw", "D1")
    set_user_role(sqlite_database_url, "ann", "warehouse", "D1")

    server = ServerProcess(sqlite_database_url, tmp_path / "server.log").start()
    try:
        assert server.client().login("ann", "pw")["role"] == "warehouse"
    finally:
        server.stop()


def test_user_help_names_actions():
    user_help = run_cli(["user", "--help"]).stdout
    for action in ("add", "set-password", "set-role"):
        assert action in user_help
    assert "set-password" in run_cli(["user", "add", "--help"]).stdout


def _warehouse_department(database_url: str, code: str) -> str:
    from sqlalchemy import select

    from domain.models import Department, Warehouse
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(
                select(Department.code).join(Warehouse, Warehouse.department_id == Department.id).where(Warehouse.code == code)
            ).scalar_one()
    finally:
        db.dispose()


def _move_records(database_url: str) -> tuple[list[tuple[str, str, str]], dict[str, int]]:
    from sqlalchemy import select

    from domain.models import Department, Flag, User
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.read() as session:
            flags = [
                (flag.code, session.get(Department, flag.department_id).code, flag.params["warehouse_code"])
                for flag in session.scalars(select(Flag))
            ]
            versions = {user.username: user.scope_version for user in session.scalars(select(User))}
            return flags, versions
    finally:
        db.dispose()


def test_warehouse_move_needs_yes_without_terminal(sqlite_database_url):
    from tests.server.helpers import seed_scope

    migrate(sqlite_database_url)
    add_user(sqlite_database_url, "ann", "clerk", "pw", "D1")
    add_user(sqlite_database_url, "bob", "clerk", "pw", "D2")
    seed_scope(sqlite_database_url)

    refused = run_cli(["warehouse", "move", "W1", "--to", "D2", "--database-url", sqlite_database_url],
                      input_text="y\n", check=False)
    assert refused.returncode == 2
    assert "add --yes" in refused.stderr
    assert _warehouse_department(sqlite_database_url, "W1") == "D1"

    moved = run_cli(["warehouse", "move", "W1", "--to", "D2", "--yes", "--database-url", sqlite_database_url])
    assert moved.stdout.startswith("Moved warehouse W1 from department D1 to D2.")
    assert _warehouse_department(sqlite_database_url, "W1") == "D2"
    flags, versions = _move_records(sqlite_database_url)
    assert flags == [("warehouse_moved", "D1", "W1")]
    # A raised scope version makes the users' devices download their data again.
    assert versions == {"ann": 2, "bob": 2}

    again = run_cli(["warehouse", "move", "W1", "--to", "D2", "--yes", "--database-url", sqlite_database_url],
                    check=False)
    assert again.returncode == 2
    assert "already in department D2" in again.stderr
    unknown = run_cli(["warehouse", "move", "NOPE", "--to", "D2", "--yes", "--database-url", sqlite_database_url],
                      check=False)
    assert unknown.returncode == 2
    assert "warehouse 'NOPE' not found" in unknown.stderr


def test_restore_asks_and_prints_sentence(sqlite_database_url, tmp_path):
    migrate(sqlite_database_url)
    backup_file = tmp_path / "nightly.backup"
    run_cli(["backup", str(backup_file), "--database-url", sqlite_database_url])

    refused = run_cli(["restore", str(backup_file), "--database-url", sqlite_database_url], input_text="y\n", check=False)
    assert refused.returncode == 2
    assert "add --yes" in refused.stderr
    assert refused.stdout == ""

    restored = run_cli(["restore", str(backup_file), "--yes", "--database-url", sqlite_database_url])
    lines = restored.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Restored ")
    assert "new database identity is " in lines[0]


def test_prune_nothing_in_plain_words(sqlite_database_url):
    migrate(sqlite_database_url)
    completed = run_cli(["prune", "--database-url", sqlite_database_url])
    assert completed.stdout.startswith("Nothing to prune: no tombstone or command result is older than ")
    assert "cursor" not in completed.stdout
