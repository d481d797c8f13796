"""The demo data set behind `kaidan-server init-demo`.

It is built from real input: the Northwind sample (MIT) and the jshERP demo
master data (Apache-2.0), copied under resources/datasets, plus about 2,000
Chinese customers made with Faker's zh_CN locale from a fixed seed. Dates are
shifted so the newest Northwind order is dated `today`. Master data is
inserted through the ORM in stamped batches; every receipt, order,
confirmation, delivery, transfer and payment goes through the real command
handlers. The same seed and `today` give the same data, ids included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.models import Customer, Department, Product, User
from server_stub.changes import ensure_counter
from server_stub.demo.catalog import insert_catalog
from server_stub.demo.chinese import generate_customers
from server_stub.demo.customers import insert_chinese_customers, insert_northwind_customers
from server_stub.demo.ids import SeededIds
from server_stub.demo.org import DEPARTMENTS, insert_organisation
from server_stub.demo.plan_orders import date_offset, plan_chinese_orders, plan_northwind_orders
from server_stub.demo.plan_stock import schedule
from server_stub.demo.poster import DemoBuildError, Poster, PostingCounts
from server_stub.demo.registry import Registry
from server_stub.demo.sources import load_jsherp, load_northwind
from server_stub.demo.stamping import BatchStamper
from server_stub.demo.users import DEMO_USERS

log = logging.getLogger(__name__)

DEFAULT_SEED = 20261204
CHINESE_CUSTOMER_COUNT = 2000

Progress = Callable[[str, int, int], None]

__all__ = ["DEFAULT_SEED", "DemoAlreadyLoaded", "DemoBuildError", "DemoSummary", "build_demo"]


class DemoAlreadyLoaded(RuntimeError):
    """The database already contains demo data (or rows with the demo's codes)."""


@dataclasses.dataclass
class DemoSummary:
    today: dt.date
    seed: int
    departments: int
    warehouses: int
    users: int
    customers: int
    suppliers: int
    products: int
    orders: int
    approvals: int
    deliveries: int
    payments: int
    receipts: int
    transfers: int
    flags: int
    commands: int
    seconds: float


def _reject_if_loaded(session: Session) -> None:
    found = []
    if session.execute(select(Customer.id).where(Customer.code == "ALFKI")).first():
        found.append("customer ALFKI")
    codes = [code for code, _, _ in DEPARTMENTS]
    found += [f"department {code}" for code in
              session.execute(select(Department.code).where(Department.code.in_(codes))).scalars()]
    usernames = [user.username for user in DEMO_USERS]
    found += [f"user {name}" for name in
              session.execute(select(User.username).where(User.username.in_(usernames))).scalars()]
    if found:
        raise DemoAlreadyLoaded(
            "the database already contains demo data or rows with the demo's codes "
            f"({', '.join(found[:5])}); init-demo needs a freshly migrated, empty database"
        )


def build_demo(
    session_factory: sessionmaker,
    *,
    today: dt.date | None = None,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill a migrated, empty server database with the demo data set.

    `progress(stage, done, total)` is called now and then. Raises
    DemoAlreadyLoaded, before writing anything, when the database already
    has demo data.

    NOTE: documents are committed in batches. A build that fails part way
    (DemoBuildError) leaves the batches before the failure in the database,
    so build again into a freshly migrated one.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    northwind = load_northwind()
    jsherp = load_jsherp()
    offset = date_offset(northwind, today)
    northwind_start = min(order.order_date for order in northwind.orders) + offset
    opening_date = northwind_start - dt.timedelta(days=1)
    at = dt.datetime.combine(opening_date, dt.time(0, 30, tzinfo=dt.timezone.utc))
    ids = SeededIds(seed)
    registry = Registry(opening_date=opening_date)

    # Objects stay loaded across the batch commits: the handlers look the same
    # products, customers and balances up again and again.
    with session_factory(expire_on_commit=False) as session:
        _reject_if_loaded(session)
        ensure_counter(session)
        log.info("demo: inserting master data (seed %s, today %s)", seed, today)
        stamper = BatchStamper(session, at)
        insert_organisation(stamper, registry, ids, at, northwind, jsherp)
        insert_catalog(stamper, registry, ids, at, northwind, jsherp, seed)
        insert_northwind_customers(stamper, registry, ids, at, northwind)
        stamper.finish_batch()
        chinese = generate_customers(CHINESE_CUSTOMER_COUNT, seed)
        insert_chinese_customers(stamper, registry, ids, at, chinese)
        stamper.finish_batch()
        session.commit()
        if progress is not None:
            progress("master data", 1, 1)

        log.info("demo: planning documents")
        northwind_orders, northwind_payments = plan_northwind_orders(northwind, registry, today, seed)
        chinese_orders, chinese_payments = plan_chinese_orders(
            registry, [customer.code for customer in chinese], today, seed
        )
        steps = schedule(registry, northwind_orders + chinese_orders, northwind_payments + chinese_payments,
                         opening_date, seed)
        log.info("demo: posting %d steps", len(steps))
        counts = Poster(session, registry, ids, registry.users["admin"], progress).run(steps)

        _deactivate_discontinued(session, registry, today)
        session.commit()

    summary = _summary(registry, counts, today, seed, time.perf_counter() - started)
    log.info("demo: built in %.1f s: %d customers, %d orders, %d deliveries, %d payments, %d commands",
             summary.seconds, summary.customers, summary.orders, summary.deliveries, summary.payments,
             summary.commands)
    return summary


def _deactivate_discontinued(session: Session, registry: Registry, today: dt.date) -> None:
    stamper = BatchStamper(session, dt.datetime.combine(today, dt.time(0, 0, tzinfo=dt.timezone.utc)))
    for code in registry.discontinued_products:
        product = session.get(Product, registry.products[code].id)
        product.active = False
        stamper.add(product)
    stamper.finish_batch()


def _summary(registry: Registry, counts: PostingCounts, today: dt.date, seed: int, seconds: float) -> DemoSummary:
    return DemoSummary(
        today=today, seed=seed, departments=len(registry.departments), warehouses=len(registry.warehouses),
        users=len(registry.users), customers=len(registry.customers), suppliers=len(registry.suppliers),
        products=len(registry.products), orders=counts.orders, approvals=counts.approvals,
        deliveries=counts.deliveries, payments=counts.payments, receipts=counts.receipts,
        transfers=counts.transfers, flags=counts.flags, commands=counts.commands, seconds=round(seconds, 1),
    )
