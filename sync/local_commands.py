"""Running commands on the replica: optimistically, with before-images, into the outbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import logging
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.framework import (
    Actor,
    ChangeTracker,
    CommandContext,
    CommandOutcome,
    execute,
    new_mutation_id,
)
from domain.permissions import role_sees_cost
from domain.types import utcnow
from sync.killpoints import kill_point
from sync.local_tables import OutboxEntry, SyncState
from sync.protocol import SCHEMA_VERSION
from sync.replica import Replica
from sync.undo import read_raw_row, save_before_images

log = logging.getLogger(__name__)

# The server's rule, repeated here because sync may not import server code:
# these roles see every department and warehouse.
ALL_SCOPE_ROLES = frozenset({"admin", "manager"})


@dataclasses.dataclass
class Submitted:
    mutation_id: str
    device_seq: int
    result: dict[str, Any]
    flags: list[dict[str, Any]]


def json_ready(value: Any) -> Any:
    """Convert a payload to JSON types: Decimal to text (never float), dates to ISO 8601."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _department_subtree(session: Session, root_id: str) -> frozenset[str]:
    from domain.models import Department

    children: dict[str, list[str]] = {}
    for department_id, parent_id in session.execute(select(Department.id, Department.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(department_id)
    found = {root_id}
    waiting = [root_id]
    while waiting:
        for child in children.get(waiting.pop(), ()):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return frozenset(found)


def client_actor(session: Session, state: SyncState) -> Actor:
    """Build the signed-in user's actor from the sync state and the replicated departments.

    The replica contains only what the server sent for this user's scope, so the
    local check gives early feedback; the server checks again authoritatively.
    """
    from domain.models import Warehouse

    role = state.role or "clerk"
    departments = _department_subtree(session, state.department_id) if state.department_id else frozenset()
    warehouses: frozenset[str] = frozenset()
    if departments:
        warehouses = frozenset(
            session.scalars(select(Warehouse.id).where(Warehouse.department_id.in_(departments)))
        )
    return Actor(
        user_id=state.user_id or "",
        role=role,
        department_ids=departments,
        warehouse_ids=warehouses,
        sees_cost=role_sees_cost(session, role),
        all_scope=role in ALL_SCOPE_ROLES,
    )


def company_settings(session: Session) -> dict[str, Any]:
    from domain.models.admin import CompanySetting

    return {key: value for key, value in session.execute(select(CompanySetting.key, CompanySetting.value))}


def run_tracked(
    session: Session, state: SyncState, mutation_id: str, name: str, payload: dict[str, Any]
) -> CommandOutcome:
    """Run a command optimistically in the session's transaction and store its before-images.

    Raises the framework's CommandError (CommandRejected, NotAuthorized, ...)
    when the command fails locally; the caller rolls back.
    """
    images: list[tuple[str, str, dict[str, Any] | None]] = []

    def on_before_write(table_name: str, row_id: str, op: str) -> None:
        images.append((table_name, row_id, read_raw_row(session, table_name, row_id)))

    tracker = ChangeTracker(session, on_before_write)
    try:
        ctx = CommandContext(
            session=session,
            actor=client_actor(session, state),
            mutation_id=mutation_id,
            device_id=state.device_id,
            authoritative=False,
            settings=company_settings(session),
        )
        outcome = execute(ctx, name, payload)
        session.flush()
    finally:
        tracker.close()
    save_before_images(session, mutation_id, images)
    return outcome


def flags_to_json(outcome: CommandOutcome) -> list[dict[str, Any]]:
    return [json_ready(dataclasses.asdict(flag)) for flag in outcome.flags]


def submit(
    replica: Replica,
    name: str,
    payload: dict[str, Any],
    *,
    base_versions: dict[str, int] | None = None,
    depends_on: list[str] | None = None,
    mutation_id: str | None = None,
) -> Submitted:
    """Run command `name` on the replica and queue it in the outbox, in one SQLite transaction.

    A command that fails locally (CommandRejected, NotAuthorized, InvalidPayload)
    raises to the caller and writes nothing, not even a device sequence number.
    """
    payload = json_ready(payload)
    mutation_id = mutation_id or new_mutation_id()
    with replica.transaction() as session:
        state = Replica.state(session)
        outcome = run_tracked(session, state, mutation_id, name, payload)
        state.last_device_seq = (state.last_device_seq or 0) + 1
        entry = OutboxEntry(
            mutation_id=mutation_id,
            device_seq=state.last_device_seq,
            name=name,
            payload=payload,
            base_versions=dict(base_versions or {}),
            depends_on=list(depends_on or []),
            schema_version=SCHEMA_VERSION,
            user_id=state.user_id,
            created_at=utcnow(),
            status="pending",
        )
        session.add(entry)
        session.flush()
        submitted = Submitted(mutation_id, entry.device_seq, json_ready(outcome.result), flags_to_json(outcome))
    log.info("queued %s as device_seq %s (mutation %s)", name, submitted.device_seq, mutation_id)
    kill_point("after_local_write")
    return submitted


def allocate_number(session: Session, document_type: str, label_date: dt.date | None = None) -> str:
    """Return the device's next document number of `document_type` and store the counter.

    The counter is stored in the caller's transaction, so a rolled-back
    transaction hands the same number out again and a committed one never does.
    """
    from domain.numbers import NumberSequence

    state = Replica.state(session)
    if not state.device_code:
        raise RuntimeError("this device has no code yet; sync once to register it before numbering documents")
    sequence = NumberSequence(state.device_code, state.counters or {})
    number = sequence.next(document_type, label_date or dt.date.today())
    # A new dict, so the JSON column is seen as changed.
    state.counters = dict(sequence.counters)
    return number


def next_document_number(replica: Replica, document_type: str, label_date: dt.date | None = None) -> str:
    """Allocate a document number in its own transaction, for a payload about to be submitted.

    If the command is then rejected locally the number stays unused; numbers
    are unique per device but may have gaps.
    """
    with replica.transaction() as session:
        return allocate_number(session, document_type, label_date)
