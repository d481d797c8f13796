"""A customer's contacts, shipping addresses, invoicing details and follow-ups."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import UTCDateTime


class CustomerContact(Replicated, Base):
    """A person at a customer (联系人). The duplicate check matches on their phones too."""

    __tablename__ = "customer_contact"
    __replication__ = Replication("parent", column="customer_id", parent="customer")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str | None] = mapped_column(String(100), nullable=True)
    mobile: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    wechat: Mapped[str | None] = mapped_column(String(100), nullable=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ShippingAddress(Replicated, Base):
    """A destination for a customer's goods (收货地址). A customer has several."""

    __tablename__ = "shipping_address"
    __replication__ = Replication("parent", column="customer_id", parent="customer")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    label: Mapped[str | None] = mapped_column(String(100), nullable=True)
    recipient_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    province: Mapped[str | None] = mapped_column(String(40), nullable=True)
    city: Mapped[str | None] = mapped_column(String(40), nullable=True)
    district: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address: Mapped[str] = mapped_column(String(400))
    postal_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class InvoiceType(str, enum.Enum):
    VAT_SPECIAL = "vat_special"  # 增值税专用发票
    VAT_GENERAL = "vat_general"  # 增值税普通发票
    E_VAT_SPECIAL = "e_vat_special"
    E_VAT_GENERAL = "e_vat_general"
    OTHER = "other"


class InvoicingDetails(Replicated, Base):
    """A customer's invoicing details (开票信息), as the tax system needs them on an invoice."""

    __tablename__ = "invoicing_details"
    __replication__ = Replication("parent", column="customer_id", parent="customer")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    title: Mapped[str] = mapped_column(String(200))
    tax_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    bank_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    bank_account: Mapped[str | None] = mapped_column(String(60), nullable=True)
    address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    default_invoice_type: Mapped[str] = mapped_column(String(20), default=InvoiceType.VAT_GENERAL.value)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class FollowUpChannel(str, enum.Enum):
    PHONE = "phone"
    VISIT = "visit"
    WECHAT = "wechat"
    MESSAGE = "message"
    EMAIL = "email"
    OTHER = "other"


class FollowUp(Replicated, Base):
    """A logged call, visit or message with a customer (跟进记录)."""

    __tablename__ = "follow_up"
    __replication__ = Replication("parent", column="customer_id", parent="customer")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    contact_id: Mapped[str | None] = fk("customer_contact.id", nullable=True)
    user_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(20), default=FollowUpChannel.PHONE.value)
    content: Mapped[str] = mapped_column(Text)
    follow_up_date: Mapped[dt.date] = mapped_column(Date, index=True)
    next_follow_up_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    created_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
