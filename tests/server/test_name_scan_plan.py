"""The duplicate check's name range scans read the name index on SQLite and PostgreSQL.

On PostgreSQL the scans compare names with COLLATE "C", which only an index
with that collation serves (revision 4bc8b13a201d creates one). Without it,
each check reads and sorts the whole table, so pushes slow as the table grows.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from domain.customer_checks import find_duplicate_customers, find_duplicate_suppliers

CASES = [
    pytest.param(find_duplicate_customers, "customer", id="customers"),
    pytest.param(find_duplicate_suppliers, "supplier", id="suppliers"),
]


def _name_scan_plans(database_url: str, find, exclude_id: str | None) -> list[str]:
    """Run `find` with a name only and return the query plan of each statement it executed."""
    engine = create_engine(database_url)
    executed: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        executed.append((statement, parameters))

    try:
        with engine.connect() as connection:
            event.listen(connection, "before_cursor_execute", record)
            find(Session(bind=connection), name="昆明华联超市有限公司", exclude_id=exclude_id)
            event.remove(connection, "before_cursor_execute", record)
            postgresql = connection.dialect.name == "postgresql"
            if postgresql:
                # The test tables are empty, so the planner would rightly pick a
                # sequential scan. Disabling it shows whether an index can
                # serve the scans at all: without one, the plan still reads the table.
                connection.exec_driver_sql("SET enable_seqscan = off")
            prefix = "EXPLAIN " if postgresql else "EXPLAIN QUERY PLAN "
            plans = []
            for statement, parameters in executed:
                rows = connection.exec_driver_sql(prefix + statement, parameters).all()
                plans.append("\n".join(str(row[-1]) for row in rows))
            return plans
    finally:
        engine.dispose()


@pytest.mark.parametrize("exclude_id", [None, "00000000-0000-0000-0000-000000000001"], ids=["new", "edit"])
@pytest.mark.parametrize("find, table", CASES)
def test_name_scans_use_name_index(database_url, find, table, exclude_id):
    plans = _name_scan_plans(database_url, find, exclude_id)

    assert len(plans) == 1, f"expected only the name statement, got {len(plans)} statements"
    plan = plans[0]
    if database_url.startswith("postgresql"):
        assert plan.count(f"ix_{table}_name_c") == 2, f"both range scans should read ix_{table}_name_c:\n{plan}"
        assert "Seq Scan" not in plan, plan
        assert "Sort" not in plan, plan
    else:
        assert plan.count(f"USING INDEX ix_{table}_name ") == 2, f"both range scans should read ix_{table}_name:\n{plan}"
        assert "TEMP B-TREE" not in plan, plan
