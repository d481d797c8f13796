"""Stock balances per product and warehouse, from the replica.

The replica holds the server's balances with this device's pending commands
applied on top, so the numbers already include unsynced local effects; the
"Unsynced" column marks balances a pending command changed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import and_, func, literal, or_, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.customer_model import like_pattern
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Product, StockBalance, Warehouse
from sync.local_tables import OutboxEntry, OutboxStatus, UndoRecord

CONTEXT = "StockModel"


def format_quantity(value: Decimal | None) -> str:
    """Format a quantity without trailing zeros: 10.000 -> "10", 2.500 -> "2.5"."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class StockModel(PagedTableModel):
    """Rows keyed by "product_id:warehouse_id", or "product_id:warehouse_id:batch" by batch.

    The filter is (text, warehouse id or None, by_batch). By batch, each
    batch of a product and warehouse is a row with its expiry date; the
    batch-less row contains the stock of products that track no batch and the
    reservations of approved orders, which choose no batch.
    """

    columns = (
        Column("product_code", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Product code")),
        Column("product_name", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Product"), width=260),
        Column("unit", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Unit")),
        Column("warehouse_name", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Warehouse"), width=160),
        Column("batch_no", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Batch"), width=120),
        Column("expiry_date", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Expiry date")),
        Column("on_hand", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "On hand"), align_right=True),
        Column("reserved", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Reserved"), align_right=True),
        Column("available", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Available"), align_right=True),
        Column("pending", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Unsynced")),
    )
    tables = frozenset({"stock_balance", "product", "warehouse"})

    @property
    def by_batch(self) -> bool:
        return bool(self.filter and len(self.filter) > 2 and self.filter[2])

    def _query(self, by_batch: bool = False):
        pending_balances = (
            select(UndoRecord.row_id)
            .join(OutboxEntry, OutboxEntry.mutation_id == UndoRecord.mutation_id)
            .where(
                UndoRecord.table_name == StockBalance.__tablename__,
                OutboxEntry.status.in_([OutboxStatus.PENDING.value, OutboxStatus.ACKNOWLEDGED.value]),
            )
        )
        key = Product.id + literal(":") + Warehouse.id
        batch_columns = ()
        if by_batch:
            key = key + literal(":") + StockBalance.batch_no
            batch_columns = (StockBalance.batch_no.label("batch_no"), func.max(StockBalance.expiry_date).label("expiry_date"))
        query = (
            select(
                key.label("id"),
                Product.code.label("product_code"),
                Product.name.label("product_name"),
                Product.variant.label("variant"),
                Product.base_unit.label("unit"),
                Warehouse.code.label("warehouse_code"),
                Warehouse.name.label("warehouse_name"),
                type_coerce(func.sum(StockBalance.on_hand), StockBalance.on_hand.type).label("on_hand"),
                type_coerce(func.sum(StockBalance.reserved), StockBalance.reserved.type).label("reserved"),
                func.max(StockBalance.id.in_(pending_balances)).label("pending"),
                *batch_columns,
            )
            .join(Product, Product.id == StockBalance.product_id)
            .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
            .group_by(Product.id, Warehouse.id)
        )
        if by_batch:
            query = query.group_by(StockBalance.batch_no)
        return query

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        text, warehouse_id, by_batch = (tuple(filter_value or ()) + ("", None, False))[:3]
        query = self._query(by_batch)
        text = (text or "").strip()
        if text:
            pattern = like_pattern(text)
            query = query.where(
                or_(
                    Product.name.like(pattern, escape="\\"),
                    Product.code.like(pattern, escape="\\"),
                    Product.barcode.like(like_pattern(text, prefix_only=True), escape="\\"),
                    Product.mnemonic.like(like_pattern(text.lower(), prefix_only=True), escape="\\"),
                )
            )
        if warehouse_id:
            query = query.where(Warehouse.id == warehouse_id)
        if after is not None and by_batch:
            query = query.where(
                tuple_(Product.code, Warehouse.code, StockBalance.batch_no)
                > tuple_(literal(after["product_code"]), literal(after["warehouse_code"]), literal(after["batch_no"]))
            )
        elif after is not None:
            query = query.where(
                tuple_(Product.code, Warehouse.code) > tuple_(literal(after["product_code"]), literal(after["warehouse_code"]))
            )
        order = (Product.code, Warehouse.code, StockBalance.batch_no) if by_batch else (Product.code, Warehouse.code)
        query = query.order_by(*order).limit(limit)
        return [self._row(row) for row in session.execute(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        by_batch = self.by_batch
        conditions = []
        for row_id in ids:
            product_id, warehouse_id, batch_no = (row_id.split(":", 2) + [""])[:3]
            condition = and_(Product.id == product_id, Warehouse.id == warehouse_id)
            if by_batch:
                condition = and_(condition, StockBalance.batch_no == batch_no)
            conditions.append(condition)
        if not conditions:
            return {}
        query = self._query(by_batch).where(or_(*conditions))
        return {row.id: self._row(row) for row in session.execute(query)}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        if changes.touches("product", "warehouse"):
            return None
        balance_ids = changes.ids_of("stock_balance")
        if balance_ids is None:
            return None
        if not balance_ids:
            return set()
        keys = session.execute(
            select(StockBalance.product_id, StockBalance.warehouse_id, StockBalance.batch_no)
            .where(StockBalance.id.in_(balance_ids))
        ).all()
        if self.by_batch:
            return {f"{product_id}:{warehouse_id}:{batch_no}" for product_id, warehouse_id, batch_no in keys}
        return {f"{product_id}:{warehouse_id}" for product_id, warehouse_id, _batch in keys}

    @staticmethod
    def _row(row) -> dict[str, Any]:
        values = dict(row._mapping)
        on_hand = values["on_hand"] or Decimal(0)
        reserved = values["reserved"] or Decimal(0)
        values["on_hand"] = on_hand
        values["reserved"] = reserved
        values["available"] = on_hand - reserved
        values["pending"] = bool(values["pending"])
        if values.get("variant"):
            values["product_name"] = f"{values['product_name']} {values['variant']}"
        return values

    def display(self, row: dict[str, Any], column: Column) -> str:
        if column.key in ("on_hand", "reserved", "available"):
            return format_quantity(row[column.key])
        if column.key == "expiry_date":
            return row["expiry_date"].isoformat() if row.get("expiry_date") else ""
        if column.key == "pending":
            return translate("StockModel", "pending") if row["pending"] else ""
        return super().display(row, column)
