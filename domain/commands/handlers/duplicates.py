"""Finding a new customer that looks like an existing one (same USCC or phone) and raising a duplicate task.

The USCC (统一社会信用代码) identifies a company, so two customers with the
same one are almost surely the same party. A phone number is weaker but is
what small shops are known by. The check runs wherever the handler runs: on
the server against every customer, on a client against its replica, where
a match gives the same task id as on the server.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import select
from stdnum.cn import uscc as uscc_number
from stdnum.exceptions import ValidationError

from domain.commands.framework import CommandContext, CommandRejected
from domain.models import Customer, DuplicateTask, MatchField, TaskStatus

log = logging.getLogger(__name__)

POSSIBLE_DUPLICATE = "possible_duplicate"
# Shorter digit strings (service numbers such as 110, extensions) do not identify a customer.
MIN_PHONE_DIGITS = 7
# The prefilter compares this many trailing digits in SQL before the full comparison.
PHONE_SUFFIX_DIGITS = 4
# A mainland mobile number has 11 digits and starts with 1.
MOBILE_NUMBER = re.compile(r"1\d{10}")
# A landline in international notation: area code without its 0, then the local number (10 or 11 digits in all).
LANDLINE_WITHOUT_TRUNK = re.compile(r"[2-9]\d{9,10}")


def compact_uscc(value: str) -> str:
    """Return a USCC without spaces and dashes, in upper case."""
    return uscc_number.compact(value)


def normalized_uscc(value: str) -> str:
    """Return the compact USCC, or raise CommandRejected("invalid_uscc") when its length, characters or check digit are wrong."""
    try:
        return uscc_number.validate(value)
    except ValidationError:
        raise CommandRejected("invalid_uscc", field="uscc", value=value) from None


def phone_key(phone: str | None) -> str | None:
    """Return the digits that identify a phone number, or None when too few.

    Separators and the country code (+86, 0086) are dropped, so
    "+86 139-1234-5678" and "13912345678" give the same key. A landline keeps
    its area code with the trunk 0, which international notation drops:
    "+86 871 6512 3456" and "0871-6512 3456" give the same key.
    """
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    for prefix in ("0086", "86"):
        if not digits.startswith(prefix):
            continue
        rest = digits[len(prefix):]
        if MOBILE_NUMBER.fullmatch(rest):
            digits = rest
        elif LANDLINE_WITHOUT_TRUNK.fullmatch(rest):
            digits = "0" + rest
        break
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def _matches(ctx: CommandContext, customer: Customer) -> list[tuple[Customer, str, str]]:
    """Return (other customer, match field, matched value) for every live customer that shares the USCC or phone."""
    found: dict[str, tuple[Customer, str, str]] = {}
    if customer.uscc:
        for other in ctx.session.scalars(
            select(Customer).where(
                Customer.uscc == customer.uscc, Customer.id != customer.id, Customer.deleted_at.is_(None),
            ).order_by(Customer.code)
        ):
            found[other.id] = (other, MatchField.USCC.value, customer.uscc)
    key = phone_key(customer.phone)
    if key is not None:
        # Stored phones keep the user's formatting, so SQL narrows the search
        # by the last digits and the comparison itself uses phone_key.
        # NOTE: a phone stored with a separator inside its last four digits is not found.
        candidates = ctx.session.scalars(
            select(Customer).where(
                Customer.phone.like(f"%{key[-PHONE_SUFFIX_DIGITS:]}"),
                Customer.id != customer.id,
                Customer.deleted_at.is_(None),
            ).order_by(Customer.code)
        )
        for other in candidates:
            if other.id not in found and phone_key(other.phone) == key:
                found[other.id] = (other, MatchField.PHONE.value, key)
    return list(found.values())


def flag_possible_duplicates(ctx: CommandContext, customer: Customer) -> list[dict[str, Any]]:
    """Open a duplicate task and raise a flag for each existing customer that looks like `customer`.

    Both customers stay, each with its own orders, because moving an order
    to another customer is a decision for a person. Returns the matches for
    the command's result.
    """
    matches = []
    for other, field, value in _matches(ctx, customer):
        ctx.session.add(DuplicateTask(
            id=ctx.derived_id("duplicate_task", other.id),
            record_table="customer",
            record_id=customer.id,
            other_record_id=other.id,
            match_field=field,
            match_value=value,
            status=TaskStatus.OPEN.value,
            department_id=customer.department_id or other.department_id,
            detected_at=ctx.now,
            mutation_id=ctx.mutation_id,
        ))
        ctx.flag(
            POSSIBLE_DUPLICATE, "customer", customer.id,
            department_id=customer.department_id or other.department_id,
            customer_code=customer.code, name=customer.name,
            other_id=other.id, other_code=other.code, other_name=other.name,
            match_field=field, match_value=value,
        )
        matches.append({"id": other.id, "code": other.code, "match_field": field})
        log.info("customer %s may duplicate %s (same %s)", customer.id, other.id, field)
    return matches
