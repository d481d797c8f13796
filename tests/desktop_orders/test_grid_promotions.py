"""Promotions in the order form: a special price beside its original price, and buy-10-get-1 gift lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from domain.promotion_gifts import gift_line_id
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.promotion_data import SPECIAL_PRICE, add_promotions

pytestmark = pytest.mark.timeout(180)

PRODUCT, QUANTITY, PRICE, NAME = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.PRICE,
                                  OrderLinesModel.NAME)


def open_editor(qtbot, replica, server) -> OrderEditor:
    """Open a new order of C001 and wait until its catalog and gift rules are loaded."""
    context = AppContext(replica, server.url, MANAGER)
    context.sync.stop()
    editor = OrderEditor(context, customer_id=server.ids["C001"])
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    qtbot.waitUntil(lambda: editor.catalog is not None, timeout=15_000)
    qtbot.waitUntil(lambda: editor.lines_model._gift_rules is not None, timeout=10_000)
    return editor


def enter_line(editor: OrderEditor, code: str, quantity: str) -> int:
    """Put a product and quantity on the blank last line, as the grid's delegate does; returns the row."""
    model = editor.lines_model
    row = model.rowCount() - 1
    product = editor.grid.lines_delegate.products.find(code)
    assert model.setData(model.index(row, PRODUCT), product)
    editor.grid.lines_delegate.price_basis_changed.emit(row)
    assert model.setData(model.index(row, QUANTITY), quantity)
    return row


def close_editor(editor: OrderEditor) -> None:
    """Close the form without the unsaved-changes question, then its context and replica."""
    editor.grid.finish_editing()
    editor.dirty = False
    editor.close()
    editor.context.close()


def gift_quantities(model: OrderLinesModel) -> list[Decimal]:
    return [line.quantity for line in model.gift_lines()]


def server_rows(database_url: str, sql: str, **params):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


def test_special_price_shows_original(qtbot, tmp_path, sales_server):
    promotions = add_promotions(sales_server.database_url, sales_server.ids, dt.date.today())
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    editor = open_editor(qtbot, replica, sales_server)
    model = editor.lines_model

    row = enter_line(editor, "P002", "3")
    qtbot.waitUntil(lambda: model.line(row).unit_price == SPECIAL_PRICE, timeout=10_000)
    price_text = model.data(model.index(row, PRICE))
    assert "99.00" in price_text
    assert "126.00" in price_text
    assert model.data(model.index(row, PRICE), Qt.ItemDataRole.EditRole) == "99.00"
    assert model.line(row).amount == Decimal("297.00")

    payload = model.payload_lines()[0]
    assert payload["promotion_id"] == promotions["special"]
    assert Decimal(payload["list_price"]) == Decimal("126")
    assert payload["price_rule"] == "promotion"

    # A price typed by the clerk is no longer the special price.
    assert model.setData(model.index(row, PRICE), "110")
    assert "126.00" not in model.data(model.index(row, PRICE))
    assert "promotion_id" not in model.payload_lines()[0]
    close_editor(editor)


def test_gift_line_follows_quantity(qtbot, tmp_path, sales_server):
    promotions = add_promotions(sales_server.database_url, sales_server.ids, dt.date.today())
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    editor = open_editor(qtbot, replica, sales_server)
    model = editor.lines_model

    first = enter_line(editor, "P001", "2")
    row = enter_line(editor, "P003", "10")
    assert gift_quantities(model) == [Decimal(1)]
    gift_row = row + 1
    gift = model.line(gift_row)
    assert gift.id == gift_line_id(model.line(row).id, promotions["gift"])
    assert gift.gift_for_line_id == model.line(row).id
    assert gift.amount == Decimal("0.00")
    assert "茶具套装" in model.data(model.index(gift_row, NAME))
    assert not model.flags(model.index(gift_row, QUANTITY)) & Qt.ItemFlag.ItemIsEditable
    assert not model.remove_line(gift_row)

    assert model.setData(model.index(row, QUANTITY), "20")
    assert gift_quantities(model) == [Decimal(2)]
    assert model.setData(model.index(row, QUANTITY), "9")
    assert gift_quantities(model) == []
    assert model.setData(model.index(row, QUANTITY), "25")
    assert gift_quantities(model) == [Decimal(2)]
    assert model.rowCount() == 4  # P001, P003, the gift, the blank line
    assert model.line(first).product.code == "P001"
    assert all(not entry.get("is_gift") for entry in model.payload_lines())
    assert len(model.payload_lines()) == 2

    editor.save_draft()
    qtbot.waitUntil(lambda: editor.draft.number is not None and not editor.busy, timeout=15_000)
    order_id, bought_id = editor.draft.id, model.line(row).id
    close_editor(editor)

    replica = open_replica(tmp_path / "client")
    try:
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
    finally:
        replica.close()
    lines = server_rows(
        sales_server.database_url,
        "SELECT id, quantity, is_gift, promotion_id, gift_for_line_id, amount FROM sales_order_line "
        "WHERE order_id = :id ORDER BY line_no", id=order_id,
    )
    gifts = [line for line in lines if line.is_gift]
    assert len(lines) == 3
    assert len(gifts) == 1
    assert gifts[0].id == gift_line_id(bought_id, promotions["gift"])
    assert gifts[0].gift_for_line_id == bought_id
    assert gifts[0].promotion_id == promotions["gift"]
    # Quantities are stored as counts of thousandths.
    assert Decimal(gifts[0].quantity) / 1000 == Decimal(2)
    assert gifts[0].amount == 0
    assert lines[2].is_gift
