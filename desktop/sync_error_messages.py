"""Translated messages of the sync engine's typed errors that carry their facts as attributes.

Each message is a clause that reads inside a frame such as "sync failed:
{reason}". The engine's own English text stays in the exception for logs.
"""

from __future__ import annotations

from desktop.i18n import translate
from sync import errors as sync_errors
from sync.transport import SERVER_URL_EXAMPLE

CONTEXT = "SyncErrors"


def sync_error_message(error: sync_errors.SyncError) -> str | None:
    """Return the translated message of an unreachable server, an invalid address or a data folder of
    another server or user; None for any other error."""
    if isinstance(error, sync_errors.ServerUnreachable):
        return _unreachable(error)
    if isinstance(error, sync_errors.InvalidServerAddress):
        if error.problem == "port":
            return translate(
                "SyncErrors", "invalid port in the server address '{address}': expected an address like {example}"
            ).format(address=error.address, example=SERVER_URL_EXAMPLE)
        return translate(
            "SyncErrors", "invalid server address '{address}': expected http:// or https:// and a host, e.g. {example}"
        ).format(address=error.address, example=SERVER_URL_EXAMPLE)
    if isinstance(error, sync_errors.DataFolderMismatch):
        return _mismatch(error)
    return None


def _unreachable(error: sync_errors.ServerUnreachable) -> str:
    if error.reason == "refused":
        text = translate(
            "SyncErrors",
            "could not connect to the server at {server} (connection refused). "
            "Check that the server is running and the address is right, then sync again.",
        )
    elif error.reason == "not_https":
        text = translate(
            "SyncErrors",
            "the server at {server} does not speak HTTPS. Use http:// or configure TLS on the server.",
        )
    elif error.reason == "tls_failed":
        text = translate(
            "SyncErrors",
            "the secure (TLS) connection to the server at {server} failed. "
            "Check the address and the server's certificate.",
        )
    else:
        text = translate(
            "SyncErrors",
            "the server at {server} did not respond. Check the address and the network, then sync again.",
        )
    return text.format(server=error.server_url)


def _mismatch(error: sync_errors.DataFolderMismatch) -> str:
    if error.owner == "server":
        text = translate(
            "SyncErrors", "this data folder belongs to the server {folder_value}, not {requested}. Use another --data-dir."
        )
    elif error.owner == "user":
        text = translate(
            "SyncErrors", "this data folder belongs to the user '{folder_value}', not '{requested}'. Use another --data-dir."
        )
    else:
        text = translate(
            "SyncErrors", "this data folder belongs to another user (id {folder_value}). Use another --data-dir."
        )
    return text.format(folder_value=error.folder_value, requested=error.requested)
