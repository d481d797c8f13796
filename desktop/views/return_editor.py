"""The return form (退货): goods of one delivery note come back into a chosen warehouse.

The table lists the delivery's lines with what is left to return. The user
types quantities (Tab or Enter moves to the next quantity), picks the
warehouse and types the reason, then posts with Ctrl+S or Ctrl+Enter. The return
goes through the outbox like every command, so it posts offline too. The
credit of each line is computed by the same function sales_return.post uses.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import NotSignedInError, show_error, show_error_in
from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.order_format import format_money, format_quantity
from desktop.models.return_lines_model import ReturnLinesModel
from desktop.models.return_queries import DeliveryForReturn, load_delivery_for_return
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.post_form import error_label, post_buttons
from domain.ids import new_id
from domain.money import ZERO
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

REASON_MAX_LENGTH = 400


class QuantityTable(QTableView):
    """The return lines; Tab, Enter and Shift+Tab move between the quantity cells of lines with goods to return."""

    def __init__(self, model: ReturnLinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(ReturnLinesModel.PRODUCT, QHeaderView.ResizeMode.Stretch)

    def quantity_rows(self) -> list[int]:
        model = self.model()
        return [row for row in range(model.rowCount())
                if model.flags(model.index(row, ReturnLinesModel.QUANTITY)) & Qt.ItemFlag.ItemIsEditable]

    def go_to_quantity(self, step: int, *, edit: bool) -> bool:
        """Make the quantity cell `step` editable rows away the current one; return False when there is none."""
        rows = self.quantity_rows()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if step > 0:
            following = [row for row in rows if row > current]
        else:
            following = [row for row in reversed(rows) if row < current]
        if current < 0 and rows:
            following = rows
        if not following:
            return False
        index = self.model().index(following[0], ReturnLinesModel.QUANTITY)
        self.setCurrentIndex(index)
        if edit:
            # Called while the previous editor closes, when the view cannot open another one yet.
            QTimer.singleShot(0, lambda: self._edit_if_current(index))
        return True

    def _edit_if_current(self, index: QModelIndex) -> None:
        if index.isValid() and self.currentIndex() == index and self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)

    def commit_editing(self) -> None:
        """Store the quantity still being typed, so Ctrl+S in the middle of typing posts it."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        index = self.currentIndex()
        # Moving within the row commits the editor without moving on to the next quantity.
        self.setCurrentIndex(index.siblingAtColumn(ReturnLinesModel.PRODUCT))
        self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            if not self.go_to_quantity(-1 if key == Qt.Key.Key_Backtab else 1, edit=False):
                event.ignore()  # past the last quantity: the focus moves on to the warehouse
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.state() == QAbstractItemView.State.EditingState:
                return  # the editor ignored Enter after its delegate queued the commit, which moves on
            index = self.currentIndex()
            if index.isValid() and index.column() == ReturnLinesModel.QUANTITY and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            elif not self.go_to_quantity(1, edit=True):
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # The delegate ends Tab with EditNextItem and Enter with SubmitModelCache; both go to the next quantity.
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.SubmitModelCache):
            if not self.go_to_quantity(1, edit=True):
                self.focusNextChild()
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self.go_to_quantity(-1, edit=True)


class ReturnEditor(DiscardQuestion, QDialog):
    """Return goods of delivery note `delivery_id`: quantities per line, warehouse, reason, total credited."""

    # (return id, return number, total credited) once the return is in the replica and the outbox.
    posted = Signal(str, str, object)

    def __init__(self, context, delivery_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReturnEditor")
        self.context = context
        self.delivery_id = delivery_id
        self.delivery: DeliveryForReturn | None = None
        self.busy = False
        self.setWindowTitle(translate("ReturnEditor", "Return goods"))
        self.resize(900, 520)

        self.header_label = QLabel(self)
        self.header_label.setObjectName("returnHeader")
        self.hint_label = QLabel(translate(
            "ReturnEditor",
            "Type the quantities coming back; Tab or Enter moves to the next line. Ctrl+S posts the return, Esc closes.",
        ), self)
        self.hint_label.setWordWrap(True)
        self.lines_model = ReturnLinesModel(parent=self)
        self.table = QuantityTable(self.lines_model, self)
        self.table.setObjectName("returnLines")
        self.warehouse_box = QComboBox(self)
        self.warehouse_box.setObjectName("returnWarehouse")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("returnReason")
        self.reason_edit.setMaxLength(REASON_MAX_LENGTH)
        self.reason_edit.setPlaceholderText(translate("ReturnEditor", "Why the goods come back, such as damaged packaging"))
        self.total_label = QLabel(self)
        self.total_label.setObjectName("returnTotal")
        self.message_label = error_label(self, "returnMessage")
        buttons, self.post_button = post_buttons(self, translate("ReturnEditor", "Post return (Ctrl+S)"), "postReturnButton", self.post)

        form = QFormLayout()
        form.addRow(translate("ReturnEditor", "Into &warehouse:"), self.warehouse_box)
        form.addRow(translate("ReturnEditor", "&Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.setTabOrder(self.table, self.warehouse_box)
        self.setTabOrder(self.warehouse_box, self.reason_edit)


        self.lines_model.quantities_changed.connect(self._show_total)
        self.lines_model.invalid_text.connect(self._show_invalid_text)
        self._show_total()
        self._load()

    # -- loading ----------------------------------------------------------------

    def _load(self) -> None:
        context = self.context

        def work(control) -> DeliveryForReturn:
            with context.read_session() as session:
                return load_delivery_for_return(session, self.delivery_id)

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, delivery: DeliveryForReturn) -> None:
        self.delivery = delivery
        self.setWindowTitle(translate("ReturnEditor", "Return goods from delivery note {number}").format(number=delivery.number))
        self.header_label.setText(translate("ReturnEditor", "Delivery note {number} to {customer}").format(
            number=delivery.number, customer=delivery.customer_name))
        self.lines_model.set_lines(delivery.lines)
        self.warehouse_box.clear()
        for warehouse in delivery.warehouses:
            self.warehouse_box.addItem(f"{warehouse.code} {warehouse.name}", warehouse.id)
        self.warehouse_box.setCurrentIndex(max(self.warehouse_box.findData(delivery.warehouse_id), 0))
        if not self.table.quantity_rows():
            self.message_label.setText(translate(
                "ReturnEditor", "Every line of delivery note {number} has been returned in full.").format(number=delivery.number))
            self.reason_edit.setFocus()
            return
        self.table.setFocus()
        self.table.go_to_quantity(1, edit=False)

    # -- totals and checks ------------------------------------------------------

    def _show_total(self) -> None:
        include_tax = self.delivery.prices_include_tax if self.delivery else True
        total = self.lines_model.total_credit(include_tax)
        self.total_label.setText(translate("ReturnEditor", "Credited to the customer: ¥{amount}").format(
            amount=format_money(total)))
        if total > ZERO:
            self.message_label.clear()

    def _show_invalid_text(self, text: str) -> None:
        self.message_label.setText(translate(
            "ReturnEditor", "{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.",
        ).format(text=text))

    def validation_error(self) -> str | None:
        """Return the message of the first problem that stops posting, or None when the return can be posted."""
        model = self.lines_model
        rows = model.entered_rows()
        if not rows:
            return translate("ReturnEditor", "Type the quantity to return on at least one line.")
        for row in rows:
            line, quantity = model.line_at(row), model.quantity_at(row)
            if quantity > line.returnable:
                return translate(
                    "ReturnEditor",
                    "{product}: {quantity} {unit} is more than is left to return; type at most {maximum} {unit}.",
                ).format(product=f"{line.product_code} {line.product_name}", quantity=format_quantity(quantity),
                         unit=line.unit_name, maximum=format_quantity(line.returnable))
        if self.warehouse_box.currentData() is None:
            return translate("ReturnEditor", "Choose the warehouse the goods come back into.")
        if not self.reason_edit.text().strip():
            return translate("ReturnEditor", "Enter the reason for the return.")
        return None

    def is_modified(self) -> bool:
        return self.lines_model.has_quantities()

    # -- posting ----------------------------------------------------------------

    def payload(self, return_id: str, number: str, document_date: dt.date) -> dict[str, Any]:
        model = self.lines_model
        return {
            "id": return_id,
            "number": number,
            "customer_id": self.delivery.customer_id,
            "delivery_id": self.delivery.id,
            "warehouse_id": self.warehouse_box.currentData(),
            "document_date": document_date.isoformat(),
            "reason": self.reason_edit.text().strip(),
            "lines": [
                {"id": new_id(), "delivery_line_id": model.line_at(row).delivery_line_id,
                 "quantity": str(model.quantity_at(row))}
                for row in model.entered_rows()
            ],
        }

    def post(self) -> None:
        """Check the form, then post sales_return.post through the outbox and close the form."""
        if self.busy or self.delivery is None:
            return
        self.table.commit_editing()
        error = self.validation_error()
        if error is not None:
            self.message_label.setText(error)
            return
        self.busy = True
        replica = self.context.replica
        return_id = new_id()
        today = dt.date.today()

        def prepare(control) -> dict[str, Any]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            return self.payload(return_id, next_document_number(replica, "sales_return", today), today)

        def prepared(payload: dict[str, Any]) -> None:
            self.context.tasks.submit("sales_return.post", payload, on_result=posted, on_error=self._failed,
                                      parent=self, label=translate("ReturnEditor", "Posting the return..."))

        def posted(submitted: Submitted) -> None:
            self.busy = False
            notes = messages_for(submitted.flags)
            if notes:
                log.info("sales return %s posted with flags: %s", submitted.result.get("number"), notes)
            total = Decimal(submitted.result.get("total_amount", "0"))
            self.posted.emit(return_id, submitted.result.get("number", ""), total)
            self.done(QDialog.DialogCode.Accepted)

        self.context.tasks.run(prepare, on_result=prepared, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self, self.message_label.setText, error)
