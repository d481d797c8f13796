"""The verification (核准) dialog of a completed order: corrected quantities and prices, a reason, then order.verify.

Tab or Enter moves from a corrected quantity to the corrected price and on
to the next line. After the last line it moves to the reason, and Ctrl+Enter
sends. The dialog shows each line's amount before and after and the total
that flows to the customer's receivables. It computes them with the
handler's own functions (desktop.models.order_verification_form). The
command goes through the outbox, so it works offline, and the server runs
it again at the next sync.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QKeyCombination, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.errors import NotSignedInError, show_error, user_message
from desktop.i18n import translate
from desktop.models.order_format import format_money, state_label
from desktop.models.order_verification_form import (
    CorrectionError,
    VerifyOrder,
    amount_change,
    load_verify_order,
    validation_error,
    verify_payload,
)
from desktop.models.order_verify_model import VerifyLinesModel
from desktop.views.order_verify_table import NextCellDelegate, VerifyTable
from domain.commands.handlers.order_verification import DOCUMENT_TYPE
from domain.ids import new_id
from domain.models import OrderStatus
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

VERIFY_COMMAND = "order.verify"
# The payload's limit on the reason.
REASON_MAX_LENGTH = 2000


class OrderVerifyDialog(QDialog):
    """Corrects a completed order's quantities and prices and queues order.verify."""

    # The order.verify result ({"id", "number", "amount_change", ...}) once the command ran on the replica.
    verified = Signal(dict)

    def __init__(self, context, order_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.order_id = order_id
        self.order: VerifyOrder | None = None
        self.busy = False
        self.setObjectName("OrderVerifyDialog")
        self.setWindowTitle(self.tr("Verify order"))
        self.resize(980, 460)

        self.summary_label = QLabel(self.tr("Loading the order..."), self)
        self.summary_label.setWordWrap(True)
        self.model = VerifyLinesModel(self)
        self.model.corrections_changed.connect(self._show_difference)
        self.table = VerifyTable(self)
        self.table.setObjectName("verifyLines")
        self.table.setModel(self.model)
        self.table.setItemDelegate(NextCellDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(VerifyLinesModel.PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.table.left_forward.connect(lambda: self.reason_edit.setFocus())

        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("verifyReason")
        self.reason_edit.setMaxLength(REASON_MAX_LENGTH)
        self.reason_edit.setPlaceholderText(self.tr("Required: why the quantities or prices change"))
        self.reason_edit.textEdited.connect(lambda _text: self._show_message(""))
        self.difference_label = QLabel(self)
        self.difference_label.setObjectName("verifyDifference")
        self.difference_label.setStyleSheet("font-weight: bold;")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("verifyMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")

        self.verify_button = QPushButton(self.tr("Verify (Ctrl+Enter)"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setAutoDefault(False)
        self.verify_button.setEnabled(False)
        self.verify_button.clicked.connect(self.submit)
        cancel_button = QPushButton(self.tr("Cancel (Esc)"), self)
        cancel_button.setAutoDefault(False)
        cancel_button.clicked.connect(self.reject)
        for keys in (QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Return),
                     QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier,
                                     Qt.Key.Key_Enter)):
            QShortcut(QKeySequence(keys), self, activated=self.submit)

        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.reason_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.difference_label, 1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self._load()

    def _load(self) -> None:
        context, order_id = self.context, self.order_id

        def work(control) -> VerifyOrder:
            with context.read_session() as session:
                return load_verify_order(session, order_id)

        context.tasks.run(work, on_result=self._loaded, on_error=self._failed_loading,
                          label=self.tr("Loading the order..."), parent=self)

    def _failed_loading(self, error: BaseException) -> None:
        show_error(self, error)

    def _loaded(self, order: VerifyOrder) -> None:
        self.order = order
        self.setWindowTitle(self.tr("Verify order {number}").format(number=order.number))
        self.summary_label.setText(self.tr(
            "Order {number} of {customer}: type the corrected quantity or price. "
            "Tab or Enter moves to the next cell; Ctrl+Enter verifies."
        ).format(number=order.number, customer=order.customer_name))
        self.model.set_order(order)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(VerifyLinesModel.PRODUCT, QHeaderView.ResizeMode.Stretch)
        problem = verify_blocker(self.context, order.status)
        self.verify_button.setEnabled(problem is None)
        self.verify_button.setToolTip(problem or "")
        if problem is not None:
            self._show_message(problem)
            return
        self.table.start_editing()

    def _show_difference(self) -> None:
        if self.order is None:
            return
        try:
            change = amount_change(self.order, self.model.corrections)
        except CorrectionError:
            self.difference_label.setText(self.tr("Difference to receivables: fix the marked cells"))
            return
        self.difference_label.setText(self.tr(
            "Difference to receivables: ¥{change}   Order total: ¥{before} → ¥{after}"
        ).format(change=format_money(change), before=format_money(self.order.total_amount),
                 after=format_money(self.order.total_amount + change)))

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def submit(self) -> None:
        """Check the corrections and the reason, then queue order.verify with a new verification number."""
        if self.order is None or self.busy or not self.verify_button.isEnabled():
            return
        self.table.finish_editing()
        problem = validation_error(self.model.corrections, self.reason_edit.text())
        if problem is not None:
            field, text = problem
            self._show_message(text)
            if field == "reason":
                self.reason_edit.setFocus()
            else:
                self.table.resume_editing()
            return
        self.busy = True
        self.verify_button.setEnabled(False)
        replica, today = self.context.replica, dt.date.today()

        def allocate(control) -> tuple[str, dt.date]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            return next_document_number(replica, DOCUMENT_TYPE, today), today

        # Bound methods, so a result that arrives after the dialog closed is dropped (desktop.tasks).
        self.context.tasks.run(allocate, on_result=self._send, on_error=self._failed)

    def _send(self, numbered: tuple[str, dt.date]) -> None:
        number, today = numbered
        payload = verify_payload(self.order, self.model.corrections, self.reason_edit.text(), new_id(), number, today)
        self.context.tasks.submit(VERIFY_COMMAND, payload, on_result=self._sent, on_error=self._failed, parent=self,
                                  label=self.tr("Verifying the order..."))

    def _sent(self, submitted: Submitted) -> None:
        self.busy = False
        log.info("order %s verified as %s, amount change %s", self.order.number, submitted.result.get("number"),
                 submitted.result.get("amount_change"))
        self.verified.emit(dict(submitted.result))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.verify_button.setEnabled(True)
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("verification of order %s failed: %s", self.order.number if self.order else self.order_id, error)
        self._show_message(message)


def verify_blocker(context, status: str) -> str | None:
    """Return the translated reason why the user cannot verify an order in `status`, or None when they can."""
    if not may_run(context, VERIFY_COMMAND):
        return translate("OrderVerifyDialog", "Your role may not verify orders; ask a manager or finance to do it.")
    if status != OrderStatus.COMPLETED.value:
        return translate("OrderVerifyDialog", "Only a completed order can be verified; this order is {state}.").format(
            state=state_label(status))
    return None


def open_verify_dialog(context, order_id: str, parent: QWidget | None = None) -> OrderVerifyDialog:
    """Open the verification dialog of order `order_id` without blocking; it deletes itself when closed."""
    dialog = OrderVerifyDialog(context, order_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
