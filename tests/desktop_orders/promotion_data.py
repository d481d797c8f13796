"""Promotions for the grid tests: a special price on P002 and buy 10 get 1 on P003, in force today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.ids import new_id
from domain.models import Promotion

SPECIAL_PRICE = Decimal("99.0000")  # P002's list price is 126.00


def add_promotions(database_url: str, ids: dict[str, str], today: dt.date) -> dict[str, str]:
    """Write the two promotions on the server; returns their ids as "special" and "gift"."""
    from server_stub.admin import write_rows
    from server_stub.db import Database

    promotion_ids = {"special": new_id(), "gift": new_id()}
    start, end = today - dt.timedelta(days=3), today + dt.timedelta(days=30)
    db = Database(database_url)
    try:
        with db.write() as session:
            write_rows(session, [
                Promotion(id=promotion_ids["special"], code="SP1", name="滇红特价", kind="special_price",
                          product_id=ids["P002"], unit_name="盒", start_date=start, end_date=end,
                          special_price=SPECIAL_PRICE, active=True),
                Promotion(id=promotion_ids["gift"], code="BG1", name="茶具买十送一", kind="buy_n_get_m",
                          product_id=ids["P003"], unit_name="套", start_date=start, end_date=end,
                          buy_quantity=Decimal(10), gift_product_id=ids["P003"], gift_unit_name="套",
                          gift_quantity=Decimal(1), repeat=True, active=True),
            ])
    finally:
        db.dispose()
    return promotion_ids
