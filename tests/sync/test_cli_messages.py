"""Messages of `kaidan sync`, `status` and `verify` run as processes: bad addresses, unreachable servers,
progress, keyring, rejected commands, and the Chinese output."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import subprocess
import threading

import pytest

from domain.ids import new_id
from domain.models import SalesRegion
from server_stub.admin import write_rows
from server_stub.db import Database
from sync.client import open_replica, submit
from sync.protocol import BOOTSTRAP_PULL_LIMIT
from tests.server.server_process import add_user, free_port
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env, run_kaidan

PASSWORD = "correct horse 42"


def _sync(server_url: str, data_dir, *extra: str) -> subprocess.CompletedProcess:
    return run_kaidan(*extra, "sync", "--server", server_url, "--user", "clerk1", "--data-dir", str(data_dir),
                      password=PASSWORD)


def test_server_without_scheme_rejected(tmp_path):
    data_dir = tmp_path / "data"
    completed = _sync("127.0.0.1:8765", data_dir)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines() == [
        "kaidan: invalid server address '127.0.0.1:8765': expected http:// or https:// and a host, "
        "e.g. http://127.0.0.1:8765"
    ]
    assert not data_dir.exists()


def test_closed_port_one_error_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    completed = _sync(url, tmp_path / "data")
    assert completed.returncode == 2
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith(f"kaidan: sync failed: could not connect to the server at {url} (connection refused")
    assert "did not respond" not in completed.stderr


def test_closed_port_retries_logged_verbose(tmp_path):
    completed = _sync(f"http://127.0.0.1:{free_port()}", tmp_path / "data", "-v")
    assert completed.returncode == 2
    retries = [line for line in completed.stderr.splitlines() if "retrying in" in line]
    assert len(retries) == 4
    assert all(" INFO " in line for line in retries)


class _QuietHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def plain_http_url():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_https_against_plain_http_not_retried(tmp_path, plain_http_url):
    completed = _sync(plain_http_url, tmp_path / "data", "-v")
    assert completed.returncode == 2
    assert "retrying in" not in completed.stderr
    assert completed.stderr.strip().splitlines()[-1] == (
        f"kaidan: sync failed: the server at {plain_http_url} does not speak HTTPS. "
        "Use http:// or configure TLS on the server."
    )


# A count with thousands separators: 12,112, never 12112.
COUNT = r"\d{1,3}(?:,\d{3})*"
# The rate and the time left follow the share done; under a second the time left reads "almost done".
RATE_AND_TIME_LEFT = rf", {COUNT} rows/s(?:, (?:about \d+ (?:s|min) left|almost done))?"
PROGRESS = re.compile(rf"pulled ({COUNT}) of about ({COUNT}) rows \((\d+) %\)" + RATE_AND_TIME_LEFT)
PROGRESS_BY_ROWS = re.compile(rf"pulled ({COUNT}) rows \((\d+) %\)" + RATE_AND_TIME_LEFT)


def _add_regions(database_url: str, prefix: str, changes: int, rows_per_change: int) -> None:
    """Write sales regions as `changes` server changes, so a pull needs several pages."""
    db = Database(database_url)
    try:
        for change in range(changes):
            with db.write() as session:
                write_rows(session, [
                    SalesRegion(id=new_id(), code=f"{prefix}{change}-{index}", name="region")
                    for index in range(rows_per_change)
                ])
    finally:
        db.dispose()


def test_progress_lines_one_form(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    # A first sync asks for bigger pages; these rows fill more than one.
    _add_regions(server.database_url, "A", changes=3, rows_per_change=BOOTSTRAP_PULL_LIMIT // 2 + 1)
    data_dir = tmp_path / "data"

    first = _sync(server.url, data_dir)
    assert first.returncode == 0, first.stderr
    pulled = [line for line in first.stdout.splitlines() if line.startswith("pulled")]
    assert len(pulled) >= 2, first.stdout
    totals = set()
    for line in pulled:
        match = PROGRESS.fullmatch(line)
        assert match, line
        totals.add(match.group(2))
    assert len(totals) == 1, pulled

    _add_regions(server.database_url, "B", changes=3, rows_per_change=1500)
    again = _sync(server.url, data_dir)
    assert again.returncode == 0, again.stderr
    pulled = [line for line in again.stdout.splitlines() if line.startswith("pulled")]
    assert len(pulled) >= 2, again.stdout
    for line in pulled:
        assert PROGRESS_BY_ROWS.fullmatch(line), line
    # The rows pulled in the summary carry the separator too: 4,500 rows were added.
    assert re.fullmatch(r"sync complete: nothing to push; pulled 4,5\d\d rows in \d+ pages?", again.stdout.splitlines()[-1]), (
        again.stdout.splitlines()[-1]
    )


def test_keyring_warning_printed_once(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    env = kaidan_env()
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    completed = subprocess.run(
        kaidan_command("sync", "--server", server.url, "--user", "clerk1", "--data-dir", str(tmp_path / "data")),
        cwd=REPO_ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    warnings = [line for line in completed.stderr.splitlines() if "keyring" in line.lower()]
    assert len(warnings) == 1, completed.stderr
    assert warnings[0].startswith("kaidan: warning: ")
    # The command line has no "next start": the next `kaidan sync` asks again.
    assert "the next `kaidan sync` asks for the password again" in warnings[0]
    assert "next start" not in warnings[0]


def test_status_json_names_server_user_device(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0
    completed = run_kaidan("status", "--data-dir", str(data_dir), "--json")
    assert completed.returncode == 0, completed.stderr
    status = json.loads(completed.stdout)
    assert status["server"] == server.url
    assert status["user"] == "clerk1"
    assert status["device"]
    assert dt.datetime.fromisoformat(status["last_sync"]).tzinfo is not None
    assert (status["unsynced"], status["refused"]) == (0, 0)


def test_status_into_closed_pipe_quiet(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0
    # `kaidan status | head -1`: the reader closes the pipe after the first line.
    shell = subprocess.run(
        " ".join(kaidan_command("status", "--data-dir", str(data_dir))) + " | head -1",
        shell=True, cwd=REPO_ROOT, env=kaidan_env(), capture_output=True, text=True, timeout=300,
        executable="/bin/bash",
    )
    assert shell.stdout.startswith("server: ")
    assert "Traceback" not in shell.stderr
    assert "BrokenPipeError" not in shell.stderr


CJK = re.compile(r"[\u4e00-\u9fff]")
PROGRESS_ZH = re.compile(
    rf"已拉取 ({COUNT}) 行，共约 ({COUNT}) 行（(\d+) %），{COUNT} 行/秒(?:，(?:约剩 \d+ (?:秒|分钟)|即将完成))?"
)


def _queue_accepted_and_rejected(data_dir) -> None:
    """Queue one command the server accepts and one it rejects (duplicate_code, only when run on the server)."""
    replica = open_replica(data_dir)
    try:
        submit(replica, "test.region.create", {"id": new_id(), "code": "OK1", "name": "Region OK1"})
        submit(replica, "test.region.server_rejects", {"id": new_id(), "code": "DUP1"})
    finally:
        replica.close()


def test_sync_status_verify_in_chinese(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    _add_regions(server.database_url, "A", changes=2, rows_per_change=50)
    data_dir = tmp_path / "data"

    first = _sync(server.url, data_dir, "--lang", "zh_CN")
    assert first.returncode == 0, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    assert all(CJK.search(line) for line in lines), first.stdout
    progress = [line for line in lines if line.startswith("已拉取")]
    assert progress, first.stdout
    assert all(PROGRESS_ZH.fullmatch(line) for line in progress), progress
    assert re.fullmatch(rf"同步完成：没有待推送的命令；拉取了 {COUNT} 行，共 \d+ 页", lines[-1]), lines[-1]
    assert not any("游标" in line or "约剩 0 秒" in line for line in lines), first.stdout

    _queue_accepted_and_rejected(data_dir)
    rejected = _sync(server.url, data_dir, "--lang", "zh_CN")
    assert rejected.returncode == 3, rejected.stdout + rejected.stderr
    lines = rejected.stdout.splitlines()
    assert lines[0] == "正在推送 2 条命令"
    assert lines[-1].startswith("同步已结束，但有问题：推送了 2 条命令：1 条被接受，1 条被拒绝，0 条被暂缓；拉取了 "), lines[-1]
    errors = rejected.stderr.splitlines()
    assert errors[0] == (
        "kaidan: 服务器拒绝了 1 条命令。上述命令没有生效。请在桌面程序中打开“同步问题”，修改后重新发送，或者放弃。"
    )
    assert len(errors) == 2, rejected.stderr
    # The command is described as the Sync problems page does, without the device's sequence number.
    assert errors[1].startswith("  修改 test.region.server_rejects（被拒绝）："), errors[1]
    assert "#2" not in errors[1]
    assert "DUP1" in errors[1]
    # No log record and no Python dict reaches the terminal at default verbosity.
    assert "WARNING" not in rejected.stderr
    assert "{" not in rejected.stderr

    status = run_kaidan("status", "--data-dir", str(data_dir), "--lang", "zh_CN")
    assert status.returncode == 0, status.stderr
    status_lines = status.stdout.splitlines()
    assert status_lines[0].startswith("服务器：")
    assert re.fullmatch(r"未同步的修改：1（被拒 1）  上次同步：\d{4}-\d\d-\d\d \d\d:\d\d", status_lines[1]), status_lines[1]
    assert not any("游标" in line for line in status_lines), status.stdout

    verified = run_kaidan("--lang", "zh_CN", "verify", "--server", server.url, "--user", "clerk1",
                          "--data-dir", str(data_dir), password=PASSWORD)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert re.fullmatch(r"校验通过：\d+ 个数据表与服务器一致", verified.stdout.splitlines()[-1]), verified.stdout


def test_rejected_summary_consistent_in_english(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0
    _queue_accepted_and_rejected(data_dir)

    rejected = _sync(server.url, data_dir)
    assert rejected.returncode == 3, rejected.stdout + rejected.stderr
    lines = rejected.stdout.splitlines()
    assert lines[0] == "pushing 2 commands"
    assert re.fullmatch(
        r"sync finished with problems: pushed 2 commands: 1 accepted, 1 rejected, 0 held; "
        r"pulled \d+ rows? in 1 page",
        lines[-1],
    ), lines[-1]
    errors = rejected.stderr.splitlines()
    assert errors[0] == (
        "kaidan: the server rejected 1 command. It was not applied. Open Sync problems (同步问题) "
        "in the desktop app to correct and resend or discard it."
    )
    assert errors[1] == "  Change test.region.server_rejects (rejected): The code DUP1 is already in use"
    assert "WARNING" not in rejected.stderr

    # The rejected command waits in the outbox; the next sync pushes nothing and still reports it.
    again = _sync(server.url, data_dir)
    assert again.returncode == 3, again.stdout + again.stderr
    assert again.stdout.splitlines()[-1].startswith("sync finished with problems: nothing to push; pulled ")
    assert again.stderr.splitlines()[0].startswith("kaidan: the server rejected 1 command.")


def test_help_and_locale_in_chinese(tmp_path):
    helped = run_kaidan("sync", "--help", "--lang", "zh_CN")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("用法：kaidan sync ")
    assert "显示此帮助信息并退出" in helped.stdout
    assert "服务器地址，例如 http://127.0.0.1:8765" in helped.stdout
    assert "show this help message" not in helped.stdout
    # The help speaks of changes and the last sync, not of the engine's outbox and cursor.
    assert "游标" not in helped.stdout
    assert "发件箱" not in helped.stdout
    unfinished = run_kaidan("sync", "--lang", "zh_CN")
    assert unfinished.returncode == 2
    assert unfinished.stderr.splitlines()[-1] == "kaidan sync：错误：缺少必需的参数：--server, --user, --data-dir"

    # Without --lang the operating system's locale decides, as for the desktop window.
    env = kaidan_env()
    env["LC_ALL"] = "zh_CN.UTF-8"
    missing = tmp_path / "missing"
    completed = subprocess.run(
        kaidan_command("status", "--data-dir", str(missing)),
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines()[-1] == (
        f"kaidan: {missing} 中没有本地副本；请先用这个 --data-dir 运行 `kaidan sync`"
    )
    english = run_kaidan("status", "--data-dir", str(missing))
    assert english.stderr.strip() == f"kaidan: no replica in {missing}; run `kaidan sync` with this --data-dir first"
