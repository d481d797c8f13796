"""The stock transfer editor (调拨单): from one warehouse of the user's scope to another, with batches.

Posts stock_transfer.post through the outbox. Each line shows what is
available (on hand − reserved, including this device's unsynced changes) in
the source warehouse, for its batch when it names one. The batch cell lists
the source's batches, earliest expiry first. Both warehouse lists hold only
the warehouses the replica has, which are those of the user's department.

A line that moves more than the source has available is shown in red with
a tooltip, and posting first shows a confirmation naming those lines. The
transfer still posts when confirmed: it records goods that already moved.
The server flags stock that goes below zero only where the source
warehouse's negative-stock policy is Block.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QComboBox, QMessageBox

from desktop.i18n import translate
from desktop.models.order_format import format_quantity
from desktop.models.stock_doc_lines import StockLine
from desktop.models.stock_doc_queries import StockEntryData, WarehouseStock, load_warehouse_stock
from desktop.views.stock_doc_editor import StockDocumentEditor

log = logging.getLogger(__name__)


class TransferEditor(StockDocumentEditor):
    command = "stock_transfer.post"
    document_type = "stock_transfer"
    kind = "transfer"

    def build_header(self) -> None:
        self.setObjectName("TransferEditor")
        self.setWindowTitle(translate("TransferEditor", "New stock transfer"))
        self.from_box = QComboBox(self)
        self.from_box.setObjectName("transferFrom")
        self.to_box = QComboBox(self)
        self.to_box.setObjectName("transferTo")
        self.form.addRow(translate("TransferEditor", "&From warehouse:"), self.from_box)
        self.form.addRow(translate("TransferEditor", "&To warehouse:"), self.to_box)
        self.post_button.setText(translate("TransferEditor", "&Post transfer (Ctrl+S)"))
        self.hint_label.setText(translate(
            "TransferEditor",
            "Type a product code, barcode or pinyin initials (F2 searches), choose the batch for tracked products, "
            "then the quantity and unit; Enter moves on. Ctrl+S posts, Esc closes.",
        ))
        self.from_box.currentIndexChanged.connect(lambda index: self._load_stock())
        self.confirm_box: QMessageBox | None = None

    def fill_header(self, data: StockEntryData) -> None:
        for box in (self.from_box, self.to_box):
            box.blockSignals(True)
            box.clear()
            for warehouse in data.warehouses:
                box.addItem(f"{warehouse.code}  {warehouse.name}", warehouse.id)
            box.blockSignals(False)
        if self.to_box.count() > 1:
            self.to_box.setCurrentIndex(1)
        self._load_stock()

    def _load_stock(self) -> None:
        warehouse_id = self.from_box.currentData()
        if warehouse_id is None:
            self.lines_model.set_stock({})
            return
        self.lines_model.set_stock(None)

        def work(control) -> WarehouseStock:
            with self.context.read_session() as session:
                return load_warehouse_stock(session, warehouse_id)

        def loaded(stock: WarehouseStock) -> None:
            if self.from_box.currentData() == warehouse_id:
                self.lines_model.set_stock(stock)

        self.context.tasks.run(work, on_result=loaded)

    def header_error(self) -> str | None:
        source, target = self.from_box.currentData(), self.to_box.currentData()
        if source is None or target is None:
            return translate("TransferEditor", "Choose the warehouse the goods leave and the one they go to.")
        if source == target:
            return translate("TransferEditor", "The source and target warehouse are the same ({warehouse}); choose another target.").format(
                warehouse=self.to_box.currentText())
        return None

    def confirm_post(self) -> bool:
        """Ask before posting lines that move more than the source has available; Esc or Enter goes back."""
        short = self.lines_model.short_lines()
        if not short:
            return True

        named = []
        for row, left in short.items():
            line = self.lines_model.line(row)
            named.append(translate(
                "TransferEditor", "Line {line_no}: {product_code} {product_name}, {quantity} {unit} of {available} available",
            ).format(line_no=row + 1, product_code=line.product.code, product_name=line.product.name,
                     quantity=format_quantity(line.quantity), unit=line.unit_name, available=format_quantity(left)))
        lines = "\n".join(named)
        text = translate(
            "TransferEditor",
            "These lines move more than {warehouse} has available:\n{lines}\n\nPost the transfer anyway? "
            "If the source warehouse's negative-stock policy is Block, a manager gets a flag where stock goes below zero.",
        ).format(warehouse=self.from_box.currentText(), lines=lines)

        box = QMessageBox(QMessageBox.Icon.Warning, translate("TransferEditor", "Transfer more than available?"), text,
                          parent=self)
        box.setObjectName("transferShortConfirm")
        post = box.addButton(translate("TransferEditor", "&Post anyway"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(translate("TransferEditor", "&Back"), QMessageBox.ButtonRole.RejectRole)
        # Going back is the default: posting negative stock takes a deliberate key (P).
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        self.confirm_box = box
        box.exec()
        self.confirm_box = None

        confirmed = box.clickedButton() is post
        log.info("transfer with %d short lines: %s", len(short), "posted anyway" if confirmed else "back to the form")
        return confirmed

    def header_payload(self) -> dict[str, Any]:
        return {"from_warehouse_id": self.from_box.currentData(), "to_warehouse_id": self.to_box.currentData()}

    def line_payload(self, line: StockLine) -> dict[str, Any]:
        return {
            "product_id": line.product.id,
            "unit_name": line.unit_name,
            "quantity": str(line.quantity),
            "batch_no": line.batch_no,
            "expiry_date": line.expiry_date.isoformat() if line.expiry_date else None,
        }

    def picker_warehouse(self) -> str | None:
        return self.from_box.currentData()

    def show_totals(self) -> None:
        self.total_label.setText(translate("TransferEditor", "Lines: {count}").format(count=len(self.lines_model.entered())))
