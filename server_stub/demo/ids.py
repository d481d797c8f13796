"""Seeded UUIDv7 ids, so two builds with the same seed create the same ids.

The timestamp bits come from the record's own date, so ids of the demo's
documents sort by document date as ids of real documents sort by creation.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid


class SeededIds:
    def __init__(self, seed: int) -> None:
        self._random = random.Random(f"ids-{seed}")

    def new(self, at: dt.datetime) -> str:
        """Return a UUIDv7 whose timestamp is `at` and whose other bits come from the seed."""
        millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
        value = (millis << 80) | self._random.getrandbits(80)
        raw = bytearray(value.to_bytes(16, "big"))
        raw[6] = 0x70 | (raw[6] & 0x0F)
        raw[8] = 0x80 | (raw[8] & 0x3F)
        return str(uuid.UUID(bytes=bytes(raw)))
