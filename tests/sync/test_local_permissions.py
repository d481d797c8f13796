"""The client's local runner applies the replicated role permissions and role profiles."""

from __future__ import annotations

import pytest

from domain.commands.framework import NotAuthorized
from domain.ids import new_id
from domain.models import RolePermission, RoleProfile
from domain.permissions import role_permission_id, role_profile_id
from sync.client import submit
from sync.local_commands import client_actor
from sync.replica import Replica


def test_permission_row_rejects_locally(replica):
    submit(replica, "test.region.create", {"id": new_id(), "code": "R1", "name": "Region 1"})
    with replica.transaction() as session:
        session.add(RolePermission(id=role_permission_id("clerk", "test.region.create"), role="clerk",
                                   command="test.region.create", allowed=False))
    with pytest.raises(NotAuthorized):
        submit(replica, "test.region.create", {"id": new_id(), "code": "R2", "name": "Region 2"})
    assert len(replica.outbox()) == 1


def test_role_profile_sets_client_cost(replica):
    with replica.transaction() as session:
        assert client_actor(session, Replica.state(session)).sees_cost is False
        session.add(RoleProfile(id=role_profile_id("clerk"), role="clerk", sees_cost=True))
    with replica.transaction() as session:
        assert client_actor(session, Replica.state(session)).sees_cost is True
