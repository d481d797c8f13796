"""Names users know for the replicated tables, translated; shared by the verify dialog and `kaidan status`.

The names keep the translation context "VerifyDialog", where they were first
shown. The module imports no widgets, so the command line can use it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.i18n import translate

TABLE_NAMES = {
    "app_user": QT_TRANSLATE_NOOP("VerifyDialog", "Users"),
    "conflict_record": QT_TRANSLATE_NOOP("VerifyDialog", "Conflicts"),
    "customer": QT_TRANSLATE_NOOP("VerifyDialog", "Customers"),
    "customer_contact": QT_TRANSLATE_NOOP("VerifyDialog", "Customer contacts"),
    "delivery_line": QT_TRANSLATE_NOOP("VerifyDialog", "Delivery note lines"),
    "delivery_note": QT_TRANSLATE_NOOP("VerifyDialog", "Delivery notes"),
    "department": QT_TRANSLATE_NOOP("VerifyDialog", "Departments"),
    "flag": QT_TRANSLATE_NOOP("VerifyDialog", "Flags"),
    "goods_receipt": QT_TRANSLATE_NOOP("VerifyDialog", "Goods receipts"),
    "goods_receipt_line": QT_TRANSLATE_NOOP("VerifyDialog", "Goods receipt lines"),
    "invoice": QT_TRANSLATE_NOOP("VerifyDialog", "Invoices"),
    "payment_received": QT_TRANSLATE_NOOP("VerifyDialog", "Payments received"),
    "product": QT_TRANSLATE_NOOP("VerifyDialog", "Products"),
    "product_barcode": QT_TRANSLATE_NOOP("VerifyDialog", "Product barcodes"),
    "product_unit": QT_TRANSLATE_NOOP("VerifyDialog", "Product units"),
    "receivable_entry": QT_TRANSLATE_NOOP("VerifyDialog", "Receivables"),
    "sales_order": QT_TRANSLATE_NOOP("VerifyDialog", "Sales orders"),
    "sales_order_line": QT_TRANSLATE_NOOP("VerifyDialog", "Sales order lines"),
    "shipping_address": QT_TRANSLATE_NOOP("VerifyDialog", "Shipping addresses"),
    "stock_balance": QT_TRANSLATE_NOOP("VerifyDialog", "Stock balances"),
    "stock_movement": QT_TRANSLATE_NOOP("VerifyDialog", "Stock movements"),
    "stock_transfer": QT_TRANSLATE_NOOP("VerifyDialog", "Stock transfers"),
    "supplier": QT_TRANSLATE_NOOP("VerifyDialog", "Suppliers"),
    "warehouse": QT_TRANSLATE_NOOP("VerifyDialog", "Warehouses"),
}


def has_user_name(table: str) -> bool:
    return table in TABLE_NAMES


def table_label(table: str) -> str:
    """Return the translated name of a replicated table, or its database name when users have no name for it."""
    name = TABLE_NAMES.get(table)
    return translate("VerifyDialog", name) if name is not None else table
