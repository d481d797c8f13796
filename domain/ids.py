"""Record ids: UUIDv7 text, generated on the client, sortable by creation time."""

from __future__ import annotations

import hashlib
import uuid

import uuid6


def new_id() -> str:
    """Return a new UUIDv7 as 36-character lowercase text."""
    return str(uuid6.uuid7())


def derived_id(parent_id: str, *labels: object) -> str:
    """Return a UUIDv7-shaped id derived from `parent_id` and `labels`.

    Rows that a command creates besides the ones named in its payload (stock
    movements, ledger entries, balances) get derived ids, so the client's
    optimistic run and the server's authoritative run of the same command
    create rows with the same ids. The timestamp bits are copied from the
    parent so derived ids still sort by time; the rest is a SHA-256 of the
    parent and labels with the version and variant bits set as RFC 9562 asks.
    """
    parent = uuid.UUID(parent_id)
    digest = hashlib.sha256(
        (parent_id + "\x1f" + "\x1f".join(str(label) for label in labels)).encode()
    ).digest()
    raw = bytearray(parent.bytes[:6] + digest[:10])
    raw[6] = 0x70 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    return str(uuid.UUID(bytes=bytes(raw)))


def key_id(namespace: str, *parts: object) -> str:
    """Return a deterministic id for a row identified by a natural key.

    Stock balances are keyed by (product, warehouse, batch); both sides must
    create the same row for the same key, wherever it is created first.
    """
    digest = hashlib.sha256(
        (namespace + "\x1f" + "\x1f".join(str(p) for p in parts)).encode()
    ).digest()
    raw = bytearray(digest[:16])
    # Version 8 ("custom") marks these as name-derived rather than time-based.
    raw[6] = 0x80 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    return str(uuid.UUID(bytes=bytes(raw)))
