"""Printing the sales order (销售订单) from the orders list: Ctrl+P previews it, Ctrl+Shift+S saves it as a PDF.

Only an order that was approved (confirmed) prints: a draft or an order
waiting for approval may still change, and a cancelled order must not reach
a customer as a valid one. Every print is counted as for the delivery note
(desktop.views.document_printing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton, QToolTip, QWidget

from desktop.i18n import translate
from desktop.printing.output import save_pdf_start_path
from desktop.views.document_printing import SALES_ORDER, DocumentPrinting
from domain.models.sales import OrderStatus

log = logging.getLogger(__name__)

PRINTABLE_STATUSES = frozenset({
    OrderStatus.APPROVED.value, OrderStatus.PARTLY_DELIVERED.value, OrderStatus.COMPLETED.value,
})


class OrderPrintActions(QObject):
    """The print preview and PDF actions of `view` for the order that `current_row()` returns.

    The row has the order's id, number and status.
    """

    def __init__(self, context, view: QWidget, current_row: Callable[[], object]) -> None:
        super().__init__(view)
        self.view = view
        self.current_row = current_row
        self.printing = DocumentPrinting(context, SALES_ORDER, view)
        self.preview = None
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))
        self.printing.message.connect(lambda text: self._tell(text))

        self.preview_action = self._action(translate("OrderPrinting", "Print order"), QKeySequence.StandardKey.Print,
                                           self.preview_current)
        self.pdf_action = self._action(translate("OrderPrinting", "Save order as PDF"), QKeySequence("Ctrl+Shift+S"),
                                       lambda: self.save_current_pdf())
        self.button = QPushButton(translate("OrderPrinting", "Print (Ctrl+P)..."), view)
        self.button.setObjectName("printOrderButton")
        self.button.setToolTip(translate(
            "OrderPrinting", "Preview and print the current approved order; Ctrl+Shift+S saves it as a PDF"))
        self.button.clicked.connect(self.preview_current)

    def _action(self, text: str, keys, slot) -> QAction:
        action = QAction(text, self.view)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _tell(self, text: str) -> None:
        QToolTip.showText(self.view.mapToGlobal(self.view.rect().center()), text, self.view)

    def printable_row(self):
        """Return the current order when it may print; otherwise show why not and return None."""
        row = self.current_row()
        if row is None:
            return None
        if row.status not in PRINTABLE_STATUSES:
            self._tell(translate(
                "OrderPrinting", "Order {number} is not approved yet, so it cannot be printed. "
                "Print it once it is approved.").format(number=row.number))
            return None
        return row

    def preview_current(self) -> None:
        """Open the print preview of the current approved order (Ctrl+P); printing from it counts a print."""
        row = self.printable_row()
        if row is not None:
            self.printing.preview_document(row.id)

    def save_current_pdf(self, path: str | None = None) -> None:
        """Save the current approved order as a PDF (Ctrl+Shift+S) at `path`, or where the user picks."""
        row = self.printable_row()
        if row is None:
            return
        if path is None:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _filter = QFileDialog.getSaveFileName(
                self.view, translate("OrderPrinting", "Save order as PDF"), save_pdf_start_path(documents, row.number),
                translate("OrderPrinting", "PDF files (*.pdf)"))
        if path:
            self.printing.save_pdf(row.id, path)
