"""Messages between client and server, shared by both sides.

Every request carries the client's protocol and schema versions; a server
that cannot serve them answers 426 with code "update_required" before it
applies anything. Server errors travel as a code and parameters that the
client translates, never as a sentence.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
# Version of the replicated schema (domain.models) and of the command
# payloads. Raise it with every change to a replicated table or to a
# command's payload, and register an upgrade step in
# domain.commands.upgrades for every payload whose shape changed.
# Version 2 added the command flag.resolve; no earlier payload changed
# shape, so version-1 commands run without an upgrade step.
# Version 3 added the warehouse commands (stocktake.*, receipt_confirmation.post,
# document.record_print, print_template.save) and let a goods_receipt.post
# line leave out unit_price. Older payloads are still valid as they are, so
# they need no upgrade step. An older server returns "update the server" to
# a version-3 client instead of rejecting its new commands.
SCHEMA_VERSION = 3
# The oldest client schema the server still serves: an older client gets
# 426 "update_required" before anything is applied.
MIN_CLIENT_SCHEMA_VERSION = 1
# The oldest schema a queued command may have. An older command is
# rejected with "command_too_old" (params: command, schema_version,
# min_schema_version) and the rest of the push goes on.
MIN_COMMAND_SCHEMA_VERSION = 1

PROTOCOL_HEADER = "X-Kaidan-Protocol"
SCHEMA_HEADER = "X-Kaidan-Schema"
DEVICE_HEADER = "X-Kaidan-Device"

MAX_PUSH_COMMANDS = 500
DEFAULT_PULL_LIMIT = 2000
# A first sync requests bigger pages: fewer commits and fewer round trips.
BOOTSTRAP_PULL_LIMIT = 10000
MAX_PULL_LIMIT = 20000


class ErrorBody(BaseModel):
    """Body of every 4xx/5xx answer."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)
    device_id: str | None = Field(default=None, max_length=36)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    access_expires_in: int  # seconds
    user_id: str
    username: str
    role: str
    department_id: str | None
    scope_version: int


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


# Minimum length of a password an administrator sets. The server rejects a shorter one with
# "password_too_short", and the desktop dialog checks the same length before sending.
MIN_PASSWORD_LENGTH = 8


class PasswordSetRequest(BaseModel):
    """Body of POST /api/v1/admin/users/{user_id}/password: the user's new password."""

    password: str = Field(min_length=1, max_length=200)


class PasswordSet(BaseModel):
    """Response to a password set by an administrator; the user's tokens on every device are revoked."""

    user_id: str
    username: str


class DeviceRegistration(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    # A client rebuilding its replica sends the id it already has, and gets
    # back its code and counters; a new install sends none.
    device_id: str | None = Field(default=None, max_length=36)


class DeviceInfo(BaseModel):
    device_id: str
    code: str
    # Highest document counter the server has seen per document type, so a
    # rebuilt client never repeats a number.
    counters: dict[str, int]
    # Highest device sequence number the server has applied.
    high_water: int


class CommandEnvelope(BaseModel):
    """One outbox entry as sent."""

    mutation_id: str = Field(min_length=36, max_length=36)
    device_seq: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=60)
    payload: dict[str, Any]
    # "table:id" -> version the client's edit was based on.
    base_versions: dict[str, int] = Field(default_factory=dict)
    # Mutation ids of earlier commands this one depends on.
    depends_on: list[str] = Field(default_factory=list, max_length=100)
    schema_version: int = Field(ge=1)
    created_at: str  # the client's clock, ISO 8601; a label, never used for ordering


class PushRequest(BaseModel):
    device_id: str = Field(min_length=36, max_length=36)
    commands: list[CommandEnvelope] = Field(max_length=MAX_PUSH_COMMANDS)


class ResultStatus(str, enum.Enum):
    APPLIED = "applied"
    APPLIED_WITH_FLAGS = "applied_with_flags"
    REJECTED = "rejected"
    # Not applied because a command it depends on was rejected; the client
    # keeps it until the parent is fixed and sent again.
    HELD = "held"
    ALREADY_APPLIED = "already_applied"


class CommandResult(BaseModel):
    mutation_id: str
    device_seq: int
    status: ResultStatus
    change_seq: int | None = None
    code: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    flags: list[dict[str, Any]] = Field(default_factory=list)
    result: dict[str, Any] = Field(default_factory=dict)
    # For ALREADY_APPLIED: the status the command got when it first ran
    # (applied, applied_with_flags, rejected or held); None once the stored
    # result is past the retention horizon.
    original_status: ResultStatus | None = None


class PushResponse(BaseModel):
    results: list[CommandResult]
    high_water: int
    server_time: str


class PullRequest(BaseModel):
    cursor: int = Field(ge=0)
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT)
    database_id: str | None = None
    scope_version: int | None = None
    # Ask for rows as TableRows in PullResponse.tables. A server that predates
    # the field ignores it and sends PullResponse.changes, which clients still read.
    columnar: bool = False


# Pull error (HTTP 410) for a cursor below the server's retention horizon:
# tombstones it would need were pruned, so the client rebuilds from cursor 0.
# params: cursor, pruned_through.
CURSOR_EXPIRED = "cursor_expired"


class Tombstone(BaseModel):
    table: str
    id: str


class TableRows(BaseModel):
    """One table's rows in a columnar page: the column names once, then a list of values per row.

    Values are in wire form (see sync.rows), as in PullResponse.changes, which
    repeats every column name in every row.
    """

    columns: list[str]
    rows: list[list[Any]]


class PullResponse(BaseModel):
    """One page of changes. A page ends on a command boundary: every row of one
    change number is in the same page."""

    database_id: str
    scope_version: int
    # Highest change number in this page; the client's new cursor.
    next_cursor: int
    # Highest change number the server has; pulling stops when next_cursor reaches it.
    server_seq: int
    has_more: bool
    # table name -> rows in wire form (see sync.rows), for a request without `columnar`
    changes: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    # table name -> rows, for a request with `columnar`
    tables: dict[str, TableRows] = Field(default_factory=dict)
    tombstones: list[Tombstone] = Field(default_factory=list)
    # Total rows in scope up to server_seq for a pull from zero, for progress; else None.
    total_estimate: int | None = None
    server_time: str

    def row_ids(self) -> Iterator[tuple[str, str]]:
        """Yield (table, id) of every row the page writes, in either form."""
        for table, rows in self.changes.items():
            for row in rows:
                if row.get("id") is not None:
                    yield table, row["id"]
        for table, block in self.tables.items():
            if "id" in block.columns:
                position = block.columns.index("id")
                yield from ((table, values[position]) for values in block.rows)

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.changes.values()) + sum(len(block.rows) for block in self.tables.values())


class TableChecksum(BaseModel):
    count: int
    checksum: str


class ChecksumRequest(BaseModel):
    # Tables whose per-row digests the client wants, to name the ids that differ.
    detail_tables: list[str] = Field(default_factory=list)


class ChecksumResponse(BaseModel):
    cursor: int
    tables: dict[str, TableChecksum]
    # table -> {id: row digest}, only for the requested tables
    rows: dict[str, dict[str, str]] = Field(default_factory=dict)


class ServerInfo(BaseModel):
    database_id: str
    server_seq: int
    server_time: str
    protocol_version: int
    schema_version: int
    min_client_schema_version: int
