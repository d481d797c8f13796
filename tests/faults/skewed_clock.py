"""Run a Kaidan client in this process with its clock off by KAIDAN_CLOCK_OFFSET_S seconds.

    KAIDAN_CLOCK_OFFSET_S=3600 python -m tests.faults.skewed_clock kaidan sync --server URL --user NAME --data-dir DIR
    KAIDAN_CLOCK_OFFSET_S=-86400 python -m tests.faults.skewed_clock edit-customer DIR URL NAME CUSTOMER_ID PHONE WAREHOUSE_ID PRODUCT_ID

The client reads the time through domain.types.utcnow (command timestamps,
the posting date of its optimistic run, the clock-skew estimate). This hook
replaces that function before any other module of ours is imported, so every
`from domain.types import utcnow` in the process gets the shifted clock. It
does not shift datetime.date.today() or the UUIDv7 timestamps, so the
edit-customer action passes the shifted date as the document date and as the
number label explicitly. Only tests use this module.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

OFFSET_VARIABLE = "KAIDAN_CLOCK_OFFSET_S"


def install_offset() -> dt.timedelta:
    """Shift domain.types.utcnow by the offset in the environment and return the offset."""
    import domain.types

    offset = dt.timedelta(seconds=float(os.environ[OFFSET_VARIABLE]))
    real_utcnow = domain.types.utcnow

    def shifted_utcnow() -> dt.datetime:
        return real_utcnow() + offset

    domain.types.utcnow = shifted_utcnow
    return offset


def edit_customer(data_dir: str, server_url: str, username: str, customer_id: str, phone: str,
                  warehouse_id: str, product_id: str, password: str) -> dict:
    """Sync, then queue a phone change of the customer and an order for it without pushing them.

    Returns the queued mutation ids, the order's number and the phone the edit was based on.
    """
    from domain.models import Customer
    from domain.types import utcnow
    from sync.client import open_replica, submit, sync
    from sync.local_commands import next_document_number

    replica = open_replica(data_dir)
    try:
        sync(replica, server_url, username, password)
        with replica.session() as session:
            base_phone = session.get(Customer, customer_id).phone
        local_date = utcnow().date()
        edit = submit(replica, "customer.update", {
            "id": customer_id, "fields": {"phone": phone}, "base": {"phone": base_phone},
        })
        order_id, line_id = _new_ids()
        number = next_document_number(replica, "sales_order", local_date)
        order = submit(replica, "order.create", {
            "id": order_id,
            "number": number,
            "customer_id": customer_id,
            "warehouse_id": warehouse_id,
            "document_date": local_date.isoformat(),
            "lines": [{"id": line_id, "product_id": product_id, "quantity": "1", "unit_price": "10.00"}],
        })
    finally:
        replica.close()
    return {
        "mutation_ids": [edit.mutation_id, order.mutation_id],
        "order_id": order_id,
        "number": number,
        "base_phone": base_phone,
        "local_date": local_date.isoformat(),
    }


def _new_ids() -> tuple[str, str]:
    from domain.ids import new_id

    return new_id(), new_id()


def main(argv: list[str]) -> int:
    install_offset()
    action, arguments = argv[0], argv[1:]
    if action == "kaidan":
        from desktop.cli import main as kaidan_main

        return kaidan_main(arguments)
    if action == "edit-customer":
        password = sys.stdin.readline().rstrip("\n")
        print(json.dumps(edit_customer(*arguments, password=password)))
        return 0
    print(f"unknown action {action!r}; expected kaidan or edit-customer", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
