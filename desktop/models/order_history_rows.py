"""An order's history as the order form lists it: when, who, what and the details, newest first.

`load_history` reads the OrderHistory rows that the order, approval,
delivery and verification handlers write (see
domain.commands.handlers.order_history) and runs inside a task.
`describe` turns one row into translated texts in the GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.order_format import format_money, format_price, format_quantity, state_label
from desktop.models.row_list_model import RowListModel
from domain.models import OrderEvent, OrderHistory, OrderStatus, Product, SalesOrderLine, User

# Rows one command writes share occurred_at; the events' declaration order is the order they happen in.
EVENT_ORDER = {event.value: position for position, event in enumerate(OrderEvent)}


@dataclasses.dataclass(frozen=True)
class HistoryRecord:
    """One OrderHistory row with its author's display name and the labels of the order lines it names."""

    occurred_at: dt.datetime
    author: str
    event: str
    reason: str
    before: dict[str, Any]
    after: dict[str, Any]
    # Order line id -> (line number, product code), for the lines a verification names.
    line_labels: dict[str, tuple[int, str]]


@dataclasses.dataclass(frozen=True)
class HistoryText:
    """The translated texts of one history row."""

    when: str
    who: str
    what: str
    details: str


def load_history(session: Session, order_id: str) -> list[HistoryRecord]:
    """Return the history of order `order_id`, newest first."""
    rows = session.execute(
        select(OrderHistory, User.display_name)
        .outerjoin(User, User.id == OrderHistory.user_id)
        .where(OrderHistory.order_id == order_id)
    ).all()
    lines = session.execute(
        select(SalesOrderLine.id, SalesOrderLine.line_no, Product.code)
        .join(Product, Product.id == SalesOrderLine.product_id)
        .where(SalesOrderLine.order_id == order_id)
    ).all()
    labels = {line_id: (line_no, code) for line_id, line_no, code in lines}
    records = [
        HistoryRecord(row.occurred_at, name or "", row.event, row.reason or "", dict(row.before or {}),
                      dict(row.after or {}), labels)
        for row, name in rows
    ]
    records.sort(key=lambda record: (record.occurred_at, EVENT_ORDER.get(record.event, -1)), reverse=True)
    return records


def event_label(event: str) -> str:
    """Return the translated name of a history event."""
    labels = {
        "created": translate("OrderHistory", "Created"),
        "edited": translate("OrderHistory", "Edited"),
        "submitted": translate("OrderHistory", "Submitted for approval"),
        "approved": translate("OrderHistory", "Approved"),
        "sent_back": translate("OrderHistory", "Sent back"),
        "refused": translate("OrderHistory", "Rejected by the server"),
        "cancelled": translate("OrderHistory", "Cancelled"),
        "delivered": translate("OrderHistory", "Delivered"),
        "completed": translate("OrderHistory", "Completed"),
        "verified": translate("OrderHistory", "Verified"),
        "printed": translate("OrderHistory", "Printed"),
    }
    return labels.get(event, event)


def field_label(field: str) -> str:
    """Return the translated name of an order field an edit changed."""
    labels = {
        "number": translate("OrderHistory", "Number"),
        "customer_id": translate("OrderHistory", "Customer"),
        "warehouse_id": translate("OrderHistory", "Warehouse"),
        "department_id": translate("OrderHistory", "Department"),
        "salesperson_id": translate("OrderHistory", "Salesperson"),
        "document_date": translate("OrderHistory", "Date"),
        "delivery_date_wanted": translate("OrderHistory", "Delivery wanted"),
        "prices_include_tax": translate("OrderHistory", "Prices include tax"),
        "freight_amount": translate("OrderHistory", "Freight"),
        "discount_amount": translate("OrderHistory", "Document discount"),
        "total_amount": translate("OrderHistory", "Total"),
        "carrier": translate("OrderHistory", "Carrier"),
        "tracking_number": translate("OrderHistory", "Tracking no."),
        "shipping_address": translate("OrderHistory", "Shipping address"),
        "note": translate("OrderHistory", "Note"),
        "lines": translate("OrderHistory", "Lines"),
    }
    return labels.get(field, field)


def describe(record: HistoryRecord) -> HistoryText:
    """Return the local time, author, event and translated details of one history row."""
    when = record.occurred_at
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return HistoryText(when.astimezone().strftime("%Y-%m-%d %H:%M"), record.author, event_label(record.event),
                       "\n".join(_details(record)))


def _details(record: HistoryRecord) -> list[str]:
    before, after = record.before, record.after
    details = []
    if record.reason:
        details.append(translate("OrderHistory", "Reason: {reason}").format(reason=record.reason))
    if record.event == OrderEvent.EDITED.value:
        details.extend(_edited_fields(before, after))
    elif record.event == OrderEvent.VERIFIED.value:
        details.extend(_verified_lines(record))
    elif _shows_state_change(record):
        details.append(translate("OrderHistory", "State: {before} → {after}").format(
            before=state_label(str(before["status"])), after=state_label(str(after["status"]))))
    if record.event == OrderEvent.CREATED.value and "total_amount" in after:
        details.append(translate("OrderHistory", "Total: ¥{total}").format(total=_money(after["total_amount"])))
    if after.get("delivery_number") and record.event != OrderEvent.COMPLETED.value:
        details.append(translate("OrderHistory", "Delivery note {number}").format(number=after["delivery_number"]))
    details.extend(messages_for(after.get("approval_reasons")))
    return details


def _shows_state_change(record: HistoryRecord) -> bool:
    """Tell whether a row lists its state change.

    A shipment that completes the order writes a delivered row and a completed
    row with the same change, so only the completed row lists it and the
    delivered row names the delivery note.
    """
    before, after = record.before, record.after
    if "status" not in before or "status" not in after or before["status"] == after["status"]:
        return False
    return not (record.event == OrderEvent.DELIVERED.value and after["status"] == OrderStatus.COMPLETED.value)


def _edited_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Name each changed field, with its values where they are plain values rather than ids or lines."""
    details = []
    for field in sorted(after, key=lambda name: (name == "lines", name)):
        label = field_label(field)
        if field == "lines" or field.endswith("_id"):
            details.append(translate("OrderHistory", "{field} changed").format(field=label))
            continue
        old, new = before.get(field), after.get(field)
        if field.endswith("_amount"):
            old, new = _money(old), _money(new)
        details.append(translate("OrderHistory", "{field}: {before} → {after}").format(field=label, before=_plain(old), after=_plain(new)))
    return details


def _verified_lines(record: HistoryRecord) -> list[str]:
    """Describe a verification: its number, each corrected line before → after, and the order total."""
    before, after = record.before, record.after
    details = []
    if after.get("verification_number"):
        details.append(translate("OrderHistory", "Verification {number}").format(number=after["verification_number"]))
    old_lines = {line.get("order_line_id"): line for line in before.get("lines") or []}
    for new_line in after.get("lines") or []:
        line_id = new_line.get("order_line_id")
        old_line = old_lines.get(line_id, {})
        line_no, product = record.line_labels.get(line_id, ("", ""))
        details.append(translate("OrderHistory", "Line {line_no} {product}: quantity {quantity_before} → {quantity_after}, "
                                 "price {price_before} → {price_after}, amount {amount_before} → {amount_after}").format(
            line_no=line_no, product=product,
            quantity_before=_quantity(old_line.get("quantity")), quantity_after=_quantity(new_line.get("quantity")),
            price_before=_price(old_line.get("unit_price")), price_after=_price(new_line.get("unit_price")),
            amount_before=_money(old_line.get("amount")), amount_after=_money(new_line.get("amount")),
        ))
    if "total_amount" in before and "total_amount" in after:
        details.append(translate("OrderHistory", "Total: ¥{before} → ¥{after}").format(
            before=_money(before["total_amount"]), after=_money(after["total_amount"])))
    return details


def _formatted(value: Any, formatter: Callable[[Decimal], str]) -> str:
    """Format a JSON number with `formatter`; a value that is not a number is shown as it is."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return _plain(value)
    return formatter(number)


def _money(value: Any) -> str:
    return _formatted(value, format_money)


def _price(value: Any) -> str:
    return _formatted(value, format_price)


def _quantity(value: Any) -> str:
    return _formatted(value, format_quantity)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("OrderHistory", "yes") if value else translate("OrderHistory", "no")
    return str(value)


class HistoryModel(RowListModel[HistoryText]):
    """The history rows of one order, newest first."""

    COLUMNS = ("when", "who", "what", "details")

    def titles(self) -> tuple[str, ...]:
        return (translate("OrderHistory", "When"), translate("OrderHistory", "Who"), translate("OrderHistory", "What"), translate("OrderHistory", "Details"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Top-aligned, so a row cut to the panel's maximum height still shows its first lines.
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(row, self.COLUMNS[index.column()])
        return None
