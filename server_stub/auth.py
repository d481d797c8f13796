"""Passwords and tokens.

Passwords are stored as argon2 hashes. Tokens are random opaque strings; the
database keeps only their SHA-256, so several server processes share them
without shared memory and a leaked database reveals no usable token. A
refresh rotates the refresh token: the old one is revoked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.models import User
from domain.types import utcnow
from server_stub.errors import ApiError
from server_stub.tables import AuthToken, Credential
from sync.protocol import TokenPair

log = logging.getLogger(__name__)

ACCESS_TOKEN_LIFETIME = dt.timedelta(minutes=15)
# Seconds; overrides ACCESS_TOKEN_LIFETIME, so a test can make tokens expire in the middle of a sync.
ACCESS_TOKEN_TTL_ENV = "KAIDAN_SERVER_ACCESS_TOKEN_TTL_S"
REFRESH_TOKEN_LIFETIME = dt.timedelta(days=30)
MAX_FAILED_ATTEMPTS = 10
LOCKOUT_DURATION = dt.timedelta(minutes=15)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def set_password(session: Session, user_id: str, password: str) -> None:
    """Store a new password hash for `user_id`, clear its lock and revoke all its tokens."""
    credential = session.get(Credential, user_id)
    if credential is None:
        credential = Credential(user_id=user_id, failed_attempts=0)
        session.add(credential)
    credential.password_hash = hash_password(password)
    credential.failed_attempts = 0
    credential.locked_until = None
    credential.changed_at = utcnow()
    # Tokens issued under the old password may be in the wrong hands, so
    # every device must sign in again with the new one.
    revoked = revoke_user_tokens(session, user_id)
    if revoked:
        log.info("password of user %s changed: revoked %d token(s)", user_id, revoked)


def _new_token(session: Session, kind: str, user_id: str, device_id: str | None, lifetime: dt.timedelta) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        AuthToken(
            token_hash=token_hash(token), kind=kind, user_id=user_id, device_id=device_id,
            issued_at=now, expires_at=now + lifetime, revoked=False,
        )
    )
    return token


def access_token_lifetime() -> dt.timedelta:
    """Return the access token lifetime: KAIDAN_SERVER_ACCESS_TOKEN_TTL_S seconds when set, else 15 minutes."""
    value = os.environ.get(ACCESS_TOKEN_TTL_ENV, "").strip()
    if not value:
        return ACCESS_TOKEN_LIFETIME
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        raise ValueError(f"invalid {ACCESS_TOKEN_TTL_ENV} {value!r}; expected a number of seconds above 0")
    return dt.timedelta(seconds=seconds)


def issue_tokens(session: Session, user: User, device_id: str | None) -> TokenPair:
    """Issue a new access and refresh token pair for `user`."""
    access_lifetime = access_token_lifetime()
    access = _new_token(session, "access", user.id, device_id, access_lifetime)
    refresh = _new_token(session, "refresh", user.id, device_id, REFRESH_TOKEN_LIFETIME)
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        access_expires_in=int(access_lifetime.total_seconds()),
        user_id=user.id,
        username=user.username,
        role=user.role,
        department_id=user.department_id,
        scope_version=user.scope_version or 1,
    )


def sign_in(session: Session, username: str, password: str, device_id: str | None) -> TokenPair:
    """Check the password and issue tokens.

    Raises ApiError 401 "invalid_credentials" on any mismatch, and 403 "user_inactive" for the
    right password of a deactivated user.
    """
    now = utcnow()
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    credential = session.get(Credential, user.id) if user is not None else None
    if user is None or credential is None:
        # Hash anyway so an unknown name takes as long as a wrong password.
        verify_password(_DUMMY_HASH, password)
        log.info("sign-in failed: unknown user")
        raise ApiError(401, "invalid_credentials")
    if not user.active:
        # Only a caller with the right password learns that the user is deactivated,
        # so a guesser cannot tell deactivated user names from unknown ones.
        if verify_password(credential.password_hash, password):
            log.info("sign-in refused: user %s is deactivated", user.id)
            raise ApiError(403, "user_inactive", username=user.username)
        log.info("sign-in failed for deactivated user %s: wrong password", user.id)
        raise ApiError(401, "invalid_credentials")
    if credential.locked_until is not None and credential.locked_until > now:
        log.warning("sign-in refused: user %s is locked until %s", user.id, credential.locked_until.isoformat())
        raise ApiError(429, "too_many_attempts", retry_after=int((credential.locked_until - now).total_seconds()) + 1)
    if not verify_password(credential.password_hash, password):
        # The caller records the failure in a transaction of its own, because
        # this one is rolled back with the error (see record_failed_sign_in).
        log.info("sign-in failed for user %s: wrong password", user.id)
        raise ApiError(401, "invalid_credentials")
    credential.failed_attempts = 0
    credential.locked_until = None
    if _hasher.check_needs_rehash(credential.password_hash):
        credential.password_hash = hash_password(password)
    log.info("user %s signed in (device %s)", user.id, device_id)
    return issue_tokens(session, user, device_id)


def record_failed_sign_in(session: Session, username: str) -> None:
    """Count a failed sign-in; lock the user for a while after too many in a row."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    credential = session.get(Credential, user.id, with_for_update=True) if user is not None else None
    if credential is None:
        return
    credential.failed_attempts = (credential.failed_attempts or 0) + 1
    if credential.failed_attempts >= MAX_FAILED_ATTEMPTS:
        credential.locked_until = utcnow() + LOCKOUT_DURATION
        credential.failed_attempts = 0
        log.warning("user %s locked after %d failed sign-ins", user.id, MAX_FAILED_ATTEMPTS)


def refresh_tokens(session: Session, refresh_token: str) -> TokenPair:
    """Exchange a refresh token for a new pair; the old refresh token is revoked."""
    row = session.get(AuthToken, token_hash(refresh_token), with_for_update=True)
    if row is None or row.kind != "refresh" or row.revoked:
        raise ApiError(401, "invalid_token")
    if row.expires_at <= utcnow():
        raise ApiError(401, "token_expired")
    user = session.get(User, row.user_id)
    if user is None:
        raise ApiError(401, "invalid_credentials")
    if not user.active:
        # Deactivation revokes no tokens, so every use of one checks the flag and names the reason.
        raise ApiError(401, "user_inactive", username=user.username)
    row.revoked = True
    log.info("user %s refreshed tokens (device %s)", user.id, row.device_id)
    return issue_tokens(session, user, row.device_id)


def authenticate(session: Session, access_token: str | None) -> tuple[User, AuthToken]:
    """Return the user and token row of a bearer access token, or raise ApiError 401."""
    if not access_token:
        raise ApiError(401, "not_authenticated")
    row = session.get(AuthToken, token_hash(access_token))
    if row is None or row.kind != "access" or row.revoked:
        raise ApiError(401, "invalid_token")
    if row.expires_at <= utcnow():
        raise ApiError(401, "token_expired")
    user = session.get(User, row.user_id)
    if user is None:
        raise ApiError(401, "invalid_credentials")
    if not user.active:
        raise ApiError(401, "user_inactive", username=user.username)
    return user, row


def revoke_device_tokens(session: Session, user_id: str, device_id: str | None) -> None:
    """Revoke every token of `user_id` issued to `device_id` (sign-out on that device)."""
    query = select(AuthToken).where(AuthToken.user_id == user_id)
    if device_id is None:
        query = query.where(AuthToken.device_id.is_(None))
    else:
        query = query.where(AuthToken.device_id == device_id)
    for row in session.execute(query).scalars():
        row.revoked = True


def revoke_user_tokens(session: Session, user_id: str) -> int:
    """Revoke every unrevoked token of `user_id` on every device; return how many."""
    rows = session.execute(
        select(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked.is_(False))
    ).scalars().all()
    for row in rows:
        row.revoked = True
    return len(rows)


def purge_expired_tokens(session: Session) -> int:
    """Delete tokens that expired more than a day ago; return how many."""
    cutoff = utcnow() - dt.timedelta(days=1)
    result = session.execute(delete(AuthToken).where(AuthToken.expires_at < cutoff))
    return result.rowcount or 0


_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
