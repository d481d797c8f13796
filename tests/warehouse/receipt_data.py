"""A server company for the goods receipt and transfer screens: two departments, their keepers and warehouses.

Department D1 has warehouses W1 and W2 and keeper "kate"; D2 has W9 and
keeper "kim"; manager "mona", whose role may see costs, belongs to D1. Products: P001
洗衣粉 (untracked, pack unit 箱 of 12, no purchase price), P101 奶粉
(tracked by batch and expiry date, purchase price 88.00 per 罐) and P201 抹布
(untracked, no purchase price). Supplier S001.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.ids import new_id
from domain.models import Department, Product, ProductUnit, Supplier, Warehouse
from tests.server.server_process import add_user, migrate

PASSWORD = "keeper pass 7"
KEEPER = "kate"
OTHER_KEEPER = "kim"
MANAGER = "mona"


def build_company(database_url: str) -> dict[str, str]:
    """Migrate the database and write the company; return ids by code."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    migrate(database_url)
    add_user(database_url, KEEPER, "warehouse", PASSWORD, "D1")
    add_user(database_url, OTHER_KEEPER, "warehouse", PASSWORD, "D2")
    add_user(database_url, MANAGER, "manager", PASSWORD, "D1")
    db = Database(database_url)
    try:
        with db.write() as session:
            departments = {d.code: d.id for d in session.execute(select(Department)).scalars()}
            warehouses = [
                Warehouse(id=new_id(), code="W1", name="上海总仓", department_id=departments["D1"], negative_stock_policy="warn"),
                Warehouse(id=new_id(), code="W2", name="上海门店仓", department_id=departments["D1"], negative_stock_policy="warn"),
                Warehouse(id=new_id(), code="W9", name="广州仓", department_id=departments["D2"], negative_stock_policy="warn"),
            ]
            products = [
                Product(id=new_id(), code="P001", name="洗衣粉", base_unit="袋", list_price=Decimal("10.0000"),
                        mnemonic="xyf"),
                Product(id=new_id(), code="P101", name="奶粉", base_unit="罐", list_price=Decimal("120.0000"),
                        mnemonic="nf", batch_tracked=True, expiry_tracked=True, purchase_price=Decimal("88.0000")),
                Product(id=new_id(), code="P201", name="抹布", base_unit="块", list_price=Decimal("3.0000"),
                        mnemonic="mb"),
            ]
            supplier = Supplier(id=new_id(), code="S001", name="义乌日用品厂")
            with server_change(session):
                session.add_all(warehouses)
                session.add_all(products)
                session.add(supplier)
                session.flush()
                session.add(ProductUnit(id=new_id(), product_id=products[0].id, unit_name="箱", factor=Decimal("12")))
            ids = {w.code: w.id for w in warehouses}
            ids.update({p.code: p.id for p in products})
            ids.update(S001=supplier.id, **departments)
            return ids
    finally:
        db.dispose()
