"""The goods receipt editor (入库单): supplier, warehouse and lines with unit cost, batch and expiry date.

Posts goods_receipt.post through the outbox. The unit cost is the purchase
price per line unit. The line amount and the total are rounded as the
handler rounds them: quantity × unit cost, half-up to the fen, then summed.

A user whose role may not see costs enters quantities only. The cost and
amount columns are hidden and the lines go without unit_price. The server
then costs them at the product's moving average cost in the warehouse, or
at its purchase price when it has no stock cost yet. The goods_receipt.post
handler states the whole rule.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QComboBox

from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.models.stock_doc_lines import StockLine
from desktop.models.stock_doc_queries import StockEntryData
from desktop.views.stock_doc_editor import StockDocumentEditor

log = logging.getLogger(__name__)


class GoodsReceiptEditor(StockDocumentEditor):
    command = "goods_receipt.post"
    document_type = "goods_receipt"
    kind = "receipt"

    def build_header(self) -> None:
        self.setObjectName("GoodsReceiptEditor")
        self.setWindowTitle(translate("GoodsReceiptEditor", "New goods receipt"))
        self.supplier_box = QComboBox(self)
        self.supplier_box.setObjectName("receiptSupplier")
        self.warehouse_box = QComboBox(self)
        self.warehouse_box.setObjectName("receiptWarehouse")
        self.form.addRow(translate("GoodsReceiptEditor", "&Supplier:"), self.supplier_box)
        self.form.addRow(translate("GoodsReceiptEditor", "Into &warehouse:"), self.warehouse_box)
        self.post_button.setText(translate("GoodsReceiptEditor", "&Post receipt (Ctrl+S)"))
        self.hint_label.setText(translate(
            "GoodsReceiptEditor",
            "Type a product code, barcode or pinyin initials (F2 searches), then the quantity, unit, unit cost and, "
            "for tracked products, the batch number and expiry date; Enter moves on. Ctrl+S posts, Esc closes.",
        ))

    def fill_header(self, data: StockEntryData) -> None:
        self._show_costs(data.sees_cost)
        self.supplier_box.clear()
        self.supplier_box.addItem(translate("GoodsReceiptEditor", "(no supplier)"), None)
        for supplier in data.suppliers:
            self.supplier_box.addItem(f"{supplier.code}  {supplier.name}", supplier.id)
        self.warehouse_box.clear()
        for warehouse in data.warehouses:
            self.warehouse_box.addItem(f"{warehouse.code}  {warehouse.name}", warehouse.id)

    def _show_costs(self, sees_cost: bool) -> None:
        model = self.lines_model
        model.set_costs_entered(sees_cost)
        for key in (model.UNIT_COST, model.AMOUNT):
            self.grid.setColumnHidden(model.column(key), not sees_cost)
        self.show_totals()
        if sees_cost:
            return
        self.hint_label.setText(translate(
            "GoodsReceiptEditor",
            "Type a product code, barcode or pinyin initials (F2 searches), then the quantity, unit and, for tracked "
            "products, the batch number and expiry date; Enter moves on. Ctrl+S posts, Esc closes. You enter no costs: "
            "the server costs the goods at the product's moving average cost in this warehouse, or at its purchase "
            "price when it has no stock cost yet.",
        ))

    def header_error(self) -> str | None:
        if self.warehouse_box.currentData() is None:
            return translate("GoodsReceiptEditor", "Choose the warehouse the goods come into.")
        return None

    def header_payload(self) -> dict[str, Any]:
        return {"supplier_id": self.supplier_box.currentData(), "warehouse_id": self.warehouse_box.currentData()}

    def line_payload(self, line: StockLine) -> dict[str, Any]:
        return {
            "product_id": line.product.id,
            "unit_name": line.unit_name,
            "quantity": str(line.quantity),
            # None: the server costs the line (a role that may not see costs enters none).
            "unit_price": str(line.unit_cost) if self.lines_model.costs_entered and line.unit_cost is not None else None,
            "batch_no": line.batch_no,
            "expiry_date": line.expiry_date.isoformat() if line.expiry_date else None,
        }

    def picker_warehouse(self) -> str | None:
        return self.warehouse_box.currentData()

    def show_totals(self) -> None:
        lines = self.lines_model.entered()
        if not self.lines_model.costs_entered:
            self.total_label.setText(translate("GoodsReceiptEditor", "Lines: {count}").format(count=len(lines)))
            return
        self.total_label.setText(translate("GoodsReceiptEditor", "Lines: {count}    Total: ¥{amount}").format(
            count=len(lines), amount=format_money(self.lines_model.total_amount())))
