"""Read the Northwind and jshERP CSV copies under resources/datasets.

Both sets are UTF-8 with CRLF line ends and write SQL NULL as an empty field.
Northwind dates are US text (`7/4/1996` in orders, `12/08/1948` for
employees), and its prices have a variable number of decimals. jshERP numbers
are MySQL literals such as `12.000000`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

DATASETS_DIR = Path(__file__).resolve().parents[2] / "resources" / "datasets"
NORTHWIND_DIR = DATASETS_DIR / "northwind"
JSHERP_DIR = DATASETS_DIR / "jsherp"


def read_rows(path: Path) -> list[dict[str, str | None]]:
    """Return the CSV rows as dicts, with empty fields (SQL NULL) as None."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value if value != "" else None) for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def parse_us_date(text: str | None) -> dt.date | None:
    """Parse `M/D/YYYY` or `MM/DD/YYYY`; both forms occur in Northwind."""
    if text is None:
        return None
    month, day, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


def parse_decimal(text: str | None, default: Decimal | None = None) -> Decimal | None:
    if text is None:
        return default
    return Decimal(text.strip())


@dataclasses.dataclass(frozen=True)
class NorthwindOrderLine:
    product_id: int
    unit_price: Decimal
    quantity: int
    discount: Decimal  # a fraction: 0.15 is 15 %


@dataclasses.dataclass(frozen=True)
class NorthwindOrder:
    order_id: int
    customer_code: str
    employee_id: int
    order_date: dt.date
    required_date: dt.date | None
    shipped_date: dt.date | None
    shipper_id: int | None
    freight: Decimal
    ship_name: str | None
    ship_address: str
    lines: tuple[NorthwindOrderLine, ...]


@dataclasses.dataclass
class Northwind:
    customers: list[dict]
    suppliers: list[dict]
    categories: list[dict]
    products: list[dict]
    employees: list[dict]
    shippers: list[dict]
    orders: list[NorthwindOrder]


def _ship_address(row: dict) -> str:
    parts = [row["ShipAddress"], row["ShipCity"], row["ShipRegion"], row["ShipPostalCode"], row["ShipCountry"]]
    return ", ".join(part for part in parts if part)


def load_northwind(folder: Path = NORTHWIND_DIR) -> Northwind:
    lines_by_order: dict[int, list[NorthwindOrderLine]] = {}
    for row in read_rows(folder / "order_details.csv"):
        lines_by_order.setdefault(int(row["OrderID"]), []).append(
            NorthwindOrderLine(
                product_id=int(row["ProductID"]),
                unit_price=parse_decimal(row["UnitPrice"]),
                quantity=int(row["Quantity"]),
                discount=parse_decimal(row["Discount"], Decimal(0)),
            )
        )
    orders = []
    for row in read_rows(folder / "orders.csv"):
        order_id = int(row["OrderID"])
        orders.append(
            NorthwindOrder(
                order_id=order_id,
                customer_code=row["CustomerID"],
                employee_id=int(row["EmployeeID"]),
                order_date=parse_us_date(row["OrderDate"]),
                required_date=parse_us_date(row["RequiredDate"]),
                shipped_date=parse_us_date(row["ShippedDate"]),
                shipper_id=int(row["ShipVia"]) if row["ShipVia"] else None,
                freight=parse_decimal(row["Freight"], Decimal(0)),
                ship_name=row["ShipName"],
                ship_address=_ship_address(row),
                lines=tuple(lines_by_order.get(order_id, ())),
            )
        )
    orders.sort(key=lambda order: (order.order_date, order.order_id))
    return Northwind(
        customers=read_rows(folder / "customers.csv"),
        suppliers=read_rows(folder / "suppliers.csv"),
        categories=read_rows(folder / "categories.csv"),
        products=read_rows(folder / "products.csv"),
        employees=read_rows(folder / "employees.csv"),
        shippers=read_rows(folder / "shippers.csv"),
        orders=orders,
    )


@dataclasses.dataclass
class JshErp:
    accounts: list[dict]
    depots: list[dict]
    materials: list[dict]
    material_extends: list[dict]
    categories: list[dict]
    current_stock: list[dict]
    suppliers: list[dict]
    units: list[dict]


def _live(rows: list[dict], flag: str = "delete_flag") -> list[dict]:
    """Drop rows jshERP marked as deleted (the flag column's case varies by table)."""
    kept = []
    for row in rows:
        value = row.get(flag, row.get(flag.replace("flag", "Flag")))
        if value in (None, "0"):
            kept.append(row)
    return kept


def load_jsherp(folder: Path = JSHERP_DIR) -> JshErp:
    return JshErp(
        accounts=_live(read_rows(folder / "jsh_account.csv")),
        depots=_live(read_rows(folder / "jsh_depot.csv")),
        materials=_live(read_rows(folder / "jsh_material.csv")),
        material_extends=_live(read_rows(folder / "jsh_material_extend.csv")),
        categories=_live(read_rows(folder / "jsh_material_category.csv")),
        current_stock=_live(read_rows(folder / "jsh_material_current_stock.csv")),
        suppliers=_live(read_rows(folder / "jsh_supplier.csv")),
        units=_live(read_rows(folder / "jsh_unit.csv")),
    )
