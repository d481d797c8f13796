"""Company settings set by administrators (an intention).

Settable are the order-rule settings that decide when an order needs a
manager's approval, "max_discount_percent" (a fraction, 0.2 = 20 %, or null
for no limit) and "credit_check" ("approval", "warn" or "off"), and
"company_name", printed on delivery notes, quotations and return notes.
Settings that would change posted figures, such as "cost_per_warehouse",
are not accepted.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import Field
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.admin_org import ADMIN_ROLES
from domain.commands.handlers.fields import Payload
from domain.commands.handlers.order_rules import CREDIT_CHECK_SETTING, MAX_DISCOUNT_SETTING
from domain.ids import key_id
from domain.models import CompanySetting
from domain.money import RATE_QUANTUM

log = logging.getLogger(__name__)

CREDIT_CHECK_MODES = ("approval", "warn", "off")
COMPANY_NAME_SETTING = "company_name"
SETTABLE_KEYS = (MAX_DISCOUNT_SETTING, CREDIT_CHECK_SETTING, COMPANY_NAME_SETTING)
# Maximum length of a company name, so it fits the printed header.
MAX_COMPANY_NAME = 100


class CompanySettingSet(Payload):
    key: str = Field(max_length=80)
    value: str | None = Field(default=None, max_length=MAX_COMPANY_NAME)  # None removes the setting


def _discount_limit(value: str) -> str:
    """Return the limit as a decimal string between 0 and 1 with at most four places."""
    try:
        limit = Decimal(value.strip())
    except InvalidOperation:
        raise CommandRejected("invalid_number", field=MAX_DISCOUNT_SETTING, value=value) from None
    if not limit.is_finite() or not Decimal(0) <= limit <= Decimal(1):
        raise CommandRejected("value_out_of_range", field=MAX_DISCOUNT_SETTING, value=value, minimum="0", maximum="1")
    if limit != limit.quantize(RATE_QUANTUM):
        raise CommandRejected("too_many_decimal_places", field=MAX_DISCOUNT_SETTING, value=value, places=4)
    return str(limit)


def _validated(key: str, value: str | None) -> str | None:
    if key not in SETTABLE_KEYS:
        raise CommandRejected("unknown_setting", key=key)
    if value is None:
        return None
    if key == MAX_DISCOUNT_SETTING:
        return _discount_limit(value)
    if key == COMPANY_NAME_SETTING:
        name = value.strip()
        if not name:
            raise CommandRejected("company_name_blank")
        return name
    if value not in CREDIT_CHECK_MODES:
        raise CommandRejected("invalid_choice", field=key, value=value, choices=", ".join(CREDIT_CHECK_MODES))
    return value


@command("company_setting.set", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=CompanySettingSet)
def set_company_setting(ctx: CommandContext, payload: CompanySettingSet) -> dict[str, Any]:
    """Set or remove one setting, on the row whose id comes from the key, so offline edits meet on one row."""
    value = _validated(payload.key, payload.value)
    row = ctx.session.execute(select(CompanySetting).where(CompanySetting.key == payload.key)).scalar_one_or_none()
    if row is None:
        row = CompanySetting(id=key_id("company_setting", payload.key), key=payload.key)
        ctx.session.add(row)
    row.value = value
    log.info("company setting %s set to %r by %s", payload.key, value, ctx.actor.user_id)
    return {"id": row.id, "key": payload.key, "value": value}
