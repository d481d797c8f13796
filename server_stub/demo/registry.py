"""Maps from codes to ids of the demo's master data, for the posting steps to refer to."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal


@dataclasses.dataclass
class ProductInfo:
    id: str
    code: str
    base_unit: str
    list_price: Decimal
    purchase_price: Decimal
    tax_rate: Decimal
    supplier_code: str
    # Pack unit name -> (factor, price), for lines sold by the case.
    pack_units: dict[str, tuple[Decimal, Decimal]] = dataclasses.field(default_factory=dict)
    # Base quantity one replenishment receipt adds on top of the shortfall.
    reorder_quantity: int = 100


@dataclasses.dataclass
class CustomerInfo:
    id: str
    code: str
    name: str
    department_code: str
    category_code: str
    owner_id: str | None
    warehouse_code: str
    address: str | None
    payment_terms_days: int


@dataclasses.dataclass
class Registry:
    """Codes to ids of the rows the master-data steps inserted."""

    opening_date: dt.date
    departments: dict[str, str] = dataclasses.field(default_factory=dict)
    warehouses: dict[str, str] = dataclasses.field(default_factory=dict)
    warehouse_departments: dict[str, str] = dataclasses.field(default_factory=dict)
    users: dict[str, str] = dataclasses.field(default_factory=dict)
    # Northwind EmployeeID -> user id.
    employees: dict[int, str] = dataclasses.field(default_factory=dict)
    regions: dict[str, str] = dataclasses.field(default_factory=dict)
    customer_categories: dict[str, str] = dataclasses.field(default_factory=dict)
    accounts: dict[str, str] = dataclasses.field(default_factory=dict)
    suppliers: dict[str, str] = dataclasses.field(default_factory=dict)
    products: dict[str, ProductInfo] = dataclasses.field(default_factory=dict)
    customers: dict[str, CustomerInfo] = dataclasses.field(default_factory=dict)
    # Northwind ShipperID -> carrier name.
    carriers: dict[int, str] = dataclasses.field(default_factory=dict)
    # Product codes to deactivate once the order history is posted.
    discontinued_products: list[str] = dataclasses.field(default_factory=list)
    # jshERP stock on hand: (product code, warehouse code) -> base quantity.
    jsherp_stock: dict[tuple[str, str], Decimal] = dataclasses.field(default_factory=dict)
