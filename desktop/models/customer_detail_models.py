"""Data of the customer detail: the header figures and the description of each tab (desktop.models.detail_tabs).

The header's balance, overdue amount, credit limit and credit used come from
the domain's own rules (domain.posting.receivables and the credit check of
domain.commands.handlers.order_rules), so the detail shows the figures an
order confirmation would use. The replica holds only what the user's scope
receives (orders of their departments, deliveries of their warehouses), so
the figures are those of the rows on this computer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.detail_tabs import contacts_tab, detail_column, owned_rows_tab
from desktop.models.paged_model import Column
from domain.commands.framework import Actor, CommandContext, ScopeRef
from domain.commands.handlers.order_rules import credit_limit, open_order_amount
from domain.models import (
    Customer,
    CustomerCategory,
    CustomerContact,
    DeliveryNote,
    FollowUp,
    InvoicingDetails,
    PaymentReceived,
    Quotation,
    SalesOrder,
    ShippingAddress,
    User,
)
from domain.posting import receivables
from sync.local_commands import client_actor
from sync.local_tables import SyncState
from sync.replica import STATE_ROW_ID

log = logging.getLogger(__name__)

CONTEXT = "CustomerDetail"


@dataclasses.dataclass(frozen=True)
class CustomerHeader:
    id: str
    code: str
    name: str
    category: str
    owner: str
    phone: str
    balance: Decimal
    credit_limit: Decimal | None
    credit_used: Decimal
    overdue: Decimal
    active: bool
    deleted: bool
    # True when the customer has no limit of its own and `credit_limit` is its category's default.
    credit_limit_from_category: bool = False
    # False when the customer's department is outside the signed-in user's scope: every customer is
    # replicated to every user, but the commands that change one reject it with out_of_scope.
    in_scope: bool = True


def load_header(session: Session, customer_id: str, today: dt.date) -> CustomerHeader | None:
    """Return the header figures of the customer, or None when the replica has no such customer."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    category = session.get(CustomerCategory, customer.category_id) if customer.category_id else None
    owner = session.get(User, customer.owner_id) if customer.owner_id else None
    # The credit rules take a command context but read only its session; the
    # actor and mutation id are placeholders that they never look at.
    rules = CommandContext(session=session, actor=Actor(user_id="", role=""), mutation_id="", device_id=None,
                           authoritative=False)
    balance = receivables.balance(session, customer.id)
    # The same sum as the credit check of an order: what the customer owes plus
    # the undelivered amount of its approved orders (no order excluded).
    credit_used = balance + open_order_amount(rules, customer.id, exclude_order_id="")
    return CustomerHeader(
        id=customer.id,
        code=customer.code,
        name=customer.name,
        category=category.name if category is not None else "",
        owner=owner.display_name if owner is not None else "",
        phone=customer.phone or "",
        balance=balance,
        credit_limit=credit_limit(rules, customer),
        credit_used=credit_used,
        overdue=receivables.overdue_amount(session, customer.id, today),
        active=bool(customer.active),
        deleted=customer.deleted_at is not None,
        credit_limit_from_category=customer.credit_limit is None and category is not None
        and category.default_credit_limit is not None,
        in_scope=user_may_change(session, customer),
    )


def user_may_change(session: Session, customer: Customer) -> bool:
    """Return whether the signed-in user's scope covers the customer's department, as the commands check it.

    A replica that has never synced has no user yet; the server decides then.
    """
    state = session.get(SyncState, STATE_ROW_ID)
    if state is None or state.user_id is None:
        return True
    return client_actor(session, state).allows(ScopeRef("department", customer.department_id))


# -- enumeration labels -------------------------------------------------------

LABELS = {
    "status": {
        "draft": QT_TRANSLATE_NOOP("CustomerDetail", "Draft"),
        "sent": QT_TRANSLATE_NOOP("CustomerDetail", "Sent"),
        "ordered": QT_TRANSLATE_NOOP("CustomerDetail", "Ordered"),
        "expired": QT_TRANSLATE_NOOP("CustomerDetail", "Expired"),
        "lost": QT_TRANSLATE_NOOP("CustomerDetail", "Lost"),
        "cancelled": QT_TRANSLATE_NOOP("CustomerDetail", "Cancelled"),
        "posted": QT_TRANSLATE_NOOP("CustomerDetail", "Posted"),
        "reversed": QT_TRANSLATE_NOOP("CustomerDetail", "Reversed"),
    },
    "method": {
        "bank_transfer": QT_TRANSLATE_NOOP("CustomerDetail", "Bank transfer"),
        "cash": QT_TRANSLATE_NOOP("CustomerDetail", "Cash"),
        "wechat_pay": QT_TRANSLATE_NOOP("CustomerDetail", "WeChat Pay"),
        "alipay": QT_TRANSLATE_NOOP("CustomerDetail", "Alipay"),
        "acceptance_bill": QT_TRANSLATE_NOOP("CustomerDetail", "Acceptance bill"),
    },
    "channel": {
        "phone": QT_TRANSLATE_NOOP("CustomerDetail", "Phone call"),
        "visit": QT_TRANSLATE_NOOP("CustomerDetail", "Visit"),
        "wechat": QT_TRANSLATE_NOOP("CustomerDetail", "WeChat"),
        "message": QT_TRANSLATE_NOOP("CustomerDetail", "Text message"),
        "email": QT_TRANSLATE_NOOP("CustomerDetail", "Email"),
        "other": QT_TRANSLATE_NOOP("CustomerDetail", "Other"),
    },
    "invoice_type": {
        "vat_special": QT_TRANSLATE_NOOP("CustomerDetail", "VAT special invoice"),
        "vat_general": QT_TRANSLATE_NOOP("CustomerDetail", "VAT general invoice"),
        "e_vat_special": QT_TRANSLATE_NOOP("CustomerDetail", "Electronic VAT special invoice"),
        "e_vat_general": QT_TRANSLATE_NOOP("CustomerDetail", "Electronic VAT general invoice"),
        "other": QT_TRANSLATE_NOOP("CustomerDetail", "Other"),
    },
}


def label(kind: str, value: str | None) -> str:
    """Return the translated name of an enumeration value, or an unknown value as stored."""
    if value is None:
        return ""
    source = LABELS[kind].get(value)
    return translate(CONTEXT, source) if source is not None else value


# -- tabs ----------------------------------------------------------------------


def _column(key: str, title: str, width: int = 0, *, right: bool = False) -> Column:
    return detail_column(CONTEXT, key, title, width, right=right)


def _open_amounts(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add each delivery's open amount: its total minus allocations not reversed (receivables.allocated_to)."""
    for row in rows:
        if row["status"] == "posted":
            row["open_amount"] = row["total_amount"] - receivables.allocated_to(session, row["id"])
        else:
            row["open_amount"] = None


def _follow_up_users(session: Session, rows: list[dict[str, Any]]) -> None:
    ids = {row["user_id"] for row in rows if row["user_id"]}
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}
    for row in rows:
        row["user"] = names.get(row["user_id"], "")


def _address_regions(session: Session, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row["region"] = " ".join(part for part in (row["province"], row["city"], row["district"]) if part)


TABS = (
    contacts_tab(QT_TRANSLATE_NOOP("CustomerDetail", "Contacts"), CustomerContact, "customer_id"),
    owned_rows_tab(
        "addresses", QT_TRANSLATE_NOOP("CustomerDetail", "Shipping addresses"),
        (
            _column("label", QT_TRANSLATE_NOOP("CustomerDetail", "Label"), 90),
            _column("recipient_name", QT_TRANSLATE_NOOP("CustomerDetail", "Recipient"), 100),
            _column("phone", QT_TRANSLATE_NOOP("CustomerDetail", "Phone"), 120),
            _column("region", QT_TRANSLATE_NOOP("CustomerDetail", "Province / city / district"), 180),
            _column("address", QT_TRANSLATE_NOOP("CustomerDetail", "Address"), 240),
            _column("postal_code", QT_TRANSLATE_NOOP("CustomerDetail", "Postal code"), 80),
            _column("is_default", QT_TRANSLATE_NOOP("CustomerDetail", "Default"), 60),
        ),
        ShippingAddress, "customer_id",
        ("label", "recipient_name", "phone", "province", "city", "district", "address", "postal_code", "is_default"),
        # Ids are UUIDv7, so id order is the order the addresses were added in.
        order="id", descending=False, live_only=True,
        formats=(("is_default", "bool"),), extend=_address_regions,
    ),
    owned_rows_tab(
        "invoicing", QT_TRANSLATE_NOOP("CustomerDetail", "Invoicing details"),
        (
            _column("title", QT_TRANSLATE_NOOP("CustomerDetail", "Invoice title"), 200),
            _column("tax_number", QT_TRANSLATE_NOOP("CustomerDetail", "Tax number"), 160),
            _column("default_invoice_type", QT_TRANSLATE_NOOP("CustomerDetail", "Invoice type"), 150),
            _column("bank_name", QT_TRANSLATE_NOOP("CustomerDetail", "Bank"), 140),
            _column("bank_account", QT_TRANSLATE_NOOP("CustomerDetail", "Bank account"), 160),
            _column("address", QT_TRANSLATE_NOOP("CustomerDetail", "Address"), 200),
            _column("phone", QT_TRANSLATE_NOOP("CustomerDetail", "Phone"), 110),
            _column("email", QT_TRANSLATE_NOOP("CustomerDetail", "Email"), 150),
            _column("is_default", QT_TRANSLATE_NOOP("CustomerDetail", "Default"), 60),
        ),
        InvoicingDetails, "customer_id", order="id", descending=False, live_only=True,
        formats=(("default_invoice_type", "invoice_type"), ("is_default", "bool")), label=label,
    ),
    owned_rows_tab(
        "follow_ups", QT_TRANSLATE_NOOP("CustomerDetail", "Follow-ups"),
        (
            _column("follow_up_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("channel", QT_TRANSLATE_NOOP("CustomerDetail", "Channel"), 90),
            _column("user", QT_TRANSLATE_NOOP("CustomerDetail", "By"), 100),
            _column("content", QT_TRANSLATE_NOOP("CustomerDetail", "Content"), 360),
            _column("next_follow_up_date", QT_TRANSLATE_NOOP("CustomerDetail", "Next follow-up"), 110),
        ),
        FollowUp, "customer_id", ("follow_up_date", "channel", "user_id", "content", "next_follow_up_date"),
        order="follow_up_date", tables=frozenset({"follow_up", "app_user"}),
        formats=(("follow_up_date", "date"), ("channel", "channel"), ("next_follow_up_date", "date")),
        extend=_follow_up_users, label=label,
    ),
    owned_rows_tab(
        "quotations", QT_TRANSLATE_NOOP("CustomerDetail", "Quotations"),
        (
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 90),
            _column("valid_until", QT_TRANSLATE_NOOP("CustomerDetail", "Valid until"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
        ),
        Quotation, "customer_id",
        formats=(("document_date", "date"), ("status", "status"), ("valid_until", "date"), ("total_amount", "money")),
        label=label,
    ),
    owned_rows_tab(
        "orders", QT_TRANSLATE_NOOP("CustomerDetail", "Orders"),
        (
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 110),
            _column("delivery_date_wanted", QT_TRANSLATE_NOOP("CustomerDetail", "Wanted by"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
        ),
        SalesOrder, "customer_id",
        formats=(("document_date", "date"), ("status", "order_state"), ("delivery_date_wanted", "date"),
                 ("total_amount", "money")),
    ),
    owned_rows_tab(
        "deliveries", QT_TRANSLATE_NOOP("CustomerDetail", "Deliveries"),
        (
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 90),
            _column("due_date", QT_TRANSLATE_NOOP("CustomerDetail", "Due"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
            _column("open_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Open"), 110, right=True),
        ),
        DeliveryNote, "customer_id", ("number", "document_date", "status", "due_date", "total_amount"),
        tables=frozenset({"delivery_note", "payment_allocation"}),
        formats=(("document_date", "date"), ("status", "status"), ("due_date", "date"), ("total_amount", "money"),
                 ("open_amount", "money")),
        extend=_open_amounts, label=label,
    ),
    owned_rows_tab(
        "payments", QT_TRANSLATE_NOOP("CustomerDetail", "Payments"),
        (
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("method", QT_TRANSLATE_NOOP("CustomerDetail", "Method"), 110),
            _column("amount", QT_TRANSLATE_NOOP("CustomerDetail", "Amount"), 110, right=True),
            _column("allocated_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Allocated"), 110, right=True),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 80),
            _column("reference", QT_TRANSLATE_NOOP("CustomerDetail", "Reference"), 140),
        ),
        PaymentReceived, "customer_id",
        formats=(("document_date", "date"), ("method", "method"), ("amount", "money"),
                 ("allocated_amount", "money"), ("status", "status")),
        label=label,
    ),
)
