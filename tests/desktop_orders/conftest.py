"""Fixtures of the order, delivery and printing tests: Qt offscreen, a seeded server, a synced replica."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

# Before any QApplication exists: these tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select  # noqa: E402

from domain.ids import key_id, new_id  # noqa: E402
from domain.models import Customer, Department, Product, ProductUnit, Warehouse  # noqa: E402
from domain.posting import costing, stock  # noqa: E402
from domain.models.admin import CompanySetting  # noqa: E402
from tests.server.server_process import ServerProcess, add_user, migrate  # noqa: E402

PASSWORD = "order desk 42"
MANAGER = "manager1"
COMPANY = "云岭茶业有限公司"


@pytest.fixture(scope="session")
def qapp_args():
    return ["kaidan-tests"]


@pytest.fixture(autouse=True, scope="session")
def bundled_font(qapp):
    """Register the bundled CJK font, as the app does at start."""
    from desktop.i18n import register_fonts

    assert register_fonts(), "the bundled CJK font could not be registered"


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def seed_sales_data(database_url: str) -> dict[str, str]:
    """Create a warehouse with stock, three products (one with a pack unit) and two customers.

    The department D1 must exist (created with the user). Returns ids by name.
    """
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    ids: dict[str, str] = {}
    try:
        with db.write() as session:
            department = session.execute(select(Department).where(Department.code == "D1")).scalar_one()
            warehouse = Warehouse(id=new_id(), code="W1", name="昆明一号仓", department_id=department.id,
                                  negative_stock_policy="block")
            products = [
                Product(id=new_id(), code="P001", name="普洱茶饼 357克", base_unit="饼", list_price=Decimal("88.5000"),
                        purchase_price=Decimal("50.0000")),
                Product(id=new_id(), code="P002", name="滇红工夫 250克", base_unit="盒", list_price=Decimal("126.0000"),
                        purchase_price=Decimal("70.0000")),
                Product(id=new_id(), code="P003", name="茶具套装", base_unit="套", list_price=Decimal("9.0600"),
                        purchase_price=Decimal("4.0000")),
            ]
            pack = ProductUnit(id=new_id(), product_id=products[0].id, unit_name="提", factor=Decimal("7.000"),
                               price=Decimal("600.0000"))
            customers = [
                Customer(id=new_id(), code="C001", name="昆明茶叶商行", phone="0871-63100000",
                         address="云南省昆明市五华区青年路1号", department_id=department.id,
                         default_warehouse_id=warehouse.id, active=True),
                Customer(id=new_id(), code="C002", name="大理茶馆", phone="0872-2120000",
                         address="云南省大理市人民路8号", department_id=department.id, active=True),
            ]
            setting = CompanySetting(id=key_id("company_setting", "company_name"), key="company_name", value=COMPANY)
            with server_change(session):
                session.add(warehouse)
                session.add_all(products)
                session.flush()
                session.add(pack)
                session.add_all(customers)
                session.add(setting)
                session.flush()
                for product in products:
                    quantity, unit_cost = Decimal("100.000"), Decimal("5.000000")
                    costed = costing.receive(session, product.id, costing.cost_warehouse_key({}, warehouse.id),
                                             quantity, unit_cost)
                    stock.post_movement(
                        session, movement_id=new_id(), product_id=product.id, warehouse_id=warehouse.id,
                        quantity=quantity, document_type="opening", document_id=new_id(), document_line_id=None,
                        document_number=None, document_date=dt.date(2026, 1, 1), posting_date=dt.date(2026, 1, 1),
                        unit_cost=unit_cost, cost_amount=costed.cost_amount,
                    )
            ids.update(W1=warehouse.id, C001=customers[0].id, C002=customers[1].id,
                       P001=products[0].id, P002=products[1].id, P003=products[2].id)
    finally:
        db.dispose()
    return ids


@pytest.fixture(scope="session")
def _sales_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """sales_server's database, built once per test process: the migration and the
    user go through `kaidan-server` processes, which cost seconds a test."""
    path = tmp_path_factory.mktemp("sales_template") / "server.sqlite3"
    database_url = f"sqlite:///{path}"
    migrate(database_url)
    add_user(database_url, MANAGER, "manager", PASSWORD, "D1")
    return path, seed_sales_data(database_url)


@pytest.fixture(scope="session")
def _sales_pg_template() -> Iterator[tuple[str, dict[str, str]]]:
    """sales_server's PostgreSQL database, built once per test process and copied for each test."""
    from tests.pg import temporary_database

    with temporary_database("kaidan_t_sales") as database_url:
        migrate(database_url)
        add_user(database_url, MANAGER, "manager", PASSWORD, "D1")
        yield database_url, seed_sales_data(database_url)


@pytest.fixture
def sales_server(request: pytest.FixtureRequest, tmp_path: Path):
    """A running server with a manager of D1 and the seeded sales data.

    On SQLite unless a test asks for PostgreSQL with
    `@pytest.mark.parametrize("sales_server", tests.pg.backends(postgres=True), indirect=True)`.
    """
    backend = getattr(request, "param", "sqlite")
    with contextlib.ExitStack() as stack:
        if backend == "postgres":
            from tests.pg import database_copy

            template_url, ids = request.getfixturevalue("_sales_pg_template")
            database_url = stack.enter_context(database_copy(template_url))
        else:
            template, ids = request.getfixturevalue("_sales_template")
            # Every connection to the template is closed, so the WAL is checkpointed
            # into the file. A leftover -wal file would be copied too.
            for source in template.parent.glob(template.name + "*"):
                shutil.copyfile(source, tmp_path / source.name)
            database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        process = ServerProcess(database_url, tmp_path / "server.log", imports=())
        process.start()
        process.ids = dict(ids)
        stack.callback(process.stop)
        yield process


@pytest.fixture
def shipped_context(tmp_path: Path, sales_server, memory_keyring):
    """An offline app context of the manager whose replica shipped return_data.ORDER_LINES from W1.

    The server has warehouse W2 (sales_server.ids["W2"]) and is stopped; the
    order and the delivery wait in the outbox. Yields (context, delivery id).
    """
    from desktop.context import AppContext
    from sync.client import open_replica, sync
    from tests.desktop_orders.return_data import add_return_warehouse, ship_order

    sales_server.ids["W2"] = add_return_warehouse(sales_server.database_url)
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _order_number, delivery_id = ship_order(replica, sales_server.ids)
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    yield context, delivery_id
    context.close()
