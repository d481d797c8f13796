"""Replica reads of the order and delivery screens; each runs inside a task, off the GUI thread."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from desktop.models.order_models import OrderLine, OrderRow, ProductChoice, UnitChoice
from domain.mnemonic import mnemonic_for
from domain.ids import new_id
from domain.models import (
    RESERVING_STATUSES,
    ApprovalDecision,
    Customer,
    DeliveryNote,
    OrderApproval,
    OrderStatus,
    Product,
    ProductBarcode,
    ProductUnit,
    QuotationLine,
    SalesOrder,
    SalesOrderLine,
    Warehouse,
)
from domain.commands.framework import CommandRejected
from domain.money import ZERO, round_price
from domain.price_lookup import PriceQuote, PriceRule, quote_price

log = logging.getLogger(__name__)

PAGE_SIZE = 200


@dataclasses.dataclass(frozen=True)
class CustomerChoice:
    id: str
    code: str
    name: str
    phone: str
    default_warehouse_id: str | None

    def label(self) -> str:
        return f"{self.code}  {self.name}  {self.phone}".rstrip()


def find_customer(customers: tuple[CustomerChoice, ...], text: str) -> CustomerChoice | None:
    """Return the customer whose code is the first word typed, else the only one whose code, name or phone contains it."""
    typed = text.strip()
    if not typed:
        return None
    first_word = typed.split()[0].casefold()
    for customer in customers:
        if customer.code.casefold() == first_word:
            return customer
    needle = typed.casefold()
    matches = [c for c in customers if needle in c.code.casefold() or needle in c.name.casefold() or needle in c.phone]
    return matches[0] if len(matches) == 1 else None


@dataclasses.dataclass(frozen=True)
class WarehouseChoice:
    id: str
    code: str
    name: str
    department_id: str | None = None


def default_warehouse_id(warehouses: tuple[WarehouseChoice, ...], department_id: str | None) -> str | None:
    """Return the warehouse a new order starts with: the first by code of the user's department.

    `warehouses` is ordered by code. When the department has none (or the
    user has no department), the first warehouse of all is used.
    """
    own = next((warehouse for warehouse in warehouses if warehouse.department_id == department_id), None)
    if own is not None and department_id is not None:
        return own.id
    return warehouses[0].id if warehouses else None


@dataclasses.dataclass(frozen=True)
class OrderExtras:
    """The order header's money, shipping and tax fields, named as in the order.create payload."""

    freight_amount: Decimal = ZERO
    discount_amount: Decimal = ZERO
    prices_include_tax: bool = True
    carrier: str = ""
    tracking_number: str = ""
    delivery_date_wanted: dt.date | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "freight_amount": str(self.freight_amount),
            "discount_amount": str(self.discount_amount),
            "prices_include_tax": self.prices_include_tax,
            "carrier": self.carrier or None,
            "tracking_number": self.tracking_number or None,
            "delivery_date_wanted": self.delivery_date_wanted.isoformat() if self.delivery_date_wanted else None,
        }


@dataclasses.dataclass
class OrderDraft:
    """An order as the entry form edits it."""

    id: str | None = None
    number: str | None = None
    status: str = OrderStatus.DRAFT.value
    customer: CustomerChoice | None = None
    warehouse_id: str | None = None
    document_date: dt.date = dataclasses.field(default_factory=dt.date.today)
    lines: list[OrderLine] = dataclasses.field(default_factory=list)
    extras: OrderExtras = dataclasses.field(default_factory=OrderExtras)
    # For a draft a manager sent back: the manager's comment, which the clerk has to act on.
    sent_back_comment: str = ""


@dataclasses.dataclass(frozen=True)
class Catalog:
    """What the entry form offers: customers, products and the warehouses in the user's scope."""

    customers: tuple[CustomerChoice, ...]
    products: tuple[ProductChoice, ...]
    warehouses: tuple[WarehouseChoice, ...]
    # Inactive products, offered nowhere but named when their code is typed.
    inactive_products: tuple[ProductChoice, ...] = ()
    # Barcode -> (product id, unit name), for the product cell and a scanner.
    barcodes: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DeliveryRow:
    id: str
    number: str
    document_date: dt.date
    customer_name: str
    total_amount: Decimal
    print_count: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_orders(session: Session, text: str = "", status: str | None = None,
                  offset: int = 0, limit: int = PAGE_SIZE) -> list[OrderRow]:
    """Return one page of orders, newest first, whose number or customer matches `text`."""
    query = (
        select(SalesOrder.id, SalesOrder.number, SalesOrder.document_date, Customer.name,
               SalesOrder.status, SalesOrder.total_amount)
        .join(Customer, Customer.id == SalesOrder.customer_id, isouter=True)
    )
    if text.strip():
        pattern = _like(text.strip())
        query = query.where(or_(SalesOrder.number.ilike(pattern, escape="\\"), Customer.name.ilike(pattern, escape="\\"),
                                Customer.code.ilike(pattern, escape="\\")))
    if status:
        query = query.where(SalesOrder.status == status)
    query = query.order_by(SalesOrder.document_date.desc(), SalesOrder.number.desc()).offset(offset).limit(limit)
    return [OrderRow(row[0], row[1], row[2], row[3] or "", row[4], row[5]) for row in session.execute(query)]


def orders_to_ship(session: Session, text: str = "", limit: int = PAGE_SIZE) -> list[OrderRow]:
    """Return approved and partly delivered orders, the ones a warehouse keeper can ship."""
    rows: list[OrderRow] = []
    for status in sorted(RESERVING_STATUSES):
        rows += search_orders(session, text, status, 0, limit)
    rows.sort(key=lambda row: (row.document_date, row.number), reverse=True)
    return rows[:limit]


def search_deliveries(session: Session, text: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> list[DeliveryRow]:
    query = (
        select(DeliveryNote.id, DeliveryNote.number, DeliveryNote.document_date, Customer.name,
               DeliveryNote.total_amount, DeliveryNote.print_count)
        .join(Customer, Customer.id == DeliveryNote.customer_id, isouter=True)
    )
    if text.strip():
        pattern = _like(text.strip())
        query = query.where(or_(DeliveryNote.number.ilike(pattern, escape="\\"), Customer.name.ilike(pattern, escape="\\")))
    query = query.order_by(DeliveryNote.document_date.desc(), DeliveryNote.number.desc()).offset(offset).limit(limit)
    return [DeliveryRow(r[0], r[1], r[2], r[3] or "", r[4], r[5] or 0) for r in session.execute(query)]


def load_catalog(session: Session) -> Catalog:
    """Read the active customers, products (with their pack units) and warehouses of the replica.

    NOTE: the whole active list, with barcodes and pinyin initials, is loaded
    once per entry form; sync.search should replace this for large catalogs.
    """
    customers = tuple(
        CustomerChoice(row.id, row.code, row.name, row.phone or "", row.default_warehouse_id)
        for row in session.execute(
            select(Customer.id, Customer.code, Customer.name, Customer.phone, Customer.default_warehouse_id)
            .where(Customer.active.is_(True), Customer.deleted_at.is_(None))
            .order_by(Customer.code)
        )
    )
    units: dict[str, list[UnitChoice]] = {}
    for unit in session.scalars(select(ProductUnit).order_by(ProductUnit.factor)):
        units.setdefault(unit.product_id, []).append(unit)
    products = []
    for product in session.scalars(
        select(Product).where(Product.active.is_(True), Product.deleted_at.is_(None)).order_by(Product.code)
    ):
        choices = [UnitChoice(product.base_unit, Decimal(1), product.list_price)]
        for unit in units.get(product.id, []):
            if unit.unit_name != product.base_unit:
                price = unit.price if unit.price is not None else round_price(product.list_price * unit.factor)
                choices.append(UnitChoice(unit.unit_name, unit.factor, price))
        name = f"{product.name} {product.variant}" if product.variant else product.name
        products.append(ProductChoice(product.id, product.code, name, product.base_unit, tuple(choices),
                                      tax_rate=product.tax_rate, lowest_price=product.lowest_price,
                                      mnemonic=product.mnemonic or mnemonic_for(product.name)))
    warehouses = tuple(
        WarehouseChoice(row.id, row.code, row.name, row.department_id)
        for row in session.execute(
            select(Warehouse.id, Warehouse.code, Warehouse.name, Warehouse.department_id)
            .where(Warehouse.active.is_(True), Warehouse.deleted_at.is_(None))
            .order_by(Warehouse.code)
        )
    )
    inactive = tuple(
        ProductChoice(row.id, row.code, row.name, row.base_unit, ())
        for row in session.execute(
            select(Product.id, Product.code, Product.name, Product.base_unit)
            .where(Product.active.is_(False), Product.deleted_at.is_(None))
            .order_by(Product.code)
        )
    )
    return Catalog(customers, tuple(products), warehouses, inactive, load_barcodes(session))


def load_barcodes(session: Session) -> dict[str, tuple[str, str]]:
    """Return barcode -> (product id, unit name) over the products' own, their pack units' and extra barcodes.

    A barcode on several units keeps the first one read: products before pack units before extra barcodes.
    """
    found: dict[str, tuple[str, str]] = {}
    queries = (
        select(Product.barcode, Product.id, Product.base_unit).where(Product.barcode.is_not(None)),
        select(ProductUnit.barcode, ProductUnit.product_id, ProductUnit.unit_name).where(ProductUnit.barcode.is_not(None)),
        select(ProductBarcode.barcode, ProductBarcode.product_id, ProductBarcode.unit_name),
    )
    for query in queries:
        for barcode, product_id, unit_name in session.execute(query):
            if barcode:
                found.setdefault(barcode.strip(), (product_id, unit_name))
    return found


def quote_line_price(session: Session, customer_id: str, product_id: str, unit_name: str,
                     on_date: dt.date) -> PriceQuote | None:
    """Return the customer's default price of a product unit, or None when the price lookup rejects the product.

    The catalog's unit prices are list prices; this one follows the customer's
    agreed, category and price level prices and the price adjustments.
    """
    try:
        return quote_price(session, customer_id, product_id, unit_name, on_date)
    except CommandRejected as error:
        log.info("no customer price for product %s unit %s: %s", product_id, unit_name, error)
        return None


def load_order(session: Session, order_id: str, catalog: Catalog) -> OrderDraft:
    """Read order `order_id` into a draft; raises LookupError when the replica lacks it."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise LookupError(f"order {order_id} not found in the replica")
    lines = stored_lines(session, catalog, select(SalesOrderLine).where(SalesOrderLine.order_id == order_id)
                         .order_by(SalesOrderLine.line_no))
    return OrderDraft(
        id=order.id,
        number=order.number,
        status=order.status,
        customer=customer_choice(session, order.customer_id),
        warehouse_id=order.warehouse_id,
        document_date=order.document_date,
        lines=lines,
        extras=OrderExtras(
            freight_amount=order.freight_amount, discount_amount=order.discount_amount,
            prices_include_tax=order.prices_include_tax, carrier=order.carrier or "",
            tracking_number=order.tracking_number or "", delivery_date_wanted=order.delivery_date_wanted,
        ),
        sent_back_comment=_sent_back_comment(session, order) if order.status == OrderStatus.DRAFT.value else "",
    )


def stored_lines(session: Session, catalog: Catalog, query: Select) -> list[OrderLine]:
    """Read the order or quotation lines that `query` selects, in its order, into entry-grid lines."""
    products = {product.id: product for product in catalog.products}
    lines = []
    for line in session.scalars(query):
        product = products.get(line.product_id) or _inactive_product(session, line.product_id)
        # A percentage discount is stored with the amount it gave; the line keeps the form the clerk chose.
        discount = ZERO if line.discount_percent else line.discount_amount
        lines.append(OrderLine(line.id, product, line.unit_name, line.quantity, line.unit_price,
                               discount=discount, discount_percent=line.discount_percent, tax_rate=line.tax_rate,
                               **promotion_fields(line)))
    return lines


def customer_choice(session: Session, customer_id: str) -> CustomerChoice | None:
    """Return the entry form's choice of customer `customer_id`, or None when the replica lacks it."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    return CustomerChoice(customer.id, customer.code, customer.name, customer.phone or "", customer.default_warehouse_id)


def _sent_back_comment(session: Session, order: SalesOrder) -> str:
    """Return the comment of the order's latest send-back, or "" when no manager sent it back."""
    comment = session.scalar(
        select(OrderApproval.comment)
        .where(OrderApproval.order_id == order.id, OrderApproval.decision == ApprovalDecision.SENT_BACK.value)
        .order_by(OrderApproval.decided_at.desc())
        .limit(1)
    )
    return comment or ""


def promotion_fields(line: SalesOrderLine | QuotationLine) -> dict[str, Any]:
    """Return the OrderLine fields of a stored line's price rule, special price and gift."""
    special = line.price_rule == PriceRule.PROMOTION.value and not line.is_gift and line.promotion_id is not None
    return {
        "price_rule": line.price_rule,
        "original_price": line.list_price if special else None,
        "promotion_id": line.promotion_id,
        "is_gift": bool(line.is_gift),
        "gift_for_line_id": getattr(line, "gift_for_line_id", None),
    }


def _inactive_product(session: Session, product_id: str) -> ProductChoice:
    product = session.get(Product, product_id)
    return ProductChoice(product.id, product.code, product.name, product.base_unit,
                         (UnitChoice(product.base_unit, Decimal(1), product.list_price),), tax_rate=product.tax_rate)


def _has_batch_tracked_lines(session: Session, order_id: str) -> bool:
    return session.scalar(
        select(SalesOrderLine.id).join(Product, Product.id == SalesOrderLine.product_id)
        .where(SalesOrderLine.order_id == order_id, Product.batch_tracked.is_(True)).limit(1)
    ) is not None


def ship_payload(session: Session, order_id: str, delivery_id: str, number: str, document_date: dt.date) -> dict[str, Any]:
    """Build the delivery.ship payload that ships every open quantity of order `order_id`.

    An order with a batch-tracked product gets batches first-expiry-first-out (desktop.models.ship_plan).

    Raises LookupError when the order is missing and ValueError when nothing is left to ship.
    """
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise LookupError(f"order {order_id} not found in the replica")
    if _has_batch_tracked_lines(session, order_id):
        # A tracked product's stock leaves by batch, so these orders take the ship dialog's plan.
        from desktop.models.ship_plan import full_note_payload

        payload = full_note_payload(session, order_id, delivery_id, number, document_date)
        if payload is None:
            raise ValueError(f"order {order.number} has nothing left to ship")
        return payload
    lines = []
    for line in session.scalars(
        select(SalesOrderLine).where(SalesOrderLine.order_id == order_id).order_by(SalesOrderLine.line_no)
    ):
        open_base = line.base_quantity - line.delivered_quantity
        if open_base <= ZERO:
            continue
        # Ship in the order's unit when whole units remain, else in base units.
        quantity = open_base / line.unit_factor if line.unit_factor else open_base
        if quantity == quantity.quantize(Decimal("0.001")):
            lines.append({"id": new_id(), "order_line_id": line.id, "unit_name": line.unit_name, "quantity": str(quantity)})
        else:
            product = session.get(Product, line.product_id)
            lines.append({"id": new_id(), "order_line_id": line.id, "unit_name": product.base_unit, "quantity": str(open_base)})
    if not lines:
        raise ValueError(f"order {order.number} has nothing left to ship")
    return {
        "id": delivery_id,
        "number": number,
        "customer_id": order.customer_id,
        "warehouse_id": order.warehouse_id,
        "department_id": order.department_id,
        "salesperson_id": order.salesperson_id,
        "document_date": document_date.isoformat(),
        "prices_include_tax": order.prices_include_tax,
        "shipping_address": order.shipping_address,
        "lines": lines,
    }

