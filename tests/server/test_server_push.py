"""Push: applied, rejected, held, replayed, gaps, refusals and exactly-once under concurrency."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from domain.ids import new_id
from domain.models import SalesRegion
from server_stub.db import Database
from server_stub.tables import CommandLog, DeviceState
from tests.server.helpers import count_regions, envelope, region, seed_scope
from tests.server.server_process import add_user


@pytest.fixture
def clerk(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    client.register("pc")
    return client


def statuses(response) -> list[str]:
    return [result["status"] for result in response.json()["results"]]


def high_water(database_url: str, device_id: str) -> int:
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.get(DeviceState, device_id).high_water
    finally:
        db.dispose()


def test_push_applies_and_stamps(server, clerk):
    response = clerk.push([region(1, "R1"), region(2, "R2")])
    assert response.status_code == 200, response.text
    body = response.json()
    assert statuses(response) == ["applied", "applied"]
    seqs = [result["change_seq"] for result in body["results"]]
    assert seqs[0] < seqs[1]
    assert body["high_water"] == 2
    assert count_regions(server.database_url) == 2


def test_replayed_push_changes_nothing(server, clerk):
    batch = [region(1, "R1"), region(2, "BAD2"), region(3, "R3")]
    first = clerk.push(batch)
    assert statuses(first) == ["applied", "rejected", "applied"]
    second = clerk.push(batch)
    assert second.status_code == 200
    assert statuses(second) == ["already_applied"] * 3
    originals = [result["original_status"] for result in second.json()["results"]]
    assert originals == ["applied", "rejected", "applied"]
    assert [r["change_seq"] for r in second.json()["results"]] == [r["change_seq"] for r in first.json()["results"]]
    assert count_regions(server.database_url) == 2


def test_rejection_advances_high_water(server, clerk):
    response = clerk.push([region(1, "BAD1")])
    result = response.json()["results"][0]
    assert result["status"] == "rejected"
    assert result["code"] == "duplicate_code"
    assert result["params"] == {"region_code": "BAD1"}
    assert response.json()["high_water"] == 1
    assert statuses(clerk.push([region(2, "R2")])) == ["applied"]


def test_dependents_of_rejected_are_held(server, clerk):
    parent = region(1, "BAD1")
    child = region(2, "R2", name="child")
    child["depends_on"] = [parent["mutation_id"]]
    grandchild = region(3, "R3")
    grandchild["depends_on"] = [child["mutation_id"]]
    independent = region(4, "R4")
    response = clerk.push([parent, child, grandchild, independent])
    assert statuses(response) == ["rejected", "held", "held", "applied"]
    assert response.json()["results"][1]["params"] == {"depends_on": parent["mutation_id"]}
    # A later push that depends on the held command is held too.
    late = region(5, "R5")
    late["depends_on"] = [child["mutation_id"]]
    assert statuses(clerk.push([late])) == ["held"]
    assert count_regions(server.database_url) == 1


def test_sequence_gap_stops_batch(server, clerk):
    response = clerk.push([region(1, "R1"), region(3, "R3"), region(4, "R4")])
    assert statuses(response) == ["applied", "rejected"]
    gap = response.json()["results"][1]
    assert gap["code"] == "sequence_gap"
    assert gap["params"] == {"expected": 2, "received": 3}
    assert count_regions(server.database_url) == 1


def test_role_check_refuses_command(server):
    add_user(server.database_url, "kim", "warehouse", "pw", "D1")
    keeper = server.client()
    keeper.login("kim", "pw")
    keeper.register("pc")
    result = keeper.push([region(1, "R1")]).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["code"] == "not_authorized"
    assert count_regions(server.database_url) == 0


def test_scope_check_refuses_command(server, clerk):
    add_user(server.database_url, "bob", "clerk", "pw", "D2")
    ids = seed_scope(server.database_url)
    response = clerk.push([region(1, "R1", warehouse_id=ids["W2"]), region(2, "R2", warehouse_id=ids["W1A"])])
    results = response.json()["results"]
    assert results[0]["status"] == "rejected"
    assert results[0]["code"] == "out_of_scope"
    assert results[0]["params"]["id"] == ids["W2"]
    assert results[1]["status"] == "applied"


def test_fact_flags_are_stored(server, clerk):
    payload = {"id": new_id(), "code": "F1", "number": "DN-A0-20261204-0001"}
    result = clerk.push([envelope(1, "test.region.record", payload)]).json()["results"][0]
    assert result["status"] == "applied_with_flags"
    assert result["flags"][0]["code"] == "negative_stock"
    pulled = clerk.pull(0)
    flags = pulled["changes"]["flag"]
    assert [flag["record_id"] for flag in flags] == [payload["id"]]
    assert flags[0]["params"] == {"on_hand": "-5.000"}
    assert flags[0]["change_seq"] == result["change_seq"]


def test_unexpected_error_rolls_back_command(server, clerk):
    response = clerk.push([region(1, "R1"), region(2, "CRASH"), region(3, "R3")])
    assert response.status_code == 500
    assert response.json() == {"code": "internal_error", "params": {"mutation_id": response.json()["params"]["mutation_id"], "device_seq": 2}}
    assert count_regions(server.database_url) == 1
    assert high_water(server.database_url, clerk.device["device_id"]) == 1
    assert "crash requested by the test" in server.log_text()


def test_unknown_command_is_rejected(server, clerk):
    result = clerk.push([envelope(1, "no.such.command", {})]).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["code"] == "unknown_command"


def test_invalid_payload_is_rejected(server, clerk):
    result = clerk.push([envelope(1, "test.region.create", {"code": "R1"})]).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["code"] == "invalid_payload"


def test_concurrent_pushes_apply_once(server, clerk):
    batch = [region(seq, f"R{seq}") for seq in range(1, 11)]
    responses: list = []

    def push() -> None:
        other = server.client()
        other.http.headers["Authorization"] = clerk.http.headers["Authorization"]
        responses.append(other.push(batch, device_id=clerk.device["device_id"]))

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [response.status_code for response in responses] == [200, 200]
    for index in range(10):
        pair = {responses[0].json()["results"][index]["status"], responses[1].json()["results"][index]["status"]}
        assert pair == {"applied", "already_applied"}
    assert count_regions(server.database_url) == 10
    db = Database(server.database_url)
    try:
        with db.read() as session:
            logged = session.execute(select(CommandLog.device_seq).order_by(CommandLog.device_seq)).scalars().all()
    finally:
        db.dispose()
    assert logged == list(range(1, 11))


def test_old_client_refused_before_apply(server, clerk):
    clerk.http.headers["X-Kaidan-Schema"] = "0"
    response = clerk.push([region(1, "R1")])
    assert response.status_code == 426
    assert response.json()["code"] == "update_required"
    clerk.http.headers["X-Kaidan-Schema"] = "1"
    clerk.http.headers["X-Kaidan-Protocol"] = "0"
    assert clerk.push([region(1, "R1")]).status_code == 426
    assert count_regions(server.database_url) == 0
    assert high_water(server.database_url, clerk.device["device_id"]) == 0


def test_push_unregistered_device_is_404(server, clerk):
    response = clerk.push([region(1, "R1")], device_id=new_id())
    assert response.status_code == 404
    assert response.json()["code"] == "device_not_registered"


def test_oversized_push_is_refused(server, clerk):
    batch = [region(seq, f"R{seq}") for seq in range(1, 502)]
    response = clerk.push(batch)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    huge = clerk.post("/api/v1/sync/push", data=b"x" * (17 * 1024 * 1024), headers={"Content-Type": "application/json"})
    assert huge.status_code == 413
    assert huge.json()["code"] == "request_too_large"


def test_batch_rejection_in_middle_applies_rest(server, clerk):
    batch = [region(1, "R1"), region(2, "R2"), region(3, "BAD3"), region(4, "R4"), region(5, "R5")]
    response = clerk.push(batch)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert statuses(response) == ["applied", "applied", "rejected", "applied", "applied"]
    assert results[2]["change_seq"] is None
    # Each applied command has its own change number, in device-sequence order.
    seqs = [result["change_seq"] for result in results if result["change_seq"] is not None]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == 4
    assert response.json()["high_water"] == 5
    assert count_regions(server.database_url) == 4
    pulled = clerk.pull(0)
    codes = {row["code"] for row in pulled["changes"]["sales_region"]}
    assert codes == {"R1", "R2", "R4", "R5"}


def test_rejection_after_write_leaves_no_rows(server, clerk):
    """A batch runs without savepoints until a command is rejected, then again with them."""
    batch = [region(1, "R1"), region(2, "WRITTEN2"), region(3, "R3")]
    response = clerk.push(batch)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert statuses(response) == ["applied", "rejected", "applied"]
    assert results[1]["code"] == "rejected_after_write"
    assert results[2]["change_seq"] == results[0]["change_seq"] + 1
    assert response.json()["high_water"] == 3
    assert count_regions(server.database_url) == 2
    codes = {row["code"] for row in clerk.pull(0)["changes"]["sales_region"]}
    assert codes == {"R1", "R3"}


def test_internal_error_keeps_earlier_commands(server, clerk):
    batch = [region(1, "R1"), region(2, "R2"), region(3, "CRASH"), region(4, "R4")]
    response = clerk.push(batch)
    assert response.status_code == 500
    assert response.json()["params"]["device_seq"] == 3
    assert count_regions(server.database_url) == 2
    assert high_water(server.database_url, clerk.device["device_id"]) == 2

    again = clerk.push(batch[:2] + [region(3, "R3"), batch[3]])
    assert again.status_code == 200, again.text
    assert statuses(again) == ["already_applied", "already_applied", "applied", "applied"]
    assert count_regions(server.database_url) == 4
    db = Database(server.database_url)
    try:
        with db.read() as session:
            logged = session.execute(select(CommandLog.device_seq).order_by(CommandLog.device_seq)).scalars().all()
    finally:
        db.dispose()
    assert logged == [1, 2, 3, 4]


def test_batch_stamps_inserted_rows(server, clerk):
    response = clerk.push([region(1, "R1", extra_rows=2), region(2, "R2")])
    assert statuses(response) == ["applied", "applied"]
    first, second = (result["change_seq"] for result in response.json()["results"])
    assert second == first + 1
    db = Database(server.database_url)
    try:
        with db.read() as session:
            rows = {row.code: (row.version, row.change_seq) for row in session.scalars(select(SalesRegion))}
    finally:
        db.dispose()
    assert rows == {"R1": (1, first), "R1-0": (1, first), "R1-1": (1, first), "R2": (1, second)}
    assert clerk.pull(0)["next_cursor"] == second



def test_reused_device_seq_rejected(server, clerk):
    first = clerk.push([region(1, "R1")])
    assert statuses(first) == ["applied"]
    reused = clerk.push([region(1, "R8")])
    assert statuses(reused) == ["rejected"]
    assert reused.json()["results"][0]["code"] == "device_seq_reused"
    assert count_regions(server.database_url) == 1
