"""Queued commands run again around a pulled page: older payloads upgraded, repeated failures logged once."""

from __future__ import annotations

import tests.faults.versioned_commands  # noqa: F401  (registers test.label.* and their upgrade steps)
from domain.ids import new_id
from domain.models import SalesRegion
from sync.engine import apply_page
from sync.local_tables import OutboxEntry
from sync.protocol import SCHEMA_VERSION
from tests.sync.helpers import page

OLD_SCHEMA = 1


def _queue(replica, name: str, payload: dict, schema_version: int) -> str:
    """Queue a command as a build of `schema_version` would have, without running it."""
    mutation_id = new_id()
    with replica.transaction() as session:
        state = replica.state(session)
        state.last_device_seq = (state.last_device_seq or 0) + 1
        session.add(OutboxEntry(
            mutation_id=mutation_id, device_seq=state.last_device_seq, name=name, payload=payload,
            base_versions={}, depends_on=[], schema_version=schema_version, user_id=state.user_id,
            status="pending",
        ))
    return mutation_id


def _region(replica, region_id: str):
    with replica.transaction() as session:
        region = session.get(SalesRegion, region_id)
        return None if region is None else (region.code, region.name)


def test_old_payload_runs_upgraded_locally(replica):
    assert OLD_SCHEMA < SCHEMA_VERSION
    label_id = new_id()
    old_payload = {"id": label_id, "code": "L-OLD", "title": "Old label"}
    mutation_id = _queue(replica, "test.label.create", old_payload, OLD_SCHEMA)

    with replica.transaction() as session:
        _rows, _deleted, failures = apply_page(session, page(5, {}))

    assert failures == 0
    assert _region(replica, label_id) == ("L-OLD", "Old label")
    entry = {e.mutation_id: e for e in replica.outbox()}[mutation_id]
    assert entry.payload == old_payload
    assert entry.schema_version == OLD_SCHEMA


def test_payload_too_old_fails_locally_and_stays_queued(replica):
    label_id = new_id()
    created = _queue(replica, "test.label.create", {"id": label_id, "code": "L1", "name": "Label"}, SCHEMA_VERSION)
    renamed = _queue(replica, "test.label.rename", {"id": label_id, "code": "L2"}, OLD_SCHEMA)

    with replica.transaction() as session:
        _rows, _deleted, failures = apply_page(session, page(5, {}))

    assert failures == 1
    assert _region(replica, label_id) == ("L1", "Label")
    queued = {e.mutation_id: e.status for e in replica.outbox()}
    assert queued == {created: "pending", renamed: "pending"}


def test_local_failure_logged_once_across_pages(replica, caplog):
    label_id = new_id()
    _queue(replica, "test.label.rename", {"id": label_id, "code": "L2"}, OLD_SCHEMA)

    with caplog.at_level("DEBUG", logger="sync.engine"):
        for cursor in (5, 6, 7):
            with replica.transaction() as session:
                apply_page(session, page(cursor, {}))

    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "no longer applies locally" in r.getMessage()]
    assert len(warnings) == 1
