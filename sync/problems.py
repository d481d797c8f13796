"""Sync problems: commands the server rejected, the commands held behind them, and how to fix or drop them.

A rejected command stays in the outbox with the server's code and
parameters. Commands that depend on it are held. The user either fixes the
rejected command and sends it again, or discards it.

Sending again cannot reuse the rejected command's device sequence number or
mutation id, because the server has stored its result under both and would
return the stored rejection for every retry. A resent command is therefore
a new outbox entry at the end of the queue, and the commands held behind it
move with it, each with a new number and id and with `depends_on` pointing
at the new ids. Nothing else in the queue moves, so the device sequence
keeps no gaps: every removed number has already been seen by the server.

    for problem in list_problems(replica):
        show(problem.code, problem.params, problem.dependents)
    resend(replica, problem.mutation_id, fixed_payload)
    discard(replica, problem.mutation_id)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandError, new_mutation_id
from domain.types import utcnow
from sync.engine import rebase_in, rebase_out
from sync.local_commands import json_ready, run_tracked
from sync.local_tables import JournalEntry, OutboxEntry, OutboxStatus
from sync.protocol import SCHEMA_VERSION
from sync.replica import Replica

log = logging.getLogger(__name__)

PROBLEM_STATUSES = (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value)


@dataclasses.dataclass(frozen=True)
class Problem:
    """A rejected or held command, with the held commands that wait for it."""

    mutation_id: str
    device_seq: int
    name: str
    # "rejected" or "held"
    status: str
    # The server's reason, for desktop.messages.message_for(code, params).
    code: str | None
    params: dict[str, Any]
    payload: dict[str, Any]
    created_at: dt.datetime
    # Held commands that depend on this one, directly or through each other, in device order.
    dependents: tuple["Problem", ...] = ()


def list_problems(replica: Replica) -> list[Problem]:
    """Return the rejected and held commands in device order, each held one under the problem it waits for.

    A held command whose parent is no longer a problem (the parent was
    discarded, or the server has applied it since) is listed on its own, so
    it can be resent or discarded too.
    """
    with replica.session() as session:
        entries = _problem_entries(session)
    by_id = {entry.mutation_id: entry for entry in entries}
    roots: list[OutboxEntry] = []
    children: dict[str, list[OutboxEntry]] = {}
    for entry in entries:
        root = _root_of(entry, by_id)
        if root is entry:
            roots.append(entry)
        else:
            children.setdefault(root.mutation_id, []).append(entry)
    return [
        _problem(root, tuple(_problem(child) for child in children.get(root.mutation_id, ())))
        for root in roots
    ]


def resend(
    replica: Replica,
    mutation_id: str,
    payload: dict[str, Any] | None = None,
    *,
    dependent_payloads: dict[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Queue a rejected or held command again, with `payload` if given, and the commands held behind it.

    `dependent_payloads` replaces the payloads of held dependents, keyed by
    their mutation ids, for a fix that touches them too (an order's customer
    repeated in its later edits). Runs the command on the replica first: a payload that still fails
    locally raises the framework's CommandError (CommandRejected,
    InvalidPayload, ...) and changes nothing. A held dependent that fails
    locally is queued anyway, because the server decides. Returns the new
    mutation id of each command sent again, keyed by its old id.
    """
    replacements = {key: json_ready(value) for key, value in (dependent_payloads or {}).items()}
    if payload is not None:
        replacements[mutation_id] = json_ready(payload)
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        root = _problem_entry(session, mutation_id)
        group = [root] + _held_dependents(root, entries)
        # Copies, because the rows are deleted before their replacements are written.
        originals = [_copy(entry) for entry in group]
        grouped = {entry.mutation_id for entry in group}
        unknown = set(replacements) - grouped
        if unknown:
            raise ValueError(f"commands {sorted(unknown)} are not held behind {mutation_id}")

        rebase_out(session, entries)
        for entry in group:
            session.delete(entry)
        session.flush()
        state = Replica.state(session)
        rebase_in(session, state, [entry for entry in entries if entry.mutation_id not in grouped], state.cursor or 0)

        renamed: dict[str, str] = {}
        for original in originals:
            new_id = new_mutation_id()
            renamed[original.mutation_id] = new_id
            new_payload = replacements.get(original.mutation_id, original.payload)
            _run_again(session, state, original, new_id, new_payload, must_apply=original.mutation_id == mutation_id)
            state.last_device_seq = (state.last_device_seq or 0) + 1
            session.add(OutboxEntry(
                mutation_id=new_id,
                device_seq=state.last_device_seq,
                name=original.name,
                payload=new_payload,
                base_versions=dict(original.base_versions or {}),
                depends_on=_new_dependencies(session, original.depends_on or [], renamed),
                schema_version=SCHEMA_VERSION,
                user_id=state.user_id,
                created_at=utcnow(),
                status=OutboxStatus.PENDING.value,
            ))
            session.flush()
    log.info("resent %s command(s) starting with %s: %s", len(renamed), mutation_id, renamed)
    return renamed


def code_of(payload: dict[str, Any]) -> str | None:
    """Return the record code a create or update payload sets: its "code", or "fields"["code"]."""
    fields = payload.get("fields")
    code = payload.get("code", fields.get("code") if isinstance(fields, dict) else None)
    return code if isinstance(code, str) else None


def resend_with_code(replica: Replica, mutation_id: str, code: str) -> dict[str, str]:
    """Queue a command rejected for a code already in use again, with `code` in its payload.

    Raises ValueError when the command's payload sets no code. The local run
    that `resend` makes checks the new code against the replica first.
    """
    with replica.transaction() as session:
        payload = dict(_problem_entry(session, mutation_id).payload or {})
    if code_of(payload) is None:
        raise ValueError(f"command {mutation_id} sets no code")
    if "code" in payload:
        payload["code"] = code
    else:
        payload["fields"] = {**payload["fields"], "code": code}
    return resend(replica, mutation_id, payload)


def discard(replica: Replica, mutation_id: str) -> list[str]:
    """Remove a rejected or held command and the commands held behind it; return the removed ids.

    The server has seen each of them, so removing them leaves no gap in the
    device sequence. Pending commands stay, whatever they depend on.
    """
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        root = _problem_entry(session, mutation_id)
        group = [root] + _held_dependents(root, entries)
        removed = [entry.mutation_id for entry in group]
        rebase_out(session, entries)
        for entry in group:
            session.delete(entry)
        session.flush()
        state = Replica.state(session)
        rebase_in(session, state, [entry for entry in entries if entry.mutation_id not in removed], state.cursor or 0)
    log.info("discarded command %s and %s held command(s) behind it", mutation_id, len(removed) - 1)
    return removed


# -- helpers ------------------------------------------------------------------


def _problem_entries(session: Session) -> list[OutboxEntry]:
    return list(session.scalars(
        select(OutboxEntry).where(OutboxEntry.status.in_(PROBLEM_STATUSES)).order_by(OutboxEntry.device_seq)
    ))


def _problem_entry(session: Session, mutation_id: str) -> OutboxEntry:
    entry = session.get(OutboxEntry, mutation_id)
    if entry is None:
        raise ValueError(f"mutation {mutation_id} is not in the outbox")
    if entry.status not in PROBLEM_STATUSES:
        raise ValueError(f"only rejected or held commands can be resent or discarded; {mutation_id} is {entry.status}")
    return entry


def _root_of(entry: OutboxEntry, problems: dict[str, OutboxEntry]) -> OutboxEntry:
    """Follow a held command's dependencies through other problems to the first one that is not held behind another."""
    seen = {entry.mutation_id}
    current = entry
    while current.status == OutboxStatus.HELD.value:
        parent = next((problems[p] for p in current.depends_on or [] if p in problems and p not in seen), None)
        if parent is None:
            break
        seen.add(parent.mutation_id)
        current = parent
    return current


def _held_dependents(root: OutboxEntry, entries: list[OutboxEntry]) -> list[OutboxEntry]:
    """Return the held entries that depend on `root` directly or through each other, in device order."""
    blocked = {root.mutation_id}
    found = []
    for entry in entries:
        if entry.device_seq <= root.device_seq or entry.status != OutboxStatus.HELD.value:
            continue
        if blocked.intersection(entry.depends_on or []):
            blocked.add(entry.mutation_id)
            found.append(entry)
    return found


def _new_dependencies(session: Session, depends_on: list[str], renamed: dict[str, str]) -> list[str]:
    """Point dependencies at the renamed commands and drop those on commands that are gone.

    A dependency neither in the outbox nor in the journal was discarded, or
    acknowledged so long ago that the journal dropped it. In both cases the
    server has no reason left to hold this command.
    """
    kept = []
    for parent in depends_on:
        if parent in renamed:
            kept.append(renamed[parent])
        elif session.get(OutboxEntry, parent) is not None or session.get(JournalEntry, parent) is not None:
            kept.append(parent)
    return kept


def _run_again(session: Session, state, original: OutboxEntry, new_id: str, payload: dict[str, Any], *, must_apply: bool) -> None:
    if must_apply:
        # A CommandError here rolls back the whole resend.
        with session.begin_nested():
            run_tracked(session, state, new_id, original.name, payload)
        return
    try:
        with session.begin_nested():
            run_tracked(session, state, new_id, original.name, payload)
    except CommandError as exc:
        session.expire_all()
        log.warning(
            "resent %s (was %s) does not apply locally (%s); queued for the server to decide",
            original.name, original.mutation_id, exc.code,
        )


def _copy(entry: OutboxEntry) -> OutboxEntry:
    """Return a detached copy of the columns resend needs."""
    return OutboxEntry(
        mutation_id=entry.mutation_id,
        device_seq=entry.device_seq,
        name=entry.name,
        payload=entry.payload,
        base_versions=dict(entry.base_versions or {}),
        depends_on=list(entry.depends_on or []),
        status=entry.status,
    )


def _problem(entry: OutboxEntry, dependents: tuple[Problem, ...] = ()) -> Problem:
    return Problem(
        mutation_id=entry.mutation_id,
        device_seq=entry.device_seq,
        name=entry.name,
        status=entry.status,
        code=entry.result_code,
        params=dict(entry.result_params or {}),
        payload=dict(entry.payload or {}),
        created_at=entry.created_at,
        dependents=dependents,
    )
