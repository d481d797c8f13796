"""An order's life after entry, pushed to a real server: approvals, the discount setting, returns, verification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.ids import key_id, new_id
from domain.models import (
    CompanySetting,
    Customer,
    Department,
    OrderApproval,
    OrderHistory,
    Product,
    ReceivableEntry,
    SalesOrder,
    SalesReturn,
    StockBalance,
    Warehouse,
)
from server_stub.admin import server_change
from server_stub.db import Database
from tests.server.helpers import envelope
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(240)


class Device:
    """A signed-in user's registered device that numbers its pushes 1, 2, 3 …"""

    def __init__(self, server, name: str, role: str) -> None:
        add_user(server.database_url, name, role, "pw", "D1")
        self.client = server.client()
        self.client.login(name, "pw")
        self.client.register(f"{name} pc")
        self.seq = 0

    def push(self, *commands: tuple[str, dict]) -> list[dict]:
        batch = []
        for name, payload in commands:
            self.seq += 1
            batch.append(envelope(self.seq, name, payload))
        response = self.client.push(batch)
        assert response.status_code == 200, response.text
        return response.json()["results"]


def seed_company(database_url: str) -> dict[str, str]:
    """Add warehouse WB (negative stock blocked) in D1, customer C001 and product P001, and return their ids."""
    db = Database(database_url)
    try:
        with db.write() as session:
            d1 = session.execute(select(Department).where(Department.code == "D1")).scalar_one()
            warehouse = Warehouse(id=new_id(), code="WB", name="上海仓", department_id=d1.id,
                                  negative_stock_policy="block")
            customer = Customer(id=new_id(), code="C001", name="上海华联超市", department_id=d1.id)
            product = Product(id=new_id(), code="P001", name="洗衣粉", base_unit="袋", tax_rate=Decimal("0.13"),
                              list_price=Decimal("12.0000"))
            with server_change(session):
                session.add_all([warehouse, customer, product])
            return {"d1": d1.id, "warehouse": warehouse.id, "customer": customer.id, "product": product.id}
    finally:
        db.dispose()


def set_company_setting(database_url: str, key: str, value: object) -> None:
    db = Database(database_url)
    try:
        with db.write() as session:
            with server_change(session):
                session.add(CompanySetting(id=key_id("company_setting", key), key=key, value=value))
    finally:
        db.dispose()


def read_rows(database_url: str, model: type, *where) -> list:
    db = Database(database_url)
    try:
        with db.read() as session:
            rows = session.execute(select(model).where(*where)).scalars().all()
            session.expunge_all()
            return rows
    finally:
        db.dispose()


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def receipt(ids: dict[str, str], quantity: str) -> dict:
    return {"id": new_id(), "number": f"GR-{new_id()[-8:]}", "warehouse_id": ids["warehouse"],
            "document_date": today().isoformat(),
            "lines": [{"id": new_id(), "product_id": ids["product"], "quantity": quantity, "unit_price": "6.00"}]}


def order(ids: dict[str, str], number: str, quantity: str, discount: str) -> dict:
    return {"id": new_id(), "number": number, "customer_id": ids["customer"], "warehouse_id": ids["warehouse"],
            "document_date": today().isoformat(),
            "lines": [{"id": new_id(), "product_id": ids["product"], "quantity": quantity, "unit_price": "12.00",
                       "discount": discount}]}


@pytest.fixture
def company(server):
    # The first user creates department D1, which the company's records belong to.
    add_user(server.database_url, "boss", "admin", "pw")
    add_user(server.database_url, "seed", "manager", "pw", "D1")
    return seed_company(server.database_url)


def test_server_applies_discount_setting(server, company):
    clerk = Device(server, "ann", "clerk")
    keeper = Device(server, "kim", "warehouse")
    assert keeper.push(("goods_receipt.post", receipt(company, "50")))[0]["status"] == "applied"
    first = order(company, "SO-1", "10", "30.00")  # 25 % off
    results = clerk.push(("order.create", first), ("order.confirm", {"id": first["id"]}))
    assert results[1]["result"]["status"] == "approved"

    set_company_setting(server.database_url, "max_discount_percent", "0.2")
    second = order(company, "SO-2", "10", "30.00")
    results = clerk.push(("order.create", second), ("order.confirm", {"id": second["id"]}))
    assert [result["status"] for result in results] == ["applied", "applied"]
    assert results[1]["result"]["status"] == "submitted"
    assert results[1]["result"]["approval_reasons"] == [{
        "code": "discount_above_limit",
        "params": {"product_code": "P001", "discount_percent": "0.2500", "max_discount_percent": "0.2"},
    }]


def test_setting_applies_later_in_push(server, company):
    """An administrator sets the discount limit and confirms an order in the same push: the limit applies."""
    admin = Device(server, "ada", "admin")
    keeper = Device(server, "kim", "warehouse")
    keeper.push(("goods_receipt.post", receipt(company, "50")))
    payload = order(company, "SO-1", "10", "30.00")
    results = admin.push(
        ("company_setting.set", {"key": "max_discount_percent", "value": "0.2"}),
        ("order.create", payload),
        ("order.confirm", {"id": payload["id"]}),
    )
    assert [result["status"] for result in results] == ["applied"] * 3
    assert results[2]["result"]["status"] == "submitted"
    rows = read_rows(server.database_url, CompanySetting, CompanySetting.key == "max_discount_percent")
    assert [row.value for row in rows] == ["0.2"]


def test_batch_approvals_fail_alone(server, company):
    """A manager approves three orders in one push: the one stock no longer covers fails, the others apply."""
    clerk = Device(server, "ann", "clerk")
    keeper = Device(server, "kim", "warehouse")
    manager = Device(server, "max", "manager")
    set_company_setting(server.database_url, "max_discount_percent", "0.2")
    keeper.push(("goods_receipt.post", receipt(company, "25")))
    orders = [order(company, f"SO-{label}", quantity, discount)
              for label, quantity, discount in (("a", "10", "30.00"), ("b", "20", "60.00"), ("c", "15", "45.00"))]
    commands = [("order.create", payload) for payload in orders] + [("order.confirm", {"id": p["id"]}) for p in orders]
    results = clerk.push(*commands)
    assert [result["result"]["status"] for result in results[3:]] == ["submitted"] * 3

    results = manager.push(*[("order.approve", {"id": payload["id"], "comment": "同意"}) for payload in orders])
    # Order a reserves 10 of 25, so b's 20 no longer fits, but c's 15 does.
    assert [result["status"] for result in results] == ["applied", "rejected", "applied"]
    assert results[1]["code"] == "insufficient_stock"
    assert results[1]["params"]["requested"] == "20.000"
    assert results[1]["params"]["available"] == "15.000"

    statuses = {row.number: row.status for row in read_rows(server.database_url, SalesOrder)}
    assert statuses == {"SO-a": "approved", "SO-b": "submitted", "SO-c": "approved"}
    decisions = read_rows(server.database_url, OrderApproval)
    assert sorted(row.order_id for row in decisions) == sorted([orders[0]["id"], orders[2]["id"]])
    assert {row.decision for row in decisions} == {"approved"}
    assert all(row.rules[0]["code"] == "discount_above_limit" for row in decisions)
    balance = read_rows(server.database_url, StockBalance, StockBalance.product_id == company["product"],
                        StockBalance.batch_no == "")[0]
    assert balance.reserved == Decimal("25.000")

    # A later push sends the rejected order back, and its clerk sees it as a draft with the comment.
    results = manager.push(("order.send_back", {"id": orders[1]["id"], "comment": "库存不足，请减少数量"}))
    assert results[0]["status"] == "applied"
    assert read_rows(server.database_url, SalesOrder, SalesOrder.id == orders[1]["id"])[0].status == "draft"
    history = read_rows(server.database_url, OrderHistory, OrderHistory.order_id == orders[1]["id"])
    sent_back = [row for row in history if row.event == "sent_back"]
    assert [(row.reason, row.before, row.after["status"]) for row in sent_back] == [
        ("库存不足，请减少数量", {"status": "submitted"}, "draft")]
    assert sent_back[0].change_seq is not None


def test_clerk_send_back_rejected(server, company):
    clerk = Device(server, "ann", "clerk")
    set_company_setting(server.database_url, "max_discount_percent", "0.2")
    payload = order(company, "SO-1", "1", "3.00")
    clerk.push(("order.create", payload), ("order.confirm", {"id": payload["id"]}))
    results = clerk.push(("order.send_back", {"id": payload["id"], "comment": "自己退回"}))
    assert results[0]["status"] == "rejected"
    assert results[0]["code"] == "not_authorized"


def test_returns_beyond_delivery_rejected(server, company):
    """Two keepers each return 6 of 10 delivered bags offline: the server posts the first and rejects the second."""
    keeper = Device(server, "kim", "warehouse")
    other_keeper = Device(server, "ken", "warehouse")
    keeper.push(("goods_receipt.post", receipt(company, "50")))
    delivery_id, line_id = new_id(), new_id()
    results = keeper.push(("delivery.ship", {
        "id": delivery_id, "number": "DN-1", "customer_id": company["customer"], "warehouse_id": company["warehouse"],
        "document_date": today().isoformat(),
        "lines": [{"id": line_id, "product_id": company["product"], "quantity": "10", "unit_price": "12.00"}],
    }))
    assert results[0]["status"] == "applied"

    def sales_return(number: str) -> dict:
        return {"id": new_id(), "number": number, "customer_id": company["customer"], "delivery_id": delivery_id,
                "warehouse_id": company["warehouse"], "document_date": today().isoformat(), "reason": "破损",
                "lines": [{"id": new_id(), "delivery_line_id": line_id, "quantity": "6"}]}

    first = keeper.push(("sales_return.post", sales_return("SR-1")))[0]
    second = other_keeper.push(("sales_return.post", sales_return("SR-2")))[0]
    assert first["status"] == "applied"
    assert first["result"]["total_amount"] == "72.00"
    # The server computes cost: 6 bags at the delivery's 6.00.
    assert first["result"]["cost_amount"] == "36.00"
    assert second["status"] == "rejected"
    assert second["code"] == "return_exceeds_delivered"
    assert second["params"] == {"line_no": 1, "delivery_number": "DN-1", "product_code": "P001", "unit_name": "袋",
                                "delivered": "10.000", "returned": "6.000", "requested": "6.000"}
    assert [row.number for row in read_rows(server.database_url, SalesReturn)] == ["SR-1"]
    entries = read_rows(server.database_url, ReceivableEntry, ReceivableEntry.document_type == "sales_return")
    assert [(row.entry_type, row.amount) for row in entries] == [("return", Decimal("-72.00"))]


def test_verification_at_server(server, company):
    clerk = Device(server, "ann", "clerk")
    keeper = Device(server, "kim", "warehouse")
    finance = Device(server, "fay", "finance")
    keeper.push(("goods_receipt.post", receipt(company, "50")))
    payload = order(company, "SO-1", "10", "0")
    clerk.push(("order.create", payload), ("order.confirm", {"id": payload["id"]}))
    order_line_id = payload["lines"][0]["id"]
    keeper.push(("delivery.ship", {
        "id": new_id(), "number": "DN-1", "customer_id": company["customer"], "warehouse_id": company["warehouse"],
        "document_date": today().isoformat(), "lines": [{"id": new_id(), "order_line_id": order_line_id, "quantity": "10"}],
    }))
    verify = {"id": payload["id"], "verification_id": new_id(), "number": "OV-1", "document_date": today().isoformat(),
              "reason": "按合同价结算", "lines": [{"order_line_id": order_line_id, "unit_price": "11.00"}]}
    assert clerk.push(("order.verify", verify))[0]["code"] == "not_authorized"
    result = finance.push(("order.verify", verify))[0]
    assert result["status"] == "applied"
    assert result["result"]["amount_change"] == "-10.00"
    entries = read_rows(server.database_url, ReceivableEntry, ReceivableEntry.document_type == "order_verification")
    assert [(row.entry_type, row.amount, row.document_number) for row in entries] == [
        ("verification", Decimal("-10.00"), "OV-1")]
