"""What the goods receipt and stock transfer editors share: the lines grid, totals, messages and posting.

A subclass adds its header fields (a form layout) and builds the payload.
The editor loads the products, warehouses and suppliers of the replica in
the background, then starts in the first header field. Ctrl+S, Ctrl+Enter or
the post button check the form and submit the command through the outbox,
so it posts offline too. The command's handler runs on the replica first,
and the form shows its rejection (a missing batch number, say) in the
user's language.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import NotSignedInError, show_error, show_error_in
from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.stock_doc_lines import StockLinesModel
from desktop.models.stock_doc_queries import StockEntryData, load_stock_entry
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.product_entry import ProductIndex
from desktop.views.product_picker import pick_product
from desktop.views.stock_lines_grid import StockLinesGrid
from domain.ids import new_id
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

NOTE_MAX_LENGTH = 400


class StockDocumentEditor(DiscardQuestion, QDialog):
    """Base of the receipt and transfer editors; `posted(id, number)` is emitted once the document is queued."""

    posted = Signal(str, str)

    # Set by the subclass: the command, the document type that numbers it and the lines' kind.
    command = ""
    document_type = ""
    kind = ""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: StockEntryData | None = None
        self.busy = False
        self.resize(980, 560)
        self.lines_model = StockLinesModel(self.kind, self)
        self.grid = StockLinesGrid(self.lines_model, self)
        self.grid.product_picker = self._pick_product
        self.form = QFormLayout()
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("stockDocNote")
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("stockDocTotal")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("stockDocMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        buttons = QDialogButtonBox(self)
        self.post_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.post_button.setObjectName("postStockDocButton")
        self.post_button.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.post)
        buttons.rejected.connect(self.reject)

        self.build_header()
        self.form.addRow(translate("StockDocEditor", "N&ote:"), self.note_edit)
        self._chain_fields()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.post)
        self.lines_model.totals_changed.connect(self.show_totals)
        self.grid.delegate.entry_message.connect(self.message_label.setText)
        self.show_totals()
        self._load()

    # -- subclass hooks ----------------------------------------------------------

    def build_header(self) -> None:
        raise NotImplementedError

    def fill_header(self, data: StockEntryData) -> None:
        raise NotImplementedError

    def header_error(self) -> str | None:
        """Return the message of a header problem that stops posting, or None."""
        raise NotImplementedError

    def header_payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def line_payload(self, line) -> dict[str, Any]:
        raise NotImplementedError

    def picker_warehouse(self) -> str | None:
        return None

    def confirm_post(self) -> bool:
        """Ask about what the form warns of, after the checks passed; False keeps the editor open."""
        return True

    def show_totals(self) -> None:
        raise NotImplementedError

    # -- keyboard ----------------------------------------------------------------------

    def _chain_fields(self) -> None:
        """Order Tab through the header fields, the note and the grid; Enter in a field moves on the same way."""
        self.fields: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                self.fields.append(item.widget())
        for field, following in zip(self.fields, self.fields[1:] + [self.grid]):
            self.setTabOrder(field, following)
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and watched in self.fields
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            position = self.fields.index(watched)
            if position + 1 < len(self.fields):
                self.fields[position + 1].setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self.grid.start_entry()
            return True
        return super().eventFilter(watched, event)

    # -- loading -------------------------------------------------------------------

    def _load(self) -> None:
        role = self.context.user.role

        def work(control) -> StockEntryData:
            with self.context.read_session() as session:
                return load_stock_entry(session, role)

        self.context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, data: StockEntryData) -> None:
        self.data = data
        self.lines_model.tracking = dict(data.tracking)
        self.grid.set_products(ProductIndex(data.products, data.inactive_products, data.barcodes))
        self.fill_header(data)
        self.fields[0].setFocus()

    def _pick_product(self, text: str):
        return pick_product(self, self.context, warehouse_id=self.picker_warehouse(), on_date=dt.date.today(), text=text)

    # -- checks and posting ------------------------------------------------------------

    def is_modified(self) -> bool:
        return bool(self.lines_model.entered()) or bool(self.note_edit.text().strip())

    def validation_error(self) -> str | None:
        error = self.header_error()
        if error is not None:
            return error
        if not self.lines_model.entered():
            return translate("StockDocEditor", "Enter at least one line: type a product code, name or pinyin initials.")
        row = self.lines_model.missing_quantity()
        if row is not None:
            if self.kind == "receipt" and self.lines_model.costs_entered:
                return translate("StockDocEditor", "Line {line_no}: enter the quantity and the unit cost.").format(line_no=row + 1)
            return translate("StockDocEditor", "Line {line_no}: enter the quantity.").format(line_no=row + 1)
        return None

    def payload(self, document_id: str, number: str, document_date: dt.date) -> dict[str, Any]:
        body = {"id": document_id, "number": number, "document_date": document_date.isoformat(),
                "note": self.note_edit.text().strip() or None, **self.header_payload()}
        body["lines"] = [{"id": new_id(), **self.line_payload(line)} for line in self.lines_model.entered()]
        return body

    def post(self) -> None:
        """Check the form, then submit the command through the outbox and close the editor."""
        if self.busy or self.data is None:
            return
        self.grid.finish_editing()
        error = self.validation_error()
        if error is not None:
            self.message_label.setText(error)
            return
        if not self.confirm_post():
            return
        self.busy = True
        replica = self.context.replica
        document_id = new_id()
        today = dt.date.today()

        def prepare(control) -> dict[str, Any]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            return self.payload(document_id, next_document_number(replica, self.document_type, today), today)

        def prepared(payload: dict[str, Any]) -> None:
            self.context.tasks.submit(self.command, payload, on_result=posted, on_error=self._failed, parent=self,
                                      label=translate("StockDocEditor", "Posting..."))

        def posted(submitted: Submitted) -> None:
            self.busy = False
            notes = messages_for(submitted.flags)
            if notes:
                log.info("%s %s posted with flags: %s", self.command, submitted.result.get("number"), notes)
            self.posted.emit(document_id, submitted.result.get("number", ""))
            self.done(QDialog.DialogCode.Accepted)

        self.context.tasks.run(prepare, on_result=prepared, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self, self.message_label.setText, error)
