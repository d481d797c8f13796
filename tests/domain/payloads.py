"""Payload builders for the handler tests, with ids derived from a label so runs repeat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.domain.conftest import ID, TODAY, fixed_id


def order_payload(label: str, lines: list[dict[str, Any]], *, customer: str = "cust", warehouse: str = "w_block",
                  number: str | None = None, **header: Any) -> dict[str, Any]:
    payload = {
        "id": fixed_id(f"order:{label}"),
        "number": number or f"SO-{label}",
        "customer_id": ID[customer],
        "warehouse_id": ID[warehouse],
        "document_date": TODAY.isoformat(),
        "lines": [],
    }
    payload.update(header)
    for index, line in enumerate(lines):
        entry = {"id": fixed_id(f"order:{label}:line:{index}"), "product_id": ID[line.pop("product", "p1")]}
        entry.update({k: str(v) if not isinstance(v, (bool, type(None))) else v for k, v in line.items()})
        payload["lines"].append(entry)
    return payload


def receipt_payload(label: str, lines: list[tuple[str, str, str]], *, warehouse: str = "w_block",
                    document_date: dt.date = TODAY) -> dict[str, Any]:
    return {
        "id": fixed_id(f"receipt:{label}"),
        "number": f"GR-{label}",
        "warehouse_id": ID[warehouse],
        "supplier_id": ID["supplier"],
        "document_date": document_date.isoformat(),
        "lines": [
            {"id": fixed_id(f"receipt:{label}:line:{i}"), "product_id": ID[product], "quantity": qty, "unit_price": price}
            for i, (product, qty, price) in enumerate(lines)
        ],
    }


def delivery_payload(label: str, lines: list[dict[str, Any]], *, customer: str = "cust", warehouse: str = "w_block",
                     document_date: dt.date = TODAY, **header: Any) -> dict[str, Any]:
    payload = {
        "id": fixed_id(f"delivery:{label}"),
        "number": f"DN-{label}",
        "customer_id": ID[customer],
        "warehouse_id": ID[warehouse],
        "document_date": document_date.isoformat(),
        "lines": [],
    }
    payload.update(header)
    for index, line in enumerate(lines):
        entry = {"id": fixed_id(f"delivery:{label}:line:{index}")}
        if "product" in line:
            entry["product_id"] = ID[line.pop("product")]
        entry.update({k: str(v) if not isinstance(v, (bool, type(None))) else v for k, v in line.items()})
        payload["lines"].append(entry)
    return payload


def payment_payload(label: str, amount: str, *, customer: str = "cust", document_date: dt.date = TODAY,
                    allocations: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": fixed_id(f"payment:{label}"),
        "number": f"PM-{label}",
        "customer_id": ID[customer],
        "amount": amount,
        "method": "bank_transfer",
        "account_id": ID["account"],
        "document_date": document_date.isoformat(),
    }
    if allocations is not None:
        payload["allocations"] = [{"delivery_id": d, "amount": a} for d, a in allocations]
    return payload
