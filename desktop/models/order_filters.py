"""The order list's filters and its query, which runs inside a task, off the GUI thread.

Every filter narrows the list (they combine with AND). The product category
and the department match their sub-categories and sub-departments too. An
order matches a category or brand when any of its lines' products has it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from desktop.models.order_models import OrderRow
from domain.models import (
    ApprovalDecision,
    Brand,
    Customer,
    Department,
    OrderApproval,
    Product,
    ProductCategory,
    SalesOrder,
    SalesOrderLine,
    User,
)
from sync.search import COUNT_CAP, search_customers

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SENT_BACK = ApprovalDecision.SENT_BACK.value


@dataclasses.dataclass(frozen=True)
class OrderFilter:
    """The order list's filter values. None or "" turns a filter off, and date ranges include both ends."""

    text: str = ""
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    wanted_from: dt.date | None = None
    wanted_to: dt.date | None = None
    customer_id: str | None = None
    # Typed customer text without a picked customer: the orders of every customer that the customers
    # page's search matches by code, name, phone or pinyin initials. Ignored when customer_id is set.
    customer_text: str = ""
    salesperson_id: str | None = None
    department_id: str | None = None
    category_id: str | None = None
    brand_id: str | None = None


@dataclasses.dataclass(frozen=True)
class FilterChoices:
    """The values the filter bar offers, as (id, label) pairs sorted by label."""

    customers: tuple[tuple[str, str], ...] = ()
    salespeople: tuple[tuple[str, str], ...] = ()
    departments: tuple[tuple[str, str], ...] = ()
    categories: tuple[tuple[str, str], ...] = ()
    brands: tuple[tuple[str, str], ...] = ()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _with_descendants(session: Session, table: Any, root_id: str) -> set[str]:
    """Return `root_id` and the ids below it in a table with `parent_id` (departments and categories are small)."""
    children: dict[str | None, list[str]] = {}
    for row_id, parent_id in session.execute(select(table.id, table.parent_id)):
        children.setdefault(parent_id, []).append(row_id)
    found, pending = set(), [root_id]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, ()))
    return found


def _sent_back_comment():
    """Select the comment of an order's latest send-back, as a correlated subquery on the order_approval.order_id index."""
    return (
        select(OrderApproval.comment)
        .where(OrderApproval.order_id == SalesOrder.id, OrderApproval.decision == SENT_BACK)
        .order_by(OrderApproval.decided_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def filtered_query(session: Session, order_filter: OrderFilter) -> Select:
    """Build the order list's query for `order_filter`, newest first, without paging."""
    query = (
        select(SalesOrder.id, SalesOrder.number, SalesOrder.document_date, Customer.name,
               SalesOrder.status, SalesOrder.total_amount, _sent_back_comment())
        .join(Customer, Customer.id == SalesOrder.customer_id, isouter=True)
    )

    text = order_filter.text.strip()
    if text:
        pattern = _like(text)
        query = query.where(or_(SalesOrder.number.ilike(pattern, escape="\\"), Customer.name.ilike(pattern, escape="\\"),
                                Customer.code.ilike(pattern, escape="\\")))
    if order_filter.status:
        query = query.where(SalesOrder.status == order_filter.status)
    if order_filter.date_from:
        query = query.where(SalesOrder.document_date >= order_filter.date_from)
    if order_filter.date_to:
        query = query.where(SalesOrder.document_date <= order_filter.date_to)
    # NOTE: sales_order.delivery_date_wanted has no index, so this filter walks the document_date index;
    # a range that matches nothing reads all orders (about 120 ms for 100,000 orders on a 2-core VM).
    if order_filter.wanted_from:
        query = query.where(SalesOrder.delivery_date_wanted >= order_filter.wanted_from)
    if order_filter.wanted_to:
        query = query.where(SalesOrder.delivery_date_wanted <= order_filter.wanted_to)
    if order_filter.customer_id:
        query = query.where(SalesOrder.customer_id == order_filter.customer_id)
    elif order_filter.customer_text.strip():
        query = query.where(SalesOrder.customer_id.in_(matching_customer_ids(session, order_filter.customer_text)))
    if order_filter.salesperson_id:
        query = query.where(SalesOrder.salesperson_id == order_filter.salesperson_id)

    if order_filter.department_id:
        departments = _with_descendants(session, Department, order_filter.department_id)
        query = query.where(SalesOrder.department_id.in_(departments))

    # An IN list of order ids: the product's category or brand index finds the products, and the
    # sales_order_line.product_id index finds their lines.
    if order_filter.category_id:
        categories = _with_descendants(session, ProductCategory, order_filter.category_id)
        lines = (select(SalesOrderLine.order_id).join(Product, Product.id == SalesOrderLine.product_id)
                 .where(Product.category_id.in_(categories)))
        query = query.where(SalesOrder.id.in_(lines))
    if order_filter.brand_id:
        lines = (select(SalesOrderLine.order_id).join(Product, Product.id == SalesOrderLine.product_id)
                 .where(Product.brand_id == order_filter.brand_id))
        query = query.where(SalesOrder.id.in_(lines))

    return query.order_by(SalesOrder.document_date.desc(), SalesOrder.number.desc())


def matching_customer_ids(session: Session, text: str) -> list[str]:
    """Return the ids of the customers that the customers page's search finds for `text`, best match first.

    NOTE: at most COUNT_CAP (1,000) customers, so a text that matches more
    of them filters the orders of the first 1,000 only.
    """
    result = search_customers(session, text, limit=COUNT_CAP)
    return [row["id"] for row in result.rows]


def filter_orders(session: Session, order_filter: OrderFilter, offset: int = 0, limit: int = PAGE_SIZE) -> list[OrderRow]:
    """Return one page of the orders that match `order_filter`, newest first."""
    query = filtered_query(session, order_filter).offset(offset).limit(limit)
    return [
        OrderRow(row[0], row[1], row[2], row[3] or "", row[4], row[5], sent_back_comment=row[6] or "")
        for row in session.execute(query)
    ]


def load_filter_choices(session: Session) -> FilterChoices:
    """Read the customers, salespeople, departments, product categories and brands of the replica."""
    customers = session.execute(
        select(Customer.id, Customer.code, Customer.name).where(Customer.deleted_at.is_(None)).order_by(Customer.code))
    users = session.execute(
        select(User.id, User.display_name).where(User.deleted_at.is_(None)).order_by(User.display_name))
    departments = session.execute(
        select(Department.id, Department.name).where(Department.deleted_at.is_(None)).order_by(Department.name))
    categories = session.execute(
        select(ProductCategory.id, ProductCategory.name).where(ProductCategory.deleted_at.is_(None))
        .order_by(ProductCategory.name))
    brands = session.execute(select(Brand.id, Brand.name).where(Brand.deleted_at.is_(None)).order_by(Brand.name))
    return FilterChoices(
        customers=tuple((row.id, f"{row.code} {row.name}") for row in customers),
        salespeople=tuple((row.id, row.display_name) for row in users),
        departments=tuple((row.id, row.name) for row in departments),
        categories=tuple((row.id, row.name) for row in categories),
        brands=tuple((row.id, row.name) for row in brands),
    )
