"""More products for the order entry tests: barcodes, tax rates other than 13 %, a lowest price, stock in W1."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.ids import new_id
from domain.models import Product, ProductUnit
from domain.posting import costing, stock

# (code, name, base unit, list price, tax rate, barcode, lowest price)
ENTRY_PRODUCTS = (
    ("E01", "白毫银针 100克", "盒", "158.0000", "0.13", "6901234500011", None),
    ("E02", "凤庆滇红 散装", "斤", "86.4000", "0.09", "6901234500028", None),
    ("E03", "紫砂壶", "把", "268.0000", "0.13", "6901234500035", "240.0000"),
    ("E04", "茶巾", "条", "3.3300", "0.06", "6901234500042", None),
    ("E05", "茶叶礼盒", "盒", "199.9900", "0.09", "6901234500059", None),
    ("E06", "公道杯", "个", "45.5000", "0", "6901234500066", None),
)
# The barcode of E05's pack unit 箱 (6 盒).
CASE_BARCODE = "6901234500073"


def add_entry_products(database_url: str, warehouse_id: str) -> dict[str, str]:
    """Add ENTRY_PRODUCTS with 500 of each in stock in the warehouse; returns product ids by code."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    ids: dict[str, str] = {}
    try:
        with db.write() as session:
            products = [
                Product(id=new_id(), code=code, name=name, base_unit=unit, list_price=Decimal(price),
                        tax_rate=Decimal(rate), barcode=barcode, purchase_price=Decimal("1.0000"),
                        lowest_price=Decimal(lowest) if lowest else None)
                for code, name, unit, price, rate, barcode, lowest in ENTRY_PRODUCTS
            ]
            case = ProductUnit(id=new_id(), product_id=products[4].id, unit_name="箱", factor=Decimal("6.000"),
                               barcode=CASE_BARCODE, price=Decimal("1150.0000"))
            with server_change(session):
                session.add_all(products)
                session.flush()
                session.add(case)
                for product in products:
                    quantity, unit_cost = Decimal("500.000"), Decimal("1.000000")
                    costed = costing.receive(session, product.id, costing.cost_warehouse_key({}, warehouse_id),
                                             quantity, unit_cost)
                    stock.post_movement(
                        session, movement_id=new_id(), product_id=product.id, warehouse_id=warehouse_id,
                        quantity=quantity, document_type="opening", document_id=new_id(), document_line_id=None,
                        document_number=None, document_date=dt.date(2026, 1, 1), posting_date=dt.date(2026, 1, 1),
                        unit_cost=unit_cost, cost_amount=costed.cost_amount,
                    )
            ids.update({product.code: product.id for product in products})
    finally:
        db.dispose()
    return ids
