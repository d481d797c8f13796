"""Raising a duplicate task when a customer looks like an existing one (same USCC, phone or a very similar name).

The USCC (统一社会信用代码) identifies a company, so two customers with the
same one are almost surely the same party. A phone number is weaker but is
what small shops are known by, and a contact's phone counts as the
customer's. The check (domain.customer_checks) runs wherever the handler
runs: on the server against every customer, on a client against its
replica, where a match gives the same task id as on the server.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import or_, select
from stdnum.cn import uscc as uscc_number

from domain.commands.framework import CommandContext
from domain.customer_checks import CustomerMatch, find_duplicate_customers
from domain.models import Customer, CustomerContact, DuplicateTask, MatchField, TaskStatus
from domain.validation import normalized_uscc, parse_phone

log = logging.getLogger(__name__)

POSSIBLE_DUPLICATE = "possible_duplicate"

__all__ = ["POSSIBLE_DUPLICATE", "compact_uscc", "customer_phones", "flag_possible_duplicates", "normalized_uscc",
           "phone_key"]


def compact_uscc(value: str) -> str:
    """Return a USCC without spaces and dashes, in upper case, without checking it."""
    return uscc_number.compact(value)


def phone_key(phone: str | None) -> str | None:
    """Return the digits that identify a phone line, or None for a blank or invalid number.

    "+86 139-1234-5678" and "13912345678" give 13912345678; "+86 871 6512 3456",
    "0871-6512 3456" and "0871-65123456 转 8" give 087165123456.
    """
    if not phone:
        return None
    parsed = parse_phone(phone)
    return parsed.key if parsed is not None else None


def customer_phones(ctx: CommandContext, customer: Customer) -> list[str]:
    """Return the customer's own phone and the phones and mobiles of its live contacts."""
    ctx.session.flush()
    phones = [customer.phone] if customer.phone else []
    for phone, mobile in ctx.session.execute(
        select(CustomerContact.phone, CustomerContact.mobile)
        .where(CustomerContact.customer_id == customer.id, CustomerContact.deleted_at.is_(None))
        .order_by(CustomerContact.id)
    ):
        phones.extend(value for value in (phone, mobile) if value)
    return phones


def _paired_with(ctx: CommandContext, customer_id: str) -> set[str]:
    """Return the ids of the customers a task (open or decided) already links with `customer_id`, in either direction."""
    rows = ctx.session.execute(
        select(DuplicateTask.record_id, DuplicateTask.other_record_id).where(
            DuplicateTask.record_table == "customer",
            or_(DuplicateTask.record_id == customer_id, DuplicateTask.other_record_id == customer_id),
        )
    )
    return {other if record == customer_id else record for record, other in rows}


def flag_possible_duplicates(ctx: CommandContext, customer: Customer, *, created: bool = False) -> list[dict[str, Any]]:
    """Open a duplicate task and raise a flag for each existing customer that looks like `customer`.

    Both customers stay, each with its own orders, because moving an order
    to another customer is a decision for a person (customer.merge). A pair
    that already has a task, even a dismissed one, gets no second task.
    Pass `created` when this command inserted the customer. Its contacts
    are then not looked up, because it has none yet.
    Returns the matches for the command's result.
    """
    if created:
        # check_new_id found no customer row with this id before the insert.
        # A contact is created after its customer (customer_contact.customer_id
        # is a foreign key on the server) and a replica pulls it in that
        # order, so no contact can reference the customer yet.
        phones = [customer.phone] if customer.phone else []
    else:
        phones = customer_phones(ctx, customer)
    found = find_duplicate_customers(
        ctx.session, name=customer.name, uscc=customer.uscc, phones=phones, exclude_id=customer.id,
    )
    # A customer this command inserted has no task yet: its id was new.
    paired = _paired_with(ctx, customer.id) if found and not created else set()
    matches = []
    for match in found:
        if match.customer_id in paired:
            continue
        _open_task(ctx, customer, match)
        matches.append({"id": match.customer_id, "code": match.code, "match_field": match.reason})
        log.info("customer %s may duplicate %s (same %s)", customer.id, match.customer_id, match.reason)
    return matches


def _open_task(ctx: CommandContext, customer: Customer, match: CustomerMatch) -> None:
    # The match carries the other customer's code and name; its row is read
    # only for the department, when the new customer has none.
    department_id = customer.department_id or ctx.session.get(Customer, match.customer_id).department_id
    ctx.session.add(DuplicateTask(
        id=ctx.derived_id("duplicate_task", match.customer_id),
        record_table="customer",
        record_id=customer.id,
        other_record_id=match.customer_id,
        match_field=match.reason,
        match_value=match.value[:200],
        similarity=match.similarity if match.reason == MatchField.NAME.value else None,
        status=TaskStatus.OPEN.value,
        department_id=department_id,
        detected_at=ctx.now,
        mutation_id=ctx.mutation_id,
    ))
    ctx.flag(
        POSSIBLE_DUPLICATE, "customer", customer.id,
        department_id=department_id,
        customer_code=customer.code, name=customer.name,
        other_id=match.customer_id, other_code=match.code, other_name=match.name,
        match_field=match.reason, match_value=match.value,
    )
