"""The warehouse a new order starts with: the user's own department's, not the first of all."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.models.order_queries import WarehouseChoice, default_warehouse_id
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop.conftest import PASSWORD
from tests.server.server_process import add_user


def test_admin_order_starts_in_own_department(qtbot, english, tmp_path, server, server_db):
    url, ids = server_db
    # An administrator sees every warehouse; W1 of D1 sorts first, but this one works in D2.
    add_user(url, "admin2", "admin", PASSWORD, "D2", create_department=False)
    replica = open_replica(tmp_path / "admin2")
    sync(replica, server.url, "admin2", PASSWORD)
    context = AppContext(replica, server.url, "admin2")
    try:
        editor = OrderEditor(context)
        qtbot.addWidget(editor)
        qtbot.waitUntil(lambda: editor.catalog is not None, timeout=10_000)

        offered = [warehouse.id for warehouse in editor.catalog.warehouses]
        assert offered.index(ids["W1"]) < offered.index(ids["W2"])
        assert editor.warehouse_combo.currentData() == ids["W2"]
        assert editor.dirty is False
    finally:
        context.close()


def test_default_warehouse_falls_back_to_first():
    warehouses = (WarehouseChoice("w1", "W1", "一号仓", "d1"), WarehouseChoice("w2", "W2", "二号仓", "d2"),
                  WarehouseChoice("w3", "W3", "三号仓", "d2"))
    assert default_warehouse_id(warehouses, "d2") == "w2"
    assert default_warehouse_id(warehouses, "d9") == "w1"
    assert default_warehouse_id(warehouses, None) == "w1"
    assert default_warehouse_id((), "d1") is None
