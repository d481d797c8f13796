"""Command execution for a push: all of a push's commands in one transaction, each exactly once.

One write transaction per push request locks the device's device_state row
once. Each command then runs inside its own savepoint: decide (replay, gap,
held, or run), run the handler with a ChangeTracker, stamp the rows with the
command's own change number, store flags and raise the device's document
counters. Its command_log row and the device's high-water mark are kept in
the batch once the savepoint commits, and written with one INSERT and one
UPDATE before the transaction commits. A rejected command keeps its result
and high-water mark and rolls back only its handler's writes. An unexpected
error rolls back that command's savepoint, the commands before it commit,
and the push answers 500 (503 when the database failed). A second process
draining the same outbox waits on the device_state lock and then finds the
commands already applied.

A batch first runs without those savepoints, which cost four statements per
command (two round trips each on PostgreSQL). When one of its commands does
not simply apply (a rejection, a hold, a sequence gap, an error), that
transaction is rolled back whole and the batch runs again with a savepoint
per command, as described above. Either way, what commits is what the run
with savepoints would commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from domain.commands.framework import (
    Actor,
    ChangeTracker,
    CommandContext,
    CommandError,
    RaisedFlag,
    execute,
    get_spec,
)
from domain.commands.upgrades import upgrade_payload
from domain.company_settings import read_company_settings
from domain.models import Device, Flag, User
from domain.models.base import Replicated
from domain.numbers import high_water_marks
from domain.permissions import cache_permissions, drop_permission_cache
from domain.types import utcnow
from server_stub.changes import finish_command, lock_counter, set_counter
from server_stub.db import Database
from server_stub.errors import ApiError
from server_stub.scope import build_actor, fact_scope
from server_stub.tables import CommandLog, DeviceState
from sync.protocol import (
    MIN_COMMAND_SCHEMA_VERSION,
    SCHEMA_VERSION,
    CommandEnvelope,
    CommandResult,
    PushRequest,
    PushResponse,
    ResultStatus,
)

log = logging.getLogger(__name__)

# Statuses whose dependents are held rather than run.
BLOCKING_STATUSES = frozenset({ResultStatus.REJECTED.value, ResultStatus.HELD.value})


def json_safe(value: Any) -> Any:
    """Convert Decimals, dates and enums in handler output to JSON values."""
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def document_numbers(payload: Any) -> Iterable[str]:
    """Yield every string under a "number" key in a payload, at any depth."""
    if isinstance(payload, dict):
        for key, item in payload.items():
            if key == "number" and isinstance(item, str):
                yield item
            else:
                yield from document_numbers(item)
    elif isinstance(payload, list):
        for item in payload:
            yield from document_numbers(item)


class SequenceGap(Exception):
    """The batch skips a device sequence number; nothing after it can run."""


@dataclasses.dataclass
class Batch:
    """The device, user and actor that every command of one push shares."""

    device: Device
    user: User
    actor: Actor
    # Mutation ids rejected or held earlier in this batch.
    blocked: set[str] = dataclasses.field(default_factory=set)
    # Commands logged before this time came with earlier pushes of the device.
    started_at: dt.datetime = dataclasses.field(default_factory=utcnow)
    # The change number of the batch's last applied command, or the counter's
    # value when the batch started; stored in the counter row before commit.
    change_seq: int = 0
    # The device's high-water mark: read from device_state when the batch
    # starts, raised by each command whose savepoint commits, and stored in
    # device_state before commit.
    high_water: int = 0
    # The command_log rows of the commands whose savepoints committed, in
    # order; inserted with one statement before commit (see Executor._write_logs).
    logs: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    # Company settings the handlers read (credit check, discount limit, cost
    # per warehouse). They are read when the batch opens and again after a
    # command of the batch writes a company_setting row.
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Whether each command runs in its own savepoints. Without them, a command
    # that does not simply apply raises Isolate and the batch runs again with them.
    isolated: bool = True


class Isolate(Exception):
    """Raised when a command of a batch without savepoints does not simply apply, so the batch must run again with them."""


# Results that a batch without savepoints keeps. Any other result ends that run with Isolate.
PLAIN_STATUSES = frozenset({ResultStatus.APPLIED, ResultStatus.APPLIED_WITH_FLAGS, ResultStatus.ALREADY_APPLIED})


# How many times a command runs when it breaks a unique constraint before it
# is rejected; the repeats cover inserts racing a concurrent transaction.
CONSTRAINT_ATTEMPTS = 3
# Mutation ids per IN list when reading command_log, under SQLite's 999 bound parameters of old builds.
LOOKUP_CHUNK = 500


class Executor:
    def __init__(self, db: Database) -> None:
        self.db = db

    def push(self, user_id: str, request: PushRequest) -> PushResponse:
        """Run a push in device-sequence order, in one transaction with a savepoint per command.

        The batch runs without savepoints first; see the module's docstring.
        """
        commands = sorted(request.commands, key=lambda env: env.device_seq)
        seqs = [env.device_seq for env in commands]
        if len(set(seqs)) != len(seqs):
            raise ApiError(422, "invalid_request", reason="duplicate_device_seq")
        try:
            return self._push(self._open_batch(user_id, request.device_id, isolated=False), commands)
        except Isolate as isolate:
            # The transaction was rolled back whole, so nothing of the first run is left.
            log.info("push from device %s runs again with a savepoint per command: %r",
                     request.device_id, isolate.__cause__ or isolate)
        return self._push(self._open_batch(user_id, request.device_id, isolated=True), commands)

    def _push(self, batch: Batch, commands: list[CommandEnvelope]) -> PushResponse:
        results: list[CommandResult] = []
        failure: ApiError | None = None
        current: CommandEnvelope | None = None
        try:
            with self.db.write() as session:
                keep_loaded_rows(session)
                state = self._lock_state(session, batch.device.id)
                batch.high_water = int(state.high_water or 0)
                # Lock order: device_state, then the counter, then the handlers'
                # rows. The batch numbers its commands itself and keeps the
                # counter row locked until it commits. Locking the counter only
                # at the first numbered command could deadlock with a batch that
                # has locked a row this one needs. On SQLite, BEGIN IMMEDIATE
                # already excludes every other writer.
                batch.change_seq = start_seq = lock_counter(session)
                logged = self._logged_commands(session, commands)
                cache_permissions(session)
                for current in commands:
                    result, failure = self._run_in_savepoint(session, state, batch, current, logged)
                    if failure is not None:
                        break
                    results.append(result)
                    if result.status == ResultStatus.REJECTED and result.code == "sequence_gap":
                        break
                # Also after a failure: the commands before it commit with their results.
                self._write_logs(session, state, batch)
                if batch.change_seq != start_seq:
                    set_counter(session, batch.change_seq)
                high_water = batch.high_water
        except OperationalError:
            log.exception(
                "push from device %s could not be committed at command %s; rolled back",
                batch.device.id, current.mutation_id if current else None,
            )
            params = {"mutation_id": current.mutation_id} if current else {}
            raise ApiError(503, "database_unavailable", **params) from None
        if failure is not None:
            raise failure
        for envelope, result in zip(commands, results):
            log.info(
                "command %s (%s) from device %s seq %s: %s%s",
                envelope.name, envelope.mutation_id, batch.device.id, envelope.device_seq,
                result.status.value, f" {result.code}" if result.code else "",
            )
        return PushResponse(results=results, high_water=high_water, server_time=utcnow().isoformat())

    def _run_in_savepoint(
        self, session: Session, state: DeviceState, batch: Batch, envelope: CommandEnvelope,
        logged: dict[str, CommandLog],
    ) -> tuple[CommandResult | None, ApiError | None]:
        """Run one command of the batch; return its result, or the error that ends the push."""
        if not batch.isolated:
            return self._run_plain(session, state, batch, envelope, logged), None
        savepoint = session.begin_nested()
        try:
            result, log_row = self._run_one(session, state, batch, envelope, logged)
        except SequenceGap as gap:
            savepoint.rollback()
            log.warning(
                "push from device %s stopped at a sequence gap: expected %s, received %s",
                batch.device.id, gap.args[0], envelope.device_seq,
            )
            return CommandResult(
                mutation_id=envelope.mutation_id,
                device_seq=envelope.device_seq,
                status=ResultStatus.REJECTED,
                code="sequence_gap",
                params={"expected": int(gap.args[0]), "received": envelope.device_seq},
            ), None
        except OperationalError:
            log.exception(
                "command %s (%s, device %s seq %s) could not reach the database; rolled back",
                envelope.name, envelope.mutation_id, batch.device.id, envelope.device_seq,
            )
            savepoint.rollback()
            return None, ApiError(503, "database_unavailable", mutation_id=envelope.mutation_id)
        except Exception:
            log.exception(
                "command %s (%s, device %s seq %s) failed; rolled back",
                envelope.name, envelope.mutation_id, batch.device.id, envelope.device_seq,
            )
            savepoint.rollback()
            return None, ApiError(
                500, "internal_error", mutation_id=envelope.mutation_id, device_seq=envelope.device_seq
            )
        savepoint.commit()
        return self._keep_result(batch, envelope, result, log_row), None

    def _run_plain(
        self, session: Session, state: DeviceState, batch: Batch, envelope: CommandEnvelope,
        logged: dict[str, CommandLog],
    ) -> CommandResult:
        """Run one command of a batch without savepoints, and raise Isolate unless it simply applies."""
        try:
            result, log_row = self._run_one(session, state, batch, envelope, logged)
        except Isolate:
            raise
        except Exception as exc:
            raise Isolate from exc
        if result.status not in PLAIN_STATUSES:
            raise Isolate(f"{envelope.mutation_id}: {result.status.value} {result.code or ''}")
        return self._keep_result(batch, envelope, result, log_row)

    @staticmethod
    def _keep_result(
        batch: Batch, envelope: CommandEnvelope, result: CommandResult, log_row: dict[str, Any] | None,
    ) -> CommandResult:
        """Record in the batch what a command that ran leaves: its log row, high-water mark and change number."""
        if log_row is not None:
            batch.high_water = envelope.device_seq
            batch.logs.append(log_row)
        if result.status in (ResultStatus.APPLIED, ResultStatus.APPLIED_WITH_FLAGS) and result.change_seq is not None:
            batch.change_seq = result.change_seq
        if result.status in (ResultStatus.REJECTED, ResultStatus.HELD) or (
            result.status == ResultStatus.ALREADY_APPLIED
            and result.original_status in (ResultStatus.REJECTED, ResultStatus.HELD)
        ):
            batch.blocked.add(envelope.mutation_id)
        return result

    def _open_batch(self, user_id: str, device_id: str, *, isolated: bool) -> Batch:
        with self.db.read() as session:
            device = session.get(Device, device_id)
            if device is None:
                raise ApiError(404, "device_not_registered", device_id=device_id)
            if device.revoked:
                raise ApiError(403, "device_revoked", device_id=device_id)
            user = session.get(User, user_id)
            actor = build_actor(session, user)
            return Batch(device=device, user=user, actor=actor, settings=read_company_settings(session), isolated=isolated)

    def _lock_state(self, session: Session, device_id: str) -> DeviceState:
        # FOR UPDATE serializes pushes of one device on PostgreSQL; on SQLite
        # the BEGIN IMMEDIATE of the write transaction already did.
        state = session.execute(
            select(DeviceState).where(DeviceState.device_id == device_id).with_for_update()
        ).scalar_one_or_none()
        if state is None:
            state = DeviceState(device_id=device_id, high_water=0, counters={})
            session.add(state)
            session.flush()
        return state

    def _logged_commands(self, session: Session, commands: list[CommandEnvelope]) -> dict[str, CommandLog]:
        """Return the batch's commands that command_log already holds, by mutation id, read in one query."""
        logged: dict[str, CommandLog] = {}
        ids = list({envelope.mutation_id for envelope in commands})
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = ids[start:start + LOOKUP_CHUNK]
            for row in session.scalars(select(CommandLog).where(CommandLog.mutation_id.in_(chunk))):
                logged[row.mutation_id] = row
        return logged

    def _write_logs(self, session: Session, state: DeviceState, batch: Batch) -> None:
        """Insert the batch's command_log rows and store its high-water mark in device_state."""
        if batch.logs:
            session.execute(insert(CommandLog), batch.logs)
            batch.logs = []
        if int(state.high_water or 0) != batch.high_water:
            state.high_water = batch.high_water
        session.flush()

    def _run_one(
        self, session: Session, state: DeviceState, batch: Batch, envelope: CommandEnvelope,
        logged: dict[str, CommandLog],
    ) -> tuple[CommandResult, dict[str, Any] | None]:
        """Run one command; return its result and, when the command ran, its command_log row for the batch to store."""
        previous = logged.get(envelope.mutation_id)
        if previous is not None:
            return replay(previous), None
        high_water = batch.high_water
        if envelope.device_seq <= high_water:
            return self._replay_by_seq(session, batch.device.id, envelope), None
        if envelope.device_seq > high_water + 1:
            raise SequenceGap(high_water + 1)
        now = utcnow()
        # The number this command gets if it writes anything; the batch keeps it only when the savepoint commits.
        change_seq = batch.change_seq + 1
        stamper = InsertStamper(session, change_seq, now)
        try:
            result, tracker = self._decide_and_run(session, batch, envelope, now)
        finally:
            stamper.close()
        try:
            raise_counters(state, batch.device.code, envelope.payload)
            if tracker is None or finish_command(session, tracker, now, change_seq=change_seq) is None:
                change_seq = None
        finally:
            if tracker is not None:
                tracker.close()
        result.change_seq = change_seq
        log_row = {
            "mutation_id": envelope.mutation_id,
            "device_id": batch.device.id,
            "device_seq": envelope.device_seq,
            "user_id": batch.user.id,
            "name": envelope.name,
            "status": result.status.value,
            "change_seq": change_seq,
            "response": result.model_dump(mode="json"),
            "received_at": now,
        }
        # A later envelope of this push with the same mutation id replays this
        # result. The row is not in the database yet, so a transient object carries it.
        logged[envelope.mutation_id] = CommandLog(**log_row)
        return result, log_row

    def _replay_by_seq(self, session: Session, device_id: str, envelope: CommandEnvelope) -> CommandResult:
        logged = session.execute(
            select(CommandLog).where(CommandLog.device_id == device_id, CommandLog.device_seq == envelope.device_seq)
        ).scalar_one_or_none()
        if logged is None:
            # The stored result is past the retention horizon.
            return CommandResult(
                mutation_id=envelope.mutation_id, device_seq=envelope.device_seq,
                status=ResultStatus.ALREADY_APPLIED,
            )
        # The same sequence number carried a different command.
        return CommandResult(
            mutation_id=envelope.mutation_id, device_seq=envelope.device_seq,
            status=ResultStatus.REJECTED, code="device_seq_reused",
            params={"device_seq": envelope.device_seq, "mutation_id": logged.mutation_id},
        )

    def _decide_and_run(
        self, session: Session, batch: Batch, envelope: CommandEnvelope, now: dt.datetime
    ) -> tuple[CommandResult, ChangeTracker | None]:
        base = {"mutation_id": envelope.mutation_id, "device_seq": envelope.device_seq}
        if envelope.schema_version > SCHEMA_VERSION:
            return CommandResult(
                **base, status=ResultStatus.REJECTED, code="unsupported_schema_version",
                params={"schema_version": envelope.schema_version, "min": MIN_COMMAND_SCHEMA_VERSION, "max": SCHEMA_VERSION},
            ), None
        try:
            payload = upgrade_payload(
                envelope.name, envelope.payload, envelope.schema_version,
                to_version=SCHEMA_VERSION, min_version=MIN_COMMAND_SCHEMA_VERSION,
            )
        except CommandError as exc:
            return CommandResult(**base, status=ResultStatus.REJECTED, code=exc.code, params=json_safe(exc.params)), None
        parent = self._blocking_parent(session, batch, envelope)
        if parent is not None:
            return CommandResult(**base, status=ResultStatus.HELD, code="depends_on_refused", params={"depends_on": parent}), None
        try:
            spec = get_spec(envelope.name)
        except CommandError as exc:
            return CommandResult(**base, status=ResultStatus.REJECTED, code=exc.code, params=json_safe(exc.params)), None
        if spec.since_schema > envelope.schema_version:
            return CommandResult(
                **base, status=ResultStatus.REJECTED, code="unknown_command",
                params={"command": envelope.name, "since_schema": spec.since_schema},
            ), None

        # A fact recorded offline in a warehouse that has since left the user's scope still posts, flagged.
        scope = fact_scope(session, spec, batch.actor, batch.device.id, batch.started_at)
        attempt = 1
        while True:
            savepoint = session.begin_nested() if batch.isolated else None
            tracker = ChangeTracker(session)
            ctx = CommandContext(
                session=session, actor=scope.actor, mutation_id=envelope.mutation_id,
                device_id=batch.device.id, authoritative=True, now=now, settings=dict(batch.settings),
            )
            try:
                outcome = execute(ctx, envelope.name, payload)
                scope.flag_used(ctx, spec, payload, tracker, outcome.result)
                outcome.flags = list(ctx.flags)
                store_flags(session, ctx, outcome.flags, now)
                session.flush()
            except (CommandError, IntegrityError) as exc:
                if savepoint is None:
                    # The handler may have written part of its rows, and only a rollback of the batch removes them.
                    tracker.close()
                    raise Isolate from exc
                savepoint.rollback()
                tracker.close()
                if isinstance(exc, CommandError):
                    return CommandResult(**base, status=ResultStatus.REJECTED, code=exc.code, params=json_safe(exc.params)), None
                # The next attempt reads permissions as committed now.
                drop_permission_cache(session)
                if attempt < CONSTRAINT_ATTEMPTS:
                    # Two servers (or two workers) posting for different
                    # devices can both insert the first balance or cost row
                    # of a product. On PostgreSQL the loser's unique violation
                    # comes after the winner committed, so running the handler
                    # again in the same READ COMMITTED transaction finds that row.
                    log.info(
                        "command %s (%s) met a concurrent insert (%s); running it again, attempt %d of %d",
                        envelope.name, envelope.mutation_id, exc.orig, attempt + 1, CONSTRAINT_ATTEMPTS,
                    )
                    attempt += 1
                    continue
                # A unique key the handler did not check (a number or id already
                # taken): rejecting it keeps the device's queue moving.
                log.warning("command %s (%s) broke a database constraint: %s", envelope.name, envelope.mutation_id, exc.orig)
                return CommandResult(**base, status=ResultStatus.REJECTED, code="constraint_violation", params={"command": envelope.name}), None
            except BaseException:
                tracker.close()
                raise
            break
        if savepoint is not None:
            savepoint.commit()
        if any(table == "company_setting" for table, _row_id in tracker.rows):
            batch.settings = read_company_settings(session)
        flags = [flag_summary(flag) for flag in outcome.flags]
        status = ResultStatus.APPLIED_WITH_FLAGS if flags else ResultStatus.APPLIED
        return CommandResult(**base, status=status, flags=flags, result=json_safe(outcome.result)), tracker

    def _blocking_parent(self, session: Session, batch: Batch, envelope: CommandEnvelope) -> str | None:
        if not envelope.depends_on:
            return None
        for parent in envelope.depends_on:
            if parent in batch.blocked:
                return parent
        # A parent not in command_log is older than the retention horizon, or
        # was never pushed by this device; neither blocks.
        return session.execute(
            select(CommandLog.mutation_id).where(
                CommandLog.mutation_id.in_(envelope.depends_on), CommandLog.status.in_(BLOCKING_STATUSES)
            ).limit(1)
        ).scalar()


def keep_loaded_rows(session: Session) -> None:
    """Keep every object the session loads or inserts referenced until the session closes.

    The identity map holds objects weakly, so a row that one command of a
    batch loaded (a department a customer references, a product) is usually
    collected before the next command, and session.get reads it again. With
    the references kept, session.get finds it in the identity map.
    A kept row of a replicated table stays current for the batch. On SQLite
    no other connection writes while the batch holds the write lock. On
    PostgreSQL every other writer of such rows (a push, an admin command, the
    due price adjustments) takes the change counter's lock before it
    commits, and the batch holds that lock until it commits (see
    lock_counter). Objects that leave the session (deleted, expunged, rolled
    back) are released.
    """
    referenced: dict[int, object] = {}
    session.info["referenced_rows"] = referenced

    def keep(_session: Session, instance: object) -> None:
        referenced[id(instance)] = instance

    def release(_session: Session, instance: object) -> None:
        referenced.pop(id(instance), None)

    for name in ("loaded_as_persistent", "pending_to_persistent", "detached_to_persistent", "deleted_to_persistent"):
        event.listen(session, name, keep)
    for name in ("persistent_to_detached", "persistent_to_deleted", "persistent_to_transient"):
        event.listen(session, name, release)


class InsertStamper:
    """Before-flush hook that sets version, change_seq and updated_at on new replicated rows before their INSERT.

    ChangeTracker.stamp then finds the values already in place and its flush
    writes no second UPDATE of those rows. Updated rows are left to stamp,
    which raises their version once.
    """

    def __init__(self, session: Session, change_seq: int, now: dt.datetime) -> None:
        self.session = session
        self.change_seq = change_seq
        self.now = now
        event.listen(session, "before_flush", self._before_flush)

    def close(self) -> None:
        event.remove(self.session, "before_flush", self._before_flush)

    def _before_flush(self, session: Session, flush_context: Any, instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, Replicated):
                obj.version = 1
                obj.change_seq = self.change_seq
                obj.updated_at = self.now


def replay(logged: CommandLog) -> CommandResult:
    """Return the stored result of a command as ALREADY_APPLIED."""
    stored = CommandResult.model_validate(logged.response)
    stored.original_status = stored.status
    stored.status = ResultStatus.ALREADY_APPLIED
    return stored


def raise_counters(state: DeviceState, device_code: str, payload: dict[str, Any]) -> None:
    """Raise the device's document counters to the numbers this payload carries."""
    marks = high_water_marks(document_numbers(payload))
    counters = dict(state.counters or {})
    changed = False
    for (code, prefix), counter in marks.items():
        if code == device_code and counter > counters.get(prefix, 0):
            counters[prefix] = counter
            changed = True
    if changed:
        # A new dict, so the JSON column is seen as changed.
        state.counters = counters


def store_flags(session: Session, ctx: CommandContext, flags: list[RaisedFlag], now: dt.datetime) -> None:
    for index, flag in enumerate(flags):
        session.add(
            Flag(
                id=ctx.derived_id("flag", index),
                code=flag.code,
                params=json_safe(flag.params),
                record_table=flag.record_table,
                record_id=flag.record_id,
                document_number=flag.document_number,
                department_id=flag.department_id,
                mutation_id=ctx.mutation_id,
                raised_at=now,
                status="open",
            )
        )


def flag_summary(flag: RaisedFlag) -> dict[str, Any]:
    return json_safe(
        {
            "code": flag.code,
            "record_table": flag.record_table,
            "record_id": flag.record_id,
            "document_number": flag.document_number,
            "params": flag.params,
        }
    )
