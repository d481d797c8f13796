"""Profile the server's side of a push in process: `Executor.push` of new customer.create commands.

    .venv/bin/python -m bench.profile_server_push DATABASE_URL [--commands 300] [--output push_server.prof]

The served endpoints run in worker threads, which a cProfile of the server
process does not see, so this calls the executor directly. DATABASE_URL is a
server database that `bench.sync_bench --work-dir DIR` left behind (its clerk
has a registered device). The commands are added to that database.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time

from sqlalchemy import select

from bench.sync_bench import CLERK, CLERK_DEPARTMENT, company_name
from domain.ids import new_id
from domain.models import Department, Device, User
from server_stub.db import Database
from server_stub.executor import Executor
from server_stub.tables import DeviceState
from sync.protocol import SCHEMA_VERSION, CommandEnvelope, PushRequest

BATCH_SIZE = 100
# Names after the ones bench.sync_bench gives its queued customers.
PROFILED_NAMES = 50_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url", help="URL of a server database left by bench.sync_bench --work-dir")
    parser.add_argument("--commands", type=int, default=300, help="customer.create commands to push (default: 300)")
    parser.add_argument("--output", default="push_server.prof", help="cProfile output file (default: push_server.prof)")
    args = parser.parse_args()

    db = Database(args.database_url)
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == CLERK))
        if user is None:
            parser.error(f"{args.database_url} has no user {CLERK}; run bench.sync_bench --work-dir on it first")
        device = session.scalar(select(Device).where(Device.user_id == user.id))
        if device is None:
            parser.error(f"user {CLERK} has no registered device in {args.database_url}")
        state = session.get(DeviceState, device.id)
        high_water = int(state.high_water) if state else 0
        department_id = session.scalar(select(Department.id).where(Department.code == CLERK_DEPARTMENT))
    created_at = dt.datetime.now(dt.timezone.utc).isoformat()
    envelopes = [
        CommandEnvelope(
            mutation_id=new_id(), device_seq=high_water + 1 + number, name="customer.create",
            payload={"id": new_id(), "code": f"S{high_water + number:07d}", "name": company_name(PROFILED_NAMES + number),
                     "fields": {"department_id": department_id, "phone": f"0572{20_000_000 + number:08d}", "payment_terms_days": 30}},
            base_versions={}, depends_on=[], schema_version=SCHEMA_VERSION, created_at=created_at,
        )
        for number in range(args.commands)
    ]

    executor = Executor(db)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for start in range(0, len(envelopes), BATCH_SIZE):
        executor.push(user.id, PushRequest(device_id=device.id, commands=envelopes[start : start + BATCH_SIZE]))
    profiler.disable()
    seconds = time.perf_counter() - started
    db.dispose()
    profiler.dump_stats(args.output)
    print(f"{args.commands} commands in {seconds:.2f} s under the profiler; profile written to {args.output}")
    pstats.Stats(args.output).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
