"""The goods receipt and transfer lists of the Stock page: their columns, read from posted documents."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from desktop.models.stock_doc_list_models import ReceiptListModel, TransferListModel  # noqa: E402
from desktop.models.stock_doc_queries import search_receipts, search_transfers  # noqa: E402
from tests.domain.conftest import ID, TODAY, fixed_id  # noqa: E402
from tests.domain.payloads import receipt_payload  # noqa: E402
from tests.warehouse import test_receipt_confirmation as confirmation_tests  # noqa: E402

# The seeded company of the receipt confirmation tests, one SQLite copy per test.
template = confirmation_tests.template
world = confirmation_tests.world


def table_text(model) -> tuple[list[str], list[list[str]]]:
    titles = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    rows = [[model.index(row, column).data() for column in range(model.columnCount())] for row in range(model.rowCount())]
    return titles, rows


def post_receipt_and_transfer(world) -> None:
    world.run("goods_receipt.post", receipt_payload("lists", [("p1", "10", "6.00")]), who="keeper")
    world.run("stock_transfer.post", {
        "id": fixed_id("transfer:lists"), "number": "TR-lists", "from_warehouse_id": ID["w_block"],
        "to_warehouse_id": ID["w_warn"], "document_date": TODAY.isoformat(),
        "lines": [{"id": fixed_id("transfer:lists:line:0"), "product_id": ID["p1"], "quantity": "4"}],
    }, who="keeper")


def test_receipt_list_print_column(world, qapp):
    post_receipt_and_transfer(world)
    model = ReceiptListModel()
    model.set_rows(search_receipts(world.session))
    titles, rows = table_text(model)
    assert titles == ["Number", "Date", "Supplier", "Warehouse", "Lines", "Amount", "Printed"]
    assert rows == [["GR-lists", TODAY.isoformat(), "义乌日用品厂", "上海仓", "1", "60.00", "0"]]


def test_transfer_list_print_column(world, qapp):
    post_receipt_and_transfer(world)
    model = TransferListModel()
    model.set_rows(search_transfers(world.session))
    titles, rows = table_text(model)
    assert titles == ["Number", "Date", "From warehouse", "To warehouse", "Lines", "Printed"]
    assert rows == [["TR-lists", TODAY.isoformat(), "上海仓", "苏州仓", "1", "0"]]
