"""A quotation entered in its form, printed to PDF, and made an order that keeps its prices after a list price change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.output import pdf_page_sizes, pdf_text
from desktop.printing.quotation import load_quotation_print, write_quotation_pdf
from desktop.views.quotation_editor import QuotationEditor
from desktop.views.quotations_view import QuotationsView
from domain.models import Product
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.pg import backends

pytestmark = pytest.mark.timeout(180)

PRODUCT, QUANTITY, PRICE = OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.PRICE
POINTS_PER_MM = 72 / 25.4
# 3 × 88.50 + 5 × 9.07
EXPECTED_TOTAL = Decimal("310.85")


def server_rows(database_url: str, sql: str, **params):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


def raise_list_price(database_url: str, product_id: str, price: Decimal) -> None:
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.write() as session:
            with server_change(session):
                session.get(Product, product_id).list_price = price
                session.flush()
    finally:
        db.dispose()


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_quotation_printed_and_converted(qtbot, tmp_path, sales_server, memory_keyring):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    editor = QuotationEditor(context, customer_id=sales_server.ids["C001"])
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    qtbot.waitUntil(lambda: editor.catalog is not None, timeout=15_000)
    assert editor.valid_until > dt.date.today()

    model = editor.lines_model
    for code, quantity, price in (("P001", "3", None), ("P003", "5", "9.07")):
        row = model.rowCount() - 1
        assert model.setData(model.index(row, PRODUCT), editor.grid.lines_delegate.products.find(code))
        assert model.setData(model.index(row, QUANTITY), quantity)
        if price is not None:
            assert model.setData(model.index(row, PRICE), price)
    assert model.total_amount() == EXPECTED_TOTAL
    valid_until = dt.date.today() + dt.timedelta(days=10)
    editor.valid_until_edit.setDate(valid_until)

    editor.save_draft()
    qtbot.waitUntil(lambda: editor.draft.number is not None and not editor.busy, timeout=15_000)
    number = editor.draft.number
    assert number.startswith("QT-")
    assert "QT-" in editor.windowTitle()

    # The quotation list finds it by customer and hides it under another state.
    view = QuotationsView(context)
    qtbot.addWidget(view)
    view.search_edit.setText("昆明")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.model.row_at(0).number == number
    assert view.model.row_at(0).valid_until == valid_until
    view.state_combo.setCurrentIndex(view.state_combo.findData("sent"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)
    view.state_combo.setCurrentIndex(view.state_combo.findData("draft"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)

    # Printing: the PDF read back has the customer, a line, the validity date and the total in capitals.
    with context.read_session() as session:
        printed = load_quotation_print(session, editor.draft.id)
    path = tmp_path / "quotation.pdf"
    assert write_quotation_pdf(printed, path) == 1
    width, height = pdf_page_sizes(path)[0]
    assert abs(width - 210 * POINTS_PER_MM) <= 0.5
    assert abs(height - 297 * POINTS_PER_MM) <= 0.5
    extracted = pdf_text(path)
    assert "昆明茶叶商行" in extracted
    assert "普洱茶饼" in extracted
    assert number in extracted
    assert valid_until.isoformat() in extracted
    assert "云岭茶业有限公司" in extracted
    assert amount_in_capitals(EXPECTED_TOTAL) in extracted
    assert amount_in_capitals(EXPECTED_TOTAL) == "叁佰壹拾元捌角伍分"

    # The list price changes on the server; the order made from the quotation keeps the quoted price.
    context.sync.sync_now()
    qtbot.waitUntil(lambda: replica.unsynced_count() == 0, timeout=20_000)
    raise_list_price(sales_server.database_url, sales_server.ids["P001"], Decimal("95.0000"))
    with context.read_session() as session:
        assert session.get(Product, sales_server.ids["P001"]).list_price == Decimal("88.5000")

    editor.confirm()
    qtbot.waitUntil(lambda: editor.order_editor is not None, timeout=15_000)
    assert editor.draft.status == "ordered"
    order_editor = editor.order_editor
    qtbot.waitUntil(lambda: order_editor.catalog is not None and order_editor.draft.number is not None,
                    timeout=15_000)
    assert order_editor.draft.number.startswith("SO-")
    prices = [line.unit_price for line in order_editor.lines_model.complete_lines()]
    assert prices == [Decimal("88.5000"), Decimal("9.0700")]
    assert order_editor.lines_model.total_amount() == EXPECTED_TOTAL
    order_id = order_editor.draft.id

    context.sync.stop()
    for window in (order_editor, editor):
        window.grid.finish_editing()
        window.dirty = False
        window.close()
    context.close()
    replica = open_replica(tmp_path / "client")
    try:
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
    finally:
        replica.close()
    assert server_rows(sales_server.database_url, "SELECT list_price FROM product WHERE code = 'P001'")[0][0] == 950000
    lines = server_rows(sales_server.database_url,
                        "SELECT unit_price, quotation_line_id FROM sales_order_line WHERE order_id = :id ORDER BY line_no",
                        id=order_id)
    # Prices are stored as counts of 0.0001.
    assert [Decimal(line.unit_price) / 10_000 for line in lines] == [Decimal("88.5"), Decimal("9.07")]
    assert all(line.quotation_line_id is not None for line in lines)
    quotation = server_rows(sales_server.database_url, "SELECT status, order_id FROM quotation WHERE number = :n",
                            n=number)
    assert quotation[0].status == "ordered"
    assert quotation[0].order_id == order_id
