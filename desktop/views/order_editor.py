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

The form is split by concept: its widgets and keys
(desktop.views.order_editor_layout), the customer and warehouse
(desktop.views.order_editor_header), saving and confirming
(desktop.views.order_editor_save), the history tab
(desktop.views.order_history_panel) and the verification of a completed
order (desktop.views.order_verify_dialog). This module loads the order,
shows its state and closes the window.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QCompleter, QMessageBox, QWidget

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.order_copy import CopiedOrder, copied_order
from desktop.models.order_format import line_count_text
from desktop.models.order_models import format_money, state_label
from desktop.models.order_queries import (
    Catalog,
    OrderDraft,
    default_warehouse_id,
    load_catalog,
    load_order,
)
from desktop.views.order_editor_confirmed import ConfirmedOrderActions
from desktop.views.order_editor_header import OrderHeaderForm
from desktop.views.order_editor_layout import OrderEditorLayout
from desktop.views.order_editor_save import OrderSaveFlow
from desktop.views.order_grid import EntryGrid, ProductIndex
from domain.models import OrderStatus

log = logging.getLogger(__name__)

CONTEXT = "OrderEditor"


class OrderCopyTexts(QObject):
    """Plural texts of a copied order, in a class of their own because lupdate reads plurals only from self.tr."""

    def skipped_lines(self, count: int) -> str:
        return self.tr("Copied from order {number} at today's prices; %n line(s) left out because the product is "
                       "no longer sold. Ctrl+S saves the new draft.", "", count)


class OrderEditor(ConfirmedOrderActions, OrderEditorLayout, OrderHeaderForm, OrderSaveFlow, QWidget):
    """A window that enters a new order or edits a draft; read-only once the order is confirmed."""

    # The order's id after each successful save or confirm.
    saved = Signal(str)
    # Number series and commands of the document; the quotation editor sets its own.
    DOCUMENT_TYPE = "sales_order"
    CREATE_COMMAND = "order.create"
    UPDATE_COMMAND = "order.update"

    def __init__(self, context, order_id: str | None = None, customer_id: str | None = None,
                 parent: QWidget | None = None, copy_from: str | None = None) -> None:
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
        # The order a new draft copies; nothing is queued until the first save.
        self._copy_from = copy_from
        # The last verification dialog opened from this form (Ctrl+K).
        self.verify_dialog: QWidget | None = None
        self.setObjectName("OrderEditor")
        self.resize(1180, 680)
        self._build()
        self.saved.connect(self.history_panel.set_order)
        context.tasks.changed.connect(self._on_changed)
        self._update_title()
        self._load()

    # -- loading --------------------------------------------------------------

    def _load(self) -> None:
        order_id = self.draft.id
        context = self.context

        def work(control) -> tuple[Catalog, OrderDraft | None]:
            with context.read_session() as session:
                catalog = load_catalog(session)
                draft = self._read_document(session, order_id, catalog) if order_id else None
            return catalog, draft

        def copy_work(control) -> tuple[Catalog, CopiedOrder]:
            with context.read_session() as session:
                catalog = load_catalog(session)
                return catalog, copied_order(session, copy_from, catalog, dt.date.today())

        copy_from = self._copy_from
        self.setEnabled(False)
        if copy_from is not None:
            context.tasks.run(copy_work, on_result=self._copy_loaded, on_error=self._failed_loading,
                              label=translate("OrderEditor", "Loading the order..."), parent=self)
            return
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
        if self.shows_order_history:
            self.history_panel.set_order(self.draft.id)
        if not self.is_editable:
            self.grid.setFocus()
        elif self.draft.customer is None:
            self.customer_edit.setFocus()
        else:
            self.grid.start_entry()

    def _copy_loaded(self, value: tuple[Catalog, CopiedOrder]) -> None:
        """Show a copied order as a new, unsaved draft: closing without Ctrl+S leaves nothing behind."""
        catalog, copied = value
        self._loaded((catalog, copied.draft))
        self.dirty = True
        self._saved_payload = None
        if not copied.draft.lines:
            text = translate("OrderEditor", "No line of order {number} could be copied: its products are no longer sold.")
            self._show_message(text.format(number=copied.source_number))
            return
        if copied.skipped:
            text = OrderCopyTexts().skipped_lines(copied.skipped)
        else:
            text = translate("OrderEditor", "Copied from order {number} at today's prices; Ctrl+S saves the new draft.")
        self._show_message(text.format(number=copied.source_number), error=False)
        log.info("order %s copied into a new unsaved draft with %s lines", copied.source_number,
                 len(copied.draft.lines))

    def _failed_loading(self, error: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, error)

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
        self.repeat_last.action.setEnabled(editable)
        self.repeat_last.button.setEnabled(editable)
        self.grid.setEditTriggers(self.grid.editTriggers() if self.is_editable else EntryGrid.EditTrigger.NoEditTriggers)
        self._show_verification_state()
        self._update_title()

    def _update_title(self) -> None:
        if self.draft.number:
            self.setWindowTitle(translate("OrderEditor", "Order {number}").format(number=self.draft.number))
        else:
            self.setWindowTitle(translate("OrderEditor", "New order"))

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
                      parent: QWidget | None = None, copy_from: str | None = None) -> OrderEditor:
    """Open an order entry window; keep it alive through `parent` or the returned reference.

    With `copy_from`, the window shows a new unsaved draft copied from that order.
    """
    editor = OrderEditor(context, order_id=order_id, customer_id=customer_id, parent=parent, copy_from=copy_from)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    QTimer.singleShot(0, editor.activateWindow)
    return editor
