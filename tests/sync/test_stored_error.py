"""The last sync error kept in the replica: stored as a typed error, shown by `kaidan status` in the user's language."""

from __future__ import annotations

from sync.client import open_replica
from sync.errors import ServerError, ServerUnreachable, from_stored_form, stored_form, stored_text
from sync.replica import Replica
from tests.sync.cli_runner import run_kaidan, status_json

URL = "http://127.0.0.1:9"


def test_server_error_round_trip():
    error = ServerError(409, "command_too_old", {"name": "order.create", "version": 1})

    rebuilt = from_stored_form(stored_form(error))

    assert isinstance(rebuilt, ServerError)
    assert (rebuilt.status, rebuilt.code, rebuilt.params) == (409, "command_too_old", {"name": "order.create", "version": 1})
    assert str(rebuilt) == str(error)


def test_plain_text_of_older_release():
    assert from_stored_form("server did not respond") is None
    assert from_stored_form(None) is None
    assert stored_text("server did not respond") == "server did not respond"


def _replica_with_error(data_dir, error) -> None:
    data_dir.mkdir()
    replica = open_replica(data_dir / "replica.sqlite3")
    try:
        with replica.transaction() as session:
            state = Replica.state(session)
            state.server_url = URL
            state.username = "clerk1"
            state.last_error = stored_form(error)
    finally:
        replica.close()


def test_status_shows_last_error_in_chinese(tmp_path):
    data_dir = tmp_path / "data"
    _replica_with_error(data_dir, ServerUnreachable("connection refused by 127.0.0.1:9", server_url=URL, reason="refused"))

    chinese = run_kaidan("status", "--data-dir", str(data_dir), "--lang", "zh_CN")
    english = run_kaidan("status", "--data-dir", str(data_dir), "--lang", "en")

    assert chinese.returncode == 0, chinese.stderr
    error_lines = [line for line in chinese.stdout.splitlines() if line.startswith("上次错误")]
    assert len(error_lines) == 1, chinese.stdout
    assert error_lines[0].startswith(f"上次错误：无法连接服务器 {URL}（连接被拒绝）"), error_lines[0]
    assert f"could not connect to the server at {URL} (connection refused)" in english.stdout
    # The JSON form keeps the engine's English text for scripts.
    assert status_json(data_dir)["last_error"] == "connection refused by 127.0.0.1:9"
