"""The sync screens for scripts/screenshots.py --sync-screens, from a throwaway server on 127.0.0.1.

Builds the desktop tests' small company (tests/desktop/conftest.py), so it
needs the test dependencies of the project.
"""

from __future__ import annotations

import datetime as dt
import pathlib

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import create_application, open_main_window
from desktop.views.login_dialog import SignInResult
from domain.ids import new_id
from sync.client import open_replica, sign_in, submit, sync
from sync.local_commands import next_document_number
from sync.progress import PullProgress

PASSWORD = "shots 42"


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition, timeout_ms: int = 30_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        wait(100)
        waited += 100


def build_world(folder: pathlib.Path):
    """Start a server with users clerk1 and boss (manager) in D1, and make every kind of sync screen's data."""
    from tests.desktop.conftest import seed_balances
    from tests.desktop.server_rows import add_flag, set_on_hand
    from tests.server.helpers import seed_scope
    from tests.server.server_process import ServerProcess, add_user, migrate

    url = f"sqlite:///{folder / 'server.sqlite3'}"
    migrate(url)
    add_user(url, "clerk1", "clerk", PASSWORD, "D1")
    add_user(url, "clerk2", "clerk", PASSWORD, "D2")
    add_user(url, "boss", "manager", PASSWORD, "D1", create_department=False)
    ids = seed_scope(url)
    seed_balances(url, ids)
    server = ServerProcess(url, folder / "server.log", imports=()).start()

    clerk = open_replica(folder / "clerk1")
    sync(clerk, server.url, "clerk1", PASSWORD)
    boss = open_replica(folder / "boss")
    sync(boss, server.url, "boss", PASSWORD)

    # A conflict: clerk1 changes a phone, then the manager, editing from the old value, changes it again.
    customer_id = new_id()
    submit(clerk, "customer.create", {"id": customer_id, "code": "K7", "name": "大理茶社", "fields": {"phone": "0872-1110000"}})
    sync(clerk, server.url, "clerk1", PASSWORD)
    sync(boss, server.url, "boss", PASSWORD)
    submit(clerk, "customer.update", {"id": customer_id, "fields": {"phone": "0872-3330000"}, "base": {"phone": "0872-1110000"}})
    sync(clerk, server.url, "clerk1", PASSWORD)
    submit(boss, "customer.update", {"id": customer_id, "fields": {"phone": "0872-2220000"}, "base": {"phone": "0872-1110000"}})
    sync(boss, server.url, "boss", PASSWORD)

    # A confirm rejected for stock, with a change held behind it.
    set_on_hand(url, ids, "2")
    order_id = new_id()
    submit(clerk, "order.create", {
        "id": order_id, "number": next_document_number(clerk, "sales_order"), "customer_id": customer_id,
        "warehouse_id": ids["W1"], "document_date": dt.date.today().isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P1"], "quantity": "5", "unit_price": "12.50"}],
    })
    confirm = submit(clerk, "order.confirm", {"id": order_id})
    submit(clerk, "customer.update", {"id": customer_id, "fields": {"address": "大理古城复兴路 12 号"}},
           depends_on=[confirm.mutation_id])
    sync(clerk, server.url, "clerk1", PASSWORD)

    add_flag(url, ids)
    sync(boss, server.url, "boss", PASSWORD)
    return server, clerk, boss


def open_window(replica, server_url: str, username: str, language: str):
    create_application(language)
    connection = sign_in(replica, server_url, username)
    context, window = open_main_window(SignInResult(replica, server_url, username, connection, None), language)
    window.resize(1200, 720)
    window.show()
    wait_until(lambda: context.sync.last_result is not None or context.sync.last_error is not None)
    wait(500)
    return context, window


def grab_page(window, key: str, path: pathlib.Path) -> None:
    page = window.show_page(key)
    wait_until(lambda: not getattr(page, "loading", False) and not getattr(getattr(page, "model", None), "loading", False))
    wait(400)
    window.grab().save(str(path))


def grab_next_box(path: pathlib.Path) -> None:
    """Save the next modal message box, then close it with its escape button."""

    def shoot() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(100, shoot)
            return
        wait(200)
        box.grab().save(str(path))
        box.reject()

    QTimer.singleShot(100, shoot)


def shoot_sync_screens(folder: pathlib.Path, out: pathlib.Path) -> None:
    server, clerk, boss = build_world(folder)
    try:
        for language in ("en", "zh_CN"):
            context, window = open_window(clerk, server.url, "clerk1", language)
            grab_page(window, "problems", out / f"sync_problems_{language}.png")
            grab_page(window, "conflicts", out / f"conflicts_{language}.png")
            problems = window.pages["problems"]
            problems.tree.setCurrentItem(problems.tree.topLevelItem(0))
            grab_next_box(out / f"discard_confirmation_{language}.png")
            problems.discard_selected()
            runner = window.verify_runner
            runner.last_box = None
            window.verify_action.trigger()
            wait_until(lambda: runner.last_box is not None)
            wait(300)
            runner.last_box.grab().save(str(out / f"verify_result_{language}.png"))
            runner.last_box.close()
            bootstrap = window.bootstrap_progress
            bootstrap.open()
            bootstrap.show_progress(PullProgress(rows_done=412_000, rows_total=1_000_000, pages=206, start_cursor=0,
                                                 cursor=80_000, server_seq=200_000, elapsed_s=41.2, rate=10_000.0,
                                                 eta_s=58.8))
            wait(300)
            bootstrap.dialog.grab().save(str(out / f"first_sync_{language}.png"))
            bootstrap.close()
            window.close()
            context.close()

            context, window = open_window(boss, server.url, "boss", language)
            grab_page(window, "flags", out / f"flags_{language}.png")
            window.close()
            context.close()
            # close() closes the replicas; open them again for the next language.
            clerk = open_replica(folder / "clerk1")
            boss = open_replica(folder / "boss")
    finally:
        clerk.close()
        boss.close()
        server.stop()
