"""Products, prices, stock and one order on the server, for the product picker and Products page tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from domain.ids import new_id
from domain.models import (
    AgreedPrice,
    Brand,
    CategoryPrice,
    Customer,
    CustomerCategory,
    Product,
    ProductBarcode,
    ProductCategory,
    ProductUnit,
    SalesOrder,
    SalesOrderLine,
    StockBalance,
)
from domain.posting.stock import balance_id

CAKE_BARCODE = "6901234567892"
CAKE_PACK_BARCODE = "6901234567908"
CAKE_RELABEL_BARCODE = "6970000000016"
AGREED_PRICE = Decimal("80.0000")
ORDER_NUMBER = "SO-TEST-0001"


def seed_products(url: str, ids: dict[str, str]) -> dict[str, str]:
    """Add tea products (one with a pack unit and three barcodes), a customer with an agreed price and an order.

    `ids` are those of tests.server.helpers.seed_scope; returns them with the new ids added.
    """
    from server_stub.admin import server_change
    from server_stub.db import Database

    category = ProductCategory(id=new_id(), code="TEA", name="茶叶")
    brand = Brand(id=new_id(), code="YL", name="云岭")
    cake = Product(id=new_id(), code="T100", name="普洱茶饼", variant="357克", base_unit="饼",
                   barcode=CAKE_BARCODE, list_price=Decimal("88.5000"), lowest_price=Decimal("75.0000"),
                   purchase_price=Decimal("50.0000"), category_id=category.id, brand_id=brand.id,
                   tax_rate=Decimal("0.13"))
    loose = Product(id=new_id(), code="T101", name="普洱散茶", base_unit="斤", list_price=Decimal("120.0000"),
                    category_id=category.id)
    black = Product(id=new_id(), code="T102", name="滇红工夫", base_unit="盒", list_price=Decimal("126.0000"))
    pack = ProductUnit(id=new_id(), product_id=cake.id, unit_name="提", factor=Decimal("7.000"),
                       barcode=CAKE_PACK_BARCODE, price=Decimal("600.0000"))
    relabel = ProductBarcode(id=new_id(), product_id=cake.id, unit_name="饼", barcode=CAKE_RELABEL_BARCODE)
    customer_category = CustomerCategory(id=new_id(), code="WHS", name="批发客户")
    customer = Customer(id=new_id(), code="K001", name="昆明茶行", department_id=ids["D1"],
                        default_warehouse_id=ids["W1"], category_id=customer_category.id, active=True)
    agreed = AgreedPrice(id=new_id(), customer_id=customer.id, product_id=cake.id, unit_name="饼", price=AGREED_PRICE)
    category_price = CategoryPrice(id=new_id(), product_id=black.id, unit_name="盒",
                                   customer_category_id=customer_category.id, price=Decimal("118.0000"))
    balances = [
        StockBalance(id=balance_id(cake.id, ids["W1"]), product_id=cake.id, warehouse_id=ids["W1"], batch_no="",
                     on_hand=Decimal("20"), reserved=Decimal("5")),
        StockBalance(id=balance_id(cake.id, ids["W1A"]), product_id=cake.id, warehouse_id=ids["W1A"], batch_no="",
                     on_hand=Decimal("8"), reserved=Decimal("0")),
    ]
    order = SalesOrder(id=new_id(), number=ORDER_NUMBER, customer_id=customer.id, department_id=ids["D1"],
                       warehouse_id=ids["W1"], status="approved", document_date=dt.date(2026, 3, 2),
                       total_amount=Decimal("170.00"), lines_amount=Decimal("170.00"))
    line = SalesOrderLine(id=new_id(), order_id=order.id, line_no=1, product_id=cake.id, unit_name="饼",
                          quantity=Decimal("2"), base_quantity=Decimal("2"), unit_price=Decimal("85.0000"),
                          amount=Decimal("170.00"), price_rule="agreed")

    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            # Parents first: these models have no relationships to order the inserts by.
            session.add_all([category, brand, customer_category])
            session.flush()
            session.add_all([cake, loose, black, customer])
            session.flush()
            session.add_all([pack, relabel, agreed, category_price, *balances, order])
            session.flush()
            session.add(line)
    finally:
        db.dispose()
    return dict(ids, T100=cake.id, T101=loose.id, T102=black.id, K001=customer.id, ORDER=order.id)


@pytest.fixture
def server_db(server_db):
    """The desktop tests' server database with these products added; a test module imports it to use it."""
    url, ids = server_db
    return url, seed_products(url, ids)
