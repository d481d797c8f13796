"""Checks of the server's database URL, with messages that name the URL and the fix.

Only SQLite and PostgreSQL (through psycopg 3) are supported. Every URL shown
to the user is rendered with its password hidden.
"""

from __future__ import annotations

import os
import re

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from server_stub.db import default_database_url

URL_EXAMPLES = "sqlite:////srv/kaidan.sqlite3 or postgresql+psycopg://user@host/kaidan"
SUPPORTED_DRIVERS = {"sqlite": {"pysqlite"}, "postgresql": {"psycopg"}}
# user:password@ in a URL that SQLAlchemy could not parse.
_USER_PASSWORD = re.compile(r"(//[^:/@]*):[^@/]*@")


class DatabaseUrlError(Exception):
    """The database URL is invalid, unsupported, or its database cannot be reached."""


def resolve_database_url(url: str | None) -> str:
    """Return `url`, else $KAIDAN_SERVER_DATABASE_URL, else the default SQLite file."""
    return url or os.environ.get("KAIDAN_SERVER_DATABASE_URL") or default_database_url()


def display_url(url: str | URL) -> str:
    """Render `url` for messages and logs, with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _USER_PASSWORD.sub(r"\1:***@", str(url))


def check_database_url(url: str) -> URL:
    """Parse `url` and raise DatabaseUrlError unless it names SQLite or PostgreSQL with psycopg."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(
            f"invalid database URL {display_url(url)!r}; expected e.g. {URL_EXAMPLES}"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_DRIVERS:
        raise DatabaseUrlError(
            f"unsupported database {backend!r} in {display_url(parsed)}; only SQLite and PostgreSQL "
            f"are supported, e.g. {URL_EXAMPLES}"
        )
    driver = parsed.get_driver_name()
    if driver not in SUPPORTED_DRIVERS[backend]:
        raise DatabaseUrlError(
            f"unsupported driver {driver!r} in {display_url(parsed)}; "
            + ("use postgresql+psycopg://…" if backend == "postgresql" else "use sqlite:///PATH")
        )
    if backend == "postgresql" and not parsed.database:
        raise DatabaseUrlError(
            f"no database name in {display_url(parsed)}; expected e.g. postgresql+psycopg://user@host/kaidan"
        )
    return parsed


def describe_connect_failure(url: str | URL, error: BaseException) -> str:
    """Return one line saying why connecting to the database at `url` failed and what to check."""
    shown = display_url(url)
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    if make_url(url).get_backend_name() == "sqlite":
        reason = text.splitlines()[0] if text else type(original).__name__
        return f"cannot open the SQLite database at {shown}: {reason}; check the path and its permissions"
    lowered = text.lower()
    if "connection refused" in lowered:
        reason, fix = "connection refused", "check that PostgreSQL runs and the URL is right"
    elif "password authentication failed" in lowered:
        reason, fix = "password authentication failed", "check the user name and password in the URL"
    elif 'database "' in lowered and "does not exist" in lowered:
        reason, fix = "the database does not exist", "create it (createdb NAME) or correct the URL"
    else:
        reason = _last_detail_line(text) or type(original).__name__
        fix = "check that PostgreSQL runs and the URL is right"
    return f"cannot connect to the database at {shown}: {reason}; {fix}"


def _last_detail_line(text: str) -> str:
    """Return psycopg's most specific line ("FATAL: …" or the last line), with any password hidden."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if "FATAL:" in line:
            return line.split("FATAL:", 1)[1].strip()
    return lines[-1] if lines else ""
