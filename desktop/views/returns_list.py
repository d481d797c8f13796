"""Posted sales returns (退货单) on the Deliveries page: the list, a return's lines, its print preview and PDF.

Enter on a return opens its lines; the page's Ctrl+P previews the current
return note, Ctrl+Shift+S saves it as a PDF and Ctrl+Shift+P prints the
selected ones. The list reloads when a command or a sync pull writes sales
returns.
"""

from __future__ import annotations

import logging
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.models.return_list_models import ReturnedLinesModel, ReturnListModel
from desktop.models.return_queries import PAGE_SIZE, ReturnedLine, ReturnRow, load_returned_lines, search_returns
from desktop.printing.output import save_pdf_start_path
from desktop.views.document_printing import SALES_RETURN, DocumentPrinting
from desktop.views.list_table import ListTable
from desktop.views.paged_list_loader import PagedListLoader

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250

# Tables whose changes can change the list: its own, and the names it shows.
RETURN_TABLES = ("sales_return", "sales_return_line", "customer", "warehouse", "delivery_note")


class ReturnLinesDialog(QDialog):
    """The lines of one posted return, read-only; Ctrl+P opens the print preview."""

    def __init__(self, row: ReturnRow, lines: list[ReturnedLine], on_print, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReturnLinesDialog")
        self.setWindowTitle(translate("ReturnLinesDialog", "Sales return {number}").format(number=row.number))
        self.resize(760, 380)
        header = QLabel(translate(
            "ReturnLinesDialog", "{customer}, from delivery note {delivery} into {warehouse}. Reason: {reason}",
        ).format(customer=row.customer_name, delivery=row.delivery_number, warehouse=row.warehouse_name,
                 reason=row.reason), self)
        header.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("returnedLines")
        lines_model = ReturnedLinesModel(self)
        lines_model.set_rows(lines)
        self.table.setModel(lines_model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        total = QLabel(translate("ReturnLinesDialog", "Credited: ¥{amount}").format(
            amount=format_money(row.total_amount)), self)
        total.setObjectName("returnedTotal")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        print_button = buttons.addButton(translate("ReturnLinesDialog", "Print preview (Ctrl+P)"),
                                         QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(on_print)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, activated=on_print)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(total)
        layout.addWidget(buttons)


class ReturnsList(QWidget):
    """The posted returns of the replica, newest first."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = None
        self.lines_dialog: ReturnLinesDialog | None = None
        self.model = ReturnListModel(self)
        self.table = ListTable(self.model, self)
        self.table.setObjectName("returnTable")
        self.table.setColumnWidth(3, 200)  # the delivery note's number, as long as the return's
        self.table.activated_by_key.connect(lambda index: self.open_current())
        self.table.doubleClicked.connect(lambda index: self.open_current())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("returnListMessage")
        self.message_label.setWordWrap(True)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("returnSearch")
        self.search_edit.setPlaceholderText(translate("ReturnsList", "Search by return number, customer or delivery note"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.loader = PagedListLoader(context, self.table, self.model, self._page_reader, PAGE_SIZE)
        self.loader.failed.connect(lambda error: show_error(self, error))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(translate(
            "ReturnsList", "Sales returns (Enter shows the lines, Ctrl+P previews, Ctrl+Shift+S saves a PDF):"), self))
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        context.tasks.changed.connect(self._on_changed)
        # Every print of a return note is counted; Ctrl+Shift+P on the page prints the selected ones.
        self.printing = DocumentPrinting(context, SALES_RETURN, self)
        self.printing.message.connect(self.message_label.setText)
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.reload()

    def reload(self) -> None:
        """Load the first page of returns matching the search; later pages follow the scrolling."""
        self.loader.reload()

    def _page_reader(self):
        text = self.search_edit.text()

        def read(session, offset: int, limit: int) -> list[ReturnRow]:
            return search_returns(session, text, offset, limit)

        return read

    def _on_changed(self, changes) -> None:
        if changes.touches(*RETURN_TABLES):
            self.reload()

    def current_row(self) -> ReturnRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def open_current(self) -> None:
        """Show the lines of the current return."""
        row = self.current_row()
        if row is None:
            return
        context = self.context

        def work(control) -> list[ReturnedLine]:
            with context.read_session() as session:
                return load_returned_lines(session, row.id)

        def show(lines: list[ReturnedLine]) -> None:
            self.lines_dialog = ReturnLinesDialog(row, lines, lambda: self.preview_return(row.id), self)
            self.lines_dialog.open()

        context.tasks.run(work, on_result=show, on_error=lambda error: show_error(self, error))

    # -- printing ---------------------------------------------------------------

    def preview_return(self, return_id: str) -> None:
        """Open the print preview of a return note; printing from it, or saving a PDF, counts a print."""
        self.printing.preview_document(return_id)

    def preview_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.preview_return(row.id)

    def selected_return_ids(self) -> list[str]:
        """Return the ids of the selected returns, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row.id for row in (self.model.row_at(number) for number in rows) if row is not None]

    def print_selected(self, printer=None) -> None:
        """Print every selected return note with one print dialog; each print is counted."""
        self.printing.print_batch(self.selected_return_ids(), printer)

    def save_current_pdf(self) -> None:
        row = self.current_row()
        if row is None:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, translate("ReturnsList", "Save return note as PDF"), save_pdf_start_path(documents, row.number),
            translate("ReturnsList", "PDF files (*.pdf)"),
        )
        if path:
            self.printing.save_pdf(row.id, path)
