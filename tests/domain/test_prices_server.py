"""Product and price commands pushed to a real server: the server enforces the price roles."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.ids import new_id
from domain.models import CategoryPrice, Product
from server_stub.db import Database
from tests.server.helpers import envelope
from tests.server.server_process import _sqlite_template, add_user, make_server  # noqa: F401 (fixtures)


@pytest.fixture
def server(tmp_path, _sqlite_template, make_server):  # noqa: F811 (fixture names)
    path = tmp_path / "server.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    return make_server(f"sqlite:///{path}")


def signed_in(server, name: str, role: str):
    add_user(server.database_url, name, role, "pw", "D1")
    client = server.client()
    client.login(name, "pw")
    client.register(f"{name} pc")
    return client


def product_payload(product_id: str) -> dict:
    return {"id": product_id, "code": "P500", "name": "酱油", "base_unit": "瓶",
            "fields": {"list_price": "12.50", "lowest_price": "10.00", "barcode": "6901234567892"}}


def only_result(response) -> dict:
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 1
    return results[0]


def test_server_enforces_price_roles(server):
    clerk = signed_in(server, "ann", "clerk")
    manager = signed_in(server, "max", "manager")
    product_id = new_id()
    price = {"id": new_id(), "product_id": product_id, "price_level": "A", "price": "11.00"}

    refused = only_result(clerk.push([envelope(1, "product.create", product_payload(product_id))]))
    assert refused["status"] == "rejected"
    assert refused["code"] == "not_authorized"

    assert only_result(manager.push([envelope(1, "product.create", product_payload(product_id))]))["status"] == "applied"
    refused = only_result(clerk.push([envelope(2, "category_price.set", price)]))
    assert refused["code"] == "not_authorized"
    assert only_result(manager.push([envelope(2, "category_price.set", price)]))["status"] == "applied"

    bad_barcode = dict(product_payload(new_id()), code="P501")
    bad_barcode["fields"] = {"barcode": "6901234567891"}
    rejected = only_result(manager.push([envelope(3, "product.create", bad_barcode)]))
    assert rejected["status"] == "rejected"
    assert rejected["code"] == "invalid_barcode"
    assert rejected["params"] == {"value": "6901234567891"}

    db = Database(server.database_url)
    try:
        with db.read() as session:
            product = session.get(Product, product_id)
            assert product.list_price == Decimal("12.5000")
            assert product.barcode == "6901234567892"
            rows = session.execute(select(CategoryPrice)).scalars().all()
            assert [(row.product_id, row.price_level, row.price) for row in rows] == [
                (product_id, "A", Decimal("11.0000"))
            ]
            assert session.execute(select(Product).where(Product.code == "P501")).first() is None
    finally:
        db.dispose()
