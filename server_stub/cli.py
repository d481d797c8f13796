"""`kaidan-server`: run, migrate and administer the Kaidan server."""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import sys

from server_stub.db import Database, default_database_url, ensure_server_rows

log = logging.getLogger(__name__)

# Exit status of a usage error: a bad argument, an unreachable database.
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure the user can fix; main() prints its message as one line and exits 2."""

ROLES = ["clerk", "warehouse", "finance", "manager", "admin"]


def _database_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--database-url",
        default=None,
        help=(
            "SQLAlchemy URL of the server database, e.g. sqlite:////srv/kaidan.sqlite3 or "
            "postgresql+psycopg://user@host/kaidan (default: $KAIDAN_SERVER_DATABASE_URL, "
            f"else {default_database_url()})"
        ),
    )
    parent.add_argument(
        "--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="minimum level of log messages written to stderr (default: INFO)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    common = _database_option()
    parser = argparse.ArgumentParser(
        prog="kaidan-server", description="Kaidan's central server: sync API, users and database.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[common], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="TCP port to listen on (default: 8765)")
    serve.add_argument(
        "--import", dest="imports", action="append", default=[], metavar="MODULE",
        help="import MODULE before serving, to register extra commands (tests, plug-ins); repeatable",
    )

    serve.add_argument(
        "--retention-days", type=int, default=None, metavar="DAYS",
        help="prune tombstones and command results older than DAYS once at start "
        "(default: $KAIDAN_RETENTION_DAYS, else 90)",
    )

    commands.add_parser("migrate", parents=[common], help="create or upgrade the database schema (Alembic)")

    backup = commands.add_parser(
        "backup", parents=[common], help="write a backup of the database to a new file",
        description="Write a backup of the database to DEST: an SQLite copy made with the online backup API, "
        "or a pg_dump archive (custom format) for PostgreSQL. The server may keep running.",
    )
    backup.add_argument("destination", metavar="DEST", help="backup file to create (must not exist)")
    restore = commands.add_parser(
        "restore", parents=[common], help="replace the database with a backup and give it a new identity",
        description="Replace the database with the backup SRC and give it a new database identity, so that "
        "every client rebuilds its replica and pushes again the commands the backup lacks. Stop the server first.",
    )
    restore.add_argument("source", metavar="SRC", help="backup file written by `kaidan-server backup`")
    restore.add_argument(
        "--yes", action="store_true",
        help="replace the database without asking; required when standard input is not a terminal",
    )
    prune = commands.add_parser(
        "prune", parents=[common], help="delete tombstones and command results older than the retention horizon",
        description="Delete tombstones and stored command results older than the retention horizon. Clients "
        "whose last sync is older than the horizon then download their data again, keeping their queued commands.",
    )
    prune.add_argument(
        "--retention-days", type=int, default=None, metavar="DAYS",
        help="retention horizon in days (default: $KAIDAN_RETENTION_DAYS, else 90)",
    )
    commands.add_parser("init-demo", parents=[common], help="fill a migrated, empty database with the demo data set")

    warehouse = commands.add_parser(
        "warehouse", help="manage warehouses: move",
        description="Manage the warehouses whose stock and documents users see by department.",
    )
    warehouse_commands = warehouse.add_subparsers(dest="warehouse_command", required=True, metavar="ACTION")
    move = warehouse_commands.add_parser(
        "move", parents=[common],
        help="move a warehouse to another department",
        description=(
            "Move warehouse CODE to department --to. Users of the old department lose its stock and documents, "
            "users of the new one receive them: the devices of both departments download their data again on "
            "the next sync. A flag tells the old department's managers why. Facts recorded offline in the "
            "warehouse before the move still post, with a flag."
        ),
    )
    move.add_argument("code", metavar="CODE", help="code of the warehouse to move")
    move.add_argument("--to", dest="department", required=True, metavar="DEPARTMENT", help="code of the department it moves to")
    move.add_argument(
        "--yes", action="store_true",
        help="move without asking; required when standard input is not a terminal",
    )
    move.set_defaults(handler=cmd_warehouse_move)

    make_migration = commands.add_parser(
        "make-migration", parents=[common],
        help="autogenerate a schema revision from the models (for developers)",
    )
    make_migration.add_argument("message", help="one-line description of the revision")

    user = commands.add_parser(
        "user", help="manage users: add, set-password, set-role",
        description="Manage the users who sign in to this server.",
    )
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_commands.add_parser(
        "add", parents=[common],
        help="create a user (an existing user name is rejected)",
        description=(
            "Create a user. The password is read from the terminal, or from the first line "
            "of standard input when it is not a terminal. An existing user name is rejected: "
            "change a password with `user set-password` and a role with `user set-role`."
        ),
    )
    add.add_argument("name", help="user name used to sign in")
    add.add_argument("--role", required=True, choices=ROLES, help="the user's role")
    add.add_argument("--department", default=None, metavar="CODE", help="department code (optional for admin only)")
    add.add_argument("--display-name", default=None, help="name shown in the desktop (default: the user name)")
    add.add_argument("--create-department", action="store_true", help="create the department when no department has CODE")
    add.set_defaults(handler=cmd_user_add)

    set_password = user_commands.add_parser(
        "set-password", parents=[common],
        help="set a new password for an existing user",
        description=(
            "Set a new password for an existing user, clear its sign-in lock and revoke its sign-in tokens "
            "on every device, so each device signs in again. The password is read "
            "from the terminal, or from the first line of standard input when it is not a terminal."
        ),
    )
    set_password.add_argument("name", help="user name")
    set_password.set_defaults(handler=cmd_user_set_password)

    set_role = user_commands.add_parser(
        "set-role", parents=[common],
        help="change an existing user's role and department",
        description="Change a user's role and department. The user's devices download their data again on the next sync.",
    )
    set_role.add_argument("name", help="user name")
    set_role.add_argument("--role", required=True, choices=ROLES, help="the user's new role")
    set_role.add_argument("--department", default=None, metavar="CODE", help="department code (optional for admin only)")
    set_role.add_argument("--create-department", action="store_true", help="create the department when no department has CODE")
    set_role.set_defaults(handler=cmd_user_set_role)
    return parser


def confirm(question: str, args: argparse.Namespace) -> None:
    """Ask `question` on the terminal unless --yes was given; raise CommandError unless the answer is yes.

    Without a terminal nobody can answer, so the command stops instead of guessing.
    """
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CommandError("standard input is not a terminal, so the confirmation cannot be asked; add --yes to proceed")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise CommandError("cancelled; nothing was changed")


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Repeat password: ")
        if first != second:
            raise SystemExit("error: the passwords do not match")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def open_database(url: str | None) -> Database:
    """Open the database at `url`, or raise CommandError naming the URL and the fix."""
    from sqlalchemy.exc import DBAPIError, NoSuchModuleError

    from server_stub.database_url import (
        DatabaseUrlError, check_database_url, describe_connect_failure, display_url, resolve_database_url,
    )

    url = resolve_database_url(url)
    try:
        check_database_url(url)
        db = Database(url)
    except DatabaseUrlError as exc:
        raise CommandError(str(exc)) from exc
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise CommandError(
            f"the database driver for {display_url(url)} is not installed ({exc}); "
            "install Kaidan with its server extra: pip install 'kaidan[server]'"
        ) from exc
    except OSError as exc:
        # Creating the folder of a SQLite file failed.
        raise CommandError(
            f"cannot create the folder of the SQLite database {display_url(url)}: {exc.strerror}; check the path"
        ) from exc
    try:
        with db.engine.connect():
            pass
    except DBAPIError as exc:
        db.dispose()
        raise CommandError(describe_connect_failure(url, exc)) from exc
    return db


def open_migrated(url: str | None) -> Database:
    from server_stub import migrate

    db = open_database(url)
    if not migrate.is_current(db.engine):
        db.dispose()
        raise SystemExit(
            "error: the database schema is missing or out of date; run `kaidan-server migrate` "
            "with the same --database-url first"
        )
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from server_stub.app import create_app

    for module in args.imports:
        importlib.import_module(module)
        log.info("imported %s", module)
    db = open_migrated(args.database_url)
    try:
        _prune(db, args.retention_days)
    except SQLAlchemyError:
        # Another server process pruning at the same moment can make this
        # one fail; serving matters more, and the next start prunes again.
        log.exception("pruning at start failed; serving anyway")
    app = create_app(db)
    log.info("serving %s on http://%s:%d", db.url.render_as_string(hide_password=True), args.host, args.port)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    finally:
        db.dispose()
        log.info("server stopped")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from server_stub import migrate

    db = open_database(args.database_url)
    try:
        migrate.upgrade(db.engine)
        database_id = ensure_server_rows(db)
        log.info("database identity %s", database_id)
    finally:
        db.dispose()
    return 0


def _prune(db: Database, days: int | None):
    from server_stub.retention import prune

    try:
        return prune(db, days)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def cmd_prune(args: argparse.Namespace) -> int:
    db = open_migrated(args.database_url)
    try:
        report = _prune(db, args.retention_days)
    finally:
        db.dispose()
    print(prune_summary(report))
    return 0


def prune_summary(report) -> str:
    """Return the sentence `prune` prints about a retention.PruneReport."""
    cutoff = report.cutoff.strftime("%Y-%m-%d %H:%M UTC")
    if report.tombstones == 0 and report.command_results == 0:
        return f"Nothing to prune: no tombstone or command result is older than {cutoff}."
    text = (
        f"Pruned {report.tombstones} tombstone(s) and {report.command_results} command result(s) "
        f"older than {cutoff}."
    )
    if report.pruned_through > 0:
        text += (
            f" Clients that last synced before change {report.pruned_through} will download their data again "
            "at their next sync, keeping their unsent changes."
        )
    return text


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from server_stub.backup import BackupError, backup
    from server_stub.database_url import resolve_database_url

    db = open_migrated(args.database_url)
    db.dispose()
    try:
        backup(resolve_database_url(args.database_url), Path(args.destination))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from server_stub.backup import BackupError, restore
    from server_stub.database_url import resolve_database_url

    from server_stub.database_url import display_url

    # Checks the URL and that the database can be reached, with the usual messages.
    open_database(args.database_url).dispose()
    url = resolve_database_url(args.database_url)
    source = Path(args.source)
    if not source.is_file():
        raise CommandError(f"backup file {source} not found")
    confirm(
        f"Replace every row of {display_url(url)} with the backup {source}? Changes made since the backup are "
        "lost on the server until the clients send them again, and every client downloads its data again.",
        args,
    )
    try:
        database_id = restore(url, source)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(
        f"Restored {display_url(url)} from {source}. Its new database identity is {database_id}, so every client "
        "downloads its data again at its next sync and resends the changes the backup lacks."
    )
    return 0


def cmd_init_demo(args: argparse.Namespace) -> int:
    try:
        demo = importlib.import_module("server_stub.demo")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("server_stub.demo"):
            raise SystemExit("error: the demo data set is not available in this build (server_stub.demo is missing)") from None
        raise
    build = getattr(demo, "build_demo", None)
    if build is None:
        raise SystemExit("error: server_stub.demo has no build_demo(session_factory) function")
    already_loaded = getattr(demo, "DemoAlreadyLoaded", None)
    db = open_migrated(args.database_url)
    try:
        ensure_server_rows(db)
        build(db.sessions, progress=_log_progress)
    except Exception as exc:
        if already_loaded is not None and isinstance(exc, already_loaded):
            raise SystemExit(f"error: {exc}") from None
        raise
    finally:
        db.dispose()
    log.info("demo data loaded")
    return 0


def cmd_warehouse_move(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from domain.models import Warehouse
    from server_stub.admin import find_department, server_change
    from server_stub.scope import move_warehouse

    db = open_migrated(args.database_url)
    try:
        with db.read() as session:
            warehouse = session.execute(select(Warehouse).where(Warehouse.code == args.code)).scalar_one_or_none()
            if warehouse is None:
                raise CommandError(f"warehouse {args.code!r} not found; check the code")
            department = find_department(session, args.department)
            if department is None:
                raise CommandError(f"department {args.department!r} not found; check the code")
            old = session.get(type(department), warehouse.department_id) if warehouse.department_id else None
            if warehouse.department_id == department.id:
                raise CommandError(f"warehouse {args.code} is already in department {args.department}; nothing to move")
            warehouse_id, department_id = warehouse.id, department.id
            old_code = old.code if old is not None else "(none)"
        confirm(
            f"Move warehouse {args.code} from department {old_code} to {args.department}? The devices of both "
            "departments download their data again at their next sync.",
            args,
        )
        with db.write() as session, server_change(session):
            flag = move_warehouse(session, warehouse_id, department_id)
            flag_id = flag.id
    finally:
        db.dispose()
    print(
        f"Moved warehouse {args.code} from department {old_code} to {args.department}. "
        f"Flag {flag_id} records the move on the Flags page for department {old_code}."
    )
    return 0


def _log_progress(stage: str, done: int, total: int) -> None:
    log.info("demo: %s %d/%d", stage, done, total)


def cmd_make_migration(args: argparse.Namespace) -> int:
    from server_stub import migrate

    migrate.make_revision(args.message)
    return 0


def _require_department(args: argparse.Namespace) -> None:
    if args.role != "admin" and args.department is None:
        raise SystemExit(f"error: role {args.role} needs --department CODE; only an admin may have none")


def _read_new_password() -> str:
    password = read_password()
    if not password:
        raise SystemExit("error: the password is empty")
    return password


def cmd_user_add(args: argparse.Namespace) -> int:
    from server_stub.admin import AdminError, add_user, find_user

    _require_department(args)
    db = open_migrated(args.database_url)
    try:
        # Checked before the password prompt, so an administrator does not type a password
        # that is then rejected. add_user checks again inside its write transaction.
        with db.read() as session:
            taken = find_user(session, args.name) is not None
        if taken:
            raise CommandError(
                f"user {args.name!r} already exists; to change it use "
                f"`kaidan-server user set-password {args.name}` or `kaidan-server user set-role {args.name}`"
            )
        password = _read_new_password()
        with db.write() as session:
            user = add_user(
                session, args.name, args.role, password,
                department_code=args.department, display_name=args.display_name,
                create_department=args.create_department,
            )
            user_id = user.id
    except AdminError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.dispose()
    print(user_id)
    return 0


def cmd_user_set_password(args: argparse.Namespace) -> int:
    from server_stub.admin import AdminError, find_user, reset_password

    db = open_migrated(args.database_url)
    try:
        with db.read() as session:
            found = find_user(session, args.name) is not None
        if not found:
            raise CommandError(f"user {args.name!r} not found; create it with `kaidan-server user add {args.name}`")
        password = _read_new_password()
        with db.write() as session:
            user_id = reset_password(session, args.name, password).id
    except AdminError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.dispose()
    print(user_id)
    return 0


def cmd_user_set_role(args: argparse.Namespace) -> int:
    from server_stub.admin import AdminError, set_user_role

    _require_department(args)
    db = open_migrated(args.database_url)
    try:
        with db.write() as session:
            user = set_user_role(
                session, args.name, args.role,
                department_code=args.department, create_department=args.create_department,
            )
            user_id = user.id
    except AdminError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.dispose()
    print(user_id)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(args, "log_level", "INFO"),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Alembic reports every plug-in it loads at INFO; keep its warnings only.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    handlers = {
        "serve": cmd_serve,
        "migrate": cmd_migrate,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "prune": cmd_prune,
        "init-demo": cmd_init_demo,
        "make-migration": cmd_make_migration,
    }
    handler = args.handler if args.command in ("user", "warehouse") else handlers[args.command]
    try:
        return handler(args)
    except CommandError as exc:
        # The traceback helps only developers: it is logged at DEBUG (--log-level DEBUG).
        log.debug("the command failed", exc_info=True)
        print(f"kaidan-server: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
