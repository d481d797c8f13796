"""Errors of the client engine. Each carries a message a user can act on."""

from __future__ import annotations

import json
from typing import Any


class SyncError(Exception):
    """A sync step failed; the message states what failed and what to do next."""


class ServerUnreachable(SyncError):
    """The server did not respond, after every retry, or the TLS connection to it failed.

    `reason` is "refused", "no_response", "not_https" or "tls_failed", so a
    client can state the failure in the user's language.
    """

    def __init__(self, message: str, *, server_url: str = "", reason: str = "no_response") -> None:
        super().__init__(message)
        self.server_url = server_url
        self.reason = reason


class InvalidServerAddress(SyncError):
    """The server address is not an http:// or https:// URL with a host; `problem` is "scheme" or "port"."""

    def __init__(self, message: str, *, address: str = "", problem: str = "scheme") -> None:
        super().__init__(message)
        self.address = address
        self.problem = problem


class DataFolderMismatch(SyncError):
    """The data folder belongs to another server or user than the one requested.

    `owner` is "server", "user" or "user_id"; `folder_value` is what the
    folder records, `requested` what the caller asked for ("" for "user_id").
    """

    def __init__(self, message: str, *, owner: str, folder_value: str, requested: str = "") -> None:
        super().__init__(message)
        self.owner = owner
        self.folder_value = folder_value
        self.requested = requested


class AuthRequired(SyncError):
    """The user must sign in again (wrong password, or the server rejected the refresh token)."""


class UserInactive(AuthRequired):
    """The password is right, but an administrator has deactivated the user."""


class UpdateRequired(SyncError):
    """The server no longer serves this client's protocol or schema version."""


class ServerTooOld(UpdateRequired):
    """The server runs an older protocol or schema than this client; the server needs the update."""


class KeyringUnavailable(SyncError):
    """No operating-system credential store (keyring backend) is available."""


class ReplicaTooNew(SyncError):
    """The replica file was migrated by a newer Kaidan than this one."""


class ServerError(SyncError):
    """The server responded with an error body {code, params}."""

    def __init__(self, status: int, code: str, params: dict[str, Any] | None = None) -> None:
        self.status = status
        self.code = code
        self.params = params or {}
        super().__init__(f"server error {status}: {code} {self.params}" if self.params else f"server error {status}: {code}")


def stored_form(error: SyncError) -> str:
    """Encode `error` as JSON for the replica's last_error: its class, its JSON-able attributes and English text.

    A client in any language can rebuild the error with `from_stored_form`
    and show its own translated message, because the attributes are the facts
    the translations use (a server error's code and parameters, a reason).
    """
    attributes = {}
    for name, value in vars(error).items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        attributes[name] = value
    return json.dumps({"type": type(error).__name__, "attributes": attributes, "text": str(error)}, ensure_ascii=False)


def from_stored_form(stored: str | None) -> SyncError | None:
    """Rebuild the error that `stored_form` encoded; None for an empty value or a plain text of an older release."""
    if not stored:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    error_class = globals().get(str(data.get("type")))
    if not (isinstance(error_class, type) and issubclass(error_class, SyncError)):
        return None
    # __new__ skips each class's own __init__, whose arguments differ; the attributes are set as stored.
    error = error_class.__new__(error_class)
    SyncError.__init__(error, str(data.get("text", "")))
    for name, value in dict(data.get("attributes") or {}).items():
        setattr(error, name, value)
    return error


def stored_text(stored: str | None) -> str | None:
    """Return the English text of a stored error, or the stored value itself when it is plain text."""
    error = from_stored_form(stored)
    return str(error) if error is not None else stored
