"""The engine's Python API for the desktop and the tests: open, submit, sign in, sync, verify.

    replica = open_replica(data_dir)
    submit(replica, "customer.create", {...})
    result = sync(replica, "http://127.0.0.1:8765", "alice", password="...")
"""

from __future__ import annotations

import dataclasses
import logging
import pathlib
import platform

from sqlalchemy import func, select

from domain.types import utcnow
from sync.credentials import load_refresh_token, store_refresh_token
from sync.engine import Progress, PullProgressCallback, PullReport, PushReport, SyncEngine, discard
from sync.errors import AuthRequired, DataFolderMismatch, KeyringUnavailable, SyncError, stored_form
from sync.local_commands import Submitted, submit
from sync.local_tables import OutboxEntry
from sync.replica import Replica
from sync.transport import Transport, check_server_url
from sync.verify import VerifyReport, verify

log = logging.getLogger(__name__)

__all__ = [
    "open_replica", "submit", "discard", "Submitted", "sign_in", "sync", "verify_replica", "SyncResult",
    "set_user_password",
    "CLOCK_SKEW_LIMIT_S", "clock_skew_amount", "clock_skew_warning",
]

# A client clock further than this from the server's gets a warning:
# document dates and number labels come from the client's clock.
CLOCK_SKEW_LIMIT_S = 120.0


def open_replica(location: str | pathlib.Path) -> Replica:
    return Replica.open(location)


@dataclasses.dataclass
class SyncResult:
    push: PushReport
    pull: PullReport
    # Set when the sign-in token could not be stored (no keyring backend).
    keyring_warning: str | None = None
    # Server clock minus this computer's clock in seconds (negative: this
    # clock is ahead); None when no response carried the server's time.
    clock_skew_s: float | None = None

    @property
    def clock_skewed(self) -> bool:
        """True when this computer's clock is more than CLOCK_SKEW_LIMIT_S off the server's."""
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_SKEW_LIMIT_S


class ServerConnection:
    """A signed-in connection to a server for one replica."""

    def __init__(self, replica: Replica, transport: Transport, keyring_warning: str | None) -> None:
        self.replica = replica
        self.transport = transport
        self.keyring_warning = keyring_warning

    def close(self) -> None:
        self.transport.close()


def sign_in(
    replica: Replica,
    server_url: str,
    username: str,
    password: str | None = None,
    *,
    device_name: str | None = None,
    transport_options: dict | None = None,
) -> ServerConnection:
    """Sign in with `password`, or with the refresh token in the keyring when it is None.

    Records the user in the replica and registers the device on first use.
    Raises AuthRequired when no password is given and no token is stored.
    """
    server_url = check_server_url(server_url)
    state = replica.read_state()
    if state.server_url and state.server_url.rstrip("/") != server_url.rstrip("/"):
        raise DataFolderMismatch(
            f"this data folder belongs to the server {state.server_url}, not {server_url}; use another --data-dir",
            owner="server", folder_value=state.server_url, requested=server_url,
        )
    if state.username and state.username != username:
        raise DataFolderMismatch(
            f"this data folder belongs to the user {state.username!r}, not {username!r}; use another --data-dir",
            owner="user", folder_value=state.username, requested=username,
        )

    warnings: list[str] = []

    def keep_token(tokens) -> None:
        try:
            store_refresh_token(server_url, username, tokens.refresh_token)
        except KeyringUnavailable as exc:
            warnings.append(str(exc))
            # INFO: the caller reports keyring_warning to the user once.
            log.info("sign-in token not stored: %s", exc)

    transport = Transport(server_url, on_tokens=keep_token, **(transport_options or {}))
    transport.device_id = state.device_id
    try:
        if password is not None:
            tokens = transport.login(username, password, state.device_id)
        else:
            token = load_refresh_token(server_url, username)
            if not token:
                raise AuthRequired(f"no stored sign-in token for {username!r} at {server_url}; enter the password")
            transport.refresh_token = token
            tokens = transport.refresh()
        with replica.transaction() as session:
            current = Replica.state(session)
            if current.user_id and current.user_id != tokens.user_id:
                raise DataFolderMismatch(
                    f"this data folder belongs to another user id ({current.user_id}); use another --data-dir",
                    owner="user_id", folder_value=current.user_id,
                )
            current.server_url = server_url.rstrip("/")
            current.username = tokens.username
            current.user_id = tokens.user_id
            current.role = tokens.role
            current.department_id = tokens.department_id
        _ensure_device(replica, transport, device_name)
    except BaseException:
        transport.close()
        raise
    return ServerConnection(replica, transport, warnings[0] if warnings else None)


def _ensure_device(replica: Replica, transport: Transport, device_name: str | None) -> None:
    state = replica.read_state()
    if state.device_id is not None:
        transport.device_id = state.device_id
        return
    info = transport.register_device(device_name or platform.node() or "kaidan", None)
    with replica.transaction() as session:
        current = Replica.state(session)
        current.device_id = info.device_id
        current.device_code = info.code
        counters = dict(current.counters or {})
        for doc_type, value in info.counters.items():
            counters[doc_type] = max(int(counters.get(doc_type, 0)), int(value))
        current.counters = counters
        # A new device has no outbox older than the server's high-water mark;
        # if it had, its numbers would be replays, so continue above the mark.
        highest = session.scalar(select(func.max(OutboxEntry.device_seq))) or 0
        current.last_device_seq = max(current.last_device_seq or 0, info.high_water, highest)
    transport.device_id = info.device_id
    log.info("registered device %s with code %s", info.device_id, info.code)


def sync(
    replica: Replica,
    server_url: str,
    username: str,
    password: str | None = None,
    *,
    progress: Progress | None = None,
    transport_options: dict | None = None,
) -> SyncResult:
    """Sign in, push the outbox, then pull. Raises a SyncError when either step fails."""
    connection = sign_in(replica, server_url, username, password, transport_options=transport_options)
    try:
        return run_sync(connection, progress)
    finally:
        connection.close()


def run_sync(
    connection: ServerConnection, progress: Progress | None = None,
    pull_progress: PullProgressCallback | None = None,
) -> SyncResult:
    """Push, then pull. `progress` receives English lines; `pull_progress` the figures behind each pull line."""
    engine = SyncEngine(connection.replica, connection.transport, progress, pull_progress)
    try:
        push_report = engine.push()
        pull_report = engine.pull()
    except SyncError as exc:
        _record_error(connection.replica, stored_form(exc))
        raise
    with connection.replica.transaction() as session:
        state = Replica.state(session)
        state.last_sync_at = utcnow()
        state.last_error = None
    result = SyncResult(push_report, pull_report, connection.keyring_warning,
                        getattr(connection.transport, "clock_skew_s", None))
    if result.clock_skewed:
        log.warning("clock skew: %s", clock_skew_warning(result.clock_skew_s))
    return result


def clock_skew_amount(skew_s: float) -> tuple[int, str]:
    """Return the size of a clock difference as (count, "minutes" | "hours" | "days"), rounded to the nearest.

    Hours are used from 120 minutes on and days from 48 hours on, so the count is at least 2
    for any difference above CLOCK_SKEW_LIMIT_S.
    """
    minutes = abs(skew_s) / 60
    if minutes < 120:
        return round(minutes), "minutes"
    if minutes < 48 * 60:
        return round(minutes / 60), "hours"
    return round(minutes / (24 * 60)), "days"


def clock_skew_warning(skew_s: float) -> str:
    """Return a one-line English warning about a clock `skew_s` seconds off the server's (server minus local)."""
    count, unit = clock_skew_amount(skew_s)
    direction = "ahead of" if skew_s < 0 else "behind"
    return (
        f"this computer's clock is {count} {unit} {direction} the server's; "
        "document dates may be wrong, so correct the clock"
    )


def _record_error(replica: Replica, message: str) -> None:
    try:
        with replica.transaction() as session:
            Replica.state(session).last_error = message
    except Exception:  # the original error matters more than this note
        log.exception("recording the sync error in the replica failed")


def set_user_password(connection: ServerConnection, user_id: str, password: str) -> None:
    """Set the password of user `user_id` on the server; the signed-in user must be an administrator.

    Runs online only, because a password must not wait in the outbox. Raises
    ValueError for an empty password, ServerError with code "forbidden" (not
    an administrator) or "user_not_found" (the user.create command has not
    reached the server yet, so sync first), and the transport's SyncErrors.
    """
    if not password:
        raise ValueError("the password is empty; enter a password")
    connection.transport.set_user_password(user_id, password)
    log.info("password of user %s set on the server", user_id)


def verify_replica(
    replica: Replica, server_url: str, username: str, password: str | None = None
) -> VerifyReport:
    connection = sign_in(replica, server_url, username, password)
    try:
        return verify(replica, connection.transport)
    finally:
        connection.close()
