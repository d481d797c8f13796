"""The outbox commands the server did not take: rejected ones, and those held behind them.

Every read and write of the Sync problems page goes through this module.
It builds on sync.problems (listing, resend, discard) and adds what the
page shows: the document number and customer of each command, and whether
the order editor can fix it. The functions run in task-runner threads;
`Problem` carries plain values that the GUI thread turns into translated
text (desktop.messages.command_label and message_for).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.master_subjects import master_subject
from domain.commands.framework import CommandError, new_mutation_id
from domain.models import Customer, Flag, SalesOrder
from domain.types import utcnow
from sync.engine import rebase_in, rebase_out
from sync.local_commands import run_tracked
from sync import problems as outbox_problems
from sync.local_tables import OutboxEntry, OutboxStatus
from sync.protocol import SCHEMA_VERSION
from sync.replica import Replica

log = logging.getLogger(__name__)

PROBLEM_STATUSES = (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value)
ORDER_EDITOR_COMMANDS = frozenset({"order.create", "order.update", "order.confirm"})


@dataclasses.dataclass
class Problem:
    """One rejected or held command, with the facts its description needs."""

    mutation_id: str
    device_seq: int
    name: str
    status: str
    code: str | None
    params: dict[str, Any]
    created_at: dt.datetime
    # Document number and customer or counterpart name, when the command names one.
    number: str
    party: str
    # The id of the record the command creates or changes (payload "id").
    record_id: str | None = None
    # The order a "Fix and resend" opens in the order editor, when it is a draft in the replica.
    order_id: str | None = None
    # The code the server found in use, for which "Fix and resend" requests another one.
    taken_code: str | None = None
    dependents: list["Problem"] = dataclasses.field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.status == OutboxStatus.REJECTED.value

    def with_dependents(self) -> list["Problem"]:
        """Return this problem and every command held behind it, in device-sequence order."""
        found = [self]
        for child in self.dependents:
            found.extend(child.with_dependents())
        return sorted(found, key=lambda problem: problem.device_seq)


# -- reading --------------------------------------------------------------------


def load_problems(replica: Replica, session: Session) -> list[Problem]:
    """Return the rejected commands, each with the held commands that wait on it, oldest first.

    A held command whose blocking parent is no longer in the outbox (the
    parent was discarded) is listed on its own, so it can be resent or
    discarded. `session` reads the records the commands refer to.
    """
    creates = _created_orders(session)

    def described(found: outbox_problems.Problem) -> Problem:
        number, party, order_id = _subject(session, found.name, found.payload, creates)
        problem = Problem(
            mutation_id=found.mutation_id, device_seq=found.device_seq, name=found.name, status=found.status,
            code=found.code, params=dict(found.params), created_at=found.created_at, number=number, party=party,
            record_id=found.payload.get("id"), order_id=order_id,
            taken_code=outbox_problems.code_of(found.payload) if found.code == "duplicate_code" else None,
        )
        by_id = {problem.mutation_id: problem}
        for child in found.dependents:
            held = described(child)
            by_id[held.mutation_id] = held
        # sync.problems lists every dependent flat under its root; nest each under the command it waits for.
        for child in found.dependents:
            waits_for = next(
                (by_id[parent] for parent in _depends_on(session, child.mutation_id) if parent in by_id), problem
            )
            waits_for.dependents.append(by_id[child.mutation_id])
        return problem

    return [described(found) for found in outbox_problems.list_problems(replica)]


def _depends_on(session: Session, mutation_id: str) -> list[str]:
    return list(session.scalar(select(OutboxEntry.depends_on).where(OutboxEntry.mutation_id == mutation_id)) or [])


def problem_count(session: Session) -> int:
    """Return how many outbox commands are rejected or held."""
    return len(list(session.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.status.in_(PROBLEM_STATUSES)))))


def _created_orders(session: Session) -> dict[str, dict[str, Any]]:
    """Return the payloads of order.create commands still in the outbox, by order id.

    After a rejected order.create the order is gone from the replica, but its
    number is still needed to describe the commands on it.
    """
    rows = session.execute(select(OutboxEntry.payload).where(OutboxEntry.name == "order.create"))
    return {payload.get("id"): payload for (payload,) in rows if isinstance(payload, dict)}


def _subject(session: Session, name: str, payload: dict[str, Any], creates: dict[str, dict[str, Any]]) -> tuple[str, str, str | None]:
    """Return (document number, party name, editable order id) for a command's payload."""
    record_id = payload.get("id")
    prefix = name.split(".", 1)[0]
    if prefix == "order":
        order = session.get(SalesOrder, record_id) if record_id else None
        created = creates.get(record_id, {})
        number = order.number if order is not None else str(payload.get("number") or created.get("number") or "")
        customer_id = order.customer_id if order is not None else payload.get("customer_id") or created.get("customer_id")
        editable = order is not None and order.status == "draft" and name in ORDER_EDITOR_COMMANDS
        return number, _customer_name(session, customer_id), record_id if editable else None
    if prefix == "customer":
        customer = session.get(Customer, record_id) if record_id else None
        if customer is not None:
            return customer.code, customer.name, None
        fields = payload.get("fields") or {}
        return str(payload.get("code") or fields.get("code") or ""), str(payload.get("name") or fields.get("name") or ""), None
    if prefix == "flag":
        flag = session.get(Flag, record_id) if record_id else None
        return (flag.document_number or "") if flag is not None else "", "", None
    described = master_subject(session, name, payload)
    if described is not None:
        return described[0], described[1], None
    return str(payload.get("number") or ""), _customer_name(session, payload.get("customer_id")), None


def _customer_name(session: Session, customer_id: Any) -> str:
    if not customer_id:
        return ""
    customer = session.get(Customer, customer_id)
    return customer.name if customer is not None else ""


# -- writing --------------------------------------------------------------------


def resend(replica: Replica, mutation_id: str) -> list[str]:
    """Queue again a rejected command and the commands held behind it; return the new mutation ids.

    When the command still fails locally (the data is still wrong), the
    CommandError propagates and the outbox stays as it was.
    """
    return list(outbox_problems.resend(replica, mutation_id).values())


def resend_with_code(replica: Replica, mutation_id: str, code: str) -> list[str]:
    """Queue a command rejected for a code in use again with another code; return the new mutation ids."""
    return list(outbox_problems.resend_with_code(replica, mutation_id, code).values())


def discard(replica: Replica, mutation_id: str) -> list[str]:
    """Remove a rejected or held command and every command held behind it, undoing their local effects; return the removed ids."""
    return outbox_problems.discard(replica, mutation_id)


def supersede(replica: Replica, mutation_id: str, replacement_id: str) -> list[str]:
    """Remove a rejected command that the user replaced by `replacement_id` (a new save in the editor).

    The commands held behind it are queued again behind the replacement, so
    nothing the user did after it is lost. One that no longer applies
    locally is queued anyway, because the server decides. Returns their new
    mutation ids.
    """
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        root = next((entry for entry in entries if entry.mutation_id == mutation_id), None)
        if root is None or root.status not in PROBLEM_STATUSES:
            raise ValueError(f"mutation {mutation_id} is not a rejected or held command in the outbox")
        members = {mutation_id}
        for entry in entries:
            if entry.status == OutboxStatus.HELD.value and members.intersection(entry.depends_on or ()):
                members.add(entry.mutation_id)
        held = [
            (entry.mutation_id, entry.name, entry.payload, dict(entry.base_versions or {}), list(entry.depends_on or []))
            for entry in entries if entry.mutation_id in members and entry.mutation_id != mutation_id
        ]
        rebase_out(session, entries)
        for entry in entries:
            if entry.mutation_id in members:
                session.delete(entry)
        session.flush()
        state = Replica.state(session)
        rebase_in(session, state, [entry for entry in entries if entry.mutation_id not in members], state.cursor or 0)
        renamed = {mutation_id: replacement_id}
        for old_id, name, payload, base_versions, depends_on in held:
            renamed[old_id] = new_mutation_id()
            try:
                with session.begin_nested():
                    run_tracked(session, state, renamed[old_id], name, payload)
            except CommandError as exc:
                session.expire_all()
                log.warning("held %s (was %s) does not apply locally (%s); queued for the server", name, old_id, exc.code)
            state.last_device_seq = (state.last_device_seq or 0) + 1
            session.add(OutboxEntry(
                mutation_id=renamed[old_id], device_seq=state.last_device_seq, name=name, payload=payload,
                base_versions=base_versions, depends_on=[renamed.get(parent, parent) for parent in depends_on],
                schema_version=SCHEMA_VERSION, user_id=state.user_id, created_at=utcnow(),
                status=OutboxStatus.PENDING.value,
            ))
            session.flush()
    new_ids = [renamed[old_id] for old_id, *_rest in held]
    log.info("command %s replaced by %s; %s held command(s) queued again", mutation_id, replacement_id, len(new_ids))
    return new_ids
