"""Benchmark of the stock tabs' queries on a replica with many movements.

    .venv/bin/python -m bench.stock_reports_bench [--movements 200000] [--products 1000] [--repeat 5]

The rows go straight into a fresh replica file in bulk: products, 4
warehouses, movements spread over 2026 (a third of them out), the balances
they add up to and a reorder point per product and warehouse. Each query
then runs `--repeat` times: the stock summary's first page and its totals
for one month, the movement detail's first and third page of the busiest
product over the year, and the low-stock list's first page. The median in
milliseconds of each is printed, then one JSON line with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import pathlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy.orm import Session

from bench.search_bench import insert_rows
from desktop.models.stock_movement_queries import MovementFilter, load_movements
from desktop.models.stock_summary_queries import LowStockFilter, SummaryFilter, load_low_stock, load_summary, summary_totals
from domain.ids import key_id, new_id
from domain.models import Department, Product, ReorderPoint, StockBalance, StockMovement, Warehouse
from sync.replica import Replica

log = logging.getLogger(__name__)

SEED = 20261205
PAGE = 200
WAREHOUSES = 4
YEAR_START = dt.date(2026, 1, 1)


def build(replica: Replica, products: int, movements: int) -> str:
    """Fill the replica and return the id of the product with the most movements."""
    rng = random.Random(SEED)
    department = {"id": new_id(), "code": "D1", "name": "Sales", "active": True}
    warehouses = [{"id": new_id(), "code": f"W{n}", "name": f"Warehouse {n}", "department_id": department["id"]}
                  for n in range(WAREHOUSES)]
    product_rows = [{"id": new_id(), "code": f"P{n:05d}", "name": f"Product {n}", "base_unit": "box"}
                    for n in range(products)]

    balances: dict[tuple[str, str], Decimal] = {}
    movement_rows = []
    # The first product gets ten times its share, so its movement detail spans several pages.
    weights = [10] + [1] * (products - 1)
    for product in rng.choices(product_rows, weights=weights, k=movements):
        warehouse = rng.choice(warehouses)
        quantity = Decimal(rng.randint(1, 50)) * (-1 if rng.random() < 1 / 3 else 1)
        day = YEAR_START + dt.timedelta(days=rng.randrange(365))
        key = (product["id"], warehouse["id"])
        balances[key] = balances.get(key, Decimal(0)) + quantity
        movement_rows.append({
            "id": new_id(), "product_id": product["id"], "warehouse_id": warehouse["id"], "batch_no": "",
            "quantity": quantity, "cost_amount": abs(quantity) * Decimal("7.50"), "document_type": "goods_receipt",
            "document_id": new_id(), "document_number": f"D{len(movement_rows):07d}", "document_date": day,
            "posting_date": day,
        })

    balance_rows = [{"id": key_id("stock_balance", product_id, warehouse_id, ""), "product_id": product_id,
                     "warehouse_id": warehouse_id, "batch_no": "", "on_hand": on_hand, "reserved": Decimal(0)}
                    for (product_id, warehouse_id), on_hand in balances.items()]
    reorder_rows = [{"id": key_id("reorder_point", product["id"], warehouse["id"]), "product_id": product["id"],
                     "warehouse_id": warehouse["id"], "reorder_point": Decimal(rng.randint(0, 400))}
                    for product in product_rows for warehouse in warehouses]

    stamp = dt.datetime.now(dt.timezone.utc)
    with replica.transaction() as session:
        connection = session.connection().connection.driver_connection
        for table, rows in ((Department.__table__, [department]), (Warehouse.__table__, warehouses),
                            (Product.__table__, product_rows), (StockMovement.__table__, movement_rows),
                            (StockBalance.__table__, balance_rows), (ReorderPoint.__table__, reorder_rows)):
            # insert_rows fills scalar defaults only, and updated_at's default is a function.
            insert_rows(connection, table, [{"updated_at": stamp, **row} for row in rows])
    return product_rows[0]["id"]


def median_ms(replica: Replica, repeat: int, run: Callable[[Session], object]) -> float:
    timings = []
    for _ in range(repeat):
        with replica.session() as session:
            started = time.perf_counter()
            run(session)
            timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def third_page(session: Session, movement_filter: MovementFilter) -> None:
    after = None
    for _ in range(3):
        rows = load_movements(session, movement_filter, after, PAGE)
        after = rows[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=200_000, help="number of stock movements")
    parser.add_argument("--products", type=int, default=1_000, help="number of products")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)

    with tempfile.TemporaryDirectory(prefix="stock-bench-") as work:
        replica = Replica.open(pathlib.Path(work) / "replica.sqlite3")
        started = time.perf_counter()
        busiest = build(replica, args.products, args.movements)
        log.info("inserted %d movements in %.1f s", args.movements, time.perf_counter() - started)

        month = SummaryFilter(dt.date(2026, 6, 1), dt.date(2026, 6, 30))
        year = MovementFilter(busiest, YEAR_START, dt.date(2026, 12, 31))
        figures = {
            "movements": args.movements,
            "summary_first_page_ms": median_ms(replica, args.repeat, lambda s: load_summary(s, month, None, PAGE)),
            "summary_totals_ms": median_ms(replica, args.repeat, lambda s: summary_totals(s, month)),
            "movement_first_page_ms": median_ms(replica, args.repeat, lambda s: load_movements(s, year, None, PAGE)),
            "movement_three_pages_ms": median_ms(replica, args.repeat, lambda s: third_page(s, year)),
            "low_stock_first_page_ms": median_ms(replica, args.repeat,
                                                 lambda s: load_low_stock(s, LowStockFilter(), None, PAGE)),
        }
        replica.close()
    for key, value in figures.items():
        log.info("%s: %s", key, value)
    print(json.dumps(figures))  # noqa: T201 - the benchmark's output line


if __name__ == "__main__":
    main()
