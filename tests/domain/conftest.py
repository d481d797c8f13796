"""Fixtures for the command handler tests: a real database with a small company in it.

Every test gets a fresh SQLite file (or, with the `pg_session` fixture, its
own PostgreSQL database) with the whole replicated schema, two departments,
three warehouses (one per negative-stock policy), users of each role,
customers, products and a money account. Ids are fixed, so two fresh
databases start identical.
"""

from __future__ import annotations

import dataclasses
import shutil
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

import domain.models as m
from domain.commands.framework import Actor, CommandContext, CommandOutcome, execute, load_handlers
from domain.ids import derived_id, key_id

load_handlers()

TODAY = dt.date(2026, 12, 4)
NOW = dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.timezone.utc)
ROOT_MUTATION = "01890a5d-ac96-7000-8000-000000000000"


def fixed_id(name: str) -> str:
    return key_id("test", name)


ID = {
    name: fixed_id(name)
    for name in (
        "d1", "d2", "w_block", "w_warn", "w_allow", "w_other",
        "clerk", "clerk2", "keeper", "finance", "manager", "admin", "keeper_other",
        "cat", "cust", "cust2", "cust_plain", "p1", "p2", "p3_inactive", "p4", "account", "supplier",
    )
}


@dataclasses.dataclass
class World:
    """A session over the test company, and a way to run commands as its users."""

    session: Session
    counter: int = 0
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)
    today: dt.date = TODAY

    def actor(self, who: str) -> Actor:
        role = {"clerk": "clerk", "clerk2": "clerk", "keeper": "warehouse", "keeper_other": "warehouse",
                "finance": "finance", "manager": "manager", "admin": "admin"}[who]
        if who == "admin":
            return Actor(ID[who], role, all_scope=True, sees_cost=True)
        if who == "keeper_other":
            return Actor(ID[who], role, frozenset({ID["d2"]}), frozenset({ID["w_other"]}))
        return Actor(
            ID[who], role, frozenset({ID["d1"]}),
            frozenset({ID["w_block"], ID["w_warn"], ID["w_allow"]}), sees_cost=role in ("manager", "finance"),
        )

    def next_mutation(self) -> str:
        self.counter += 1
        return derived_id(ROOT_MUTATION, "mutation", self.counter)

    def run(self, name: str, payload: dict[str, Any], *, who: str = "admin", authoritative: bool = True,
            mutation_id: str | None = None) -> CommandOutcome:
        """Run one command in its own transaction, as the server does: commit, or roll back on error."""
        ctx = CommandContext(
            session=self.session,
            actor=self.actor(who),
            mutation_id=mutation_id or self.next_mutation(),
            device_id=None,
            authoritative=authoritative,
            now=dt.datetime.combine(self.today, NOW.timetz()),
            settings=self.settings,
        )
        try:
            outcome = execute(ctx, name, payload)
        except Exception:
            self.session.rollback()
            raise
        self.session.commit()
        return outcome

    def get(self, model: type, row_id: str):
        self.session.expire_all()
        return self.session.get(model, row_id)

    def balance(self, product: str, warehouse: str, batch: str = "") -> m.StockBalance | None:
        return self.get(m.StockBalance, key_id("stock_balance", ID[product], ID[warehouse], batch))


def seed(session: Session) -> None:
    """Write the test company."""
    add = session.add_all
    add([
        m.Department(id=ID["d1"], code="D1", name="华东销售部"),
        m.Department(id=ID["d2"], code="D2", name="华南销售部"),
    ])
    session.flush()
    add([
        m.Warehouse(id=ID["w_block"], code="WB", name="上海仓", department_id=ID["d1"], negative_stock_policy="block"),
        m.Warehouse(id=ID["w_warn"], code="WW", name="苏州仓", department_id=ID["d1"], negative_stock_policy="warn"),
        m.Warehouse(id=ID["w_allow"], code="WA", name="杭州仓", department_id=ID["d1"], negative_stock_policy="allow"),
        m.Warehouse(id=ID["w_other"], code="WO", name="广州仓", department_id=ID["d2"], negative_stock_policy="block"),
    ])
    for who, role, dept in (
        ("clerk", "clerk", "d1"), ("clerk2", "clerk", "d1"), ("keeper", "warehouse", "d1"),
        ("finance", "finance", "d1"), ("manager", "manager", "d1"), ("admin", "admin", None),
        ("keeper_other", "warehouse", "d2"),
    ):
        session.add(m.User(id=ID[who], username=who, display_name=who, role=role,
                           department_id=ID[dept] if dept else None))
    session.add(m.CustomerCategory(id=ID["cat"], code="VIP", name="重点客户", payment_terms_days=45,
                                   price_level="A", default_credit_limit=None))
    session.flush()
    add([
        m.Customer(id=ID["cust"], code="C001", name="上海华联超市", category_id=ID["cat"], department_id=ID["d1"],
                   owner_id=ID["clerk"], phone="021-5550001", address="上海市浦东新区1号"),
        m.Customer(id=ID["cust2"], code="C002", name="苏州百货", department_id=ID["d1"], payment_terms_days=10),
        m.Customer(id=ID["cust_plain"], code="C003", name="杭州小卖部", department_id=ID["d1"]),
        m.Supplier(id=ID["supplier"], code="S001", name="义乌日用品厂"),
        m.MoneyAccount(id=ID["account"], code="BANK1", name="工商银行"),
    ])
    add([
        m.Product(id=ID["p1"], code="P001", name="洗衣粉", base_unit="袋", tax_rate=Decimal("0.13"),
                  list_price=Decimal("10.00")),
        m.Product(id=ID["p2"], code="P002", name="肥皂", base_unit="块", tax_rate=Decimal("0.13"),
                  list_price=Decimal("3.50"), min_order_quantity=Decimal("2"), max_order_quantity=Decimal("100")),
        m.Product(id=ID["p3_inactive"], code="P003", name="停售商品", base_unit="个", active=False),
        m.Product(id=ID["p4"], code="P004", name="牙膏", base_unit="支", tax_rate=Decimal("0.09"),
                  list_price=Decimal("6.80"), lowest_price=Decimal("5.00")),
    ])
    session.flush()
    session.add(m.ProductUnit(id=fixed_id("p1_box"), product_id=ID["p1"], unit_name="箱", factor=Decimal("12")))
    session.commit()


def open_world(url: str) -> tuple[World, Any]:
    engine = create_engine(url)
    m.Base.metadata.create_all(engine)
    session = Session(engine, expire_on_commit=True)
    seed(session)
    return World(session), engine


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> str:
    """Build the seeded SQLite file once; tests copy it (creating ~100 tables per test costs seconds)."""
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    w, engine = open_world(f"sqlite:///{path}")
    w.session.close()
    engine.dispose()
    return str(path)


def copy_world(template: str, target) -> tuple[World, Any]:
    shutil.copyfile(template, target)
    engine = create_engine(f"sqlite:///{target}")
    return World(Session(engine)), engine


@pytest.fixture
def world(tmp_path, seeded_template) -> World:
    w, engine = copy_world(seeded_template, tmp_path / "replica.sqlite3")
    yield w
    w.session.close()
    engine.dispose()


@pytest.fixture
def pg_world(postgres_url):
    """A World on its own PostgreSQL database (dropped afterwards by `postgres_url`)."""
    w, engine = open_world(postgres_url)
    yield w
    w.session.close()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_world(request, tmp_path):
    """The world on SQLite and, for tests marked postgres, on PostgreSQL."""
    if request.param == "sqlite":
        w, engine = copy_world(request.getfixturevalue("seeded_template"), tmp_path / "any.sqlite3")
        yield w
        w.session.close()
        engine.dispose()
    else:
        yield request.getfixturevalue("pg_world")
