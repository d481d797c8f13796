"""Warehouses, stock movements and the server-kept balances."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, LEDGER, Base, Replicated, Replication, fk
from domain.types import Money, Quantity, UnitCost, UTCDateTime


class NegativeStockPolicy(str, enum.Enum):
    BLOCK = "block"
    WARN = "warn"
    ALLOW = "allow"


class Warehouse(Replicated, Base):
    __tablename__ = "warehouse"
    __replication__ = Replication("warehouse", column="id")

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[str] = fk("department.id", index=True)
    negative_stock_policy: Mapped[str] = mapped_column(String(10), default=NegativeStockPolicy.BLOCK.value)
    address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class StockMovement(Replicated, Base):
    """One signed change of on-hand quantity in base units (库存流水). Append-only."""

    __tablename__ = "stock_movement"
    __replication__ = Replication("warehouse", column="warehouse_id")
    __table_args__ = (
        # Covers the stock summary's sums per product and warehouse up to a date, so SQLite reads
        # the index alone, in group order. A summary page over 200,000 movements took about 85 ms
        # with it and 660 ms without it (bench/stock_reports_bench.py).
        Index("ix_stock_movement_summary", "product_id", "warehouse_id", "posting_date", "quantity", "cost_amount"),
        {"info": LEDGER},
    )

    product_id: Mapped[str] = fk("product.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    document_line_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date, index=True)


class StockBalance(Replicated, Base):
    """On hand and reserved per product, warehouse and batch; kept by posting.

    The id is derived from (product, warehouse, batch) by domain.ids.key_id,
    so a client that creates a balance row optimistically creates the row the
    server will send.
    """

    __tablename__ = "stock_balance"
    __replication__ = Replication("warehouse", column="warehouse_id")
    __table_args__ = (UniqueConstraint("product_id", "warehouse_id", "batch_no"),)

    product_id: Mapped[str] = fk("product.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    on_hand: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    reserved: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))


class StockCost(Replicated, Base):
    """Moving weighted average cost per product (and warehouse when costed per warehouse).

    `warehouse_id` is "" when the company costs per product across warehouses.
    Only roles that may see cost receive these rows.
    """

    __tablename__ = "stock_cost"
    __replication__ = Replication("cost")
    __table_args__ = (UniqueConstraint("product_id", "warehouse_id"),)

    product_id: Mapped[str] = fk("product.id", index=True)
    warehouse_id: Mapped[str] = mapped_column(String(36), default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    average_cost: Mapped[Decimal] = mapped_column(UnitCost(), default=Decimal(0), info=HIDDEN_COST)
    stock_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), info=HIDDEN_COST)


class ReorderPoint(Replicated, Base):
    """Stock level per product and warehouse under which a purchase is suggested.

    The id is domain.ids.key_id("reorder_point", product_id, warehouse_id).
    """

    __tablename__ = "reorder_point"
    __replication__ = Replication("warehouse", column="warehouse_id")
    __table_args__ = (UniqueConstraint("product_id", "warehouse_id"),)

    product_id: Mapped[str] = fk("product.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    reorder_point: Mapped[Decimal] = mapped_column(Quantity())
    # Quantity a suggestion proposes to order; NULL means "up to max_quantity".
    reorder_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    max_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    supplier_id: Mapped[str | None] = fk("supplier.id", nullable=True)
