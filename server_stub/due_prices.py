"""Applying approved price adjustments (调价单) on their effective date, without a user asking.

An adjustment approved ahead of its date waits in status "approved". From
that date on, domain.price_lookup already quotes its prices, on the server
and on every replica, so an offline client quotes right. Applying it copies
the list prices into the product and pack unit rows (read directly by order
entry's unit choices) and marks it applied. The server does that as a
server change, stamped with a change number so replicas pull the new rows.

`DuePriceAdjustments.run_if_new_day` runs at start-up and before each push
and pull, and does work only on the first call of a new date: a date that
has already been checked costs one comparison. The date is the UTC date,
the same `today` that price_adjustment.approve uses.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from domain.commands.framework import Actor, CommandContext
from domain.commands.handlers.prices import ApplyDue, apply_due_adjustments
from domain.ids import new_id
from domain.models import Role
from domain.types import utcnow
from server_stub.admin import server_change
from server_stub.db import Database

log = logging.getLogger(__name__)

# The actor recorded for the server's own changes; apply_due writes no author fields.
SERVER_ACTOR = Actor(user_id="server", role=Role.ADMIN.value, all_scope=True, sees_cost=True)


def apply_due_price_adjustments(db: Database, now: dt.datetime | None = None) -> list[str]:
    """Apply every approved adjustment effective on or before the date of `now`; return their numbers.

    The applied rows are stamped with one change number (none when nothing was due).
    """
    now = now or utcnow()
    with db.write() as session:
        with server_change(session):
            ctx = CommandContext(
                session=session,
                actor=SERVER_ACTOR,
                mutation_id=new_id(),
                device_id=None,
                authoritative=True,
                now=now,
            )
            result = apply_due_adjustments(ctx, ApplyDue())
    applied = result["applied"]
    if applied:
        log.info("applied %d due price adjustments: %s", len(applied), ", ".join(applied))
    return applied


class DuePriceAdjustments:
    """Runs apply_due_price_adjustments once per date, from any request thread."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._checked: dt.date | None = None

    def run_if_new_day(self, now: dt.datetime | None = None) -> None:
        """Apply the due adjustments unless that was already done for the date of `now`.

        A failure is logged and the date stays unchecked, so the next request
        tries again; the request itself goes on, because the lookup quotes the
        due prices anyway.
        """
        now = now or utcnow()
        today = now.date()
        if self._checked == today:
            return
        with self._lock:
            if self._checked == today:
                return
            try:
                apply_due_price_adjustments(self.db, now)
            except Exception:
                log.exception("applying the price adjustments due on %s failed; retrying on the next request", today)
                return
            self._checked = today
