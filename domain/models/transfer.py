"""Stock transfers between warehouses (调拨单)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Quantity


class StockTransfer(Replicated, Base):
    """A fact: goods moved from one warehouse to another."""

    __tablename__ = "stock_transfer"
    __replication__ = Replication("warehouse", column="from_warehouse_id", any_of=("to_warehouse_id",))

    number: Mapped[str] = mapped_column(String(40), unique=True)
    from_warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    to_warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="posted")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class StockTransferLine(Replicated, Base):
    __tablename__ = "stock_transfer_line"
    __replication__ = Replication("parent", column="transfer_id", parent="stock_transfer")

    transfer_id: Mapped[str] = fk("stock_transfer.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
