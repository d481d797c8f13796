"""The demo's documents as plain data, before anything is posted.

Orders, deliveries and payments are planned first; then `schedule` walks
them in date order with a model of on-hand and reserved stock and inserts the
goods receipts and stock transfers that keep each order confirmable, so no
order of the demo is confirmed against stock that is not there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal


@dataclasses.dataclass(frozen=True)
class PlannedLine:
    product_code: str
    quantity: Decimal
    unit_name: str  # the product's base unit or one of its pack units
    factor: Decimal  # base units per `unit_name`
    unit_price: Decimal  # per `unit_name`, tax included
    discount_percent: Decimal = Decimal(0)  # 0.15 is 15 %

    @property
    def base_quantity(self) -> Decimal:
        return self.quantity * self.factor


@dataclasses.dataclass
class PlannedOrder:
    key: str  # "NW10248" for Northwind order 10248, "CN000001" for generated ones
    customer_code: str
    warehouse_code: str
    salesperson_id: str | None
    order_date: dt.date
    required_date: dt.date | None
    ship_date: dt.date | None  # None: approved, not shipped yet
    lines: list[PlannedLine]
    freight: Decimal = Decimal(0)
    carrier: str | None = None
    shipping_address: str | None = None
    note: str | None = None


@dataclasses.dataclass
class PlannedPayment:
    date: dt.date
    customer_code: str
    # (order key, share of that order's delivery total paid): 1 pays it in full.
    deliveries: list[tuple[str, Decimal]]
    method: str
    account_code: str
    reference: str | None = None


@dataclasses.dataclass
class PlannedReceipt:
    date: dt.date
    warehouse_code: str
    supplier_code: str
    # (product code, base quantity, unit price)
    lines: list[tuple[str, Decimal, Decimal]]
    note: str | None = None


@dataclasses.dataclass
class PlannedTransfer:
    date: dt.date
    from_warehouse_code: str
    to_warehouse_code: str
    lines: list[tuple[str, Decimal]]  # (product code, base quantity)


@dataclasses.dataclass(frozen=True)
class Step:
    """One thing to post: an order to create and confirm, a shipment, a payment, a receipt or a transfer."""

    kind: str  # "receipt" | "transfer" | "order" | "ship" | "payment"
    date: dt.date
    item: object


# Within one day: stock arrives first, then orders are confirmed, shipped and paid.
PHASES = {"receipt": 0, "transfer": 1, "order": 2, "ship": 3, "payment": 4}
