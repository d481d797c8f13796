"""Replica reads of the goods receipt and transfer screens: what the editors offer and the posted lists.

The replica holds only the warehouses of the user's scope and the documents
of those warehouses, so every list and choice here is already scoped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.customer_model import like_pattern
from desktop.models.order_lines import ProductChoice
from desktop.models.order_queries import WarehouseChoice, load_catalog
from desktop.models.stock_doc_lines import Tracking
from domain.models import GoodsReceipt, GoodsReceiptLine, Product, StockBalance, StockTransfer, StockTransferLine, Supplier, Warehouse
from domain.permissions import role_sees_cost

PAGE_SIZE = 200

# product id -> {batch number -> (expiry date, available in base units)}
WarehouseStock = dict[str, dict[str, tuple[dt.date | None, Decimal]]]


@dataclasses.dataclass(frozen=True)
class SupplierChoice:
    id: str
    code: str
    name: str


@dataclasses.dataclass(frozen=True)
class StockEntryData:
    """The choices of a receipt or transfer editor: active products with their tracking, warehouses and suppliers."""

    products: tuple[ProductChoice, ...]
    inactive_products: tuple[ProductChoice, ...]
    barcodes: dict[str, tuple[str, str]]
    tracking: dict[str, Tracking]
    warehouses: tuple[WarehouseChoice, ...]
    suppliers: tuple[SupplierChoice, ...]
    # Whether the user's role may see costs: a receipt editor asks for unit costs only then.
    sees_cost: bool = True


def load_stock_entry(session: Session, role: str | None = None) -> StockEntryData:
    """Load the editor's choices; `role` None (no user signed in) counts as seeing no costs."""
    catalog = load_catalog(session)
    tracking = {
        product_id: Tracking(bool(batch), bool(expiry))
        for product_id, batch, expiry in session.execute(
            select(Product.id, Product.batch_tracked, Product.expiry_tracked)
            .where(or_(Product.batch_tracked.is_(True), Product.expiry_tracked.is_(True)))
        )
    }
    suppliers = tuple(
        SupplierChoice(row.id, row.code, row.name)
        for row in session.execute(
            select(Supplier.id, Supplier.code, Supplier.name)
            .where(Supplier.deleted_at.is_(None), Supplier.merged_into_id.is_(None))
            .order_by(Supplier.code)
        )
    )
    return StockEntryData(catalog.products, catalog.inactive_products, catalog.barcodes, tracking,
                          catalog.warehouses, suppliers, sees_cost=role is not None and role_sees_cost(session, role))


def load_warehouse_stock(session: Session, warehouse_id: str) -> WarehouseStock:
    """Return the available quantity (on hand − reserved) per product and batch in one warehouse."""
    stock: WarehouseStock = {}
    for row in session.execute(
        select(StockBalance.product_id, StockBalance.batch_no, StockBalance.expiry_date,
               StockBalance.on_hand, StockBalance.reserved)
        .where(StockBalance.warehouse_id == warehouse_id)
    ):
        stock.setdefault(row.product_id, {})[row.batch_no] = (row.expiry_date, row.on_hand - row.reserved)
    return stock


@dataclasses.dataclass(frozen=True)
class ReceiptRow:
    id: str
    number: str
    document_date: dt.date
    supplier_name: str
    warehouse_name: str
    line_count: int
    # None for a role that may not see purchase costs: the replica never receives them.
    total_amount: Decimal | None
    print_count: int = 0


@dataclasses.dataclass(frozen=True)
class TransferRow:
    id: str
    number: str
    document_date: dt.date
    from_warehouse_name: str
    to_warehouse_name: str
    line_count: int
    print_count: int = 0


def search_receipts(session: Session, text: str = "", limit: int = PAGE_SIZE) -> list[ReceiptRow]:
    """Return the goods receipts, newest first, whose number, supplier, warehouse, product or batch matches `text`."""
    lines = (
        select(GoodsReceiptLine.receipt_id, func.count().label("line_count"))
        .group_by(GoodsReceiptLine.receipt_id).subquery()
    )
    query = (
        select(GoodsReceipt.id, GoodsReceipt.number, GoodsReceipt.document_date, Supplier.name, Warehouse.name,
               lines.c.line_count, GoodsReceipt.total_amount, GoodsReceipt.print_count)
        .join(Warehouse, Warehouse.id == GoodsReceipt.warehouse_id)
        .join(Supplier, Supplier.id == GoodsReceipt.supplier_id, isouter=True)
        .join(lines, lines.c.receipt_id == GoodsReceipt.id, isouter=True)
    )
    typed = text.strip()
    if typed:
        pattern = like_pattern(typed)
        matching_lines = (
            select(GoodsReceiptLine.receipt_id)
            .join(Product, Product.id == GoodsReceiptLine.product_id)
            .where(or_(Product.code.ilike(pattern, escape="\\"), Product.name.ilike(pattern, escape="\\"),
                       GoodsReceiptLine.batch_no.ilike(pattern, escape="\\")))
        )
        query = query.where(or_(
            GoodsReceipt.number.ilike(pattern, escape="\\"), Supplier.name.ilike(pattern, escape="\\"),
            Warehouse.name.ilike(pattern, escape="\\"), GoodsReceipt.id.in_(matching_lines),
        ))
    query = query.order_by(GoodsReceipt.document_date.desc(), GoodsReceipt.number.desc()).limit(limit)
    return [ReceiptRow(r[0], r[1], r[2], r[3] or "", r[4], r[5] or 0, r[6], r[7] or 0) for r in session.execute(query)]


def search_transfers(session: Session, text: str = "", limit: int = PAGE_SIZE) -> list[TransferRow]:
    """Return the stock transfers, newest first, whose number, warehouses, product or batch matches `text`."""
    source, target = aliased(Warehouse), aliased(Warehouse)
    lines = (
        select(StockTransferLine.transfer_id, func.count().label("line_count"))
        .group_by(StockTransferLine.transfer_id).subquery()
    )
    query = (
        select(StockTransfer.id, StockTransfer.number, StockTransfer.document_date, source.name, target.name,
               lines.c.line_count, StockTransfer.print_count)
        .join(source, source.id == StockTransfer.from_warehouse_id, isouter=True)
        .join(target, target.id == StockTransfer.to_warehouse_id, isouter=True)
        .join(lines, lines.c.transfer_id == StockTransfer.id, isouter=True)
    )
    typed = text.strip()
    if typed:
        pattern = like_pattern(typed)
        matching_lines = (
            select(StockTransferLine.transfer_id)
            .join(Product, Product.id == StockTransferLine.product_id)
            .where(or_(Product.code.ilike(pattern, escape="\\"), Product.name.ilike(pattern, escape="\\"),
                       StockTransferLine.batch_no.ilike(pattern, escape="\\")))
        )
        query = query.where(or_(
            StockTransfer.number.ilike(pattern, escape="\\"), source.name.ilike(pattern, escape="\\"),
            target.name.ilike(pattern, escape="\\"), StockTransfer.id.in_(matching_lines),
        ))
    query = query.order_by(StockTransfer.document_date.desc(), StockTransfer.number.desc()).limit(limit)
    return [TransferRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or 0, r[6] or 0) for r in session.execute(query)]
