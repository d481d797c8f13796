"""The refresh token in the operating system's credential store (keyring), never in a file."""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from sync.errors import KeyringUnavailable

log = logging.getLogger(__name__)

KEYRING_SERVICE = "kaidan"

NO_BACKEND_MESSAGE = (
    "no keyring backend is available to store the sign-in token; "
    "install and unlock the system's credential store (Secret Service, Windows Credential Manager, "
    "macOS Keychain), or pass the password on stdin at every sync"
)


def keyring_key(server_url: str, username: str) -> str:
    """Return the keyring user name for a server and user: "username@server URL"."""
    return f"{username}@{server_url.rstrip('/')}"


def load_refresh_token(server_url: str, username: str) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(server_url, username))
    except NoKeyringError as exc:
        raise KeyringUnavailable(NO_BACKEND_MESSAGE) from exc
    except KeyringError as exc:
        raise KeyringUnavailable(f"reading the sign-in token from the keyring failed: {exc}") from exc


def store_refresh_token(server_url: str, username: str, token: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_key(server_url, username), token)
    except NoKeyringError as exc:
        raise KeyringUnavailable(NO_BACKEND_MESSAGE) from exc
    except KeyringError as exc:
        raise KeyringUnavailable(f"storing the sign-in token in the keyring failed: {exc}") from exc


def forget_refresh_token(server_url: str, username: str) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_key(server_url, username))
    except PasswordDeleteError:
        pass
    except NoKeyringError as exc:
        raise KeyringUnavailable(NO_BACKEND_MESSAGE) from exc
