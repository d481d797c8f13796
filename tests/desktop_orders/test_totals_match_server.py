"""The entry grid's amounts, tax and totals equal the server's for a set of generated orders."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from desktop.models.order_lines_model import OrderLinesModel
from desktop.models.order_queries import load_catalog
from domain.ids import new_id
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.entry_data import add_entry_products
from tests.pg import backends

pytestmark = pytest.mark.timeout(180)

ORDER_COUNT = 12
SEED = 20261205


def _random_line(rng: random.Random, model: OrderLinesModel, products) -> None:
    row = model.rowCount() - 1
    product = rng.choice(products)
    assert model.setData(model.index(row, OrderLinesModel.PRODUCT), product)
    unit = rng.choice(product.units)
    assert model.setData(model.index(row, OrderLinesModel.UNIT), unit.name)
    quantity = Decimal(rng.randint(1, 40_000)) / 1000
    assert model.setData(model.index(row, OrderLinesModel.QUANTITY), str(quantity))
    if rng.random() < 0.6:
        price = Decimal(rng.randint(1, 3_000_000)) / 10_000
        assert model.setData(model.index(row, OrderLinesModel.PRICE), str(price))
    kind = rng.choice(("none", "amount", "percent"))
    line = model.line(row)
    gross = line.quantity * line.unit_price
    if kind == "amount" and gross >= 1:
        discount = Decimal(rng.randint(1, int(gross * 100) // 2)) / 100
        assert model.setData(model.index(row, OrderLinesModel.DISCOUNT), str(discount))
    elif kind == "percent":
        percent = Decimal(rng.randint(1, 5000)) / 100
        assert model.setData(model.index(row, OrderLinesModel.DISCOUNT), f"{percent}%")


def _server_rows(database_url: str, sql: str, **params):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_grid_totals_equal_server(tmp_path, sales_server, qapp):
    add_entry_products(sales_server.database_url, sales_server.ids["W1"])
    replica = open_replica(tmp_path / "client")
    try:
        sync(replica, sales_server.url, MANAGER, PASSWORD)
        with replica.transaction() as session:
            catalog = load_catalog(session)
        products = list(catalog.products)
        rng = random.Random(SEED)
        expected = {}
        for _ in range(ORDER_COUNT):
            model = OrderLinesModel()
            include_tax = rng.random() < 0.5
            freight = Decimal(rng.randint(0, 5000)) / 100
            for _line in range(rng.randint(1, 15)):
                _random_line(rng, model, products)
            lines_amount = model.totals().lines_amount
            discount = Decimal(rng.randint(0, int(lines_amount * 10))) / 100
            model.set_document_terms(freight, discount, include_tax)
            order_id = new_id()
            submit(replica, "order.create", {
                "id": order_id,
                "number": next_document_number(replica, "sales_order", dt.date.today()),
                "customer_id": sales_server.ids["C001"],
                "warehouse_id": sales_server.ids["W1"],
                "document_date": dt.date.today().isoformat(),
                "prices_include_tax": include_tax,
                "freight_amount": str(freight),
                "discount_amount": str(discount),
                "lines": model.payload_lines(),
            })
            expected[order_id] = model
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
    finally:
        replica.close()

    for order_id, model in expected.items():
        totals = model.totals()
        order = _server_rows(sales_server.database_url,
                             "SELECT lines_amount, tax_amount, total_amount FROM sales_order WHERE id = :id", id=order_id)
        assert len(order) == 1
        # Money columns are stored as counts of fen.
        assert Decimal(order[0].lines_amount) / 100 == totals.lines_amount
        assert Decimal(order[0].tax_amount) / 100 == totals.tax_amount
        assert Decimal(order[0].total_amount) / 100 == totals.total
        server_lines = _server_rows(sales_server.database_url,
                                    "SELECT id, amount, discount_amount, tax_amount FROM sales_order_line "
                                    "WHERE order_id = :id", id=order_id)
        by_id = {row.id: row for row in server_lines}
        assert len(by_id) == len(model.complete_lines())
        for line in model.complete_lines():
            assert Decimal(by_id[line.id].amount) / 100 == line.amount
            assert Decimal(by_id[line.id].discount_amount) / 100 == line.discount_amount
        assert sum(Decimal(row.tax_amount) for row in server_lines) / 100 == sum(band.tax for band in totals.bands)
