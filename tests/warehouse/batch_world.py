"""The command handler test company (tests.domain.conftest) with batch- and expiry-tracked products.

P001 洗衣粉 tracks nothing; this module adds P101 奶粉, tracked by batch and
expiry date, and P102 螺丝, tracked by batch only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import domain.models as m
from tests.domain.conftest import ID, TODAY, fixed_id

# The ids of tests.domain.conftest with the two tracked products added.
IDS = {**ID, "milk": fixed_id("milk"), "screw": fixed_id("screw")}


def add_tracked_products(session) -> None:
    session.add_all([
        m.Product(id=IDS["milk"], code="P101", name="奶粉", base_unit="罐", tax_rate=Decimal("0.13"),
                  list_price=Decimal("120.00"), batch_tracked=True, expiry_tracked=True),
        m.Product(id=IDS["screw"], code="P102", name="螺丝", base_unit="盒", tax_rate=Decimal("0.13"),
                  list_price=Decimal("8.00"), batch_tracked=True),
    ])
    session.commit()


def receipt(label: str, lines: list[dict[str, Any]], *, warehouse: str = "w_allow",
            document_date: dt.date = TODAY) -> dict[str, Any]:
    """Return a goods_receipt.post payload; each line gives product (an ID key), quantity, price and optional batch fields."""
    return {
        "id": fixed_id(f"receipt:{label}"),
        "number": f"GR-{label}",
        "warehouse_id": ID[warehouse],
        "supplier_id": ID["supplier"],
        "document_date": document_date.isoformat(),
        "lines": [
            {"id": fixed_id(f"receipt:{label}:line:{i}"), "product_id": IDS[line["product"]],
             "quantity": line["quantity"], "unit_price": line.get("price", "1.00"),
             **{key: line[key] for key in ("batch_no", "expiry_date", "unit_name") if key in line}}
            for i, line in enumerate(lines)
        ],
    }


def transfer(label: str, source: str, target: str, lines: list[dict[str, Any]],
             *, document_date: dt.date = TODAY) -> dict[str, Any]:
    """Return a stock_transfer.post payload from warehouse `source` to `target` (ID keys)."""
    return {
        "id": fixed_id(f"transfer:{label}"),
        "number": f"TR-{label}",
        "from_warehouse_id": ID[source],
        "to_warehouse_id": ID[target],
        "document_date": document_date.isoformat(),
        "lines": [
            {"id": fixed_id(f"transfer:{label}:line:{i}"), "product_id": IDS[line["product"]],
             "quantity": line["quantity"],
             **{key: line[key] for key in ("batch_no", "expiry_date", "unit_name") if key in line}}
            for i, line in enumerate(lines)
        ],
    }
