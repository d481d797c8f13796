"""Changing the unit of an order line quotes the price again: the pack unit's price, or the customer's agreed price."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QComboBox

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from domain.ids import new_id
from domain.models import AgreedPrice
from server_stub.admin import write_rows
from server_stub.db import Database
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD

pytestmark = pytest.mark.timeout(120)

Q, U, P = OrderLinesModel.QUANTITY, OrderLinesModel.UNIT, OrderLinesModel.PRICE


def _agree(database_url: str, customer_id: str, product_id: str, unit_name: str, price: str) -> None:
    db = Database(database_url)
    try:
        with db.write() as session:
            write_rows(session, [AgreedPrice(id=new_id(), customer_id=customer_id, product_id=product_id,
                                             unit_name=unit_name, price=Decimal(price))])
    finally:
        db.dispose()


def _open_editor(qtbot, tmp_path, sales_server, customer: str) -> tuple[AppContext, OrderEditor]:
    replica = open_replica(tmp_path / f"client-{customer}")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    editor = OrderEditor(context, customer_id=sales_server.ids[customer])
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)
    return context, editor


def _enter_line(qtbot, editor: OrderEditor) -> None:
    """Put P001 × 2 on the first line, in its base unit."""
    model = editor.lines_model
    assert model.setData(model.index(0, OrderLinesModel.PRODUCT), editor.grid.lines_delegate.products.find("P001"))
    editor.grid.lines_delegate.price_basis_changed.emit(0)
    assert model.setData(model.index(0, Q), "2")


def _choose_unit(qtbot, editor: OrderEditor, unit_name: str) -> None:
    """Pick a unit in the unit cell's editor and commit it, as Enter in the grid does."""
    grid = editor.grid
    grid.setCurrentIndex(editor.lines_model.index(0, U))
    grid.edit(grid.currentIndex())
    qtbot.waitUntil(lambda: isinstance(grid.indexWidget(grid.currentIndex()), QComboBox), timeout=5_000)
    combo = grid.indexWidget(grid.currentIndex())
    combo.setCurrentIndex(combo.findText(unit_name))
    grid.commitData(combo)
    grid.closeEditor(combo, grid.lines_delegate.EndEditHint.NoHint)


def _price(editor: OrderEditor) -> Decimal:
    return editor.lines_model.line(0).unit_price


def test_unit_change_requotes_pack_price(qtbot, tmp_path, sales_server, memory_keyring):
    context, editor = _open_editor(qtbot, tmp_path, sales_server, "C002")
    try:
        _enter_line(qtbot, editor)
        qtbot.waitUntil(lambda: _price(editor) == Decimal("88.5000"), timeout=10_000)

        _choose_unit(qtbot, editor, "提")
        # The pack unit has its own price: 600.00 per 提 of 7, not 7 × 88.50.
        qtbot.waitUntil(lambda: _price(editor) == Decimal("600.0000"), timeout=10_000)
        assert editor.lines_model.line(0).unit_name == "提"

        _choose_unit(qtbot, editor, "饼")
        qtbot.waitUntil(lambda: _price(editor) == Decimal("88.5000"), timeout=10_000)
    finally:
        # The test throws the order away: no unsaved-changes question on close.
        editor.dirty = False
        editor.close()
        context.tasks.cancel_all()
        context.tasks.wait_idle()
        context.replica.close()


def test_unit_change_requotes_agreed_price(qtbot, tmp_path, sales_server, memory_keyring):
    ids = sales_server.ids
    _agree(sales_server.database_url, ids["C001"], ids["P001"], "饼", "85.00")
    _agree(sales_server.database_url, ids["C001"], ids["P001"], "提", "580.00")
    context, editor = _open_editor(qtbot, tmp_path, sales_server, "C001")
    try:
        _enter_line(qtbot, editor)
        qtbot.waitUntil(lambda: _price(editor) == Decimal("85.0000"), timeout=10_000)

        _choose_unit(qtbot, editor, "提")
        qtbot.waitUntil(lambda: _price(editor) == Decimal("580.0000"), timeout=10_000)
        assert "580.00" in editor.message_label.text()

        _choose_unit(qtbot, editor, "饼")
        qtbot.waitUntil(lambda: _price(editor) == Decimal("85.0000"), timeout=10_000)
    finally:
        # The test throws the order away: no unsaved-changes question on close.
        editor.dirty = False
        editor.close()
        context.tasks.cancel_all()
        context.tasks.wait_idle()
        context.replica.close()
