"""The read-only view of a posted goods receipt or stock transfer, opened by Enter or a double-click on its list row.

The dialog opens at once and reads the document from the replica in the
background. The lines table takes the focus when they arrive, so the arrow
keys scroll them; Esc or Enter closes the dialog. Unit costs and amounts
show only for a role that may see costs. Ctrl+P opens the print preview and
Ctrl+Shift+S saves the document as a PDF; both count a print.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.models.stock_doc_detail import (
    DetailLinesModel,
    StockDocumentDetail,
    StockDocumentNotFound,
    load_receipt_detail,
    load_transfer_detail,
)
from desktop.printing.output import save_pdf_start_path
from desktop.views.document_printing import GOODS_RECEIPT, STOCK_TRANSFER, DocumentPrinting

log = logging.getLogger(__name__)

LOADERS = {"receipt": load_receipt_detail, "transfer": load_transfer_detail}
PRINTABLE_KINDS = {"receipt": GOODS_RECEIPT, "transfer": STOCK_TRANSFER}


class StockDocumentViewer(QDialog):
    """One posted document of `kind` ("receipt" or "transfer"); `detail` is None until it has loaded."""

    def __init__(self, context, kind: str, document_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockDocumentViewer")
        self.context = context
        self.kind = kind
        self.document_id = document_id
        self.detail: StockDocumentDetail | None = None
        self.resize(900, 480)
        self.setWindowTitle(translate("StockDocViewer", "Loading..."))

        self.values: dict[str, QLabel] = {}
        self.form = QFormLayout()
        captions = {
            "number": translate("StockDocViewer", "Number:"),
            "date": translate("StockDocViewer", "Date:"),
            "supplier": translate("StockDocViewer", "Supplier:"),
            "warehouse": translate("StockDocViewer", "Warehouse:"),
            "from_warehouse": translate("StockDocViewer", "From warehouse:"),
            "to_warehouse": translate("StockDocViewer", "To warehouse:"),
            "note": translate("StockDocViewer", "Note:"),
            "posted_by": translate("StockDocViewer", "Posted by:"),
        }
        other_kind_fields = ("from_warehouse", "to_warehouse") if kind == "receipt" else ("supplier", "warehouse")
        for key, caption in captions.items():
            if key in other_kind_fields:
                continue
            label = QLabel(self)
            label.setObjectName(f"stockDocView_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.values[key] = label
            self.form.addRow(caption, label)

        self.lines_model = DetailLinesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("stockDocViewLines")
        self.table.setModel(self.lines_model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("stockDocViewTotal")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("stockDocViewMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Every print is counted, and a reprint requires a reason first.
        self.printing = DocumentPrinting(context, PRINTABLE_KINDS[kind], self)
        self.printing.message.connect(self.message_label.setText)
        self.preview = None
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))
        self.print_button = buttons.addButton(translate("StockDocViewer", "Print preview (Ctrl+P)"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("stockDocViewPrint")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.preview_print)
        self.pdf_button = buttons.addButton(translate("StockDocViewer", "Save as PDF (Ctrl+Shift+S)..."),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.setObjectName("stockDocViewPdf")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, activated=self.preview_print)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=lambda: self.save_pdf())

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        role, kind, document_id = self.context.user.role, self.kind, self.document_id

        def work(control) -> StockDocumentDetail:
            with self.context.read_session() as session:
                return LOADERS[kind](session, document_id, role)

        self.context.tasks.run(work, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, detail: StockDocumentDetail) -> None:
        self.detail = detail
        if detail.kind == "receipt":
            self.setWindowTitle(translate("StockDocViewer", "Goods receipt {number}").format(number=detail.number))
        else:
            self.setWindowTitle(translate("StockDocViewer", "Stock transfer {number}").format(number=detail.number))
        date = detail.document_date.isoformat()
        if detail.posting_date is not None and detail.posting_date != detail.document_date:
            date = translate("StockDocViewer", "{document_date} (posted on {posting_date})").format(
                document_date=date, posting_date=detail.posting_date.isoformat())
        texts = {
            "number": detail.number, "date": date, "supplier": detail.supplier or translate("StockDocViewer", "(no supplier)"),
            "warehouse": detail.warehouse, "from_warehouse": detail.from_warehouse, "to_warehouse": detail.to_warehouse,
            "note": detail.note, "posted_by": detail.posted_by,
        }
        for key, label in self.values.items():
            label.setText(texts[key])

        self.lines_model.set_detail(detail)
        model = self.lines_model
        for key in ("unit_cost", "amount"):
            if key in model.columns:
                self.table.setColumnHidden(model.columns.index(key), not detail.sees_cost)
        self.table.horizontalHeader().setSectionResizeMode(model.columns.index("product_name"), QHeaderView.ResizeMode.Stretch)
        if detail.sees_cost and detail.total_amount is not None:
            self.total_label.setText(translate("StockDocViewer", "Lines: {count}    Total: ¥{amount}").format(
                count=len(detail.lines), amount=format_money(detail.total_amount)))
        else:
            self.total_label.setText(translate("StockDocViewer", "Lines: {count}").format(count=len(detail.lines)))
        self.table.setFocus()
        if model.rowCount() > 0:
            self.table.selectRow(0)

    def preview_print(self) -> None:
        """Open the print preview (Ctrl+P); printing from it, to paper or a PDF, counts a print."""
        self.printing.preview_document(self.document_id)

    def save_pdf(self, path: str | None = None) -> None:
        """Save the document as a PDF (Ctrl+Shift+S) at `path`, or where the user picks, and count the print."""
        if path is None:
            number = self.detail.number if self.detail is not None else self.document_id
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _filter = QFileDialog.getSaveFileName(
                self, translate("StockDocViewer", "Save as PDF"), save_pdf_start_path(documents, number),
                translate("StockDocViewer", "PDF files (*.pdf)"))
        if path:
            self.printing.save_pdf(self.document_id, path)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, StockDocumentNotFound):
            log.info("%s %s is not in the replica", self.kind, self.document_id)
            self.message_label.setText(translate(
                "StockDocViewer",
                "This document is no longer on this computer: it left your warehouses, or the data is being "
                "rebuilt. Close this window and search the list again after the next sync.",
            ))
            return
        show_error(self, error)

    def keyPressEvent(self, event) -> None:
        # Enter closes the view as Esc does: a read-only view has nothing to confirm.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.accept()
            return
        super().keyPressEvent(event)
