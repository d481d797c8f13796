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
