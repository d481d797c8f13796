"""Departments, warehouses, users, sales regions, customer categories and money accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from argon2 import PasswordHasher

from domain.ids import key_id
from domain.models import CompanySetting, CustomerCategory, Department, MoneyAccount, SalesRegion, User, Warehouse
from domain.print_templates import all_default_templates, template_row
from server_stub.demo.chinese import REGIONS
from server_stub.demo.ids import SeededIds
from server_stub.demo.registry import Registry
from server_stub.demo.sources import JshErp, Northwind, parse_decimal
from server_stub.demo.stamping import BatchStamper
from server_stub.demo.users import (
    DEMO_USERS,
    EXPORT_DEPARTMENT,
    HEADQUARTERS,
    NORTHWIND_EMPLOYEE_PASSWORD,
    northwind_username,
)
from server_stub.tables import Credential

# Code, name, parent code.
DEPARTMENTS = (
    (HEADQUARTERS, "总部", None),
    ("EAST", "华东销售部", HEADQUARTERS),
    ("SOUTH", "华南销售部", HEADQUARTERS),
    (EXPORT_DEPARTMENT, "外贸部", HEADQUARTERS),
)

# One warehouse per department: code, name, department, negative-stock policy, address.
DEPARTMENT_WAREHOUSES = (
    ("WH-HQ", "总部中心仓", HEADQUARTERS, "allow", "江苏省南通市崇川区工农路88号"),
    ("WH-EAST", "华东仓（上海）", "EAST", "block", "上海市嘉定区叶城路1288号"),
    ("WH-SOUTH", "华南仓（广州）", "SOUTH", "warn", "广东省广州市白云区太和镇大源北路66号"),
    ("WH-EXPORT", "外贸仓（宁波）", EXPORT_DEPARTMENT, "warn", "浙江省宁波市北仑区保税区港东大道9号"),
)
# The jshERP warehouses belong to headquarters, each with a different policy.
JSHERP_WAREHOUSE_POLICIES = ("block", "warn", "allow")
# The demo company's name, printed at the top of its delivery notes, quotations and return notes.
COMPANY_NAME = "开单演示商贸有限公司"

# Code, name, payment terms in days, price level, default credit limit.
CUSTOMER_CATEGORIES = (
    ("WHOLESALE", "批发客户", 30, "wholesale", Decimal("50000")),
    ("RETAIL", "零售门店", 15, "retail", Decimal("10000")),
    ("CATERING", "餐饮企业", 30, "wholesale", Decimal("20000")),
    ("KEY", "重点客户", 60, "key_account", Decimal("200000")),
    ("EXPORT", "外贸客户", 45, "export", Decimal("100000")),
)

# Regions of the Northwind customers, by country.
FOREIGN_REGIONS = {
    "EU": ("欧洲", ("Austria", "Belgium", "Denmark", "Finland", "France", "Germany", "Ireland", "Italy",
                   "Norway", "Poland", "Portugal", "Spain", "Sweden", "Switzerland", "UK")),
    "NA": ("北美", ("Canada", "Mexico", "USA")),
    "SA": ("南美", ("Argentina", "Brazil", "Venezuela")),
}


def region_for_country(country: str | None) -> str:
    for code, (_, countries) in FOREIGN_REGIONS.items():
        if country in countries:
            return code
    return "EU"


def insert_organisation(
    stamper: BatchStamper, registry: Registry, ids: SeededIds, at: dt.datetime,
    northwind: Northwind, jsherp: JshErp,
) -> None:
    stamper.add(CompanySetting(id=key_id("company_setting", "company_name"), key="company_name", value=COMPANY_NAME))
    # Every PC prints with these until an administrator edits them (print_template.save).
    for template in all_default_templates():
        stamper.add(template_row(template))
    for code, name, parent in DEPARTMENTS:
        row_id = ids.new(at)
        stamper.add(Department(id=row_id, code=code, name=name, parent_id=registry.departments.get(parent)))
        registry.departments[code] = row_id
    stamper.finish_batch()

    for position, depot in enumerate(sorted(jsherp.depots, key=lambda row: int(row["sort"] or 0))):
        code = f"JSH-{depot['id']}"
        _add_warehouse(stamper, registry, ids, at, code, depot["name"], HEADQUARTERS,
                       JSHERP_WAREHOUSE_POLICIES[position % len(JSHERP_WAREHOUSE_POLICIES)], depot["address"])
    for code, name, department, policy, address in DEPARTMENT_WAREHOUSES:
        _add_warehouse(stamper, registry, ids, at, code, name, department, policy, address)

    for code, (name, _, _) in REGIONS.items():
        _add_region(stamper, registry, ids, at, code, name)
    for code, (name, _) in FOREIGN_REGIONS.items():
        _add_region(stamper, registry, ids, at, code, name)

    for code, name, terms, level, limit in CUSTOMER_CATEGORIES:
        row_id = ids.new(at)
        stamper.add(CustomerCategory(id=row_id, code=code, name=name, payment_terms_days=terms,
                                     price_level=level, default_credit_limit=limit))
        registry.customer_categories[code] = row_id

    for account in jsherp.accounts:
        code = f"JSH-A{account['id']}"
        row_id = ids.new(at)
        stamper.add(MoneyAccount(
            id=row_id, code=code, name=account["name"], account_type="bank",
            bank_account_number=account["serial_no"],
            opening_balance=parse_decimal(account["initial_amount"]).quantize(Decimal("0.01")),
        ))
        registry.accounts[code] = row_id
    row_id = ids.new(at)
    stamper.add(MoneyAccount(id=row_id, code="CASH", name="现金", account_type="cash", opening_balance=Decimal(0)))
    registry.accounts["CASH"] = row_id
    stamper.finish_batch()

    _insert_users(stamper, registry, ids, at, northwind)
    stamper.finish_batch()
    for shipper in northwind.shippers:
        registry.carriers[int(shipper["ShipperID"])] = shipper["CompanyName"]


def _add_warehouse(stamper, registry, ids, at, code, name, department, policy, address) -> None:
    row_id = ids.new(at)
    stamper.add(Warehouse(id=row_id, code=code, name=name, department_id=registry.departments[department],
                          negative_stock_policy=policy, address=address))
    registry.warehouses[code] = row_id
    registry.warehouse_departments[code] = department


def _add_region(stamper, registry, ids, at, code, name) -> None:
    row_id = ids.new(at)
    stamper.add(SalesRegion(id=row_id, code=code, name=name))
    registry.regions[code] = row_id


def _insert_users(stamper: BatchStamper, registry: Registry, ids: SeededIds, at: dt.datetime,
                  northwind: Northwind) -> None:
    hasher = PasswordHasher()
    session = stamper.session
    for user in DEMO_USERS:
        row_id = ids.new(at)
        stamper.add(User(id=row_id, username=user.username, display_name=user.display_name, role=user.role,
                         department_id=registry.departments.get(user.department_code)))
        session.add(Credential(user_id=row_id, password_hash=hasher.hash(user.password), failed_attempts=0,
                               changed_at=at))
        registry.users[user.username] = row_id
    # The employees share one password, so one hash serves them all, because
    # argon2 hashing is deliberately slow.
    employee_hash = hasher.hash(NORTHWIND_EMPLOYEE_PASSWORD)
    for employee in northwind.employees:
        username = northwind_username(employee["FirstName"], employee["LastName"])
        row_id = ids.new(at)
        stamper.add(User(id=row_id, username=username,
                         display_name=f"{employee['FirstName']} {employee['LastName']}", role="clerk",
                         department_id=registry.departments[EXPORT_DEPARTMENT], phone=employee["HomePhone"]))
        session.add(Credential(user_id=row_id, password_hash=employee_hash, failed_attempts=0, changed_at=at))
        registry.users[username] = row_id
        registry.employees[int(employee["EmployeeID"])] = row_id
