"""File > Verify with server, and the first sync's progress dialog with Cancel, against a real server."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.views.bootstrap_progress import progress_text, time_left_text
from desktop.views.verify_dialog import verify_summary
from domain.models import Product
from sync.client import open_replica, sign_in
from sync.progress import PullProgress
from sync.verify import TableDifference, VerifyReport
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window


def wait_idle_online(qtbot, context, window) -> None:
    qtbot.waitUntil(lambda: window.status_label.text() == "Online" and not context.sync._running, timeout=20_000)


def test_verify_matches_then_finds_damage(qtbot, english, synced_replica, server, seeded_ids):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=True)
    try:
        wait_idle_online(qtbot, context, window)
        runner = window.verify_runner
        window.verify_action.trigger()
        qtbot.waitUntil(lambda: runner.last_box is not None, timeout=30_000)
        assert runner.last_report.ok
        assert runner.last_box.text().startswith("Every table matches the server (")
        runner.last_box.close()

        # Damage the local copy behind the engine's back.
        with synced_replica.transaction() as session:
            session.get(Product, seeded_ids["P1"]).name = "Coffee"
        runner.last_box = None
        window.verify_action.trigger()
        qtbot.waitUntil(lambda: runner.last_box is not None, timeout=30_000)
        report = runner.last_report
        assert not report.ok
        assert [difference.table for difference in report.differences] == ["product"]
        assert report.differences[0].different == [seeded_ids["P1"]]
        text = runner.last_box.text()
        assert "• Products: rows here 1, on the server 1, different 1" in text
        assert "rebuild this data folder" in text
        # The database names and ids are for an administrator, in the box's details.
        assert runner.last_box.detailedText().splitlines() == ["product: 1 id(s)", f"  {seeded_ids['P1']}"]
        runner.last_box.close()
    finally:
        close_window(context, window)


def test_verify_cancel_frees_sync(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=True)
    try:
        wait_idle_online(qtbot, context, window)
        runner = window.verify_runner
        window.verify_action.trigger()
        assert runner.running
        context.tasks.cancel_all()
        qtbot.waitUntil(lambda: not runner.running, timeout=30_000)
        assert runner.last_box is None
        assert not context.sync._running
        # The transport is free again: a sync and a second verify both complete.
        with qtbot.waitSignal(context.sync.attempt_finished, timeout=15_000):
            context.sync.sync_now()
        assert context.sync.last_error is None
        window.verify_action.trigger()
        qtbot.waitUntil(lambda: runner.last_box is not None, timeout=30_000)
        assert runner.last_report.ok
        runner.last_box.close()
    finally:
        close_window(context, window)


def test_verify_table_names_in_chinese(chinese):
    report = VerifyReport(local_cursor=9, server_cursor=9, tables_compared=40, differences=[
        TableDifference("sales_order", 3, 4, missing_locally=["a"]),
        TableDifference("saved_filter", 1, 0, extra_locally=["b"]),
    ])
    ok, text = verify_summary(report)
    assert not ok
    assert text.splitlines()[1] == "• 销售订单：本机 3 行，服务器 4 行，不一致 1 行"
    # A table users have no name for keeps its database name.
    assert text.splitlines()[2].startswith("• saved_filter")


def test_verify_offline_explains(qtbot, english, synced_replica, server):
    server.stop()
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        qtbot.waitUntil(lambda: context.sync.last_error is not None, timeout=15_000)
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        seen = []

        def close_box() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, close_box)
                return
            seen.append(box.text())
            box.accept()

        QTimer.singleShot(50, close_box)
        window.verify_action.trigger()
        assert seen and seen[0].startswith("The server cannot be reached.")
        assert window.verify_runner.last_report is None
    finally:
        close_window(context, window)


def test_verify_summary_when_behind(english):
    report = VerifyReport(local_cursor=5, server_cursor=9, tables_compared=40,
                          differences=[TableDifference("customer", 3, 4, missing_locally=["a"])])
    ok, text = verify_summary(report)
    assert not ok
    assert text.splitlines()[0] == "Tables that differ from the server: 1 of 40"
    assert text.splitlines()[-1] == "The server has changes this computer has not fetched yet: sync now (F5), then verify again."


def test_first_sync_shows_progress(qtbot, english, tmp_path, server):
    replica = open_replica(tmp_path / "fresh")
    sign_in(replica, server.url, "clerk1", PASSWORD).close()
    try:
        context, window = open_window(qtbot, replica, server.url, "clerk1", online=True)
        try:
            bootstrap = window.bootstrap_progress
            qtbot.waitUntil(lambda: context.sync.last_result is not None, timeout=30_000)
            assert isinstance(bootstrap.last_progress, PullProgress)
            assert bootstrap.last_progress.percent == 100
            assert bootstrap.opened == 1
            assert bootstrap.dialog is None
            assert replica.read_state().cursor > 0
        finally:
            close_window(context, window)
    finally:
        replica.close()


def test_first_sync_cancel_keeps_pages_and_resumes(qtbot, english, tmp_path, server):
    replica = open_replica(tmp_path / "fresh")
    sign_in(replica, server.url, "clerk1", PASSWORD).close()
    try:
        context, window = open_window(qtbot, replica, server.url, "clerk1", online=True)
        try:
            bootstrap = window.bootstrap_progress
            # Cancel from the worker as soon as the first page is applied, as a click on Cancel
            # would then. The attempt stops before its next step.
            context.sync.progress_changed.connect(lambda progress: context.sync.cancel(), Qt.ConnectionType.DirectConnection)
            with qtbot.waitSignal(context.sync.attempt_finished, timeout=30_000):
                pass
            assert isinstance(bootstrap.last_progress, PullProgress)
            assert context.sync.last_result is None
            assert bootstrap.dialog is None
            assert context.sync.status.value == "online"
            assert replica.read_state().cursor > 0

            context.sync.progress_changed.disconnect()
            context.sync.progress_changed.connect(bootstrap.show_progress)
            with qtbot.waitSignal(context.sync.attempt_finished, timeout=30_000):
                context.sync.sync_now()
            assert context.sync.last_result is not None
            assert context.sync.last_result.pull.rows == 0
        finally:
            close_window(context, window)
    finally:
        replica.close()


def test_progress_text_in_both_languages(qapp):
    progress = PullProgress(rows_done=12000, rows_total=48000, pages=3, start_cursor=0, cursor=30, server_seq=90,
                            elapsed_s=6.0, rate=2000.0, eta_s=18.0)
    from tests.desktop.conftest import make_app

    make_app("en")
    assert progress_text(progress) == "Downloading your data: 12,000 of about 48,000 rows (25 %)\n2,000 rows per second, about 18 s left"
    assert time_left_text(600) == "about 10 min left"
    assert time_left_text(None) == "time left unknown"
    make_app("zh_CN")
    try:
        assert progress_text(progress) == "正在下载数据：12,000 / 约 48,000 行（25%）\n每秒 2,000 行，约剩 18 秒"
    finally:
        make_app("en")


def test_time_left_below_one_second(qapp):
    from tests.desktop.conftest import make_app

    make_app("en")
    assert time_left_text(0.4) == "almost done"
    assert time_left_text(0.0) == "almost done"
    assert time_left_text(1.2) == "about 1 s left"
    make_app("zh_CN")
    try:
        assert time_left_text(0.4) == "即将完成"
        assert "0 秒" not in time_left_text(0.0)
    finally:
        make_app("en")
