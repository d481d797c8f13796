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
    """Rows keyed by "product_id:warehouse_id"; the filter is (text, warehouse id or None)."""

    columns = (
        Column("product_code", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Product code")),
        Column("product_name", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Product"), width=260),
        Column("unit", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Unit")),
        Column("warehouse_name", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Warehouse"), width=160),
        Column("on_hand", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "On hand"), align_right=True),
        Column("reserved", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Reserved"), align_right=True),
        Column("available", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Available"), align_right=True),
        Column("pending", CONTEXT, QT_TRANSLATE_NOOP("StockModel", "Unsynced")),
    )
    tables = frozenset({"stock_balance", "product", "warehouse"})

    def _query(self):
        pending_balances = (
            select(UndoRecord.row_id)
            .join(OutboxEntry, OutboxEntry.mutation_id == UndoRecord.mutation_id)
            .where(
                UndoRecord.table_name == StockBalance.__tablename__,
                OutboxEntry.status.in_([OutboxStatus.PENDING.value, OutboxStatus.ACKNOWLEDGED.value]),
            )
        )
        key = Product.id + literal(":") + Warehouse.id
        return (
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
            )
            .join(Product, Product.id == StockBalance.product_id)
            .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
            .group_by(Product.id, Warehouse.id)
        )

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        text, warehouse_id = filter_value or ("", None)
        query = self._query()
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
        if after is not None:
            query = query.where(
                tuple_(Product.code, Warehouse.code) > tuple_(literal(after["product_code"]), literal(after["warehouse_code"]))
            )
        query = query.order_by(Product.code, Warehouse.code).limit(limit)
        return [self._row(row) for row in session.execute(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        conditions = []
        for row_id in ids:
            product_id, _, warehouse_id = row_id.partition(":")
            conditions.append(and_(Product.id == product_id, Warehouse.id == warehouse_id))
        if not conditions:
            return {}
        query = self._query().where(or_(*conditions))
        return {row.id: self._row(row) for row in session.execute(query)}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        if changes.touches("product", "warehouse"):
            return None
        balance_ids = changes.ids_of("stock_balance")
        if balance_ids is None:
            return None
        if not balance_ids:
            return set()
        pairs = session.execute(
            select(StockBalance.product_id, StockBalance.warehouse_id).where(StockBalance.id.in_(balance_ids))
        ).all()
        return {f"{product_id}:{warehouse_id}" for product_id, warehouse_id in pairs}

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
        if column.key == "pending":
            return translate("StockModel", "pending") if row["pending"] else ""
        return super().display(row, column)
