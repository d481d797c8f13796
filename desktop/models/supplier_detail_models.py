"""Data of the supplier detail: the header and the tabs of contacts, goods receipts, purchase orders and payables.

The tabs are described as the customer detail's are (desktop.models.detail_tabs),
and their filter is the supplier's id. Payables and
purchase prices reach only roles that may see cost (Replication "cost" and
the hidden cost columns), so for other roles the replica has no payable
rows and NULL amounts. The header therefore reports whether the user sees
cost, and the detail hides the payables tab and the balance otherwise,
rather than showing a misleading zero.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.detail_tabs import contacts_tab, detail_column, owned_rows_tab
from desktop.models.order_models import state_label
from desktop.models.paged_model import Column
from domain.models import GoodsReceipt, PayableEntry, PurchaseOrder, Supplier, SupplierContact, Warehouse
from domain.permissions import role_sees_cost

log = logging.getLogger(__name__)

CONTEXT = "SupplierDetail"

ENTRY_TYPES = {
    "opening": QT_TRANSLATE_NOOP("SupplierDetail", "Opening balance"),
    "receipt": QT_TRANSLATE_NOOP("SupplierDetail", "Goods receipt"),
    "purchase_return": QT_TRANSLATE_NOOP("SupplierDetail", "Purchase return"),
    "payment": QT_TRANSLATE_NOOP("SupplierDetail", "Payment"),
    "payment_reversal": QT_TRANSLATE_NOOP("SupplierDetail", "Payment reversal"),
    "adjustment": QT_TRANSLATE_NOOP("SupplierDetail", "Adjustment"),
    "receivable_offset": QT_TRANSLATE_NOOP("SupplierDetail", "Offset against receivables"),
    "transfer": QT_TRANSLATE_NOOP("SupplierDetail", "Transfer"),
}
RECEIPT_STATES = {
    "posted": QT_TRANSLATE_NOOP("SupplierDetail", "Posted"),
    "reversed": QT_TRANSLATE_NOOP("SupplierDetail", "Reversed"),
}
PURCHASE_ORDER_STATES = {
    "partly_received": QT_TRANSLATE_NOOP("SupplierDetail", "Partly received"),
}


@dataclasses.dataclass(frozen=True)
class SupplierHeader:
    id: str
    code: str
    name: str
    phone: str
    address: str
    payment_terms_days: int | None
    sees_cost: bool
    # What is owed to the supplier (sum of its payable entries); None when the user does not see cost.
    balance: Decimal | None
    active: bool
    deleted: bool


def load_header(session: Session, supplier_id: str, role: str | None) -> SupplierHeader | None:
    """Read the supplier's header; None when it is not in the replica."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        return None
    sees_cost = role is not None and role_sees_cost(session, role)
    balance = None
    if sees_cost:
        # Entries are exact two-place amounts, so the sum needs no rounding.
        total = session.execute(
            select(func.coalesce(func.sum(PayableEntry.amount), 0)).where(PayableEntry.supplier_id == supplier_id)
        ).scalar_one()
        balance = Decimal(total).quantize(Decimal("0.01"))
    return SupplierHeader(
        id=supplier.id, code=supplier.code, name=supplier.name, phone=supplier.phone or "",
        address=supplier.address or "", payment_terms_days=supplier.payment_terms_days, sees_cost=sees_cost,
        balance=balance, active=bool(supplier.active), deleted=supplier.deleted_at is not None,
    )


def _column(key: str, title: str, width: int = 0, *, right: bool = False) -> Column:
    return detail_column(CONTEXT, key, title, width, right=right)


def _warehouse_names(session: Session, rows: list[dict[str, Any]]) -> None:
    ids = {row["warehouse_id"] for row in rows if row["warehouse_id"]}
    names = dict(session.execute(select(Warehouse.id, Warehouse.name).where(Warehouse.id.in_(ids))).all()) if ids else {}
    for row in rows:
        row["warehouse"] = names.get(row["warehouse_id"], "")
        row["state"] = _state_text(row["status"], RECEIPT_STATES)


def _order_states(session: Session, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        source = PURCHASE_ORDER_STATES.get(row["status"])
        row["state"] = translate(CONTEXT, source) if source is not None else state_label(row["status"])


def _entry_types(session: Session, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row["entry"] = _state_text(row["entry_type"], ENTRY_TYPES)


def _state_text(value: str | None, labels: dict[str, str]) -> str:
    if value is None:
        return ""
    source = labels.get(value)
    return translate(CONTEXT, source) if source is not None else value


CONTACTS = contacts_tab(QT_TRANSLATE_NOOP("SupplierDetail", "Contacts"), SupplierContact, "supplier_id")

RECEIPTS = owned_rows_tab(
    "receipts", QT_TRANSLATE_NOOP("SupplierDetail", "Goods receipts"),
    (
        _column("number", QT_TRANSLATE_NOOP("SupplierDetail", "Number"), 130),
        _column("document_date", QT_TRANSLATE_NOOP("SupplierDetail", "Date"), 95),
        _column("warehouse", QT_TRANSLATE_NOOP("SupplierDetail", "Warehouse"), 110),
        _column("state", QT_TRANSLATE_NOOP("SupplierDetail", "Status"), 90),
        _column("due_date", QT_TRANSLATE_NOOP("SupplierDetail", "Due"), 95),
        _column("total_amount", QT_TRANSLATE_NOOP("SupplierDetail", "Amount"), 100, right=True),
    ),
    GoodsReceipt, "supplier_id", ("number", "document_date", "warehouse_id", "status", "due_date", "total_amount"),
    tables=frozenset({"goods_receipt", "warehouse"}),
    formats=(("document_date", "date"), ("due_date", "date"), ("total_amount", "money")),
    extend=_warehouse_names,
)

PURCHASE_ORDERS = owned_rows_tab(
    "purchase_orders", QT_TRANSLATE_NOOP("SupplierDetail", "Purchase orders"),
    (
        _column("number", QT_TRANSLATE_NOOP("SupplierDetail", "Number"), 130),
        _column("document_date", QT_TRANSLATE_NOOP("SupplierDetail", "Date"), 95),
        _column("expected_date", QT_TRANSLATE_NOOP("SupplierDetail", "Expected"), 95),
        _column("state", QT_TRANSLATE_NOOP("SupplierDetail", "Status"), 110),
        _column("total_amount", QT_TRANSLATE_NOOP("SupplierDetail", "Amount"), 100, right=True),
    ),
    PurchaseOrder, "supplier_id", ("number", "document_date", "expected_date", "status", "total_amount"),
    formats=(("document_date", "date"), ("expected_date", "date"), ("total_amount", "money")),
    extend=_order_states,
)

PAYABLES = owned_rows_tab(
    "payables", QT_TRANSLATE_NOOP("SupplierDetail", "Payables"),
    (
        _column("posting_date", QT_TRANSLATE_NOOP("SupplierDetail", "Date"), 95),
        _column("entry", QT_TRANSLATE_NOOP("SupplierDetail", "Entry"), 140),
        _column("document_number", QT_TRANSLATE_NOOP("SupplierDetail", "Document"), 130),
        _column("due_date", QT_TRANSLATE_NOOP("SupplierDetail", "Due"), 95),
        _column("amount", QT_TRANSLATE_NOOP("SupplierDetail", "Amount"), 100, right=True),
    ),
    PayableEntry, "supplier_id", ("posting_date", "entry_type", "document_number", "due_date", "amount"),
    order="posting_date",
    formats=(("posting_date", "date"), ("due_date", "date"), ("amount", "money")),
    extend=_entry_types,
)

TABS = (CONTACTS, RECEIPTS, PURCHASE_ORDERS, PAYABLES)
# Tabs shown only to roles that see cost.
COST_TABS = frozenset({"payables"})
