"""Paged table models of the stock tabs: movement detail, stock summary and low stock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.paged_model import Column, PagedTableModel
from desktop.models.stock_model import format_quantity
from desktop.models.stock_movement_queries import CLOSING_ID, OPENING_ID, load_movements
from desktop.models.stock_summary_queries import load_low_stock, load_summary

MOVEMENTS = "StockMovementModel"
SUMMARY = "StockSummaryModel"
LOW = "LowStockModel"

# Document types of stock movements (StockMovement.document_type) and their names.
DOCUMENT_TYPES = {
    "opening": QT_TRANSLATE_NOOP("StockDocumentTypes", "Opening stock"),
    "goods_receipt": QT_TRANSLATE_NOOP("StockDocumentTypes", "Goods receipt"),
    "purchase_return": QT_TRANSLATE_NOOP("StockDocumentTypes", "Purchase return"),
    "delivery_note": QT_TRANSLATE_NOOP("StockDocumentTypes", "Delivery note"),
    "order_verification": QT_TRANSLATE_NOOP("StockDocumentTypes", "Verified order"),
    "sales_return": QT_TRANSLATE_NOOP("StockDocumentTypes", "Sales return"),
    "stock_transfer": QT_TRANSLATE_NOOP("StockDocumentTypes", "Stock transfer"),
    "stocktake": QT_TRANSLATE_NOOP("StockDocumentTypes", "Stocktake"),
}


def document_type_name(document_type: str) -> str:
    """Return the translated name of a movement's document type, or the stored type when it is unknown."""
    source = DOCUMENT_TYPES.get(document_type)
    return translate("StockDocumentTypes", source) if source else document_type


class StockMovementModel(PagedTableModel):
    """Movements of one product with the balance after each, filtered by a MovementFilter (None shows nothing)."""

    columns = (
        Column("posting_date", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Date")),
        Column("document_type", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Document type"), width=130),
        Column("document_number", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Document number"), width=150),
        Column("warehouse_name", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Warehouse"), width=140),
        Column("batch_no", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Batch")),
        Column("quantity_in", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "In"), align_right=True),
        Column("quantity_out", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Out"), align_right=True),
        Column("balance", MOVEMENTS, QT_TRANSLATE_NOOP("StockMovementModel", "Balance"), align_right=True),
    )
    tables = frozenset({"stock_movement", "warehouse"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if filter_value is None:
            return []
        return load_movements(session, filter_value, after, limit)

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def display(self, row: dict[str, Any], column: Column) -> str:
        if row["kind"] != "movement":
            if column.key == "document_type":
                if row["id"] == OPENING_ID:
                    return translate("StockMovementModel", "Opening balance")
                if row["id"] == CLOSING_ID:
                    return translate("StockMovementModel", "Closing balance")
            return format_quantity(row["balance"]) if column.key == "balance" else ""
        if column.key == "document_type":
            return document_type_name(row["document_type"])
        if column.key in ("quantity_in", "quantity_out", "balance"):
            return format_quantity(row[column.key])
        if column.key == "posting_date":
            return row["posting_date"].isoformat()
        return super().display(row, column)


def _display_quantities(model: PagedTableModel, row: dict[str, Any], column: Column, keys: tuple[str, ...]) -> str:
    if column.key in keys:
        return format_quantity(row[column.key])
    return PagedTableModel.display(model, row, column)


class StockSummaryModel(PagedTableModel):
    """Opening, in, out and closing per product and warehouse, filtered by a SummaryFilter (None shows nothing).

    The amount columns carry cost, which the replica contains only for roles
    that may see cost, so the view hides them for other roles.
    """

    columns = (
        Column("product_code", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Product code")),
        Column("product_name", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Product"), width=220),
        Column("unit", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Unit")),
        Column("warehouse_name", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Warehouse"), width=140),
        Column("opening", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Opening"), align_right=True),
        Column("quantity_in", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "In"), align_right=True),
        Column("quantity_out", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Out"), align_right=True),
        Column("closing", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Closing"), align_right=True),
        Column("opening_amount", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Opening amount"), align_right=True),
        Column("amount_in", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Amount in"), align_right=True),
        Column("amount_out", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Amount out"), align_right=True),
        Column("closing_amount", SUMMARY, QT_TRANSLATE_NOOP("StockSummaryModel", "Closing amount"), align_right=True),
    )
    amount_keys = ("opening_amount", "amount_in", "amount_out", "closing_amount")
    tables = frozenset({"stock_movement", "product", "warehouse"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if filter_value is None:
            return []
        return load_summary(session, filter_value, after, limit)

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def display(self, row: dict[str, Any], column: Column) -> str:
        if column.key in self.amount_keys:
            return f"{row[column.key]:,.2f}"
        return _display_quantities(self, row, column, ("opening", "quantity_in", "quantity_out", "closing"))


class LowStockModel(PagedTableModel):
    """Reorder points whose available stock is below the point, filtered by a LowStockFilter."""

    columns = (
        Column("product_code", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Product code")),
        Column("product_name", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Product"), width=240),
        Column("unit", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Unit")),
        Column("warehouse_name", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Warehouse"), width=150),
        Column("available", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Available"), align_right=True),
        Column("reorder_point", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Reorder point"), align_right=True),
        Column("shortfall", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Shortfall"), align_right=True),
        Column("suggested", LOW, QT_TRANSLATE_NOOP("LowStockModel", "Suggested order"), align_right=True),
    )
    tables = frozenset({"stock_balance", "reorder_point", "product", "warehouse"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if filter_value is None:
            return []
        return load_low_stock(session, filter_value, after, limit)

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def display(self, row: dict[str, Any], column: Column) -> str:
        return _display_quantities(self, row, column, ("available", "reorder_point", "shortfall", "suggested"))
