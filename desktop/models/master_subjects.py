"""What a master-data or administration command is about, for the Sync problems page.

master_subject returns (code, name) of the record a command creates or
changes: a product, promotion, supplier, department, warehouse, brand,
category or user; for a quotation, its number and customer's name.
It reads the replica when the record is there and the payload otherwise,
because a refused create never reached the replica.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from domain.models import (
    AgreedPrice,
    Brand,
    Customer,
    Department,
    PriceAdjustment,
    Product,
    ProductBarcode,
    ProductCategory,
    ProductUnit,
    Promotion,
    Quotation,
    Supplier,
    User,
    Warehouse,
)

# Command prefix -> the model whose code and name describe the command's record.
CODED_RECORDS = {
    "product": Product,
    "promotion": Promotion,
    "supplier": Supplier,
    "department": Department,
    "warehouse": Warehouse,
    "brand": Brand,
    "product_category": ProductCategory,
}

# Commands on a product's parts: the payload's product_id, or the part's own row, names the product.
PRODUCT_PARTS = {"product_barcode": ProductBarcode, "product_unit": ProductUnit}


def master_subject(session: Session, name: str, payload: dict[str, Any]) -> tuple[str, str] | None:
    """Return (code, name) of the record the command is about, or None for a command not described here."""
    prefix = name.split(".", 1)[0]
    record_id = payload.get("id")
    if prefix in CODED_RECORDS:
        return _coded(session, CODED_RECORDS[prefix], record_id, payload)
    if prefix in PRODUCT_PARTS:
        product_id = payload.get("product_id")
        if product_id is None and record_id:
            part = session.get(PRODUCT_PARTS[prefix], record_id)
            product_id = part.product_id if part is not None else None
        return _coded(session, Product, product_id, {})
    if prefix == "supplier_contact":
        supplier_id = payload.get("supplier_id")
        return _coded(session, Supplier, supplier_id, {}) if supplier_id else ("", "")
    if prefix == "user":
        user = session.get(User, record_id) if record_id else None
        if user is not None:
            return user.username, user.display_name
        return str(payload.get("username") or ""), str(payload.get("display_name") or "")
    if prefix == "company_setting":
        return str(payload.get("key") or ""), ""
    if prefix == "print_template":
        return str(payload.get("name") or ""), ""
    if prefix in ("role_permission", "role_profile"):
        command = payload.get("command")
        role = str(payload.get("role") or "")
        return (f"{role} {command}" if command else role), ""
    if prefix == "agreed_price":
        return _agreed_price(session, record_id, payload)
    if prefix == "quotation":
        return _quotation(session, record_id, payload)
    if prefix == "price_adjustment":
        adjustment = session.get(PriceAdjustment, record_id) if record_id else None
        number = adjustment.number if adjustment is not None else payload.get("number")
        return str(number or ""), ""
    return None


def _coded(session: Session, model: type, record_id: Any, payload: dict[str, Any]) -> tuple[str, str]:
    record = session.get(model, record_id) if record_id else None
    if record is not None:
        return record.code, record.name
    return str(payload.get("code") or ""), str(payload.get("name") or "")


def _agreed_price(session: Session, record_id: Any, payload: dict[str, Any]) -> tuple[str, str]:
    customer_id = payload.get("customer_id")
    if customer_id is None and record_id:
        price = session.get(AgreedPrice, record_id)
        customer_id = price.customer_id if price is not None else None
    customer = session.get(Customer, customer_id) if customer_id else None
    return ("", customer.name) if customer is not None else ("", "")


def _quotation(session: Session, record_id: Any, payload: dict[str, Any]) -> tuple[str, str]:
    """Return (quotation number, customer name), from the replica or else from a create's payload."""
    quotation = session.get(Quotation, record_id) if record_id else None
    number = quotation.number if quotation is not None else payload.get("number")
    customer_id = quotation.customer_id if quotation is not None else payload.get("customer_id")
    customer = session.get(Customer, customer_id) if customer_id else None
    return str(number or ""), customer.name if customer is not None else ""
