"""Data of the customer detail: the header figures and one lazy model per tab.

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
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.order_models import format_money, state_label
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.commands.framework import Actor, CommandContext
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
    )


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
    return Column(key, CONTEXT, title, align_right=right, width=width)


@dataclasses.dataclass(frozen=True)
class TabSpec:
    """One tab of the detail: its title, columns and the query of a customer's rows.

    Rows come newest first by `order_key` (then id) when `descending`, else
    oldest first. Each page continues after the last loaded row (keyset paging).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    tables: frozenset[str]
    query: Callable[[str], Select]
    # The ORM columns the rows are ordered by: the order column (or the id alone) and the id.
    order_column: Any
    id_column: Any
    order_key: str
    descending: bool = True
    # Formats of columns that are not plain text: "money", "date", "bool" or a LABELS kind.
    formats: tuple[tuple[str, str], ...] = ()
    # Adds computed values to loaded rows (in the worker thread).
    extend: Callable[[Session, list[dict[str, Any]]], None] | None = None


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


TABS = (
    TabSpec(
        key="contacts",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Contacts"),
        columns=(
            _column("name", QT_TRANSLATE_NOOP("CustomerDetail", "Name"), 120),
            _column("position", QT_TRANSLATE_NOOP("CustomerDetail", "Position"), 110),
            _column("mobile", QT_TRANSLATE_NOOP("CustomerDetail", "Mobile"), 120),
            _column("phone", QT_TRANSLATE_NOOP("CustomerDetail", "Phone"), 120),
            _column("email", QT_TRANSLATE_NOOP("CustomerDetail", "Email"), 160),
            _column("wechat", QT_TRANSLATE_NOOP("CustomerDetail", "WeChat"), 110),
            _column("is_primary", QT_TRANSLATE_NOOP("CustomerDetail", "Primary"), 60),
        ),
        tables=frozenset({"customer_contact"}),
        query=lambda customer_id: select(
            CustomerContact.id, CustomerContact.name, CustomerContact.position, CustomerContact.mobile,
            CustomerContact.phone, CustomerContact.email, CustomerContact.wechat, CustomerContact.is_primary,
        ).where(CustomerContact.customer_id == customer_id, CustomerContact.deleted_at.is_(None)),
        order_column=CustomerContact.name, id_column=CustomerContact.id, order_key="name", descending=False,
        formats=(("is_primary", "bool"),),
    ),
    TabSpec(
        key="addresses",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Shipping addresses"),
        columns=(
            _column("label", QT_TRANSLATE_NOOP("CustomerDetail", "Label"), 90),
            _column("recipient_name", QT_TRANSLATE_NOOP("CustomerDetail", "Recipient"), 100),
            _column("phone", QT_TRANSLATE_NOOP("CustomerDetail", "Phone"), 120),
            _column("region", QT_TRANSLATE_NOOP("CustomerDetail", "Province / city / district"), 180),
            _column("address", QT_TRANSLATE_NOOP("CustomerDetail", "Address"), 240),
            _column("postal_code", QT_TRANSLATE_NOOP("CustomerDetail", "Postal code"), 80),
            _column("is_default", QT_TRANSLATE_NOOP("CustomerDetail", "Default"), 60),
        ),
        tables=frozenset({"shipping_address"}),
        query=lambda customer_id: select(
            ShippingAddress.id, ShippingAddress.label, ShippingAddress.recipient_name, ShippingAddress.phone,
            ShippingAddress.province, ShippingAddress.city, ShippingAddress.district, ShippingAddress.address,
            ShippingAddress.postal_code, ShippingAddress.is_default,
        ).where(ShippingAddress.customer_id == customer_id, ShippingAddress.deleted_at.is_(None)),
        # Ids are UUIDv7, so id order is the order the addresses were added in.
        order_column=ShippingAddress.id, id_column=ShippingAddress.id, order_key="id", descending=False,
        formats=(("is_default", "bool"),),
    ),
    TabSpec(
        key="invoicing",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Invoicing details"),
        columns=(
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
        tables=frozenset({"invoicing_details"}),
        query=lambda customer_id: select(
            InvoicingDetails.id, InvoicingDetails.title, InvoicingDetails.tax_number,
            InvoicingDetails.default_invoice_type, InvoicingDetails.bank_name, InvoicingDetails.bank_account,
            InvoicingDetails.address, InvoicingDetails.phone, InvoicingDetails.email, InvoicingDetails.is_default,
        ).where(InvoicingDetails.customer_id == customer_id, InvoicingDetails.deleted_at.is_(None)),
        order_column=InvoicingDetails.id, id_column=InvoicingDetails.id, order_key="id", descending=False,
        formats=(("default_invoice_type", "invoice_type"), ("is_default", "bool")),
    ),
    TabSpec(
        key="follow_ups",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Follow-ups"),
        columns=(
            _column("follow_up_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("channel", QT_TRANSLATE_NOOP("CustomerDetail", "Channel"), 90),
            _column("user", QT_TRANSLATE_NOOP("CustomerDetail", "By"), 100),
            _column("content", QT_TRANSLATE_NOOP("CustomerDetail", "Content"), 360),
            _column("next_follow_up_date", QT_TRANSLATE_NOOP("CustomerDetail", "Next follow-up"), 110),
        ),
        tables=frozenset({"follow_up", "app_user"}),
        query=lambda customer_id: select(
            FollowUp.id, FollowUp.follow_up_date, FollowUp.channel, FollowUp.user_id, FollowUp.content,
            FollowUp.next_follow_up_date,
        ).where(FollowUp.customer_id == customer_id),
        order_column=FollowUp.follow_up_date, id_column=FollowUp.id, order_key="follow_up_date",
        formats=(("follow_up_date", "date"), ("channel", "channel"), ("next_follow_up_date", "date")),
        extend=_follow_up_users,
    ),
    TabSpec(
        key="quotations",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Quotations"),
        columns=(
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 90),
            _column("valid_until", QT_TRANSLATE_NOOP("CustomerDetail", "Valid until"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
        ),
        tables=frozenset({"quotation"}),
        query=lambda customer_id: select(
            Quotation.id, Quotation.number, Quotation.document_date, Quotation.status, Quotation.valid_until,
            Quotation.total_amount,
        ).where(Quotation.customer_id == customer_id),
        order_column=Quotation.document_date, id_column=Quotation.id, order_key="document_date",
        formats=(("document_date", "date"), ("status", "status"), ("valid_until", "date"), ("total_amount", "money")),
    ),
    TabSpec(
        key="orders",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Orders"),
        columns=(
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 110),
            _column("delivery_date_wanted", QT_TRANSLATE_NOOP("CustomerDetail", "Wanted by"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
        ),
        tables=frozenset({"sales_order"}),
        query=lambda customer_id: select(
            SalesOrder.id, SalesOrder.number, SalesOrder.document_date, SalesOrder.status,
            SalesOrder.delivery_date_wanted, SalesOrder.total_amount,
        ).where(SalesOrder.customer_id == customer_id),
        order_column=SalesOrder.document_date, id_column=SalesOrder.id, order_key="document_date",
        formats=(("document_date", "date"), ("status", "order_state"), ("delivery_date_wanted", "date"),
                 ("total_amount", "money")),
    ),
    TabSpec(
        key="deliveries",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Deliveries"),
        columns=(
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 90),
            _column("due_date", QT_TRANSLATE_NOOP("CustomerDetail", "Due"), 95),
            _column("total_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Total"), 110, right=True),
            _column("open_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Open"), 110, right=True),
        ),
        tables=frozenset({"delivery_note", "payment_allocation"}),
        query=lambda customer_id: select(
            DeliveryNote.id, DeliveryNote.number, DeliveryNote.document_date, DeliveryNote.status,
            DeliveryNote.due_date, DeliveryNote.total_amount,
        ).where(DeliveryNote.customer_id == customer_id),
        order_column=DeliveryNote.document_date, id_column=DeliveryNote.id, order_key="document_date",
        formats=(("document_date", "date"), ("status", "status"), ("due_date", "date"), ("total_amount", "money"),
                 ("open_amount", "money")),
        extend=_open_amounts,
    ),
    TabSpec(
        key="payments",
        title=QT_TRANSLATE_NOOP("CustomerDetail", "Payments"),
        columns=(
            _column("number", QT_TRANSLATE_NOOP("CustomerDetail", "Number"), 130),
            _column("document_date", QT_TRANSLATE_NOOP("CustomerDetail", "Date"), 95),
            _column("method", QT_TRANSLATE_NOOP("CustomerDetail", "Method"), 110),
            _column("amount", QT_TRANSLATE_NOOP("CustomerDetail", "Amount"), 110, right=True),
            _column("allocated_amount", QT_TRANSLATE_NOOP("CustomerDetail", "Allocated"), 110, right=True),
            _column("status", QT_TRANSLATE_NOOP("CustomerDetail", "Status"), 80),
            _column("reference", QT_TRANSLATE_NOOP("CustomerDetail", "Reference"), 140),
        ),
        tables=frozenset({"payment_received"}),
        query=lambda customer_id: select(
            PaymentReceived.id, PaymentReceived.number, PaymentReceived.document_date, PaymentReceived.method,
            PaymentReceived.amount, PaymentReceived.allocated_amount, PaymentReceived.status,
            PaymentReceived.reference,
        ).where(PaymentReceived.customer_id == customer_id),
        order_column=PaymentReceived.document_date, id_column=PaymentReceived.id, order_key="document_date",
        formats=(("document_date", "date"), ("method", "method"), ("amount", "money"),
                 ("allocated_amount", "money"), ("status", "status")),
    ),
)


class CustomerRecordsModel(PagedTableModel):
    """The rows of one detail tab for one customer (the filter is the customer id), a page at a time."""

    def __init__(self, context: AppContext, spec: TabSpec, parent=None) -> None:
        super().__init__(context, parent)
        self.spec = spec
        self.columns = spec.columns
        self.tables = spec.tables
        self._formats = dict(spec.formats)

    def load_page(self, session: Session, customer_id: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if not customer_id:
            return []
        spec = self.spec
        query = spec.query(customer_id)
        if after is not None:
            value, last_id = after[spec.order_key], after["id"]
            if spec.descending:
                query = query.where(or_(spec.order_column < value, and_(spec.order_column == value, spec.id_column < last_id)))
            else:
                query = query.where(or_(spec.order_column > value, and_(spec.order_column == value, spec.id_column > last_id)))
        if spec.descending:
            query = query.order_by(spec.order_column.desc(), spec.id_column.desc())
        else:
            query = query.order_by(spec.order_column, spec.id_column)
        rows = [dict(row._mapping) for row in session.execute(query.limit(limit))]
        for row in rows:
            if spec.key == "addresses":
                row["region"] = " ".join(part for part in (row["province"], row["city"], row["district"]) if part)
        if spec.extend is not None and rows:
            spec.extend(session, rows)
        return rows

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        # A change can add a row to this customer or move one in the order, so
        # the loaded rows are read again.
        return None

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        kind = self._formats.get(column.key)
        if kind == "bool":
            return "✓" if value else ""
        if value is None:
            return ""
        if kind == "money":
            return format_money(value)
        if kind == "date":
            return value.isoformat()
        if kind == "order_state":
            return state_label(value)
        if kind is not None:
            return label(kind, value)
        return str(value)
