"""Prices beyond the list price: category prices, agreed prices, price adjustments, promotions.

The price lookup at order entry tries the customer's agreed price (协议价)
first, then the category price (分类价) or its price level's, then the list
price set by a price adjustment in effect, then the list price. A
special-price promotion in its date range replaces the price found when it
is lower, and the quote returns the price found beside it as the original
price (domain.price_lookup documents the rule).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns
from domain.types import Price, Quantity, UTCDateTime


class CategoryPrice(Replicated, Base):
    """A product's price for a customer category or for a price level (价格等级).

    Exactly one of `customer_category_id` and `price_level` is set: a level
    price applies to every category whose `price_level` names it.
    """

    __tablename__ = "category_price"

    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    customer_category_id: Mapped[str | None] = fk("customer_category.id", nullable=True, index=True)
    price_level: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    price: Mapped[Decimal] = mapped_column(Price())
    effective_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    effective_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The price adjustment document that set this price, if any.
    price_adjustment_id: Mapped[str | None] = fk("price_adjustment.id", nullable=True)


class AgreedPrice(Replicated, Base):
    """A price agreed with one customer for one product unit (协议价)."""

    __tablename__ = "agreed_price"
    __replication__ = Replication("parent", column="customer_id", parent="customer")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    price: Mapped[Decimal] = mapped_column(Price())
    effective_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    effective_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    price_adjustment_id: Mapped[str | None] = fk("price_adjustment.id", nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class PriceAdjustmentStatus(str, enum.Enum):
    DRAFT = "draft"
    APPROVED = "approved"  # waits for its effective date
    APPLIED = "applied"
    CANCELLED = "cancelled"


class PriceKind(str, enum.Enum):
    LIST = "list"
    LOWEST = "lowest"
    CATEGORY = "category"
    AGREED = "agreed"
    PURCHASE = "purchase"


class PriceLevel(str, enum.Enum):
    """The price levels (价格等级) the desktop offers for customer categories.

    A category's `price_level` and a level price's `price_level` store the
    value. The commands accept any other text too, so data from before this
    list (or imported) keeps working and is shown by its code.
    """

    WHOLESALE = "wholesale"
    RETAIL = "retail"
    KEY_ACCOUNT = "key_account"
    EXPORT = "export"


class PriceAdjustment(DocumentColumns, Replicated, Base):
    """A price adjustment document (调价单): new prices that take effect on a date."""

    __tablename__ = "price_adjustment"

    status: Mapped[str] = mapped_column(String(20), default=PriceAdjustmentStatus.DRAFT.value, index=True)
    effective_date: Mapped[dt.date] = mapped_column(Date, index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True)
    approved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    applied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PriceAdjustmentLine(Replicated, Base):
    """One new price: which kind of price, for which category, level or customer."""

    __tablename__ = "price_adjustment_line"
    __replication__ = Replication("parent", column="adjustment_id", parent="price_adjustment")

    adjustment_id: Mapped[str] = fk("price_adjustment.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    price_kind: Mapped[str] = mapped_column(String(20), default=PriceKind.LIST.value)
    customer_category_id: Mapped[str | None] = fk("customer_category.id", nullable=True)
    price_level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    customer_id: Mapped[str | None] = fk("customer.id", nullable=True)
    old_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)
    new_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)
    # Used instead of old_price/new_price when price_kind is "purchase".
    old_purchase_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)
    new_purchase_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)


class PromotionKind(str, enum.Enum):
    SPECIAL_PRICE = "special_price"
    BUY_N_GET_M = "buy_n_get_m"


class Promotion(Replicated, Base):
    """A special price for a date range, or a buy-N-get-M gift rule, on one product unit."""

    __tablename__ = "promotion"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date, index=True)
    # NULL applies to every customer category.
    customer_category_id: Mapped[str | None] = fk("customer_category.id", nullable=True)
    special_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)
    buy_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    gift_product_id: Mapped[str | None] = fk("product.id", nullable=True)
    gift_unit_name: Mapped[str | None] = mapped_column(String(20), nullable=True)
    gift_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    # Whether buying 2N earns 2M gifts, or one gift per order line at most.
    repeat: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
