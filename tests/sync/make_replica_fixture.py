"""Write tests/fixtures/replica_v1.sqlite3: a replica of the initial schema with pulled rows and 2 queued commands.

Run once per schema version, before the schema changes, with
    .venv/bin/python -m tests.sync.make_replica_fixture tests/fixtures/replica_vN.sqlite3
and commit the file with a test that migrates it to the latest schema.
"""

from __future__ import annotations

import argparse
import pathlib
import sqlite3

from sync.client import open_replica, submit
from sync.engine import apply_page
from tests.sync.helpers import customer_wire, page

USER_ID = "01900000-0000-7000-8000-0000000000a1"
SERVER_CUSTOMERS = [
    ("01900000-0000-7000-8000-000000000c01", "S1", "上海茶叶有限公司"),
    ("01900000-0000-7000-8000-000000000c02", "S2", "Beijing Paper Co."),
    ("01900000-0000-7000-8000-000000000c03", "S3", "广州五金"),
]
QUEUED = [
    ("01900000-0000-7000-8000-0000000000f1", "01900000-0000-7000-8000-000000000d01", "Q1", "成都食品"),
    ("01900000-0000-7000-8000-0000000000f2", "01900000-0000-7000-8000-000000000d02", "Q2", "Wuhan Steel"),
]


def build(path: pathlib.Path) -> None:
    path.unlink(missing_ok=True)
    replica = open_replica(path)
    with replica.transaction() as session:
        state = replica.state(session)
        state.server_url = "http://127.0.0.1:8765"
        state.user_id = USER_ID
        state.username = "clerk1"
        state.role = "clerk"
        state.device_id = "01900000-0000-7000-8000-0000000000de"
        state.device_code = "A1"
    rows = [customer_wire(i, code, name, version=1, change_seq=n) for n, (i, code, name) in enumerate(SERVER_CUSTOMERS, 1)]
    with replica.transaction() as session:
        apply_page(session, page(3, {"customer": rows}, database_id="01900000-0000-7000-8000-0000000000db"))
    for mutation_id, customer_id, code, name in QUEUED:
        submit(replica, "customer.create", {"id": customer_id, "code": code, "name": name}, mutation_id=mutation_id)
    replica.close()
    # One self-contained file: fold the WAL back in and leave WAL mode (the replica turns it on again).
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    # Small pages keep a file of many nearly empty tables small in the repository.
    connection.execute("PRAGMA page_size=1024")
    connection.execute("VACUUM")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=pathlib.Path, help="replica file to write (replaced if it exists)")
    build(parser.parse_args().path)


if __name__ == "__main__":
    main()
