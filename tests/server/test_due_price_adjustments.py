"""Approved price adjustments take effect on their date without anyone running a command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.ids import new_id
from domain.models import PriceAdjustment, PriceAdjustmentLine, Product, ProductUnit
from domain.types import utcnow
from server_stub.admin import write_rows
from server_stub.changes import current_change_seq
from server_stub.db import Database
from server_stub.due_prices import DuePriceAdjustments
from tests.server.server_process import add_user


def seed_adjustments(database_url: str, today: dt.date) -> dict[str, str]:
    """Write a product with a pack unit and two approved list price adjustments: due today and tomorrow."""
    ids = {"product": new_id(), "today": new_id(), "tomorrow": new_id()}
    product = Product(id=ids["product"], code="P1", name="酱油", base_unit="瓶", list_price=Decimal("10.00"))
    unit = ProductUnit(id=new_id(), product_id=ids["product"], unit_name="箱", factor=Decimal(12),
                       price=Decimal("120.00"))
    rows: list[object] = [product, unit]
    for label, effective, bottle, box in (
        ("today", today, "11.00", "130.00"),
        ("tomorrow", today + dt.timedelta(days=1), "12.00", "140.00"),
    ):
        rows.append(PriceAdjustment(
            id=ids[label], number=f"PA-{label}", document_date=today - dt.timedelta(days=3),
            effective_date=effective, status="approved", approved_at=utcnow() - dt.timedelta(days=2),
        ))
        for line_no, (unit_name, price) in enumerate((("瓶", bottle), ("箱", box)), start=1):
            rows.append(PriceAdjustmentLine(
                id=new_id(), adjustment_id=ids[label], line_no=line_no, product_id=ids["product"],
                unit_name=unit_name, price_kind="list", new_price=Decimal(price),
            ))
    db = Database(database_url)
    try:
        with db.write() as session:
            write_rows(session, rows[:2])
        with db.write() as session:
            write_rows(session, rows[2:])
    finally:
        db.dispose()
    return ids


def read_prices(db: Database, ids: dict[str, str]) -> dict[str, object]:
    with db.read() as session:
        product = session.get(Product, ids["product"])
        box = session.query(ProductUnit).filter_by(product_id=ids["product"], unit_name="箱").one()
        return {
            "bottle": product.list_price,
            "box": box.price,
            "today": session.get(PriceAdjustment, ids["today"]).status,
            "tomorrow": session.get(PriceAdjustment, ids["tomorrow"]).status,
            "product_seq": product.change_seq,
            "server_seq": current_change_seq(session),
        }


def test_server_start_applies_due_adjustment(database_url, make_server):
    ids = seed_adjustments(database_url, utcnow().date())
    db = Database(database_url)
    try:
        seq_before = read_prices(db, ids)["server_seq"]
        server = make_server(database_url)
        add_user(server.database_url, "max", "manager", "pw", "D1")
        client = server.client()
        client.login("max", "pw")
        client.register("max pc")

        prices = read_prices(db, ids)
        assert prices["today"] == "applied"
        assert prices["tomorrow"] == "approved"
        assert prices["bottle"] == Decimal("11.0000")
        assert prices["box"] == Decimal("130.0000")
        # The applied rows carry a new change number, so a replica's pull receives them.
        assert prices["product_seq"] > seq_before

        pulled = client.pull(cursor=seq_before)
        products = {row["id"]: row for row in pulled["changes"].get("product", [])}
        assert ids["product"] in products
        adjustments = {row["id"]: row["status"] for row in pulled["changes"].get("price_adjustment", [])}
        assert adjustments == {ids["today"]: "applied"}
    finally:
        db.dispose()


def test_first_request_of_new_day_applies(database_url):
    today = utcnow().date()
    ids = seed_adjustments(database_url, today)
    db = Database(database_url)
    try:
        due = DuePriceAdjustments(db)
        now = utcnow()
        due.run_if_new_day(now)
        first = read_prices(db, ids)
        assert (first["today"], first["tomorrow"]) == ("applied", "approved")

        # Later the same day the check costs nothing and changes nothing.
        due.run_if_new_day(now + dt.timedelta(seconds=1))
        assert read_prices(db, ids)["server_seq"] == first["server_seq"]

        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0, 5), tzinfo=dt.timezone.utc)
        due.run_if_new_day(tomorrow)
        second = read_prices(db, ids)
        assert second["tomorrow"] == "applied"
        assert second["bottle"] == Decimal("12.0000")
        assert second["box"] == Decimal("140.0000")
        assert second["server_seq"] == first["server_seq"] + 1
    finally:
        db.dispose()
