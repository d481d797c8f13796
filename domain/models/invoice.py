"""Invoices issued to customers (发票), recorded against the deliveries they cover.

The tax invoice itself is issued in the tax system; Kaidan records its
number, date, type, amount and tax, and which deliveries it covers, so the
delivered-but-not-invoiced list can be computed.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.models.customer_detail import InvoiceType
from domain.types import Money, Rate

__all__ = ["Invoice", "InvoiceLine", "InvoiceStatus", "InvoiceType"]


class InvoiceStatus(str, enum.Enum):
    ISSUED = "issued"
    VOIDED = "voided"  # 作废
    REVERSED = "reversed"  # a red-letter invoice (红字发票) cancelled it


class Invoice(Replicated, Base):
    __tablename__ = "invoice"
    __replication__ = Replication("department", column="department_id")
    __table_args__ = (UniqueConstraint("invoice_code", "number"),)

    # Paper VAT invoices have a code and a number; fully digital ones only a 20-digit number.
    invoice_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    number: Mapped[str] = mapped_column(String(40), index=True)
    invoice_type: Mapped[str] = mapped_column(String(20), default=InvoiceType.VAT_GENERAL.value)
    invoice_date: Mapped[dt.date] = mapped_column(Date, index=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    invoicing_details_id: Mapped[str | None] = fk("invoicing_details.id", nullable=True)
    # Copied from the invoicing details at recording time, as printed on the invoice.
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    tax_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # without tax
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    total_amount: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=InvoiceStatus.ISSUED.value, index=True)
    reverses_invoice_id: Mapped[str | None] = fk("invoice.id", nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class InvoiceLine(Replicated, Base):
    """The part of an invoice that covers one delivery (or one delivery line)."""

    __tablename__ = "invoice_line"
    __replication__ = Replication("parent", column="invoice_id", parent="invoice")

    invoice_id: Mapped[str] = fk("invoice.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    delivery_id: Mapped[str] = fk("delivery_note.id", index=True)
    delivery_line_id: Mapped[str | None] = fk("delivery_line.id", nullable=True, index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    total_amount: Mapped[Decimal] = mapped_column(Money())
