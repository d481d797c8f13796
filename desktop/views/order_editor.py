"""The order entry form (开单): customer, warehouse, lines, live total; save as draft and confirm.

Everything works from the keyboard: Enter picks the customer and moves to
the lines, Enter or Tab walks product → quantity → unit → price → discount
→ next line, F2 opens the product picker, F4 takes the price the customer
paid last, Delete removes a line, Ctrl+S saves the draft, Ctrl+Enter
confirms, Esc closes and asks before dropping unsaved changes. A new line's
default price is the customer's price (domain.price_lookup.quote_price)
once a customer is chosen. Commands run through the task runner, never on
the GUI thread; a rejected command shows its reason, translated, above the
total. The header extras (desktop.views.order_header_extras), the live
panel (desktop.views.order_live_panel) and the tax breakdown
(desktop.views.order_tax_breakdown) are widgets of their own.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QKeyCombination, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import NotSignedInError, show_error, user_message
from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.order_format import line_count_text
from desktop.models.order_models import OrderLinesModel, format_money, state_label
from desktop.models.order_queries import (
    Catalog,
    CustomerChoice,
    OrderDraft,
    default_warehouse_id,
    find_customer,
    load_catalog,
    load_order,
)
from desktop.views.order_grid import EntryGrid, ProductIndex
from desktop.views.order_header_extras import OrderHeaderExtras
from desktop.views.order_line_assist import LineAssist
from desktop.views.order_live_panel import OrderLivePanel
from desktop.views.order_repeat import RepeatLastOrder
from desktop.views.order_tax_breakdown import TaxBreakdown
from desktop.views.product_picker import PickedProduct, pick_product
from domain.ids import new_id
from domain.models import OrderStatus
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

CONTEXT = "OrderEditor"


class OrderEditor(QWidget):
    """A window that enters a new order or edits a draft; read-only once the order is confirmed."""

    # The order's id after each successful save or confirm.
    saved = Signal(str)
    # Number series and commands of the document; the quotation editor sets its own.
    DOCUMENT_TYPE = "sales_order"
    CREATE_COMMAND = "order.create"
    UPDATE_COMMAND = "order.update"

    def __init__(self, context, order_id: str | None = None, customer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.draft = OrderDraft(id=order_id)
        self.catalog: Catalog | None = None
        self.dirty = False
        self.busy = False
        self._last_mutation: str | None = None
        # True once the order exists in the replica, so the next save is an order.update.
        self._persisted = order_id is not None
        # The payload of the last load or save, to tell a real change from a refresh of shown values.
        self._saved_payload: dict[str, Any] | None = None
        self._initial_customer_id = customer_id
        self.setObjectName("OrderEditor")
        self.resize(1180, 680)
        self._build()
        self._update_title()
        self._load()

    # -- building -------------------------------------------------------------

    def _build(self) -> None:
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText(translate("OrderEditor", "Type a customer code, name or phone, then Enter"))
        self.customer_edit.returnPressed.connect(self._pick_customer)
        # A message about the previous text is stale once the user types again.
        self.customer_edit.textEdited.connect(lambda _text: self._show_message(""))
        self.customer_label = QLabel(self)
        self.warehouse_combo = QComboBox(self)
        self.warehouse_combo.setObjectName("warehouseCombo")
        self.warehouse_combo.currentIndexChanged.connect(self._mark_dirty)
        self.number_label = QLabel(translate("OrderEditor", "(assigned when saved)"), self)
        self.date_label = QLabel(self.draft.document_date.isoformat(), self)
        self.state_label = QLabel(state_label(self.draft.status), self)

        form = QFormLayout()
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.customer_edit, 2)
        customer_row.addWidget(self.customer_label, 3)
        form.addRow(translate("OrderEditor", "&Customer:"), customer_row)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.customer_edit)
        form.addRow(translate("OrderEditor", "&Warehouse:"), self.warehouse_combo)
        form.itemAt(1, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.warehouse_combo)
        info = QHBoxLayout()
        info.addWidget(QLabel(translate("OrderEditor", "Number:"), self))
        info.addWidget(self.number_label)
        info.addSpacing(24)
        info.addWidget(QLabel(translate("OrderEditor", "Date:"), self))
        info.addWidget(self.date_label)
        info.addSpacing(24)
        info.addWidget(QLabel(translate("OrderEditor", "State:"), self))
        info.addWidget(self.state_label)
        info.addStretch(1)
        form.addRow(info)
        self.extras = OrderHeaderExtras(self)
        self.extras.changed.connect(self._mark_dirty)
        self.extras.money_changed.connect(lambda: self.lines_model.set_document_terms(*self.extras.money()))
        form.addRow(self.extras)
        self.header_form = form

        self.lines_model = OrderLinesModel(self)
        self.lines_model.totals_changed.connect(self._show_total)
        for signal in (self.lines_model.dataChanged, self.lines_model.rowsRemoved):
            signal.connect(self._mark_dirty)
        self.grid = EntryGrid(self.lines_model, ProductIndex(()), self)
        self.grid.setObjectName("linesGrid")
        self.grid.lines_delegate.entry_message.connect(self._show_message)
        self.grid.product_picker = self._pick_product
        self.grid.setToolTip(translate("OrderEditor", "F2 opens the product list with prices and stock; F4 takes the customer's last price"))
        self.live_panel = OrderLivePanel(self.context, self)
        self.live_panel.setMinimumWidth(200)
        self.live_panel.setMaximumWidth(280)
        self.tax_breakdown = TaxBreakdown(self)
        # The warning of the current line (price below the lowest price, discount too large).
        self.line_warning = QLabel(self)
        self.line_warning.setObjectName("lineWarning")
        self.line_warning.setWordWrap(True)
        self.line_warning.setStyleSheet("color: #8a4b00;")
        # Room for one line even when empty, so the grid does not jump when a warning appears.
        self.line_warning.setMinimumHeight(self.line_warning.fontMetrics().height())
        self.assist = LineAssist(self.context, lambda: self.draft, self.grid, self.live_panel, self.line_warning,
                                 lambda text: self._show_message(text, error=False))

        # The server's reason for rejecting an earlier change, shown while the user fixes it (see show_rejection).
        self.rejection_label = QLabel(self)
        self.rejection_label.setObjectName("rejectionLabel")
        self.rejection_label.setWordWrap(True)
        self.rejection_label.setStyleSheet("QLabel { color: #b00020; background: #fdecea; padding: 4px; }")
        self.rejection_label.hide()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        self.total_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self._show_total(Decimal(0))

        self.last_price_action = self._action(translate("OrderEditor", "Take last price"), QKeySequence(Qt.Key.Key_F4),
                                              self.grid.take_last_price)
        self.save_action = self._action(translate("OrderEditor", "Save draft"), QKeySequence(QKeySequence.StandardKey.Save), self.save_draft)
        confirm_keys = [QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Return)),
                        QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier, Qt.Key.Key_Enter))]
        self.confirm_action = self._action(translate("OrderEditor", "Confirm"), confirm_keys[0], self.confirm)
        self.confirm_action.setShortcuts(confirm_keys)
        self.save_button = self._button(self.save_action, translate("OrderEditor", "Save draft (Ctrl+S)"))
        self.confirm_button = self._button(self.confirm_action, translate("OrderEditor", "Confirm (Ctrl+Enter)"))
        close_button = QPushButton(translate("OrderEditor", "Close (Esc)"), self)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)

        bottom = QHBoxLayout()
        # Ctrl+L adds the lines of the customer's latest order.
        self.repeat_last = RepeatLastOrder(self)
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(self.repeat_last.button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(close_button)
        lines_column = QVBoxLayout()
        lines_column.addWidget(self.grid, 1)
        lines_column.addWidget(self.line_warning)
        lines_column.addWidget(self.tax_breakdown)
        middle = QHBoxLayout()
        middle.addLayout(lines_column, 1)
        middle.addWidget(self.live_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rejection_label)
        layout.addLayout(form)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)

    def _action(self, text: str, keys: QKeySequence, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        return button

    # -- loading --------------------------------------------------------------

    def _load(self) -> None:
        order_id = self.draft.id
        context = self.context

        def work(control) -> tuple[Catalog, OrderDraft | None]:
            with context.read_session() as session:
                catalog = load_catalog(session)
                draft = self._read_document(session, order_id, catalog) if order_id else None
            return catalog, draft

        self.setEnabled(False)
        context.tasks.run(work, on_result=self._loaded, on_error=self._failed_loading,
                          label=translate("OrderEditor", "Loading the order..."), parent=self)

    def _read_document(self, session, document_id: str, catalog: Catalog) -> OrderDraft:
        """Read the document into a draft; runs in a task."""
        return load_order(session, document_id, catalog)

    def _loaded(self, value: tuple[Catalog, OrderDraft | None]) -> None:
        catalog, draft = value
        self.catalog = catalog
        self.grid.lines_delegate.products = ProductIndex(catalog.products, catalog.inactive_products, catalog.barcodes)
        completer = QCompleter([customer.label() for customer in catalog.customers], self.customer_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(completer)
        self.warehouse_combo.blockSignals(True)
        for warehouse in catalog.warehouses:
            self.warehouse_combo.addItem(f"{warehouse.code} {warehouse.name}", warehouse.id)
        self.warehouse_combo.blockSignals(False)
        if draft is not None:
            self.draft = draft
            self.extras.set_extras(draft.extras)
            self.lines_model.set_document_terms(*self.extras.money())
            self.lines_model.set_lines(draft.lines)
            self._set_customer(draft.customer, from_user=False)
            self._select_warehouse(draft.warehouse_id)
            if draft.sent_back_comment:
                # Shown where a rejection is, and for as long: it says what the clerk has to change.
                self.rejection_label.setText(translate("OrderEditor", "A manager sent this order back: {comment}").format(
                    comment=draft.sent_back_comment))
                self.rejection_label.show()
        else:
            # A customer's own default warehouse, set below, wins over the department's.
            self._select_warehouse(default_warehouse_id(catalog.warehouses, self.context.user.department_id))
            if self._initial_customer_id:
                customer = next((c for c in catalog.customers if c.id == self._initial_customer_id), None)
                self._set_customer(customer, from_user=False)
        self.setEnabled(True)
        self.dirty = False
        self._saved_payload = self._current_payload() if draft is not None else None
        self._show_state()
        if not self.is_editable:
            self.grid.setFocus()
        elif self.draft.customer is None:
            self.customer_edit.setFocus()
        else:
            self.grid.start_entry()

    def _failed_loading(self, error: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, error)

    # -- header ---------------------------------------------------------------

    def _pick_customer(self) -> None:
        if self.catalog is None:
            return
        customer = find_customer(self.catalog.customers, self.customer_edit.text())
        if customer is None:
            self._show_message(translate("OrderEditor", "No single customer matches \"{text}\"; type more of the code or name.")
                               .format(text=self.customer_edit.text()))
            return
        self._set_customer(customer, from_user=True)
        self.grid.start_entry()

    def _set_customer(self, customer: CustomerChoice | None, *, from_user: bool) -> None:
        self.draft.customer = customer
        if customer is None:
            return
        self.customer_edit.setText(customer.code)
        self.customer_label.setText(f"{customer.name}  {customer.phone}".strip())
        self.assist.load_last_prices(customer.id)
        if self.is_editable:
            # A confirmed order keeps the gift lines it was saved with.
            self.assist.load_gift_rules(customer.id)
        self.assist.follow_line()
        if customer.default_warehouse_id and (from_user or self.draft.warehouse_id is None):
            self._select_warehouse(customer.default_warehouse_id)
        self._show_message("")
        if from_user:
            self._mark_dirty()

    def _pick_product(self, text: str) -> PickedProduct | None:
        customer_id = self.draft.customer.id if self.draft.customer is not None else None
        return pick_product(self, self.context, customer_id=customer_id,
                            warehouse_id=self.warehouse_combo.currentData(),
                            on_date=self.draft.document_date, text=text)

    def _select_warehouse(self, warehouse_id: str | None) -> None:
        position = self.warehouse_combo.findData(warehouse_id)
        if position >= 0:
            self.warehouse_combo.setCurrentIndex(position)

    # -- state ----------------------------------------------------------------

    @property
    def is_editable(self) -> bool:
        return self.draft.status == OrderStatus.DRAFT.value

    def _mark_dirty(self, *args: Any) -> None:
        if self.catalog is not None and self.is_editable:
            self.dirty = True

    def _show_total(self, total: Decimal) -> None:
        self.tax_breakdown.show_totals(self.lines_model.totals())
        count = len(self.lines_model.complete_lines())
        lines = line_count_text(count)
        self.total_label.setText(
            translate("OrderEditor", "{lines}   Total: ¥{total}").format(lines=lines, total=format_money(total))
        )

    def show_rejection(self, reason: str) -> None:
        """Show above the form why the server rejected this order's change; it stays while the window is open."""
        self.rejection_label.setText(translate("OrderEditor", "The server rejected this change: {reason}").format(reason=reason))
        self.rejection_label.setVisible(bool(reason))

    def _show_message(self, text: str, error: bool = True) -> None:
        self.message_label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message_label.setText(text)

    def _show_state(self) -> None:
        self.state_label.setText(state_label(self.draft.status))
        if self.draft.number:
            self.number_label.setText(self.draft.number)
        editable = self.is_editable and not self.busy
        self.save_action.setEnabled(editable)
        self.confirm_action.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.confirm_button.setEnabled(editable)
        self.customer_edit.setReadOnly(not self.is_editable)
        self.warehouse_combo.setEnabled(self.is_editable)
        self.extras.set_read_only(not self.is_editable)
        self.last_price_action.setEnabled(editable)
        self.grid.setEditTriggers(self.grid.editTriggers() if self.is_editable else EntryGrid.EditTrigger.NoEditTriggers)
        self._update_title()

    def _update_title(self) -> None:
        if self.draft.number:
            self.setWindowTitle(translate("OrderEditor", "Order {number}").format(number=self.draft.number))
        else:
            self.setWindowTitle(translate("OrderEditor", "New order"))

    # -- saving ---------------------------------------------------------------

    def _validation_error(self) -> str | None:
        if self.draft.customer is None:
            return translate("OrderEditor", "Choose a customer first.")
        if self.warehouse_combo.currentData() is None:
            return translate("OrderEditor", "Choose a warehouse first.")
        incomplete = self.lines_model.incomplete_rows()
        if incomplete:
            return translate("OrderEditor", "Line {line_no} needs a product, a quantity above zero and a price.").format(
                line_no=incomplete[0] + 1
            )
        if not self.lines_model.complete_lines():
            return translate("OrderEditor", "Add at least one line.")
        over_discounted = self.lines_model.over_discounted_rows()
        if over_discounted:
            return self.lines_model.line_warning(over_discounted[0])
        if self.lines_model.total_amount() < 0:
            return translate("OrderEditor", "The document discount is larger than the order's amount.")
        return self.extras.problem()

    def _current_payload(self) -> dict[str, Any] | None:
        """Return what a save would send now, or None when the form cannot be saved as it is."""
        if self.draft.customer is None:
            return None
        try:
            return self._payload()
        except (ValueError, ArithmeticError, AttributeError):
            return None

    def has_unsaved_changes(self) -> bool:
        """Return whether a save would send something other than the last save or load did.

        Values the form fills in after it opens (last prices, gift lines the
        server computes anyway) mark it dirty without changing what it sends.
        """
        if not self.dirty:
            return False
        current = self._current_payload()
        return current is None or current != self._saved_payload

    def _payload(self) -> dict[str, Any]:
        return {
            "id": self.draft.id,
            "number": self.draft.number,
            "customer_id": self.draft.customer.id,
            "warehouse_id": self.warehouse_combo.currentData(),
            "document_date": self.draft.document_date.isoformat(),
            **self.extras.extras().payload(),
            "lines": self.lines_model.payload_lines(),
        }

    def save_draft(self) -> None:
        """Save the order as a draft (order.create the first time, order.update afterwards)."""
        self._save(then=None)

    def confirm(self) -> None:
        """Save pending changes, then send the draft on with order.confirm."""
        self._save(then=self._submit_confirm)

    def _save(self, then: Callable[[], None] | None) -> None:
        if self.busy or not self.is_editable:
            return
        self.grid.finish_editing()
        problem = self._validation_error()
        if problem:
            self._show_message(problem)
            return
        self._set_busy(True)
        if not self.has_unsaved_changes() and self.draft.id is not None and self._persisted:
            # Nothing a save would send has changed, so no order.update is queued.
            self.dirty = False
            self._after_saved(then)
            return
        if self.draft.number is None:
            replica = self.context.replica

            def allocate(control) -> str:
                if not replica.read_state().device_code:
                    raise NotSignedInError()
                return next_document_number(replica, self.DOCUMENT_TYPE, dt.date.today())

            self.context.tasks.run(allocate, on_result=lambda number: self._numbered(number, then), on_error=self._failed)
        else:
            self._submit_save(then)

    def _numbered(self, number: str, then: Callable[[], None] | None) -> None:
        self.draft.number = number
        self._submit_save(then)

    def _submit_save(self, then: Callable[[], None] | None) -> None:
        creating = not self._persisted
        if self.draft.id is None:
            self.draft.id = new_id()
        name = self.CREATE_COMMAND if creating else self.UPDATE_COMMAND
        depends_on = [self._last_mutation] if self._last_mutation else []

        def saved(submitted: Submitted) -> None:
            self._persisted = True
            self._last_mutation = submitted.mutation_id
            self.dirty = False
            self._saved_payload = self._current_payload()
            log.info("%s %s saved", name, self.draft.number)
            self._after_saved(then)

        self.context.tasks.submit(name, self._payload(), on_result=saved, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("OrderEditor", "Saving the order..."))

    def _after_saved(self, then: Callable[[], None] | None) -> None:
        self.saved.emit(self.draft.id)
        if then is not None:
            then()
            return
        self._set_busy(False)
        self._show_message(translate("OrderEditor", "Saved as draft {number}.").format(number=self.draft.number), error=False)

    def _submit_confirm(self) -> None:
        depends_on = [self._last_mutation] if self._last_mutation else []

        def confirmed(submitted: Submitted) -> None:
            self._last_mutation = submitted.mutation_id
            result = submitted.result
            self.draft.status = result.get("status", self.draft.status)
            self._set_busy(False)
            notes = messages_for(result.get("approval_reasons")) + messages_for(result.get("warnings"))
            if self.draft.status == OrderStatus.SUBMITTED.value:
                text = translate("OrderEditor", "Order {number} waits for a manager's approval:").format(number=self.draft.number)
                self._show_message("\n".join([text, *notes]))
            else:
                # The order list calls this state "Approved", so the message uses the same word.
                text = translate("OrderEditor", "Order {number} is approved.").format(number=self.draft.number)
                self._show_message("\n".join([text, *notes]), error=bool(notes))
            self.saved.emit(self.draft.id)

        self.context.tasks.submit("order.confirm", {"id": self.draft.id}, on_result=confirmed, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("OrderEditor", "Confirming the order..."))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._show_state()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("order %s: %s", self.draft.number, error)
        self._show_message(message)

    # -- closing --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.grid.finish_editing()
        if self.is_editable and self.has_unsaved_changes():
            answer = QMessageBox.question(
                self,
                translate("OrderEditor", "Unsaved changes"),
                translate("OrderEditor", "This order has changes that are not saved. Close and lose them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        event.accept()


def open_order_editor(context, order_id: str | None = None, customer_id: str | None = None,
                      parent: QWidget | None = None) -> OrderEditor:
    """Open an order entry window; keep it alive through `parent` or the returned reference."""
    editor = OrderEditor(context, order_id=order_id, customer_id=customer_id, parent=parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    QTimer.singleShot(0, editor.activateWindow)
    return editor
