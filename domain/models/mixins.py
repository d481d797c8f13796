"""Column sets shared by documents and their goods lines.

Mixins keep the many document tables consistent: every goods line converts
its unit to base units the same way, and every document carries the same
number, print count and authorship columns.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import fk
from domain.types import Quantity


class DocumentColumns:
    """Number, document date, status, note, print count and author of a document."""

    number: Mapped[str] = mapped_column(String(40), unique=True)
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class GoodsLineColumns:
    """Product, unit, quantity in that unit and in base units, batch and expiry of a line."""

    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
