"""Pull: pages on change-number boundaries, scope and hidden cost columns, tombstones."""

from __future__ import annotations

import pytest

from domain.ids import new_id
from tests.server.helpers import envelope, region, seed_scope
from tests.server.server_process import add_user


@pytest.fixture
def clerk(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    client.register("pc")
    return client


def rows_by_seq(pages) -> dict[int, list[int]]:
    """Map change number -> indexes of the pages that carried rows with it."""
    found: dict[int, set[int]] = {}
    for index, page in enumerate(pages):
        for rows in page["changes"].values():
            for row in rows:
                found.setdefault(row["change_seq"], set()).add(index)
    return {seq: sorted(indexes) for seq, indexes in found.items()}


def test_pages_never_split_change_number(server, clerk):
    batch = [region(1, "A", extra_rows=2), region(2, "B", extra_rows=30), region(3, "C"), region(4, "D", extra_rows=4)]
    assert clerk.push(batch).status_code == 200
    pages = clerk.pull_all(limit=5)
    assert len(pages) >= 3
    for seq, indexes in rows_by_seq(pages).items():
        assert len(indexes) == 1, f"change {seq} split over pages {indexes}"
    regions = [row for page in pages for row in page["changes"].get("sales_region", [])]
    assert len(regions) == 3 + 31 + 1 + 5
    assert len({row["id"] for row in regions}) == len(regions)
    big = [page for page in pages if len(page["changes"].get("sales_region", [])) >= 31]
    assert big, "the 31-row command must arrive whole in one page"
    cursors = [page["next_cursor"] for page in pages]
    assert cursors == sorted(cursors)
    assert pages[-1]["next_cursor"] == pages[-1]["server_seq"]
    assert pages[0]["total_estimate"] >= 40
    assert pages[1]["total_estimate"] is None


def test_clerk_scope_excludes_other_department_and_cost(server, clerk):
    add_user(server.database_url, "bob", "clerk", "pw", "D2")
    ids = seed_scope(server.database_url)
    pages = clerk.pull_all()
    warehouses = {row["id"] for page in pages for row in page["changes"].get("warehouse", [])}
    assert warehouses == {ids["W1"], ids["W1A"]}
    movements = [row for page in pages for row in page["changes"].get("stock_movement", [])]
    assert {row["warehouse_id"] for row in movements} == {ids["W1"], ids["W1A"]}
    assert all(row["unit_cost"] is None and row["cost_amount"] is None for row in movements)
    products = [row for page in pages for row in page["changes"].get("product", [])]
    assert products and all(row["purchase_price"] is None for row in products)
    for page in pages:
        assert "stock_cost" not in page["changes"]
        assert "device" not in page["changes"]


@pytest.mark.parametrize("role,sees_w2,sees_cost", [("warehouse", False, False), ("finance", False, True), ("manager", True, True)])
def test_scope_by_role(server, role, sees_w2, sees_cost):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    add_user(server.database_url, "bob", "clerk", "pw", "D2")
    add_user(server.database_url, "user", role, "pw", "D1")
    ids = seed_scope(server.database_url)
    client = server.client()
    client.login("user", "pw")
    pages = client.pull_all()
    warehouses = {row["id"] for page in pages for row in page["changes"].get("warehouse", [])}
    assert (ids["W2"] in warehouses) is sees_w2
    assert ids["W1"] in warehouses
    movements = [row for page in pages for row in page["changes"].get("stock_movement", [])]
    assert all((row["unit_cost"] == "7.500000") is sees_cost for row in movements)


def test_delete_travels_as_tombstone(server, clerk):
    region_id = new_id()
    clerk.push([envelope(1, "test.region.create", {"id": region_id, "code": "R1"})])
    first = clerk.pull(0)
    deleted = clerk.push([envelope(2, "test.region.delete", {"id": region_id})]).json()["results"][0]
    assert deleted["status"] == "applied"
    page = clerk.pull(first["next_cursor"])
    assert page["tombstones"] == [{"table": "sales_region", "id": region_id}]
    assert page["next_cursor"] == deleted["change_seq"]


def test_pull_reports_identity_and_scope_version(server, clerk):
    page = clerk.pull(0)
    info = server.client().get("/api/v1/info").json()
    assert page["database_id"] == info["database_id"]
    assert page["scope_version"] == 1
    assert page["server_seq"] == info["server_seq"]


def test_pull_requires_version_headers(server, clerk):
    del clerk.http.headers["X-Kaidan-Schema"]
    response = clerk.post("/api/v1/sync/pull", {"cursor": 0})
    assert response.status_code == 400
    assert response.json()["code"] == "version_headers_missing"
