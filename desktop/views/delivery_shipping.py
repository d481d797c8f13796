"""Shipping and receipt actions of the Deliveries page, kept apart from its list and printing code.

On the orders to ship (several may be selected): Ctrl+E opens the ship
dialog, and Ctrl+Shift+Enter ships every selected order in full, one
delivery note per order, then offers to print them. On a delivery note:
Ctrl+Shift+R records its receipt confirmation, and the label under the
lists shows what the customer signed for.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from PySide6.QtCore import QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox

from desktop.command_access import may_run
from desktop.errors import show_error_in, user_message
from desktop.i18n import translate
from desktop.messages import role_label
from desktop.models.order_format import format_money
from desktop.models.receipt_queries import ReceiptSummary, receipt_summary
from desktop.models.ship_plan import group_notes, load_open_lines, suggest_rows
from desktop.tasks import Changes
from desktop.views.receipt_dialog import ReceiptDialog
from desktop.views.ship_dialog import ShipDialog, ShipOutcome, ship_drafts

log = logging.getLogger(__name__)


class DeliveryShipping(QObject):
    """The ship dialog, batch shipping and receipt confirmation of DeliveriesView `view`."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.context = view.context
        self.ship_dialog: ShipDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self.print_offer: QMessageBox | None = None
        self.busy = False
        view.orders_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.ship_action = self._action(translate("DeliveryShipping", "Ship selected orders..."), "Ctrl+E",
                                        self.open_ship_dialog, "shipSelectedAction")
        self.ship_all_action = self._action(translate("DeliveryShipping", "Ship selected orders in full"),
                                            "Ctrl+Shift+Return", self.ship_selected_in_full, "shipAllSelectedAction")
        # The keypad's Enter too, as the approvals page does for Ctrl+Enter.
        self.ship_all_action.setShortcuts([
            QKeySequence("Ctrl+Shift+Return"),
            QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                                         | Qt.KeyboardModifier.KeypadModifier, Qt.Key.Key_Enter)),
        ])
        self.receipt_action = self._action(translate("DeliveryShipping", "Record receipt..."), "Ctrl+Shift+R",
                                           self.open_receipt_dialog, "recordReceiptAction")
        view.orders_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.orders_table.addActions([self.ship_action, self.ship_all_action])
        view.deliveries_table.addAction(self.receipt_action)

        self.receipt_label = QLabel(view)
        self.receipt_label.setObjectName("deliveryReceipt")
        self.receipt_label.setWordWrap(True)
        layout = view.layout()
        layout.insertWidget(layout.indexOf(view.message_label), self.receipt_label)
        view.deliveries_table.selectionModel().currentRowChanged.connect(lambda current, previous: self.show_receipt())
        view.deliveries_model.modelReset.connect(self.show_receipt)
        self.context.tasks.changed.connect(self._on_changed)

    def _action(self, text: str, keys: str, slot, name: str) -> QAction:
        action = QAction(text, self.view)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _say(self, text: str) -> None:
        self.view.message_label.setText(text)

    def selected_order_ids(self) -> list[str]:
        """Return the selected orders to ship in list order, or the current one when none is selected."""
        table, model = self.view.orders_table, self.view.orders_model
        rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
        if not rows and table.currentIndex().isValid():
            rows = [table.currentIndex().row()]
        return [row.id for row in (model.row_at(number) for number in rows) if row is not None]

    def _may_ship(self) -> bool:
        if self.view.may_ship:
            return True
        self._say(translate(
            "DeliveriesView",
            "Shipping a delivery note needs the warehouse keeper, manager or administrator role; "
            "you are signed in as {role}.",
        ).format(role=role_label(self.context.user.role)))
        return False

    # -- shipping -------------------------------------------------------------

    def open_ship_dialog(self) -> None:
        """Open the ship dialog for the selected orders."""
        order_ids = self.selected_order_ids()
        if not order_ids or not self._may_ship():
            return
        self.ship_dialog = ShipDialog(self.context, order_ids, self.view.window())
        self.ship_dialog.shipped.connect(self.report_shipped)
        self.ship_dialog.open()

    def ship_selected_in_full(self) -> None:
        """Ship every open quantity of each selected order on its own note, with batches suggested first-expiry-first-out."""
        order_ids = self.selected_order_ids()
        if not order_ids or self.busy or not self._may_ship():
            return
        self.busy = True
        context = self.context
        replica = context.replica
        today = dt.date.today()

        def work(control) -> tuple[ShipOutcome, Changes]:
            with context.read_session() as session:
                lines = load_open_lines(session, order_ids)
            drafts = group_notes([row for line in lines for row in suggest_rows(line)], one_note_per_customer=False)
            return ship_drafts(replica, drafts, today)

        def done(value: tuple[ShipOutcome, Changes]) -> None:
            self.busy = False
            outcome, changes = value
            context.tasks.notify_changed(changes)
            self.report_shipped(outcome)

        context.tasks.run(work, on_result=done, on_error=self._failed, parent=self.view,
                          label=translate("DeliveryShipping", "Recording the delivery notes..."), cancellable=False)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self.view, self._say, error)

    def report_shipped(self, outcome: ShipOutcome) -> None:
        """Say which notes were recorded and for which orders, and offer to print them."""
        lines = [translate("DeliveryShipping", "Delivery note {number} recorded; orders: {orders}.").format(
            number=note.number, orders=", ".join(note.order_numbers)) for note in outcome.shipped]
        for note in outcome.shipped:
            lines.extend(note.notes)
        if not outcome.shipped:
            lines.append(translate("DeliveryShipping", "Nothing was shipped: the selected orders have nothing left to ship."))
        if outcome.error is not None:
            lines.append(translate("DeliveryShipping", "Orders {orders} were not shipped: {reason}").format(
                orders=", ".join(outcome.unshipped_orders), reason=user_message(outcome.error) or str(outcome.error)))
        self._say("\n".join(lines))
        for note in outcome.shipped:
            self.view.shipped.emit(note.id)
        if outcome.shipped:
            self.view.select_delivery_when_listed(outcome.shipped[0].id)
            self._offer_print([note.id for note in outcome.shipped], [note.number for note in outcome.shipped])

    def _offer_print(self, delivery_ids: list[str], numbers: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, translate("DeliveryShipping", "Print the delivery notes?"),
                          translate("DeliveryShipping", "Recorded delivery notes: {numbers}. Print them now?").format(
                              numbers=", ".join(numbers)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.view)
        box.setObjectName("shipPrintOffer")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)

        def answered() -> None:
            if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
                return
            # One note opens in the preview; several go to the printer with one print dialog, each counted.
            if len(delivery_ids) == 1:
                self.view.preview_delivery(delivery_ids[0])
            else:
                self.view.printing.print_batch(delivery_ids)

        box.finished.connect(answered)
        self.print_offer = box
        box.open()

    # -- receipt confirmation -------------------------------------------------

    def current_delivery(self):
        table, model = self.view.deliveries_table, self.view.deliveries_model
        return model.row_at(table.currentIndex().row())

    def open_receipt_dialog(self) -> None:
        """Open the receipt confirmation form of the current delivery note."""
        row = self.current_delivery()
        if row is None:
            self._say(translate("DeliveryShipping", "Select the delivery note the customer signed for."))
            return
        if not may_run(self.context, "receipt_confirmation.post"):
            self._say(translate(
                "DeliveryShipping",
                "Recording a receipt needs the warehouse keeper, manager or administrator role; you are signed in as {role}.",
            ).format(role=role_label(self.context.user.role)))
            return
        self.receipt_dialog = ReceiptDialog(self.context, row.id, self.view.window())
        self.receipt_dialog.posted.connect(self._receipt_posted)
        self.receipt_dialog.open()

    def _receipt_posted(self, result: dict) -> None:
        if result.get("return_number"):
            text = translate("DeliveryShipping", "Receipt {number} posted; ¥{credited} credited for missing goods, "
                             "¥{returned} on sales return {return_number}.").format(
                number=result.get("number", ""), credited=format_money(_money(result.get("credited_amount"))),
                returned=format_money(_money(result.get("returned_amount"))), return_number=result["return_number"])
        else:
            text = translate("DeliveryShipping", "Receipt {number} posted; ¥{credited} credited for missing goods.").format(
                number=result.get("number", ""), credited=format_money(_money(result.get("credited_amount"))))
        self._say(text)
        self.show_receipt()

    def show_receipt(self) -> None:
        """Show the receipt confirmation of the current delivery note under the lists."""
        row = self.current_delivery()
        if row is None:
            self.receipt_label.clear()
            return
        context = self.context

        def work(control) -> ReceiptSummary | None:
            with context.read_session() as session:
                return receipt_summary(session, row.id)

        def shown(summary: ReceiptSummary | None) -> None:
            current = self.current_delivery()
            if current is None or current.id != row.id:
                return
            self.receipt_label.setText(describe_receipt(row.number, summary))

        context.tasks.run(work, on_result=shown, on_error=lambda error: log.warning("receipt summary of delivery %s failed: %s", row.id, error))

    def _on_changed(self, changes) -> None:
        if changes.touches("receipt_confirmation", "sales_return"):
            self.show_receipt()


def _money(text: str | None) -> Decimal:
    return Decimal(text or "0")


def describe_receipt(number: str, summary: ReceiptSummary | None) -> str:
    """Return the receipt line of delivery note `number` for the label under the lists."""
    if summary is None:
        return translate("DeliveryShipping", "Delivery note {number}: no receipt recorded yet (Ctrl+Shift+R records it).").format(
            number=number)
    if summary.lines_differing == 0:
        return translate("DeliveryShipping", "Delivery note {number}: received in full on {date}, signed by {signed_by} ({receipt}).").format(
            number=number, date=summary.document_date.isoformat(), signed_by=summary.signed_by or "-",
            receipt=", ".join(summary.numbers))
    return translate(
        "DeliveryShipping",
        "Delivery note {number}: received on {date} ({receipt}), lines differing: {count}; "
        "¥{credited} credited, ¥{returned} returned.",
    ).format(number=number, date=summary.document_date.isoformat(), count=summary.lines_differing,
             receipt=", ".join(summary.numbers), credited=format_money(summary.credited_amount),
             returned=format_money(summary.returned_amount))
