"""HTTP endpoints for administrators that cannot travel as queued commands.

A password never goes into the outbox (it would sit in the replica file and
the server's command log), so an administrator sets one online here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import Depends, FastAPI

from domain.models import Role, User
from server_stub.admin import set_password_of
from server_stub.db import Database
from server_stub.errors import ApiError
from sync.protocol import MIN_PASSWORD_LENGTH, PasswordSet, PasswordSetRequest

log = logging.getLogger(__name__)


def install_admin_routes(app: FastAPI, db: Database, current_user: Callable[..., User], api: str) -> None:
    """Add the administrator endpoints under `api` (e.g. "/api/v1"); `current_user` is the bearer-token dependency."""

    @app.post(f"{api}/admin/users/{{user_id}}/password", response_model=PasswordSet)
    def set_user_password(user_id: str, body: PasswordSetRequest, user: User = Depends(current_user)) -> PasswordSet:
        """Set a user's password; administrators only. Revokes the user's tokens and clears the sign-in lock."""
        if user.role != Role.ADMIN.value:
            log.warning("user %s (role %s) tried to set the password of user %s", user.id, user.role, user_id)
            raise ApiError(403, "forbidden", role=user.role)
        with db.write() as session:
            target = session.get(User, user_id)
            if target is None:
                raise ApiError(404, "user_not_found", user_id=user_id)
            if len(body.password) < MIN_PASSWORD_LENGTH:
                raise ApiError(422, "password_too_short", minimum=MIN_PASSWORD_LENGTH)
            set_password_of(session, target, body.password)
            return PasswordSet(user_id=target.id, username=target.username)
