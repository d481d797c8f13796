"""The server costs goods receipt lines a keeper sends without a unit cost, and keeps the costs a manager types.

Keeper "kate" (role warehouse) may not see costs; manager "mona" may. Costing
is per product (the company setting cost_per_warehouse is off).
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from domain.ids import key_id, new_id
from domain.models import GoodsReceipt, GoodsReceiptLine, StockCost
from tests.server.helpers import envelope
from tests.server.server_process import ServerProcess
from tests.warehouse.receipt_data import KEEPER, MANAGER, PASSWORD, build_company

pytestmark = pytest.mark.timeout(180)

TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def company_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("cost_rule_company") / "server.sqlite3"
    return path, build_company(f"sqlite:///{path}")


@pytest.fixture
def server(tmp_path, company_template):
    template, ids = company_template
    for source in template.parent.glob(template.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    process = ServerProcess(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path / "server.log", imports=())
    process.start()
    process.ids = dict(ids)
    yield process
    process.stop()


def signed_in(server, username: str):
    client = server.client()
    client.login(username, PASSWORD)
    client.register(f"{username} pc")
    return client


def receipt(ids: dict[str, str], lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": new_id(), "number": f"GR-T-{new_id()[-8:]}", "warehouse_id": ids["W1"], "supplier_id": ids["S001"],
        "document_date": TODAY,
        "lines": [{"id": new_id(), "product_id": ids[line.pop("product")], **line} for line in lines],
    }


def push_one(client, seq: int, payload: dict[str, Any]) -> dict[str, Any]:
    response = client.push([envelope(seq, "goods_receipt.post", payload)])
    assert response.status_code == 200, response.text
    result = response.json()["results"][0]
    assert result["status"] in ("applied", "applied_with_flags"), result
    return result


def server_lines(server, receipt_id: str) -> list[tuple[Decimal | None, Decimal | None]]:
    from server_stub.db import Database

    db = Database(server.database_url)
    try:
        with db.read() as session:
            rows = session.execute(select(GoodsReceiptLine.unit_price, GoodsReceiptLine.amount)
                                   .where(GoodsReceiptLine.receipt_id == receipt_id)
                                   .order_by(GoodsReceiptLine.line_no)).all()
            return [tuple(row) for row in rows]
    finally:
        db.dispose()


def server_total(server, receipt_id: str) -> Decimal | None:
    from server_stub.db import Database

    db = Database(server.database_url)
    try:
        with db.read() as session:
            return session.get(GoodsReceipt, receipt_id).total_amount
    finally:
        db.dispose()


def server_cost(server, product_id: str) -> tuple[Decimal, Decimal]:
    from server_stub.db import Database

    db = Database(server.database_url)
    try:
        with db.read() as session:
            row = session.get(StockCost, key_id("stock_cost", product_id, ""))
            return row.quantity, row.average_cost
    finally:
        db.dispose()


def pulled_lines(client, receipt_id: str) -> list[dict[str, Any]]:
    rows = []
    for page in client.pull_all():
        rows.extend(row for row in page["changes"].get("goods_receipt_line", []) if row["receipt_id"] == receipt_id)
    return sorted(rows, key=lambda row: row["line_no"])


def test_keeper_receipt_costed_by_rule(server):
    ids = server.ids
    kate, mona = signed_in(server, KEEPER), signed_in(server, MANAGER)

    # The manager types the cost: 10 袋 of P001 at 5.00 start its average at 5.
    typed = receipt(ids, [{"product": "P001", "quantity": "10", "unit_price": "5.00"}])
    typed_result = push_one(mona, 1, typed)
    assert typed_result["result"]["total_amount"] == "50.00"
    assert server_lines(server, typed["id"]) == [(Decimal("5.0000"), Decimal("50.00"))]

    # The keeper sends quantities only.
    untyped = receipt(ids, [
        {"product": "P001", "quantity": "1", "unit_name": "箱"},  # stock at cost: the average, 5 × 12 per 箱
        {"product": "P101", "quantity": "2", "batch_no": "K1", "expiry_date": "2027-05-31"},  # no stock: purchase price
        {"product": "P201", "quantity": "4"},  # neither: zero, flagged
    ])
    keeper_result = push_one(kate, 1, untyped)
    assert "total_amount" not in keeper_result["result"], "a keeper's stored result must carry no cost"
    assert [(flag["code"], flag["params"]["product_code"], flag["params"]["line_no"])
            for flag in keeper_result["flags"]] == [("receipt_uncosted", "P201", 3)]
    assert server_lines(server, untyped["id"]) == [
        (Decimal("60.0000"), Decimal("60.00")),
        (Decimal("88.0000"), Decimal("176.00")),
        (Decimal("0.0000"), Decimal("0.00")),
    ]
    assert server_total(server, untyped["id"]) == Decimal("236.00")
    # Receiving at the average leaves it where it was.
    assert server_cost(server, ids["P001"]) == (Decimal("22.000"), Decimal("5.000000"))
    assert server_cost(server, ids["P101"]) == (Decimal("2.000"), Decimal("88.000000"))

    # The manager's replica receives the server's costs; the keeper's receives none.
    manager_view = pulled_lines(mona, untyped["id"])
    assert [row["unit_price"] for row in manager_view] == ["60.0000", "88.0000", "0.0000"]
    keeper_view = pulled_lines(kate, untyped["id"])
    assert len(keeper_view) == 3
    assert [(row["unit_price"], row["amount"]) for row in keeper_view] == [(None, None)] * 3


def test_older_payload_with_cost_kept(server):
    """A client that asked every role for a cost sent unit_price on each line; the server keeps what it sent."""
    ids = server.ids
    kate = signed_in(server, KEEPER)
    older = receipt(ids, [{"product": "P101", "quantity": "3", "unit_price": "90.50", "batch_no": "K2",
                           "expiry_date": "2027-06-30"}])
    result = push_one(kate, 1, older)
    assert result["status"] == "applied"
    assert server_lines(server, older["id"]) == [(Decimal("90.5000"), Decimal("271.50"))]
    assert server_cost(server, ids["P101"]) == (Decimal("3.000"), Decimal("90.500000"))


def test_manager_cost_wins_over_purchase_price(server):
    ids = server.ids
    mona = signed_in(server, MANAGER)
    payload = receipt(ids, [{"product": "P101", "quantity": "1", "unit_price": "80", "batch_no": "K3",
                             "expiry_date": "2027-07-31"}])
    result = push_one(mona, 1, payload)
    assert result["result"]["total_amount"] == "80.00"
    assert server_lines(server, payload["id"]) == [(Decimal("80.0000"), Decimal("80.00"))]
