"""Warehouse scope of goods receipts and transfers on the real server: pushes outside the keeper's department
are rejected, and a keeper pulls only the documents and batches of their own warehouses."""

from __future__ import annotations

import datetime as dt
import shutil
from typing import Any

import pytest

from domain.ids import new_id
from tests.server.helpers import envelope
from tests.server.server_process import ServerProcess
from tests.warehouse.receipt_data import KEEPER, OTHER_KEEPER, PASSWORD, build_company

pytestmark = pytest.mark.timeout(180)

TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def company_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("scope_company") / "server.sqlite3"
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


def receipt(ids: dict[str, str], warehouse: str, batch: str) -> dict[str, Any]:
    return {
        "id": new_id(), "number": f"GR-T-{new_id()[-8:]}", "warehouse_id": ids[warehouse], "supplier_id": ids["S001"],
        "document_date": TODAY,
        "lines": [{"id": new_id(), "product_id": ids["P101"], "quantity": "5", "unit_price": "90.00",
                   "batch_no": batch, "expiry_date": "2027-05-31"}],
    }


def transfer(ids: dict[str, str], source: str, target: str, batch: str) -> dict[str, Any]:
    return {
        "id": new_id(), "number": f"TR-T-{new_id()[-8:]}", "from_warehouse_id": ids[source],
        "to_warehouse_id": ids[target], "document_date": TODAY,
        "lines": [{"id": new_id(), "product_id": ids["P101"], "quantity": "2", "batch_no": batch}],
    }


def pulled(client) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for page in client.pull_all():
        for table, changes in page["changes"].items():
            rows.setdefault(table, []).extend(changes)
    return rows


def test_pushes_outside_department_rejected(server):
    ids = server.ids
    kate = signed_in(server, KEEPER)
    commands = [
        envelope(1, "goods_receipt.post", receipt(ids, "W9", "G1")),
        envelope(2, "stock_transfer.post", transfer(ids, "W9", "W1", "G1")),
        envelope(3, "goods_receipt.post", receipt(ids, "W1", "K1")),
    ]
    response = kate.push(commands)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "out_of_scope"), ("rejected", "out_of_scope"), ("applied", None)]


def test_receipt_without_batch_rejected_by_server(server):
    kate = signed_in(server, KEEPER)
    payload = receipt(server.ids, "W1", "")
    result = kate.push([envelope(1, "goods_receipt.post", payload)]).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["code"] == "batch_required"
    assert result["params"]["product_code"] == "P101"


def test_keepers_pull_own_warehouses_only(server):
    ids = server.ids
    kate, kim = signed_in(server, KEEPER), signed_in(server, OTHER_KEEPER)
    kim_receipt = receipt(ids, "W9", "G1")
    assert kim.push([envelope(1, "goods_receipt.post", kim_receipt)]).json()["results"][0]["status"] == "applied"
    kate_receipt = receipt(ids, "W1", "K1")
    # Sending to another department's warehouse is the sender's to record: only the source is in scope.
    outgoing = transfer(ids, "W1", "W9", "K1")
    results = kate.push([envelope(1, "goods_receipt.post", kate_receipt),
                         envelope(2, "stock_transfer.post", outgoing)]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]

    kate_rows, kim_rows = pulled(kate), pulled(kim)
    assert {row["code"] for row in kate_rows["warehouse"]} == {"W1", "W2"}
    assert {row["id"] for row in kate_rows["goods_receipt"]} == {kate_receipt["id"]}
    assert {(row["warehouse_id"], row["batch_no"]) for row in kate_rows["stock_balance"]} == {(ids["W1"], "K1")}

    assert {row["code"] for row in kim_rows["warehouse"]} == {"W9"}
    assert {row["id"] for row in kim_rows["goods_receipt"]} == {kim_receipt["id"]}
    # The transfer reaches the receiving department's keeper too, with the batch as it arrived in W9.
    assert {row["id"] for row in kim_rows["stock_transfer"]} == {outgoing["id"]}
    assert {(row["warehouse_id"], row["batch_no"], row["on_hand"]) for row in kim_rows["stock_balance"]} == {
        (ids["W9"], "G1", "5.000"), (ids["W9"], "K1", "2.000")}
