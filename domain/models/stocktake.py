"""Stocktakes (盘点) and opening stock (期初库存): documents that set book stock to counted stock."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns, GoodsLineColumns
from domain.types import Money, Quantity, UnitCost


class StocktakeStatus(str, enum.Enum):
    COUNTING = "counting"
    POSTED = "posted"
    CANCELLED = "cancelled"


class Stocktake(DocumentColumns, Replicated, Base):
    """A count of one warehouse; posting it writes adjustment movements at the current cost."""

    __tablename__ = "stocktake"
    __replication__ = Replication("warehouse", column="warehouse_id")

    status: Mapped[str] = mapped_column(String(20), default=StocktakeStatus.COUNTING.value, index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    counted_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    # Counting only part of the stock, e.g. one product category; NULL counts everything.
    product_category_id: Mapped[str | None] = fk("product_category.id", nullable=True)
    difference_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)


class StocktakeLine(Replicated, Base):
    __tablename__ = "stocktake_line"
    __replication__ = Replication("parent", column="stocktake_id", parent="stocktake")

    stocktake_id: Mapped[str] = fk("stocktake.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Quantities in base units.
    book_quantity: Mapped[Decimal] = mapped_column(Quantity())
    counted_quantity: Mapped[Decimal] = mapped_column(Quantity())
    difference_quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    reason: Mapped[str | None] = mapped_column(String(400), nullable=True)


class OpeningStock(DocumentColumns, Replicated, Base):
    """Stock on hand at go-live, entered or imported; posts opening movements."""

    __tablename__ = "opening_stock"
    __replication__ = Replication("warehouse", column="warehouse_id")

    status: Mapped[str] = mapped_column(String(20), default="posted", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)


class OpeningStockLine(GoodsLineColumns, Replicated, Base):
    __tablename__ = "opening_stock_line"
    __replication__ = Replication("parent", column="opening_stock_id", parent="opening_stock")

    opening_stock_id: Mapped[str] = fk("opening_stock.id", index=True)
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
