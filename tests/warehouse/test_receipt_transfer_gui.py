"""A keeper receives batches and transfers one by keyboard on the Stock page, offline, then syncs with the server."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.context import AppContext  # noqa: E402
from desktop.models.stock_doc_lines import StockLinesModel  # noqa: E402
from desktop.views.stock_view import StockView  # noqa: E402
from domain.models import GoodsReceipt, GoodsReceiptLine, StockBalance, StockTransfer  # noqa: E402
from sync.client import open_replica, sync  # noqa: E402
from tests.desktop_orders.chinese_ui import chinese_from_ts  # noqa: E402
from tests.desktop_orders.keyboard import type_text  # noqa: E402
from tests.server.server_process import ServerProcess  # noqa: E402
from tests.warehouse.receipt_data import KEEPER, PASSWORD, build_company  # noqa: E402

pytestmark = pytest.mark.timeout(300)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NEAR_EXPIRY = dt.date.today() + dt.timedelta(days=10)


@pytest.fixture(scope="module")
def company_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("receipt_company") / "server.sqlite3"
    ids = build_company(f"sqlite:///{path}")
    return path, ids


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def keeper_context(tmp_path, company_template, memory_keyring):
    """The keeper's app context on a synced replica, with the server stopped; yields (context, server, ids)."""
    template, ids = company_template
    for source in template.parent.glob(template.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path / "server.log", imports=())
    server.start()
    replica = open_replica(tmp_path / "client")
    sync(replica, server.url, KEEPER, PASSWORD)
    server.stop()
    context = AppContext(replica, server.url, KEEPER)
    yield context, server, ids
    context.close()
    server.stop()


def balances(session_source, warehouse_id: str, product_id: str) -> dict[str, tuple[Decimal, dt.date | None]]:
    with session_source() as session:
        rows = session.execute(select(StockBalance).where(
            StockBalance.warehouse_id == warehouse_id, StockBalance.product_id == product_id)).scalars()
        return {row.batch_no: (row.on_hand, row.expiry_date) for row in rows}


def server_balances(database_url: str, warehouse_id: str, product_id: str):
    from server_stub.db import Database

    db = Database(database_url)
    try:
        return balances(db.read, warehouse_id, product_id)
    finally:
        db.dispose()


def open_editor(qtbot, view: StockView, tab):
    # Offscreen Qt gives no window the focus back after a dialog closed, as a window manager would.
    if QApplication.activeWindow() is not view:
        with qtbot.waitActive(view):
            view.activateWindow()
    view.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    qtbot.waitUntil(lambda: tab.table.hasFocus(), timeout=10_000)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.data is not None, timeout=10_000)
    editor = tab.editor
    with qtbot.waitActive(editor):
        editor.activateWindow()
    qtbot.waitUntil(lambda: editor.fields[0].hasFocus(), timeout=10_000)
    return editor


def wait_cell(qtbot, editor, row: int, key: str) -> None:
    grid, model = editor.grid, editor.lines_model
    qtbot.waitUntil(lambda: (grid.currentIndex().row(), grid.currentIndex().column()) == (row, model.column(key))
                    and grid.state() == grid.State.EditingState, timeout=10_000)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Send a key where a keyboard would: the completer popup while it is open, else the focus widget.

    tests.desktop_orders.keyboard.press fails on an editable combo box, whose line edit has a completer without a popup.
    """
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    widget = QApplication.focusWidget()
    completer = widget.completer() if hasattr(widget, "completer") else None
    popup = completer.popup() if completer is not None else None
    qtbot.keyClick(popup if popup is not None and popup.isVisible() else widget, key, modifier)
    qtbot.wait(20)


def enter(qtbot, text: str = "") -> None:
    if text:
        type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


def test_receive_and_transfer_batches(qtbot, keeper_context):
    context, server, ids = keeper_context
    view = StockView(context)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()

    # -- goods receipt: supplier S001 (Down from "no supplier"), warehouse W1, no note, then the grid.
    editor = open_editor(qtbot, view, view.receipts)
    warehouses = [editor.warehouse_box.itemData(n) for n in range(editor.warehouse_box.count())]
    assert warehouses == [ids["W1"], ids["W2"]]  # W9 belongs to D2, so the keeper's replica has no W9
    press(qtbot, Qt.Key.Key_Down)
    assert editor.supplier_box.currentData() == ids["S001"]
    enter(qtbot)
    qtbot.waitUntil(lambda: editor.warehouse_box.hasFocus())
    enter(qtbot)
    qtbot.waitUntil(lambda: editor.note_edit.hasFocus())
    enter(qtbot)
    model = editor.lines_model
    wait_cell(qtbot, editor, 0, model.PRODUCT)

    # A keeper may not see costs: no cost or amount column, and the hint names who costs the goods.
    assert editor.grid.isColumnHidden(model.column(model.UNIT_COST))
    assert editor.grid.isColumnHidden(model.column(model.AMOUNT))
    assert "moving average cost" in editor.hint_label.text()

    # Line 1: P101 by its pinyin initials, 10 罐, batch left blank, expiry 2027-03-31.
    enter(qtbot, "nf")
    wait_cell(qtbot, editor, 0, model.QUANTITY)
    assert model.line(0).product.code == "P101"
    enter(qtbot, "10")
    wait_cell(qtbot, editor, 0, model.UNIT)
    enter(qtbot)
    wait_cell(qtbot, editor, 0, model.BATCH)
    enter(qtbot)
    wait_cell(qtbot, editor, 0, model.EXPIRY)
    enter(qtbot, "20270331")
    wait_cell(qtbot, editor, 1, model.PRODUCT)

    # Posting without the batch number is rejected by the handler on the replica, and nothing is written.
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "batch number" in editor.message_label.text(), timeout=10_000)
    assert editor.message_label.text() == "Line 1: product P101 奶粉 is tracked by batch; enter its batch number"
    assert editor.isVisible()
    with context.read_session() as session:
        assert session.execute(select(GoodsReceipt)).first() is None

    # Back to the batch cell with Shift+Tab twice, type it, and go on to line 2.
    editor.grid.setFocus()
    editor.grid.start_entry(1)
    wait_cell(qtbot, editor, 1, model.PRODUCT)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    wait_cell(qtbot, editor, 0, model.EXPIRY)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    wait_cell(qtbot, editor, 0, model.BATCH)
    enter(qtbot, "M2701")
    wait_cell(qtbot, editor, 0, model.EXPIRY)
    enter(qtbot)
    wait_cell(qtbot, editor, 1, model.PRODUCT)

    # Line 2: P001 in 箱 (Down in the unit list), 2 箱; batch and expiry are skipped.
    enter(qtbot, "P001")
    wait_cell(qtbot, editor, 1, model.QUANTITY)
    enter(qtbot, "2")
    wait_cell(qtbot, editor, 1, model.UNIT)
    press(qtbot, Qt.Key.Key_Down)
    enter(qtbot)
    wait_cell(qtbot, editor, 2, model.PRODUCT)
    assert model.line(1).unit_name == "箱"

    # Line 3: a batch of P101 that expires in ten days.
    enter(qtbot, "P101")
    wait_cell(qtbot, editor, 2, model.QUANTITY)
    enter(qtbot, "3")
    enter(qtbot)
    wait_cell(qtbot, editor, 2, model.BATCH)
    enter(qtbot, "M2612")
    wait_cell(qtbot, editor, 2, model.EXPIRY)
    enter(qtbot, NEAR_EXPIRY.isoformat())
    wait_cell(qtbot, editor, 3, model.PRODUCT)
    assert editor.total_label.text() == "Lines: 3"
    assert all(line.unit_cost is None for line in model.entered())

    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: view.receipts.model.rowCount() == 1, timeout=10_000)
    receipt_row = view.receipts.model.row_at(0)
    assert receipt_row.supplier_name == "义乌日用品厂"
    assert receipt_row.line_count == 3
    assert receipt_row.total_amount is None  # the server costs the lines

    assert balances(context.read_session, ids["W1"], ids["P101"]) == {
        "M2701": (Decimal("10.000"), dt.date(2027, 3, 31)), "M2612": (Decimal("3.000"), NEAR_EXPIRY)}
    assert balances(context.read_session, ids["W1"], ids["P001"]) == {"": (Decimal("24.000"), None)}

    # -- batches tab: earliest expiry first, the near one highlighted.
    view.tabs.setCurrentWidget(view.batches)
    batch_model = view.batches.model
    qtbot.waitUntil(lambda: batch_model.rowCount() == 3, timeout=10_000)
    rows = [batch_model.row_at(n) for n in range(3)]
    assert [(r.batch_no, r.expiry_date, r.on_hand, r.available) for r in rows] == [
        ("M2612", NEAR_EXPIRY, Decimal("3.000"), Decimal("3.000")),
        ("M2701", dt.date(2027, 3, 31), Decimal("10.000"), Decimal("10.000")),
        ("", None, Decimal("24.000"), Decimal("24.000")),
    ]
    assert batch_model.expiry_state(rows[0]) == "near"
    assert batch_model.data(batch_model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert batch_model.data(batch_model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert batch_model.data(batch_model.index(2, batch_model.COLUMNS.index("batch_no"))) == "(no batch)"

    # -- transfer: 4 of batch M2701 from W1 to W2; the batch list starts at the earliest expiry (M2612).
    transfer_editor = open_editor(qtbot, view, view.transfers)
    assert transfer_editor.from_box.currentData() == ids["W1"]
    assert transfer_editor.to_box.currentData() == ids["W2"]
    enter(qtbot)
    enter(qtbot)
    enter(qtbot)
    lines = transfer_editor.lines_model
    wait_cell(qtbot, transfer_editor, 0, lines.PRODUCT)
    enter(qtbot, "P101")
    wait_cell(qtbot, transfer_editor, 0, lines.BATCH)
    combo = transfer_editor.grid.indexWidget(transfer_editor.grid.currentIndex())
    assert [combo.itemData(n) for n in range(combo.count())] == ["M2612", "M2701"]
    available = lines.index(0, lines.column(StockLinesModel.AVAILABLE))
    assert available.data() == "13"  # both batches, before one is chosen
    press(qtbot, Qt.Key.Key_Down)
    enter(qtbot)
    wait_cell(qtbot, transfer_editor, 0, lines.QUANTITY)
    assert lines.line(0).batch_no == "M2701"
    assert lines.line(0).expiry_date == dt.date(2027, 3, 31)
    assert available.data() == "10"
    enter(qtbot, "4")
    wait_cell(qtbot, transfer_editor, 0, lines.UNIT)
    enter(qtbot)
    wait_cell(qtbot, transfer_editor, 1, lines.PRODUCT)
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not transfer_editor.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: view.transfers.model.rowCount() == 1, timeout=10_000)
    transfer_row = view.transfers.model.row_at(0)
    assert (transfer_row.from_warehouse_name, transfer_row.to_warehouse_name) == ("上海总仓", "上海门店仓")

    source = balances(context.read_session, ids["W1"], ids["P101"])
    target = balances(context.read_session, ids["W2"], ids["P101"])
    assert source["M2701"] == (Decimal("6.000"), dt.date(2027, 3, 31))
    assert target == {"M2701": (Decimal("4.000"), dt.date(2027, 3, 31))}
    assert source["M2701"][0] + target["M2701"][0] == Decimal("10")

    # -- the search finds the transfer by batch, and the receipt by product.
    view.transfers.search.setText("M2701")
    view.transfers.reload()
    qtbot.waitUntil(lambda: view.transfers.model.rowCount() == 1, timeout=10_000)
    view.receipts.search.setText("nothing like this")
    view.receipts.reload()
    qtbot.waitUntil(lambda: view.receipts.model.rowCount() == 0, timeout=10_000)

    # -- online again: both documents post on the server with the same balances.
    server.start()
    sync(context.replica, server.url, KEEPER, PASSWORD)
    url = server.database_url
    assert server_balances(url, ids["W1"], ids["P101"]) == source
    assert server_balances(url, ids["W2"], ids["P101"]) == target
    assert server_balances(url, ids["W1"], ids["P001"]) == {"": (Decimal("24.000"), None)}
    from server_stub.db import Database

    db = Database(url)
    try:
        with db.read() as session:
            assert session.execute(select(GoodsReceiptLine.batch_no).order_by(GoodsReceiptLine.line_no)).scalars().all() == [
                "M2701", "", "M2612"]
            # P101 had no stock cost, so line 1 enters at its purchase price and line 3 at the average line 1 set;
            # P001 has neither, so it enters at zero (and the receipt is flagged).
            costs = session.execute(select(GoodsReceiptLine.unit_price, GoodsReceiptLine.amount)
                                    .order_by(GoodsReceiptLine.line_no)).all()
            assert [tuple(row) for row in costs] == [
                (Decimal("88.0000"), Decimal("880.00")), (Decimal("0.0000"), Decimal("0.00")),
                (Decimal("88.0000"), Decimal("264.00"))]
            assert len(session.execute(select(StockTransfer)).all()) == 1
    finally:
        db.dispose()
    assert QApplication.activeModalWidget() is None


def test_missing_batch_message_in_chinese(qtbot, keeper_context, tmp_path):
    context, _server, _ids = keeper_context
    with chinese_from_ts(tmp_path):
        view = StockView(context)
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitActive(view):
            view.activateWindow()
        assert view.tabs.tabText(view.tabs.indexOf(view.receipts)) == "入库单(&R)"
        assert view.tabs.tabText(view.tabs.indexOf(view.batches)) == "批次效期(&X)"
        editor = open_editor(qtbot, view, view.receipts)
        assert editor.windowTitle() == "新建入库单"
        assert "移动加权平均成本" in editor.hint_label.text()
        editor.grid.start_entry()
        model = editor.lines_model
        wait_cell(qtbot, editor, 0, model.PRODUCT)
        enter(qtbot, "P101")
        wait_cell(qtbot, editor, 0, model.QUANTITY)
        enter(qtbot, "1")
        enter(qtbot)
        wait_cell(qtbot, editor, 0, model.BATCH)
        enter(qtbot)
        wait_cell(qtbot, editor, 0, model.EXPIRY)
        enter(qtbot, "2027-01-31")
        wait_cell(qtbot, editor, 1, model.PRODUCT)
        press(qtbot, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: editor.message_label.text() != "", timeout=10_000)
        assert editor.message_label.text() == "第 1 行：商品 P101 奶粉按批次管理，请填写批号"
        editor.done(0)
