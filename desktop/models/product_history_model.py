"""The sales history tab of the product detail: order and delivery lines of one product, newest first, paged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.order_models import format_money, format_price, format_quantity, state_label
from desktop.models.paged_model import Column, PagedTableModel
from desktop.models.product_detail_queries import HISTORY_PAGE, sales_history_page

CONTEXT = "ProductHistoryModel"


class ProductHistoryModel(PagedTableModel):
    """The filter is the product id."""

    page_size = HISTORY_PAGE
    columns = (
        Column("document_date", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Date"), width=90),
        Column("kind", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Document"), width=80),
        Column("number", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Number"), width=130),
        Column("customer", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Customer"), width=160),
        Column("quantity", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Quantity"), align_right=True, width=70),
        Column("unit_name", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Unit"), width=50),
        Column("unit_price", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Price"), align_right=True, width=80),
        Column("amount", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "Amount"), align_right=True, width=90),
        Column("status", CONTEXT, QT_TRANSLATE_NOOP("ProductHistoryModel", "State")),
    )
    tables = frozenset({"sales_order", "sales_order_line", "delivery_note", "delivery_line"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if not filter_value:
            return []
        return sales_history_page(session, filter_value, after, limit)

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        if column.key == "document_date":
            return value.isoformat() if value else ""
        if column.key == "kind":
            return translate("ProductHistoryModel", "Order") if value == "order" else translate("ProductHistoryModel", "Delivery")
        if column.key == "quantity":
            return format_quantity(value)
        if column.key == "unit_price":
            return format_price(value)
        if column.key == "amount":
            return format_money(value)
        if column.key == "status":
            if row.get("kind") == "delivery":
                return translate("ProductHistoryModel", "Posted") if value == "posted" else str(value or "")
            return state_label(value)
        return super().display(row, column)
