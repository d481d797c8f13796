"""Sales targets per salesperson and month (业绩目标), set by managers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Money


class SalesTarget(Replicated, Base):
    __tablename__ = "sales_target"
    __replication__ = Replication("department", column="department_id")
    __table_args__ = (UniqueConstraint("salesperson_id", "year", "month"),)

    salesperson_id: Mapped[str] = fk("app_user.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    target_amount: Mapped[Decimal] = mapped_column(Money())
    set_by: Mapped[str | None] = fk("app_user.id", nullable=True)
