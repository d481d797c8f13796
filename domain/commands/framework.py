"""The command framework shared by client and server.

A command is a named change ("order.create", "delivery.ship") with a payload
validated by a pydantic model. Its handler runs on the client optimistically
against the replica and on the server authoritatively. Both sides call
`execute` here, which checks the role and the scope before the handler runs,
so no handler repeats those checks.

Intentions may be rejected: the handler raises `CommandRejected` with a code
and parameters the client translates. Facts are never rejected for a business
rule: the handler posts them and calls `ctx.flag(...)` for each rule broken.
A fact is rejected only for authentication, role, scope or a malformed
payload, all of which the framework checks before the handler.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from collections.abc import Callable, Iterable
from typing import Any

import pydantic
from sqlalchemy import event
from sqlalchemy.orm import Session

from domain.ids import derived_id, new_id
from domain.types import utcnow

log = logging.getLogger(__name__)


class CommandKind(str, enum.Enum):
    INTENTION = "intention"
    FACT = "fact"


class CommandError(Exception):
    """Base of the errors a command can end with; each has a code and parameters."""

    code = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code} {params}" if params else self.code)


class CommandRejected(CommandError):
    """The server (or the client, optimistically) will not apply this intention."""

    code = "rejected"


class NotAuthorized(CommandError):
    """The user's role may not run this command."""

    code = "not_authorized"


class OutOfScope(CommandError):
    """The command touches a department or warehouse outside the user's scope."""

    code = "out_of_scope"


class InvalidPayload(CommandError):
    """The payload does not match the command's schema."""

    code = "invalid_payload"


class UnknownCommand(CommandError):
    code = "unknown_command"


@dataclasses.dataclass(frozen=True)
class ScopeRef:
    """A department or warehouse a command touches, checked against the user's scope."""

    kind: str  # "department" | "warehouse"
    id: str | None


@dataclasses.dataclass
class Actor:
    """The user running a command, with their role and scope."""

    user_id: str
    role: str
    department_ids: frozenset[str] = frozenset()
    warehouse_ids: frozenset[str] = frozenset()
    sees_cost: bool = False
    all_scope: bool = False  # administrators see and write everything

    def allows(self, ref: ScopeRef) -> bool:
        if self.all_scope or ref.id is None:
            return True
        if ref.kind == "warehouse":
            return ref.id in self.warehouse_ids
        if ref.kind == "department":
            return ref.id in self.department_ids
        raise ValueError(f"unknown scope kind {ref.kind!r}")


@dataclasses.dataclass
class RaisedFlag:
    code: str
    record_table: str
    record_id: str
    document_number: str | None
    department_id: str | None
    params: dict[str, Any]


@dataclasses.dataclass
class CommandContext:
    """The state a handler may use. `authoritative` is True on the server only.

    `today` is the posting date: the server's date on the server, the
    client's on the client (provisional until the server posts it).
    """

    session: Session
    actor: Actor
    mutation_id: str
    device_id: str | None
    authoritative: bool
    now: dt.datetime = dataclasses.field(default_factory=utcnow)
    flags: list[RaisedFlag] = dataclasses.field(default_factory=list)
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def derived_id(self, *labels: object) -> str:
        """Return an id for a row this command creates that the payload does not name."""
        return derived_id(self.mutation_id, *labels)

    def flag(
        self,
        code: str,
        record_table: str,
        record_id: str,
        *,
        document_number: str | None = None,
        department_id: str | None = None,
        **params: Any,
    ) -> None:
        """Record that a fact broke the rule `code`; the framework stores the flag."""
        self.flags.append(
            RaisedFlag(code, record_table, record_id, document_number, department_id, params)
        )


Handler = Callable[[CommandContext, Any], dict[str, Any] | None]
ScopeFn = Callable[[CommandContext, Any], Iterable[ScopeRef]]


@dataclasses.dataclass(frozen=True)
class CommandSpec:
    name: str
    kind: CommandKind
    roles: frozenset[str]
    payload_model: type[pydantic.BaseModel]
    handler: Handler
    scope: ScopeFn | None
    # The first schema version that includes this command; older clients never send it.
    since_schema: int = 1


REGISTRY: dict[str, CommandSpec] = {}


def command(
    name: str,
    *,
    kind: CommandKind,
    roles: Iterable[str],
    payload: type[pydantic.BaseModel],
    scope: ScopeFn | None = None,
    since_schema: int = 1,
) -> Callable[[Handler], Handler]:
    """Register a handler as command `name`."""

    def register(handler: Handler) -> Handler:
        if name in REGISTRY:
            raise RuntimeError(f"command {name!r} registered twice")
        REGISTRY[name] = CommandSpec(
            name, kind, frozenset(str(r.value if isinstance(r, enum.Enum) else r) for r in roles),
            payload, handler, scope, since_schema,
        )
        return handler

    return register


def get_spec(name: str) -> CommandSpec:
    load_handlers()
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownCommand(command=name) from None


def load_handlers() -> None:
    """Import the handler modules so their commands are registered."""
    import domain.commands.handlers  # noqa: F401


def validate_payload(spec: CommandSpec, payload: dict[str, Any]) -> pydantic.BaseModel:
    try:
        return spec.payload_model.model_validate(payload)
    except pydantic.ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]), "message": err["msg"]}
            for err in exc.errors(include_url=False, include_input=False)
        ]
        raise InvalidPayload(command=spec.name, errors=errors) from None


def authorize(spec: CommandSpec, ctx: CommandContext, payload: pydantic.BaseModel) -> None:
    """Check the role (see domain.permissions.may_run) and every department and warehouse the command touches."""
    from domain.permissions import may_run

    if not may_run(ctx.session, ctx.actor.role, spec.name):
        raise NotAuthorized(command=spec.name, role=ctx.actor.role)
    if spec.scope is None:
        return
    for ref in spec.scope(ctx, payload):
        if not ctx.actor.allows(ref):
            raise OutOfScope(command=spec.name, kind=ref.kind, id=ref.id)


@dataclasses.dataclass
class CommandOutcome:
    spec: CommandSpec
    result: dict[str, Any]
    flags: list[RaisedFlag]


def execute(ctx: CommandContext, name: str, payload: dict[str, Any]) -> CommandOutcome:
    """Validate, authorize and run one command inside the caller's transaction.

    The caller owns the transaction: it commits on success and rolls back
    (or rolls back to a savepoint) on any CommandError.
    """
    spec = get_spec(name)
    model = validate_payload(spec, payload)
    authorize(spec, ctx, model)
    result = spec.handler(ctx, model) or {}
    ctx.session.flush()
    return CommandOutcome(spec, result, list(ctx.flags))


def new_mutation_id() -> str:
    return new_id()


# ---------------------------------------------------------------------------
# Change tracking: which rows a command wrote, for stamping and for undo.


@dataclasses.dataclass
class TrackedRow:
    table: str
    row_id: str
    op: str  # "insert" | "update" | "delete"
    obj: Any


class ChangeTracker:
    """Collect every replicated row a session inserts, updates or deletes.

    The server stamps them with the command's change number and writes
    tombstones for deletes. The client records their before-images, so a
    pending command can be undone before a pull. `before_flush` callbacks run
    while the old row is still in the database.
    """

    def __init__(self, session: Session, on_before_write: Callable[[str, str, str], None] | None = None):
        from domain.models.base import Replicated

        self.session = session
        self.rows: dict[tuple[str, str], TrackedRow] = {}
        self._replicated = Replicated
        self._on_before_write = on_before_write
        event.listen(session, "before_flush", self._before_flush)

    def close(self) -> None:
        event.remove(self.session, "before_flush", self._before_flush)

    def _note(self, obj: Any, op: str) -> None:
        if not isinstance(obj, self._replicated):
            return
        if obj.id is None:
            obj.id = new_id()
        key = (obj.__table__.name, obj.id)
        previous = self.rows.get(key)
        if previous is None:
            if self._on_before_write is not None:
                self._on_before_write(key[0], key[1], op)
            self.rows[key] = TrackedRow(key[0], key[1], op, obj)
        elif op == "delete":
            if previous.op == "insert":
                del self.rows[key]
            else:
                previous.op = "delete"

    def _before_flush(self, session: Session, flush_context: Any, instances: Any) -> None:
        for obj in session.new:
            self._note(obj, "insert")
        for obj in session.dirty:
            if session.is_modified(obj, include_collections=False):
                self._note(obj, "update")
        for obj in session.deleted:
            self._note(obj, "delete")

    def stamp(self, change_seq: int | None, now: dt.datetime) -> None:
        """Set version, change_seq and updated_at on every inserted or updated row, then flush."""
        self.session.flush()
        for row in self.rows.values():
            if row.op == "delete":
                continue
            obj = row.obj
            if row.op == "insert":
                if obj.version == 1 and obj.change_seq == change_seq and obj.updated_at == now:
                    # The server's executor stamped the row before its INSERT.
                    # Setting the same values again would only make the next
                    # flush compare them.
                    continue
                obj.version = 1
            else:
                # Only stamp() changes `version`, so obj.version is still the stored one.
                obj.version = (obj.version or 0) + 1
            obj.change_seq = change_seq
            obj.updated_at = now
        self.session.flush()

