"""What `kaidan status`, `kaidan verify` and `kaidan --help` print for a user, run as processes against a real
server: table names users know, rows named by number or code, a replica behind the server, help in Chinese,
and the engine's errors in Chinese."""

from __future__ import annotations

import re
import sqlite3
import subprocess

from domain.ids import new_id
from domain.models import Flag
from domain.types import utcnow
from server_stub.admin import find_department, write_rows
from server_stub.db import Database
from tests.server.server_process import add_user, free_port
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env, run_kaidan, status_json
from tests.sync.test_cli_messages import PASSWORD, _add_regions, _sync

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _verify(server_url: str, data_dir, *extra: str) -> subprocess.CompletedProcess:
    return run_kaidan(*extra, "verify", "--server", server_url, "--user", "clerk1", "--data-dir", str(data_dir),
                      password=PASSWORD)


def test_status_table_names_translated(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    _add_regions(server.database_url, "A", changes=1, rows_per_change=1200)
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0

    english = run_kaidan("status", "--data-dir", str(data_dir))
    assert english.returncode == 0, english.stderr
    lines = english.stdout.splitlines()
    assert "records on this computer:" in lines, english.stdout
    assert "  Users: 1" in lines, english.stdout
    # sales_region has no name users know: it is counted with the others, never listed by its database name.
    assert not any("sales_region" in line or "app_user" in line for line in lines), english.stdout
    other = [line for line in lines if line.startswith("  other records: ")]
    assert len(other) == 1, english.stdout
    assert re.fullmatch(r"  other records: 1,2\d\d in \d+ tables?", other[0]), other[0]
    assert not any(line.startswith("cursor") for line in lines), english.stdout

    chinese = run_kaidan("status", "--data-dir", str(data_dir), "--lang", "zh_CN")
    assert chinese.returncode == 0, chinese.stderr
    lines = chinese.stdout.splitlines()
    assert "本机记录：" in lines, chinese.stdout
    assert "  用户：1" in lines, chinese.stdout
    assert any(re.fullmatch(r"  其他记录：1,2\d\d 条，分布在 \d+ 个数据表中", line) for line in lines), chinese.stdout

    # Scripts read the JSON, which keeps the database names and the cursor.
    status = status_json(data_dir)
    assert status["rows"]["sales_region"] == 1200
    assert status["cursor"] > 0


def test_verify_names_rows_bounded(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    _add_regions(server.database_url, "R", changes=1, rows_per_change=25)
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0

    database = sqlite3.connect(data_dir / "replica.sqlite3")
    with database:
        database.execute("UPDATE sales_region SET name = 'tampered' WHERE code = 'R0-0'")
        database.execute("DELETE FROM sales_region WHERE code NOT IN ('R0-0', 'R0-1')")
    database.close()

    failed = _verify(server.url, data_dir)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    lines = failed.stdout.splitlines()
    assert lines[0] == "differences in sales_region: 2 rows here, 25 on the server"
    # The changed row is named by its code and name; a row missing here has nothing but its id.
    assert lines[1] == "  R0-0 tampered: different"
    listed = lines[1:-1]
    assert len(listed) == 20, failed.stdout
    assert all(UUID.fullmatch(line.removeprefix("  ").removesuffix(": missing here")) for line in listed[1:]), listed
    assert lines[-1] == "  and 4 more"


def test_verify_behind_server_exits_4(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0
    _add_regions(server.database_url, "N", changes=1, rows_per_change=3)

    behind = _verify(server.url, data_dir)
    assert behind.returncode == 4, behind.stdout + behind.stderr
    assert behind.stdout.splitlines() == [
        "The server has changes this computer has not fetched yet: run `kaidan sync`, then verify again."
    ]
    chinese = _verify(server.url, data_dir, "--lang", "zh_CN")
    assert chinese.returncode == 4, chinese.stdout + chinese.stderr
    assert chinese.stdout.splitlines() == ["服务器上有本机尚未获取的修改：请先运行 `kaidan sync`，再重新校验。"]

    assert _sync(server.url, data_dir).returncode == 0
    passed = _verify(server.url, data_dir)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.splitlines()[-1].startswith("verify passed: ")


def test_verify_missing_folder_not_created(tmp_path):
    missing = tmp_path / "missing"
    completed = _verify(f"http://127.0.0.1:{free_port()}", missing)
    assert completed.returncode == 2
    assert completed.stderr.strip() == f"kaidan: no replica in {missing}; run `kaidan sync` with this --data-dir first"
    assert not missing.exists()


def test_help_chinese_full_width():
    helped = run_kaidan("--help", "--lang", "zh_CN")
    assert helped.returncode == 0, helped.stderr
    lines = helped.stdout.splitlines()
    assert "选项：" in lines
    assert "位置参数：" in lines
    assert "桌面窗口（不带 COMMAND 时）：" in lines
    assert not any(line.rstrip().endswith(":") for line in lines), helped.stdout
    # The desktop window's options are translated like the sub-commands' ones.
    assert "server address to sign in to" not in helped.stdout
    assert "要登录的服务器地址" in helped.stdout
    subcommands = {line.split()[0]: line for line in lines if re.match(r"    (sync|status|verify) ", line)}
    assert set(subcommands) == {"sync", "status", "verify"}
    assert all(len(line.split()) > 1 for line in subcommands.values()), subcommands

    # Without --lang the operating system's locale decides.
    env = kaidan_env()
    env["LC_ALL"] = "zh_CN.UTF-8"
    by_locale = subprocess.run(kaidan_command("status", "--help"), cwd=REPO_ROOT, env=env, capture_output=True,
                               text=True, timeout=120)
    assert by_locale.returncode == 0, by_locale.stderr
    assert "不连接服务器，显示本地副本的情况" in by_locale.stdout
    assert "存放本地副本的文件夹（必须已存在）" in by_locale.stdout


def test_help_data_dir_created_only_by_sync():
    for command in ("status", "verify"):
        helped = run_kaidan(command, "--help")
        assert helped.returncode == 0, helped.stderr
        assert "folder holding the replica (must exist)" in helped.stdout, command
        assert "created if missing" not in helped.stdout, command
    verify_help = run_kaidan("verify", "--help").stdout
    assert "4 when this computer has not fetched the server's latest changes" in " ".join(verify_help.split())
    assert "created if missing" in run_kaidan("sync", "--help").stdout


def test_self_test_in_chinese():
    completed = run_kaidan("--lang", "zh_CN", "--self-test")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.startswith("自检通过：本地副本位于临时文件夹，送货单 "), completed.stdout


def test_engine_errors_in_chinese(tmp_path, server):
    invalid = _sync("127.0.0.1:8765", tmp_path / "a", "--lang", "zh_CN")
    assert invalid.returncode == 2
    assert invalid.stderr.strip() == (
        "kaidan: 服务器地址“127.0.0.1:8765”无效：应以 http:// 或 https:// 开头并包含主机名，例如 http://127.0.0.1:8765"
    )

    closed = f"http://127.0.0.1:{free_port()}"
    refused = _sync(closed, tmp_path / "b", "--lang", "zh_CN")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"kaidan: 同步失败：无法连接服务器 {closed}（连接被拒绝）。请确认服务器正在运行且地址无误，然后重新同步。"
    )

    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    add_user(server.database_url, "clerk2", "clerk", PASSWORD, "D1", create_department=False)
    data_dir = tmp_path / "c"
    assert _sync(server.url, data_dir).returncode == 0
    other_user = run_kaidan("--lang", "zh_CN", "sync", "--server", server.url, "--user", "clerk2",
                            "--data-dir", str(data_dir), password=PASSWORD)
    assert other_user.returncode == 2
    assert other_user.stderr.strip() == (
        "kaidan: 同步失败：这个数据文件夹属于用户“clerk1”，而不是“clerk2”。请换一个 --data-dir。"
    )
    other_server = _sync(closed, data_dir, "--lang", "zh_CN")
    assert other_server.returncode == 2
    assert other_server.stderr.strip() == (
        f"kaidan: 同步失败：这个数据文件夹属于服务器 {server.url}，而不是 {closed}。请换一个 --data-dir。"
    )


def test_verify_passes_with_newer_note(tmp_path, server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    add_user(server.database_url, "clerk9", "clerk", PASSWORD, "D9")
    data_dir = tmp_path / "data"
    assert _sync(server.url, data_dir).returncode == 0
    # A flag of another department is a server change outside clerk1's data: verify passes with a note.
    db = Database(server.database_url)
    try:
        with db.write() as session:
            department_id = find_department(session, "D9").id
            write_rows(session, [Flag(
                id=new_id(), code="negative_stock", record_table="product", record_id=new_id(),
                raised_at=utcnow(), department_id=department_id,
            )])
    finally:
        db.dispose()

    passed = _verify(server.url, data_dir)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.splitlines()[0] == (
        "note: the server has newer changes than this computer; they arrive with the next sync"
    )
    assert passed.stdout.splitlines()[-1].startswith("verify passed: ")
