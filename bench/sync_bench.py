"""Benchmark of the sync engine on loopback: bootstrap, push, pull, drain and the client's peak RSS.

    .venv/bin/python -m bench.sync_bench [--rows 200000] [--database-url URL]

Every figure is printed as it is measured, next to a raw SQLite insert of the
same number of rows measured in the same run. The last output line is one
JSON object with the figures. The goals are printed for comparison; they are
goals, so the exit status does not depend on them.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import logging
import os
import pathlib
import subprocess
import sys
import tempfile
import time

# The benchmark signs in with a password every time. A failing keyring keeps
# its refresh tokens out of the user's real credential store.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from sqlalchemy import select  # noqa: E402

from bench.master_data import CustomerRows, LoadTimes, load_customers  # noqa: E402
from bench.server_process import REPO_ROOT, BenchServer, child_env, run_server_cli  # noqa: E402
from domain.ids import new_id  # noqa: E402
from domain.models import Department  # noqa: E402
from server_stub.db import Database  # noqa: E402
from sync.client import open_replica, run_sync, sign_in, submit, sync  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402

log = logging.getLogger(__name__)

PASSWORD = "bench password 42"
MANAGER = "bench_manager"
CLERK = "bench_clerk"
# The bulk customers are spread over these departments, none of them the
# clerk's. Customers replicate to every user, so the clerk's first sync (setup,
# printed but not a figure) downloads all of them too.
BULK_DEPARTMENTS = ("NORTH", "SOUTH", "WEST")
CLERK_DEPARTMENT = "EAST"
PUSH_COMMANDS = 1_000
DRAIN_COMMANDS = 5_000
BOOTSTRAP_TIMEOUT_S = 3_600

GOALS = {
    "bootstrap_ratio_to_raw_insert": (">=", 0.40),
    "push_1000_s": ("<=", 2.0),
    "pull_1000_s": ("<=", 0.5),
    "drain_5000_s": ("<=", 30.0),
    "peak_rss_mb": ("<=", 300.0),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="customers in the server database to bootstrap (default: 200000)")
    parser.add_argument("--database-url", default=None,
                        help="URL of an empty server database (default: a SQLite file in the work folder)")
    parser.add_argument("--work-dir", default=None,
                        help="folder for replicas, logs and the raw-insert file (default: a new temporary folder, removed afterwards)")
    parser.add_argument("--profile", default=None, metavar="FILE",
                        help="write a cProfile of the bootstrapping client process to FILE")
    parser.add_argument("--profile-dir", default=None, metavar="DIR",
                        help="write cProfiles of the bootstrapping client (bootstrap.prof) and of the client side "
                             "of the timed push, pull and drain (push.prof, pull.prof, drain.prof) to DIR; every "
                             "figure is then slower")
    parser.add_argument("--bootstrap-only", action="store_true",
                        help="measure only the bootstrap and its peak RSS, not push, pull and drain")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    return args


def say(message: str) -> None:
    print(message, flush=True)


@contextlib.contextmanager
def profiled(profile_dir: pathlib.Path | None, name: str):
    """Run the block under cProfile and write PROFILE_DIR/NAME.prof, or just run it when no folder is given."""
    if profile_dir is None:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        profiler.dump_stats(str(profile_dir / f"{name}.prof"))


class Baseline:
    """The raw SQLite insert rate of this run, for the ratios printed next to each figure."""

    def __init__(self, times: LoadTimes) -> None:
        self.rows_per_s = times.rows / times.raw_insert_s

    def seconds_for(self, rows: int) -> float:
        return rows / self.rows_per_s

    def compare(self, seconds: float, rows: int) -> str:
        raw = self.seconds_for(rows)
        return f"raw insert of {rows} rows: {raw:.4f} s, so {seconds / raw:.0f}x the raw time"


def prepare_server_database(database_url: str) -> tuple[list[str], str]:
    """Migrate, add the benchmark users; return the bulk department ids and the manager's user id."""
    run_server_cli(["migrate", "--database-url", database_url])
    manager_id = _add_user(database_url, MANAGER, "manager", "HQ")
    _add_user(database_url, CLERK, "clerk", CLERK_DEPARTMENT)
    for code in BULK_DEPARTMENTS:
        _add_user(database_url, f"bench_clerk_{code.lower()}", "clerk", code)
    db = Database(database_url)
    try:
        with db.read() as session:
            department_ids = list(session.scalars(select(Department.id).where(Department.code.in_(BULK_DEPARTMENTS))))
    finally:
        db.dispose()
    return department_ids, manager_id


def _add_user(database_url: str, name: str, role: str, department: str) -> str:
    output = run_server_cli(
        ["user", "add", name, "--role", role, "--department", department, "--create-department",
         "--database-url", database_url],
        input_text=PASSWORD + "\n",
    )
    return output.strip().splitlines()[-1]


def bootstrap(server: BenchServer, data_dir: pathlib.Path, profile: str | None) -> dict:
    """Run a fresh client's first sync in a child process; return its report and its peak RSS from wait4."""
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", profile]
    command += ["-m", "bench.bootstrap_client", str(data_dir), server.url, MANAGER]
    out_path = data_dir.with_suffix(".out")
    with open(out_path, "w") as out, open(data_dir.with_suffix(".err"), "w") as err:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=child_env(), stdin=subprocess.PIPE,
                                   stdout=out, stderr=err, text=True)
        process.stdin.write(PASSWORD + "\n")
        process.stdin.close()
        deadline = time.monotonic() + BOOTSTRAP_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"the bootstrap timed out after {BOOTSTRAP_TIMEOUT_S} s; see {data_dir.with_suffix('.err')}")
            time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"the bootstrap client exited with {process.returncode}; see {data_dir.with_suffix('.err')}")
    report = json.loads(out_path.read_text().strip().splitlines()[-1])
    report["wait4_peak_rss_mb"] = usage.ru_maxrss / 1024
    return report


def submit_customers(replica, count: int, department_id: str, prefix: str) -> float:
    """Queue `count` customer.create commands on the replica; return the seconds it took."""
    started = time.perf_counter()
    for number in range(count):
        submit(replica, "customer.create", {
            "id": new_id(),
            "code": f"{prefix}{number:06d}",
            "name": company_name(number + NAME_OFFSETS[prefix]),
            "fields": {"department_id": department_id, "phone": f"0571{20_000_000 + number:08d}", "payment_terms_days": 30},
        })
    return time.perf_counter() - started


# Parts of the customers' names: a real list has distinct names, and names
# that differ in one digit would all be flagged as possible duplicates.
CITIES = ("重庆", "成都", "昆明", "贵阳", "长沙", "武汉", "杭州", "南京")
TRADE = "鑫源兴盛达隆丰泰华昌恒通福瑞祥宏伟金利嘉美佳宝安康荣发旺永大新天海汇成信德和顺益众联创博润辉耀明光晨星云龙凤鹏飞"
INDUSTRIES = ("商贸", "食品", "副食", "粮油", "酒业", "百货", "烟酒", "调味品")
FORMS = ("有限公司", "商行", "经营部", "超市", "便利店", "批发部")


# Each batch of queued customers takes its names from its own range of numbers.
NAME_OFFSETS = {"P": 0, "D": 10_000}


def company_name(number: int) -> str:
    """Return a distinct realistic company name for each `number` below 20,000."""
    base = len(TRADE)
    first, second = number % base, number // base % base
    # The third character repeats the sum of the first two, so two trade names
    # differ in at least two characters and no two names are "very similar".
    trade = TRADE[first] + TRADE[second] + TRADE[(first + second) % base]
    return f"{CITIES[number % len(CITIES)]}{trade}{INDUSTRIES[number // 3 % len(INDUSTRIES)]}{FORMS[number // 5 % len(FORMS)]}"


def clerk_department_id(replica) -> str:
    with replica.transaction() as session:
        return session.scalar(select(Department.id).where(Department.code == CLERK_DEPARTMENT))


def goal_lines(figures: dict) -> list[str]:
    lines = []
    for key, (sense, goal) in GOALS.items():
        if key not in figures:
            continue
        value = figures[key]
        met = value >= goal if sense == ">=" else value <= goal
        lines.append(f"goal {key} {sense} {goal}: measured {value} ({'met' if met else 'NOT met'})")
    return lines


def run(args: argparse.Namespace, work: pathlib.Path) -> dict:
    database_url = args.database_url or f"sqlite:///{work / 'server.sqlite3'}"
    profile_dir = pathlib.Path(args.profile_dir).resolve() if args.profile_dir else None
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
    bootstrap_profile = str(profile_dir / "bootstrap.prof") if profile_dir else args.profile
    say(f"server database {database_url}, {args.rows} customers, work folder {work}")
    department_ids, manager_id = prepare_server_database(database_url)

    times = load_customers(database_url, CustomerRows(department_ids, manager_id), args.rows, str(work / "raw.sqlite3"))
    baseline = Baseline(times)
    say(f"server load: {times.rows} customers in {times.server_insert_s:.1f} s (setup, not a figure)")
    say(f"raw baseline: executemany of {times.rows} rows in one transaction: {times.raw_insert_s:.2f} s, "
        f"{baseline.rows_per_s:,.0f} rows/s")

    server = BenchServer(database_url, work / "server.log").start()
    try:
        boot = bootstrap(server, work / "manager", bootstrap_profile)
        rows_per_s = boot["rows"] / boot["seconds"]
        peak_rss_mb = max(boot["peak_rss_mb"], boot["wait4_peak_rss_mb"])
        say(f"bootstrap: {boot['rows']} rows in {boot['pages']} pages, {boot['seconds']:.1f} s, {rows_per_s:,.0f} rows/s, "
            f"ratio to raw insert {rows_per_s / baseline.rows_per_s:.3f}")
        ready_s = boot["search_ready_s"]
        say(f"search-ready (search index built after the sync): {ready_s:.1f} s from the start of the sync, "
            f"{boot['rows'] / ready_s:,.0f} rows/s, ratio {boot['rows'] / ready_s / baseline.rows_per_s:.3f} "
            "(printed for comparison, not a figure)")
        say(f"bootstrap client peak RSS: {peak_rss_mb:.0f} MB")
        figures = {
            "bootstrap_rows_per_s": round(rows_per_s),
            "bootstrap_ratio_to_raw_insert": round(rows_per_s / baseline.rows_per_s, 3),
            "peak_rss_mb": round(peak_rss_mb, 1),
        }
        if args.bootstrap_only:
            return figures

        clerk = open_replica(work / "clerk")
        manager = open_replica(work / "manager")
        try:
            started = time.perf_counter()
            first = sync(clerk, server.url, CLERK, PASSWORD)
            say(f"first sync of a clerk who sees {first.pull.rows} rows: {time.perf_counter() - started:.1f} s "
                "(setup, not a figure)")
            department_id = clerk_department_id(clerk)
            seconds = submit_customers(clerk, PUSH_COMMANDS, department_id, "P")
            say(f"queued {PUSH_COMMANDS} customer.create offline in {seconds:.1f} s (setup, not a figure)")

            connection = sign_in(clerk, server.url, CLERK, PASSWORD)
            try:
                engine = SyncEngine(clerk, connection.transport)
                started = time.perf_counter()
                with profiled(profile_dir, "push"):
                    pushed = engine.push()
                push_s = time.perf_counter() - started
                if pushed.acknowledged != PUSH_COMMANDS:
                    raise RuntimeError(f"the server accepted {pushed.acknowledged} of {PUSH_COMMANDS} commands")
                say(f"push of {PUSH_COMMANDS}: {push_s:.2f} s ({baseline.compare(push_s, PUSH_COMMANDS)})")
                engine.pull()
            finally:
                connection.close()

            connection = sign_in(manager, server.url, MANAGER, PASSWORD)
            try:
                started = time.perf_counter()
                with profiled(profile_dir, "pull"):
                    pulled = SyncEngine(manager, connection.transport).pull()
                pull_s = time.perf_counter() - started
            finally:
                connection.close()
            if pulled.rows < PUSH_COMMANDS:
                raise RuntimeError(f"the second client pulled {pulled.rows} rows, expected at least {PUSH_COMMANDS}")
            say(f"pull of {pulled.rows} changes by a second client ({args.rows} rows in its replica): {pull_s:.2f} s "
                f"({baseline.compare(pull_s, pulled.rows)})")

            server.stop()
            seconds = submit_customers(clerk, DRAIN_COMMANDS, department_id, "D")
            say(f"queued {DRAIN_COMMANDS} customer.create while the server was stopped in {seconds:.1f} s (setup)")
            server.start()
            connection = sign_in(clerk, server.url, CLERK, PASSWORD)
            try:
                started = time.perf_counter()
                with profiled(profile_dir, "drain"):
                    drained = run_sync(connection)
                drain_s = time.perf_counter() - started
            finally:
                connection.close()
            if drained.push.acknowledged != DRAIN_COMMANDS:
                raise RuntimeError(f"the server accepted {drained.push.acknowledged} of {DRAIN_COMMANDS} commands")
            say(f"drain of {DRAIN_COMMANDS} (push and pull back): {drain_s:.1f} s "
                f"({baseline.compare(drain_s, DRAIN_COMMANDS)})")
        finally:
            clerk.close()
            manager.close()
    finally:
        server.stop()

    figures.update({
        "push_1000_s": round(push_s, 3),
        "pull_1000_s": round(pull_s, 3),
        "drain_5000_s": round(drain_s, 2),
    })
    return figures


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Every sign-in would warn that the refresh token was not stored, which
    # the failing keyring above makes certain.
    logging.getLogger("sync.client").setLevel(logging.ERROR)
    if args.work_dir:
        work = pathlib.Path(args.work_dir)
        work.mkdir(parents=True, exist_ok=True)
        figures = run(args, work)
    else:
        with tempfile.TemporaryDirectory(prefix="kaidan-bench-") as folder:
            figures = run(args, pathlib.Path(folder))
    for line in goal_lines(figures):
        say(line)
    if args.rows < 1_000_000:
        say("the peak RSS goal applies to --rows 1000000")
    say(json.dumps(figures))


if __name__ == "__main__":
    main()
