"""Customers with their contacts, shipping addresses and invoicing details."""

from __future__ import annotations

import datetime as dt

from domain.models import Customer
from domain.models.customer_detail import CustomerContact, InvoicingDetails, ShippingAddress
from server_stub.demo.chinese import ChineseCustomer
from server_stub.demo.ids import SeededIds
from server_stub.demo.org import CUSTOMER_CATEGORIES, region_for_country
from server_stub.demo.registry import CustomerInfo, Registry
from server_stub.demo.sources import Northwind
from server_stub.demo.stamping import BatchStamper
from server_stub.demo.users import DEPARTMENT_1, DEPARTMENT_2, EXPORT_DEPARTMENT

NORTHWIND_CATEGORY = "EXPORT"
# The department clerk who owns the Chinese customers of each department.
DEPARTMENT_OWNERS = {DEPARTMENT_1: "clerk", DEPARTMENT_2: "clerk2"}
DEPARTMENT_WAREHOUSE = {DEPARTMENT_1: "WH-EAST", DEPARTMENT_2: "WH-SOUTH", EXPORT_DEPARTMENT: "WH-EXPORT"}
TERMS_BY_CATEGORY = {code: terms for code, _, terms, _, _ in CUSTOMER_CATEGORIES}


def _join(*parts: str | None) -> str:
    return ", ".join(part for part in parts if part)


def insert_northwind_customers(stamper: BatchStamper, registry: Registry, ids: SeededIds, at: dt.datetime,
                               northwind: Northwind) -> None:
    first_employee: dict[str, int] = {}
    ship_addresses: dict[str, list[tuple[str | None, str]]] = {}
    for order in northwind.orders:
        first_employee.setdefault(order.customer_code, order.employee_id)
        known = ship_addresses.setdefault(order.customer_code, [])
        if all(address != order.ship_address for _, address in known):
            known.append((order.ship_name, order.ship_address))

    for row in northwind.customers:
        code = row["CustomerID"]
        customer_id = ids.new(at)
        address = _join(row["Address"], row["City"], row["Region"], row["PostalCode"], row["Country"])
        owner_id = registry.employees.get(first_employee.get(code, 1))
        stamper.add(Customer(
            id=customer_id, code=code, name=row["CompanyName"],
            category_id=registry.customer_categories[NORTHWIND_CATEGORY],
            sales_region_id=registry.regions[region_for_country(row["Country"])],
            owner_id=owner_id, department_id=registry.departments[EXPORT_DEPARTMENT],
            default_warehouse_id=registry.warehouses[DEPARTMENT_WAREHOUSE[EXPORT_DEPARTMENT]],
            phone=row["Phone"], address=address,
        ))
        stamper.add(CustomerContact(id=ids.new(at), customer_id=customer_id, name=row["ContactName"],
                                    position=row["ContactTitle"], phone=row["Phone"], is_primary=True,
                                    note=f"Fax {row['Fax']}" if row["Fax"] else None))
        stamper.add(ShippingAddress(id=ids.new(at), customer_id=customer_id, label="Head office",
                                    recipient_name=row["ContactName"], phone=row["Phone"], city=row["City"],
                                    province=row["Region"], address=address, postal_code=row["PostalCode"],
                                    is_default=True))
        # Orders were shipped to further addresses; keep each as a shipping address.
        for ship_name, ship_address in ship_addresses.get(code, []):
            if ship_address != address:
                stamper.add(ShippingAddress(id=ids.new(at), customer_id=customer_id, label=ship_name,
                                            recipient_name=ship_name, address=ship_address))
        registry.customers[code] = CustomerInfo(
            id=customer_id, code=code, name=row["CompanyName"], department_code=EXPORT_DEPARTMENT,
            category_code=NORTHWIND_CATEGORY, owner_id=owner_id,
            warehouse_code=DEPARTMENT_WAREHOUSE[EXPORT_DEPARTMENT], address=address,
            payment_terms_days=TERMS_BY_CATEGORY[NORTHWIND_CATEGORY],
        )


def insert_chinese_customers(stamper: BatchStamper, registry: Registry, ids: SeededIds, at: dt.datetime,
                             customers: list[ChineseCustomer]) -> None:
    for customer in customers:
        customer_id = ids.new(at)
        owner_id = registry.users[DEPARTMENT_OWNERS[customer.department_code]]
        address = customer.addresses[0].text
        stamper.add(Customer(
            id=customer_id, code=customer.code, name=customer.name,
            category_id=registry.customer_categories[customer.category_code],
            sales_region_id=registry.regions[customer.region_code], owner_id=owner_id,
            department_id=registry.departments[customer.department_code],
            default_warehouse_id=registry.warehouses[DEPARTMENT_WAREHOUSE[customer.department_code]],
            phone=customer.phone, address=address, uscc=customer.uscc,
        ))
        for contact in customer.contacts:
            stamper.add(CustomerContact(id=ids.new(at), customer_id=customer_id, name=contact.name,
                                        position=contact.title, mobile=contact.phone,
                                        is_primary=contact.is_primary))
        for shipping in customer.addresses:
            stamper.add(ShippingAddress(id=ids.new(at), customer_id=customer_id, label=shipping.label,
                                        recipient_name=shipping.recipient, phone=shipping.phone,
                                        province=shipping.province, city=shipping.city, address=shipping.text,
                                        is_default=shipping.is_default))
        if customer.uscc:
            stamper.add(InvoicingDetails(id=ids.new(at), customer_id=customer_id, title=customer.name,
                                         tax_number=customer.uscc, address=address, phone=customer.phone))
        registry.customers[customer.code] = CustomerInfo(
            id=customer_id, code=customer.code, name=customer.name, department_code=customer.department_code,
            category_code=customer.category_code, owner_id=owner_id,
            warehouse_code=DEPARTMENT_WAREHOUSE[customer.department_code], address=address,
            payment_terms_days=TERMS_BY_CATEGORY[customer.category_code],
        )
