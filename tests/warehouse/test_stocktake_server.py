"""Stocktakes over the real server: posting adjusts stock, and a keeper reaches only their department's warehouses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.ids import key_id, new_id
from domain.models import StockBalance, StockMovement, Stocktake
from server_stub.db import Database
from tests.server.helpers import envelope, seed_scope
from tests.server.server_process import *  # noqa: F401,F403  (fixtures)
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(180)


class Pusher:
    """A signed-in API client with a registered device that numbers its own pushes."""

    def __init__(self, server, username: str, password: str) -> None:
        self.client = server.client()
        self.client.login(username, password)
        self.client.register(f"{username} pc")
        self.seq = 0

    def run(self, name: str, payload: dict) -> dict:
        self.seq += 1
        response = self.client.push([envelope(self.seq, name, payload)])
        assert response.status_code == 200, response.text
        return response.json()["results"][0]

    def pulled(self, table: str) -> list[dict]:
        return [row for page in self.client.pull_all() for row in page["changes"].get(table, [])]


def read(database_url: str, query):
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(query).all()
    finally:
        db.dispose()


@pytest.fixture
def company(server):
    """A keeper of D1 and one of D2, and the seed_scope departments, warehouses and product."""
    add_user(server.database_url, "ken", "warehouse", "pw-ken", "D1")
    add_user(server.database_url, "kim", "warehouse", "pw-kim", "D2")
    return seed_scope(server.database_url)


def receive_ten(pusher: Pusher, ids: dict, warehouse: str) -> None:
    """Post a goods receipt of 10 P1 at 7.50, which sets the balance and the average cost."""
    receipt_id = new_id()
    result = pusher.run("goods_receipt.post", {
        "id": receipt_id, "number": f"GR-{receipt_id[-12:]}", "warehouse_id": ids[warehouse],
        "document_date": dt.date.today().isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P1"], "quantity": "10", "unit_price": "7.5000"}],
    })
    assert result["status"] == "applied", (result.get("code"), result.get("params"))


def count_sheet(ids: dict, warehouse: str, counted: str, book: str = "10") -> dict:
    stocktake_id = new_id()
    return {
        "id": stocktake_id, "number": f"ST-{stocktake_id[-12:]}", "warehouse_id": ids[warehouse],
        "document_date": dt.date.today().isoformat(),
        "lines": [{"id": key_id("stocktake_line", stocktake_id, ids["P1"], ""), "product_id": ids["P1"],
                   "book_quantity": book, "counted_quantity": counted, "reason": "盘亏"}],
    }


def test_post_adjusts_stock_on_server(server, company):
    ken = Pusher(server, "ken", "pw-ken")
    receive_ten(ken, company, "W1")
    payload = count_sheet(company, "W1", "7")

    assert ken.run("stocktake.save", payload)["status"] == "applied"
    result = ken.run("stocktake.post", payload)

    assert result["status"] == "applied", (result.get("code"), result.get("params"))
    assert result["result"]["difference_amount"] == "-22.50"
    [(on_hand,)] = read(server.database_url, select(StockBalance.on_hand).where(
        StockBalance.product_id == company["P1"], StockBalance.warehouse_id == company["W1"]))
    assert on_hand == Decimal("7")
    [(quantity, cost)] = read(server.database_url, select(StockMovement.quantity, StockMovement.cost_amount).where(
        StockMovement.document_id == payload["id"]))
    assert (quantity, cost) == (Decimal("-3"), Decimal("-22.50"))
    [stocktake] = ken.pulled("stocktake")
    assert (stocktake["status"], stocktake["difference_amount"]) == ("posted", None)  # keepers see no cost


def test_other_department_cannot_see_or_post(server, company):
    ken, kim = Pusher(server, "ken", "pw-ken"), Pusher(server, "kim", "pw-kim")
    own = count_sheet(company, "W1", "9")
    assert ken.run("stocktake.save", own)["status"] == "applied"

    assert kim.pulled("stocktake") == []
    assert kim.pulled("stocktake_line") == []
    for name, payload in (("stocktake.post", own), ("stocktake.save", own), ("stocktake.cancel", {"id": own["id"]}),
                          ("stocktake.post", {**own, "warehouse_id": company["W2"]})):
        result = kim.run(name, payload)
        assert (result["status"], result["code"]) == ("rejected", "out_of_scope"), (name, result)
    [(status,)] = read(server.database_url, select(Stocktake.status).where(Stocktake.id == own["id"]))
    assert status == "counting"

    theirs = count_sheet(company, "W2", "10", book="0")
    result = kim.run("stocktake.post", theirs)
    assert result["status"] == "applied", (result.get("code"), result.get("params"))
    assert [row["id"] for row in kim.pulled("stocktake")] == [theirs["id"]]
    assert [row["id"] for row in ken.pulled("stocktake")] == [own["id"]]
