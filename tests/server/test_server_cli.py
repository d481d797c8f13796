"""The `kaidan-server` command line."""

from __future__ import annotations

import importlib.util

import pytest

from tests.server.server_process import ServerProcess, add_user, migrate, run_cli


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


@pytest.mark.skipif(importlib.util.find_spec("server_stub.demo") is not None, reason="the demo package exists")
def test_init_demo_without_demo_package_fails_clearly(sqlite_database_url):
    migrate(sqlite_database_url)
    completed = run_cli(["init-demo", "--database-url", sqlite_database_url], check=False)
    assert completed.returncode != 0
    assert "server_stub.demo is missing" in completed.stderr


def test_health_and_openapi(server):
    client = server.client()
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    schema = client.get("/openapi.json").json()
    assert "/api/v1/sync/push" in schema["paths"]
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "params": {}}
