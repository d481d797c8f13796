"""User messages for the codes that commands, flags and the server return.

Handlers and the server report problems as a code with parameters
({"code": "insufficient_stock", "params": {...}}); this module turns each
code into one translated sentence. Every template is a literal inside
QCoreApplication.translate so that lupdate finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

CONTEXT = "Messages"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _templates() -> dict[str, str]:
    """Return the translated template of every known code, in the current language."""
    translate = QCoreApplication.translate
    return {
        # Intentions the handlers reject.
        "insufficient_stock": translate(
            "Messages", "Not enough stock of {product_code}: {requested} requested, {available} available"
        ),
        "customer_inactive": translate("Messages", "Customer {customer_code} {name} is inactive"),
        "warehouse_inactive": translate("Messages", "Warehouse {warehouse_code} is inactive"),
        "product_inactive": translate("Messages", "Line {line_no}: product {product_code} is inactive"),
        "record_deleted": translate("Messages", "{name} has been deleted"),
        "record_exists": translate("Messages", "This record already exists ({table} {id})"),
        "duplicate_number": translate("Messages", "The document number {number} is already in use"),
        "duplicate_code": translate("Messages", "The code {value} is already in use"),
        "required_field": translate("Messages", "The field {field} is required"),
        "order_not_draft": translate("Messages", "Order {number} is no longer a draft (state: {status})"),
        "order_not_submitted": translate("Messages", "Order {number} is not waiting for approval (state: {status})"),
        "order_cancelled": translate("Messages", "Order {number} is cancelled"),
        "order_has_deliveries": translate("Messages", "Order {number} has deliveries and cannot be cancelled"),
        "discount_exceeds_amount": translate("Messages", "Line {line_no}: the discount {discount} exceeds the amount"),
        "quantity_below_minimum": translate(
            "Messages", "Line {line_no}: {quantity} of {product_code} is below the minimum order quantity {minimum}"
        ),
        "quantity_above_maximum": translate(
            "Messages", "Line {line_no}: {quantity} of {product_code} is above the maximum order quantity {maximum}"
        ),
        # Reasons an order waits for a manager's approval.
        "credit_limit_exceeded": translate(
            "Messages", "Credit limit {credit_limit} exceeded: {credit_used} used, this order {order_amount}"
        ),
        "overdue_receivables": translate("Messages", "The customer has overdue receivables of {overdue_amount}"),
        "price_below_lowest": translate(
            "Messages", "The price {unit_price} of {product_code} is below its lowest price {lowest_price}"
        ),
        "discount_above_limit": translate(
            "Messages", "The discount {discount_percent} on {product_code} is above the limit {max_discount_percent}"
        ),
        # Flags raised on posted facts.
        "negative_stock": translate("Messages", "Stock of {product_code} went below zero (on hand {on_hand})"),
        "customer_deleted": translate("Messages", "Customer {customer_code} {name} had been deleted"),
        "supplier_deleted": translate("Messages", "Supplier {supplier_code} {name} had been deleted"),
        "order_not_approved": translate("Messages", "Order {order_number} was not approved when it shipped"),
        "order_customer_mismatch": translate("Messages", "Order {order_number} belongs to another customer"),
        "over_delivery": translate(
            "Messages", "More of {product_code} delivered than ordered on {order_number}: {delivered} of {ordered}"
        ),
        "late_closed_period": translate(
            "Messages", "Dated {document_date} in the closed period {period}; posted on {posting_date}"
        ),
        "allocation_capped": translate(
            "Messages", "Only {allocated} of {requested} could be allocated to delivery {delivery_number}"
        ),
        # Framework and server errors.
        "depends_on_refused": translate("Messages", "Held because an earlier change it depends on was rejected"),
        "not_authorized": translate("Messages", "Your role may not do this"),
        "out_of_scope": translate("Messages", "This is outside your department or warehouses"),
        "invalid_payload": translate("Messages", "The document is incomplete or invalid"),
        "unknown_command": translate("Messages", "The server does not know this command; update Kaidan"),
        "not_authenticated": translate("Messages", "Please sign in again"),
        "forbidden": translate("Messages", "You may not do this"),
        "not_found": translate("Messages", "Not found on the server"),
        "internal_error": translate("Messages", "The server failed; try again later"),
    }


class _KeepMissing(dict):
    """Format parameters that leave a placeholder it has no value for as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Return the user message for `code` with `params` filled in, in the current language.

    An unknown code still gives a readable message that names the code, so
    a newer server's refusal is never shown blank.
    """
    values = _KeepMissing({key: _display(value) for key, value in (params or {}).items()})
    template = _templates().get(code)
    if template is None:
        log.warning("no message for code %r; showing the code", code)
        return _tr("The operation was rejected ({code})").format(code=code)
    return template.format_map(values)


def messages_for(entries: list[Mapping[str, Any]] | None) -> list[str]:
    """Return the messages of a list of {"code", "params"} entries (warnings, flags, reasons)."""
    return [message_for(str(entry.get("code", "")), entry.get("params") or {}) for entry in entries or []]


def _display(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def role_label(role: str | None) -> str:
    """Return the translated name of a user role ("warehouse" is shown as warehouse keeper)."""
    translate = QCoreApplication.translate
    labels = {
        "clerk": translate("Roles", "order clerk"),
        "warehouse": translate("Roles", "warehouse keeper"),
        "finance": translate("Roles", "finance"),
        "manager": translate("Roles", "manager"),
        "admin": translate("Roles", "administrator"),
    }
    if role is None:
        return translate("Roles", "no role")
    return labels.get(role, role)
