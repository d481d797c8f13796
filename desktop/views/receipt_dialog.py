"""The receipt confirmation form (收货记录): what the customer signed for on one delivery note.

Every delivery line starts as received in full. The user types the
quantity received where it differs, picks the reason and, for missing goods,
whether they come back into stock (a sales return) or are only credited.
Ctrl+S posts receipt_confirmation.post through the outbox. The credit shown
per line is computed with the same rules the server posts.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import NotSignedInError, show_error, show_error_in
from desktop.i18n import translate
from desktop.models.order_format import format_money, format_quantity
from desktop.models.receipt_lines_model import CHOICES_ROLE, ReceiptLinesModel
from desktop.models.return_queries import DeliveryForReturn, load_delivery_for_return
from desktop.views.cell_table import CellTable
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.post_form import error_label, post_buttons
from domain.ids import new_id
from domain.models import DifferenceResolution
from domain.money import ZERO
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

SIGNED_BY_MAX_LENGTH = 100


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell whose model offers (code, label) choices with a combo box; other cells as text."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if not choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for code, label in choices:
            box.addItem(label, code)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class ReceiptDialog(DiscardQuestion, QDialog):
    """Record the receipt of delivery note `delivery_id`: received quantity, reason and settlement per line."""

    # The receipt_confirmation.post result once the confirmation is in the replica and the outbox.
    posted = Signal(dict)

    def __init__(self, context, delivery_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptDialog")
        self.context = context
        self.delivery_id = delivery_id
        self.delivery: DeliveryForReturn | None = None
        self.busy = False
        self.setWindowTitle(translate("ReceiptDialog", "Receipt confirmation"))
        self.resize(1000, 520)

        self.header_label = QLabel(self)
        self.header_label.setObjectName("receiptHeader")
        hint = QLabel(translate(
            "ReceiptDialog",
            "Type what the customer received where it differs, then pick the reason and how missing goods are settled. "
            "Enter or Tab moves on; Ctrl+S posts, Esc closes.",
        ), self)
        hint.setWordWrap(True)
        self.lines_model = ReceiptLinesModel(self)
        self.table = CellTable(self.lines_model, ReceiptLinesModel.EDITABLE, ReceiptLinesModel.PRODUCT, self)
        self.table.setObjectName("receiptLines")
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.signed_by_edit = QLineEdit(self)
        self.signed_by_edit.setObjectName("receiptSignedBy")
        self.signed_by_edit.setMaxLength(SIGNED_BY_MAX_LENGTH)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("receiptTotal")
        self.message_label = error_label(self, "receiptMessage")
        buttons, self.post_button = post_buttons(self, translate("ReceiptDialog", "Post receipt (Ctrl+S)"), "postReceiptButton", self.post)

        form = QFormLayout()
        form.addRow(translate("ReceiptDialog", "&Signed by:"), self.signed_by_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

        self.lines_model.entries_changed.connect(self._show_total)
        self.lines_model.invalid_text.connect(self._show_invalid_text)
        self._show_total()
        self._load()

    def _load(self) -> None:
        context = self.context

        def work(control) -> DeliveryForReturn:
            with context.read_session() as session:
                return load_delivery_for_return(session, self.delivery_id)

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, delivery: DeliveryForReturn) -> None:
        self.delivery = delivery
        self.setWindowTitle(translate("ReceiptDialog", "Receipt of delivery note {number}").format(number=delivery.number))
        self.header_label.setText(translate("ReceiptDialog", "Delivery note {number} to {customer}").format(
            number=delivery.number, customer=delivery.customer_name))
        self.lines_model.set_lines(delivery.lines, delivery.prices_include_tax)
        self.table.resizeColumnsToContents()
        self.table.setFocus()
        self.table.setCurrentIndex(self.lines_model.index(0, ReceiptLinesModel.RECEIVED))

    def _show_total(self) -> None:
        self.total_label.setText(translate("ReceiptDialog", "Credited to the customer: ¥{amount}").format(
            amount=format_money(self.lines_model.total_credit())))

    def _show_invalid_text(self, text: str) -> None:
        self.message_label.setText(translate(
            "ReceiptDialog", "{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.",
        ).format(text=text))

    def validation_error(self) -> str | None:
        """Return the message of the first problem that stops posting, or None."""
        model = self.lines_model
        for row in range(model.rowCount()):
            line, entry = model.line_at(row), model.entry_at(row)
            product = f"{line.product_code} {line.product_name}"
            if model.difference_at(row) != ZERO and not entry.reason:
                return translate("ReceiptDialog", "{product}: received {received} {unit} of {delivered}; choose the reason "
                                 "for the difference.").format(product=product, received=format_quantity(entry.received),
                                                               delivered=format_quantity(line.delivered), unit=line.unit_name)
            if model.shortfall_at(row) > line.returnable:
                return translate("ReceiptDialog", "{product}: {missing} {unit} missing is more than the {open} {unit} not yet "
                                 "returned or credited; correct the received quantity.").format(
                    product=product, missing=format_quantity(model.shortfall_at(row)),
                    open=format_quantity(line.returnable), unit=line.unit_name)
        return None

    def is_modified(self) -> bool:
        return self.lines_model.has_differences() or bool(self.signed_by_edit.text().strip())

    def payload(self, confirmation_id: str, number: str, return_number: str | None, document_date: dt.date) -> dict[str, Any]:
        model = self.lines_model
        lines = []
        for row in range(model.rowCount()):
            entry = model.entry_at(row)
            line: dict[str, Any] = {"id": new_id(), "delivery_line_id": model.line_at(row).delivery_line_id,
                                    "received_quantity": str(entry.received)}
            if model.difference_at(row) != ZERO:
                line.update(difference_reason=entry.reason, reason_note=entry.note or None)
                if model.difference_at(row) < ZERO:
                    line["resolution"] = entry.resolution
            lines.append(line)
        payload: dict[str, Any] = {
            "id": confirmation_id, "number": number, "delivery_id": self.delivery.id,
            "document_date": document_date.isoformat(), "signed_by": self.signed_by_edit.text().strip() or None,
            "lines": lines,
        }
        if return_number is not None:
            payload.update(return_id=new_id(), return_number=return_number)
        return payload

    def _needs_return(self) -> bool:
        model = self.lines_model
        return any(model.shortfall_at(row) > ZERO and model.entry_at(row).resolution == DifferenceResolution.RETURN.value
                   for row in range(model.rowCount()))

    def post(self) -> None:
        """Check the form, then post receipt_confirmation.post through the outbox and close the form."""
        if self.busy or self.delivery is None:
            return
        self.table.commit_editing()
        error = self.validation_error()
        if error is not None:
            self.message_label.setText(error)
            return
        self.busy = True
        replica = self.context.replica
        needs_return = self._needs_return()
        today = dt.date.today()

        def prepare(control) -> dict[str, Any]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            number = next_document_number(replica, "receipt_confirmation", today)
            return_number = next_document_number(replica, "sales_return", today) if needs_return else None
            return self.payload(new_id(), number, return_number, today)

        def prepared(payload: dict[str, Any]) -> None:
            self.context.tasks.submit("receipt_confirmation.post", payload, on_result=posted, on_error=self._failed,
                                      parent=self, label=translate("ReceiptDialog", "Posting the receipt..."))

        def posted(submitted: Submitted) -> None:
            self.busy = False
            self.posted.emit(dict(submitted.result))
            self.done(QDialog.DialogCode.Accepted)

        self.context.tasks.run(prepare, on_result=prepared, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self, self.message_label.setText, error)
