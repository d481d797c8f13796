"""A Stock page tab listing posted goods receipts or stock transfers, with search and a button for a new one.

Ctrl+N (or the button) opens the editor; Ctrl+F goes to the search box, whose
text matches the number, the supplier or a warehouse, and a product or batch
on the lines. Enter or a double-click on a row opens the document read-only. The list reads the replica in the background and reloads when
a command or a pull writes receipts or transfers. Ctrl+P previews the current
document's print, Ctrl+Shift+S saves it as a PDF and Ctrl+Shift+P prints the
selected rows; every print is counted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.command_access import may_run
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.stock_doc_list_models import ReceiptListModel, TransferListModel
from desktop.models.stock_doc_queries import search_receipts, search_transfers
from desktop.printing.output import save_pdf_start_path
from desktop.tasks import Changes
from desktop.views.document_printing import DocumentPrinting
from desktop.views.goods_receipt_editor import GoodsReceiptEditor
from desktop.views.list_keys import ListKeys
from desktop.views.list_table import ListTable
from desktop.views.local_keys import LocalKey
from desktop.views.stock_doc_viewer import PRINTABLE_KINDS, StockDocumentViewer
from desktop.views.stock_widgets import search_field
from desktop.views.transfer_editor import TransferEditor

log = logging.getLogger(__name__)

KINDS = {
    "receipt": ("goods_receipt.post", ("goods_receipt", "goods_receipt_line"), search_receipts, ReceiptListModel,
                GoodsReceiptEditor),
    "transfer": ("stock_transfer.post", ("stock_transfer", "stock_transfer_line"), search_transfers, TransferListModel,
                 TransferEditor),
}


class StockDocumentsTab(QWidget):
    """Posted documents of one kind ("receipt" or "transfer"); `editor` and `viewer` are the open dialogs, if any."""

    def __init__(self, context, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.command, self.tables, self.search_rows, model_class, self.editor_class = KINDS[kind]
        self.setObjectName(f"{kind}ListTab")
        self.model = model_class(self)
        self.editor = None
        self.viewer: StockDocumentViewer | None = None
        self.search, self._search_timer = search_field(self, f"{kind}Search", self.reload)
        self.table = ListTable(self.model, self)
        self.table.setObjectName(f"{kind}Table")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName(f"new{kind.title()}Button")
        self.new_button.setEnabled(may_run(context, self.command))
        self.new_button.clicked.connect(self.open_editor)

        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.print_hint = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName(f"{kind}ListMessage")
        self.message_label.setWordWrap(True)
        self.printing = DocumentPrinting(context, PRINTABLE_KINDS[kind], self)
        self.printing.message.connect(self.message_label.setText)
        self.preview = None
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.print_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)

        self.list_keys = ListKeys(self.search, self.table, run_pending_search=self.reload, open_row=self.open_document)
        self.table.doubleClicked.connect(self.open_document)
        # Not a QShortcut: the window's Ctrl+N (new order) would make both ambiguous.
        self.new_key = LocalKey(self, QKeySequence.StandardKey.New, self.open_editor)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_keys = (
            LocalKey(self, QKeySequence.StandardKey.Print, self.preview_current),
            LocalKey(self, "Ctrl+Shift+S", lambda: self.save_current_pdf()),
            LocalKey(self, "Ctrl+Shift+P", lambda: self.print_selected()),
        )
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        if self.kind == "receipt":
            self.new_button.setText(translate("StockDocumentsTab", "&New goods receipt (Ctrl+N)"))
            self.search.setPlaceholderText(translate(
                "StockDocumentsTab", "Search receipts by number, supplier, warehouse, product or batch (Ctrl+F)"))
        else:
            self.new_button.setText(translate("StockDocumentsTab", "&New transfer (Ctrl+N)"))
            self.search.setPlaceholderText(translate(
                "StockDocumentsTab", "Search transfers by number, warehouse, product or batch (Ctrl+F)"))
        self.print_hint.setText(translate(
            "StockDocumentsTab",
            "Enter opens a document, Ctrl+P previews its print, Ctrl+Shift+S saves a PDF, "
            "Ctrl+Shift+P prints the selected rows."))

    def reload(self) -> None:
        self._search_timer.stop()
        text = self.search.text()

        def work(control):
            with self.context.read_session() as session:
                return self.search_rows(session, text)

        def loaded(rows) -> None:
            if self.search.text() == text:
                self.model.set_rows(rows)

        self.model.start_loading()
        self.context.tasks.run(work, on_result=loaded, on_error=lambda error: show_error(self, error))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.tables, "warehouse", "supplier"):
            self.reload()

    def open_document(self, index) -> None:
        """Open the posted document of the row at `index` read-only."""
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        self.viewer = StockDocumentViewer(self.context, self.kind, row.id, self)
        self.viewer.finished.connect(lambda result: self.table.setFocus())
        self.viewer.open()

    def current_row(self):
        return self.model.row_at(self.table.currentIndex().row())

    def preview_current(self) -> None:
        """Open the print preview of the current row's document (Ctrl+P)."""
        row = self.current_row()
        if row is not None:
            self.printing.preview_document(row.id)

    def save_current_pdf(self, path: str | None = None) -> None:
        """Save the current row's document as a PDF (Ctrl+Shift+S) at `path`, or where the user picks."""
        row = self.current_row()
        if row is None:
            return
        if path is None:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _filter = QFileDialog.getSaveFileName(
                self, translate("StockDocumentsTab", "Save as PDF"), save_pdf_start_path(documents, row.number),
                translate("StockDocumentsTab", "PDF files (*.pdf)"))
        if path:
            self.printing.save_pdf(row.id, path)

    def selected_ids(self) -> list[str]:
        """Return the ids of the selected rows' documents, in list order."""
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row.id for row in (self.model.row_at(number) for number in numbers) if row is not None]

    def print_selected(self, printer=None) -> None:
        """Print every selected document with one print dialog (Ctrl+Shift+P); each print is counted."""
        self.printing.print_batch(self.selected_ids(), printer)

    def open_editor(self) -> None:
        """Open a new document's editor (Ctrl+N); the list reloads when it posts."""
        if not self.new_button.isEnabled():
            return
        self.editor = self.editor_class(self.context, self)
        self.editor.posted.connect(lambda document_id, number: self.reload())
        self.editor.finished.connect(lambda result: self.table.setFocus())
        self.editor.open()
