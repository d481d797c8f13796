"""Compare the drain's pull with a full rebase per page against plan_rebase, in process on real replicas.

    .venv/bin/python -m bench.rebase_compare [--commands 600] [--pages 3]

Queues `--commands` test.customer.put commands on a replica, marks them
acknowledged with change numbers 1..N as a push would, and copies the
replica. Then it applies the pages that bring their rows back. One copy
undoes and runs again every outbox entry around each page (the rule before
plan_rebase), and the other uses sync.engine.apply_page. It uses the engine
tests' test commands and page helpers, so it runs from the repository root.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import tempfile
import time

from sqlalchemy import select

from domain.ids import new_id
from sync import engine
from sync.client import open_replica
from sync.local_commands import submit
from sync.local_tables import OutboxEntry
from sync.replica import Replica
from sync.wire_apply import apply_changes
from tests.sync.commands_for_tests import register
from tests.sync.helpers import customer_wire, page


def full_rebase_apply_page(session, pulled) -> None:
    """Apply a page the way apply_page did before plan_rebase: every entry out, page, every entry in."""
    entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
    engine.rebase_out(session, entries)
    apply_changes(session, pulled)
    session.expire_all()
    state = Replica.state(session)
    state.cursor = max(state.cursor or 0, pulled.next_cursor)
    session.flush()
    engine.rebase_in(session, state, entries, state.cursor)


def queue_acknowledged(folder: pathlib.Path, count: int) -> list[str]:
    """Create a replica with `count` acknowledged commands; return the customer ids in queue order."""
    replica = open_replica(folder)
    try:
        with replica.transaction() as session:
            state = replica.state(session)
            state.user_id = "01900000-0000-7000-8000-000000000001"
            state.role = "clerk"
        ids = []
        for number in range(count):
            customer_id = new_id()
            ids.append(customer_id)
            submit(replica, "test.customer.put", {"id": customer_id, "code": f"C{number}", "name": f"Customer {number}"})
        with replica.transaction() as session:
            entries = session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq))
            for change_seq, entry in enumerate(entries, start=1):
                entry.status = "acknowledged"
                entry.change_seq = change_seq
    finally:
        replica.close()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=600, help="acknowledged commands in the outbox (default: 600)")
    parser.add_argument("--pages", type=int, default=3, help="pages that bring their rows back (default: 3)")
    args = parser.parse_args()
    register()

    with tempfile.TemporaryDirectory(prefix="kaidan-rebase-") as folder:
        work = pathlib.Path(folder)
        ids = queue_acknowledged(work / "full", args.commands)
        shutil.copytree(work / "full", work / "planned")
        per_page = -(-args.commands // args.pages)
        for label, name, apply in (("full rebase", "full", full_rebase_apply_page), ("plan_rebase", "planned", engine.apply_page)):
            replica = open_replica(work / name)
            try:
                started = time.perf_counter()
                for start in range(0, args.commands, per_page):
                    end = min(start + per_page, args.commands)
                    rows = [
                        customer_wire(ids[i], f"C{i}", f"Customer {i}", version=1, change_seq=i + 1)
                        for i in range(start, end)
                    ]
                    with replica.transaction() as session:
                        apply(session, page(end, {"customer": rows}))
                seconds = time.perf_counter() - started
                left = len(replica.outbox())
            finally:
                replica.close()
            print(f"{label}: {args.commands} acknowledged commands in {args.pages} pages: {seconds:.2f} s, "
                  f"{left} left in the outbox")


if __name__ == "__main__":
    main()
