"""Deliveries: ship confirmed orders and print their delivery notes (送货单).

The upper list holds orders ready to ship (approved or partly delivered);
Ctrl+P or Enter there ships every open quantity of the current order with
delivery.ship and opens the print preview of the new delivery note. The
lower tabs hold the delivery notes and the posted sales returns. On a
delivery note Enter or Ctrl+P opens the preview again, Ctrl+Shift+S saves
the note as a PDF file, and Ctrl+R (also in its context menu) opens the
return form (退货) for its goods. Ctrl+Shift+T sends the selected notes to a
dot-matrix printer as text. Ctrl+Shift+P prints every selected note, or
every selected return in the returns tab. A note printed before requires a
reprint reason, and each print is counted (desktop.views.document_printing).
The ship dialog, shipping selected orders in full and receipt confirmations
live in desktop.views.delivery_shipping.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop.errors import NotSignedInError, show_error, show_error_in
from desktop.i18n import translate
from desktop.messages import messages_for, role_label
from desktop.models.order_models import OrderListModel, OrderRow, format_money
from desktop.models.order_queries import DeliveryRow, orders_to_ship, search_deliveries, ship_payload
from desktop.printing.output import save_pdf_start_path
from desktop.command_access import may_run
from desktop.views.document_printing import DELIVERY_NOTE, DocumentPrinting
from desktop.views.text_printing import TextPrinting
from desktop.views.delivery_shipping import DeliveryShipping
from desktop.views.list_table import ListTable
from desktop.views.return_editor import ReturnEditor
from desktop.views.returns_list import ReturnsList
from domain.commands.handlers.deliveries import SHIP_ROLES
from domain.ids import new_id
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)


class DeliveryListModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[DeliveryRow] = []

    def set_rows(self, rows: list[DeliveryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DeliveryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            translate("DeliveryListModel", "Number"),
            translate("DeliveryListModel", "Date"),
            translate("DeliveryListModel", "Customer"),
            translate("DeliveryListModel", "Total"),
            translate("DeliveryListModel", "Printed"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.number, row.document_date.isoformat(), row.customer_name,
                    format_money(row.total_amount), str(row.print_count))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DeliveriesView(QWidget):
    """Orders ready to ship above, delivery notes below."""

    # The id of each delivery note this view ships, once it is in the replica.
    shipped = Signal(str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = None
        self.busy = False
        self.setObjectName("DeliveriesView")

        self.orders_model = OrderListModel(self)
        self.orders_table = ListTable(self.orders_model, self)
        self.orders_table.setObjectName("ordersToShip")
        self.orders_table.activated_by_key.connect(lambda index: self.ship_current())
        self.deliveries_model = DeliveryListModel(self)
        self.deliveries_table = ListTable(self.deliveries_model, self)
        self.deliveries_table.setObjectName("deliveryTable")
        self.deliveries_table.activated_by_key.connect(lambda index: self.preview_current())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("deliveryMessage")
        self.message_label.setWordWrap(True)
        self.return_editor: ReturnEditor | None = None
        self.print_offer: QMessageBox | None = None

        print_action = QAction(translate("DeliveriesView", "Ship and print"), self)
        print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_action.triggered.connect(self._print_key)
        self.addAction(print_action)
        pdf_action = QAction(translate("DeliveriesView", "Save as PDF"), self)
        pdf_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        pdf_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        pdf_action.triggered.connect(self._save_pdf_key)
        self.addAction(pdf_action)
        self.return_action = QAction(translate("DeliveriesView", "Return goods..."), self)
        self.return_action.setObjectName("returnGoodsAction")
        self.return_action.setShortcut(QKeySequence("Ctrl+R"))
        self.return_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.return_action.triggered.connect(self.return_current)
        self.addAction(self.return_action)
        preview_action = QAction(translate("DeliveriesView", "Print preview"), self)
        preview_action.triggered.connect(self.preview_current)
        # The context menu of a delivery note lists its actions with their keys.
        self.deliveries_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.deliveries_table.addActions([preview_action, pdf_action, self.return_action])
        self.returns = ReturnsList(context, self)
        self._set_up_printing()

        layout = QVBoxLayout(self)
        if self.may_ship:
            orders_hint = translate("DeliveriesView", "Orders to ship (Enter or Ctrl+P ships and prints):")
        else:
            orders_hint = translate("DeliveriesView", "Orders to ship (shipping needs a warehouse keeper, manager or administrator):")
        self.orders_hint = QLabel(orders_hint, self)
        self.orders_hint.setObjectName("ordersToShipHint")
        self.orders_hint.setWordWrap(True)
        layout.addWidget(self.orders_hint)
        layout.addWidget(self.orders_table, 1)
        notes_page = QWidget(self)
        notes_layout = QVBoxLayout(notes_page)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(QLabel(translate(
            "DeliveriesView", "Delivery notes (Enter previews, Ctrl+Shift+S saves a PDF, Ctrl+R returns goods):"), self))
        notes_layout.addWidget(self.deliveries_table, 1)
        self.documents_tabs = QTabWidget(self)
        self.documents_tabs.setObjectName("deliveryDocumentTabs")
        self.documents_tabs.addTab(notes_page, translate("DeliveriesView", "Delivery notes"))
        self.documents_tabs.addTab(self.returns, translate("DeliveriesView", "Sales returns"))
        layout.addWidget(self.documents_tabs, 2)
        layout.addWidget(self.message_label)
        context.tasks.changed.connect(self._on_changed)
        self.shipping = DeliveryShipping(self)
        self._delivery_to_select: str | None = None
        self.reload()

    # -- lists ----------------------------------------------------------------

    def reload(self) -> None:
        context = self.context

        def work(control) -> tuple[list[OrderRow], list[DeliveryRow]]:
            with context.read_session() as session:
                return orders_to_ship(session), search_deliveries(session)

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def select_delivery_when_listed(self, delivery_id: str) -> None:
        """Make the delivery note `delivery_id` the current row once a reload lists it (a note just shipped)."""
        self._delivery_to_select = delivery_id

    def _loaded(self, value: tuple[list[OrderRow], list[DeliveryRow]]) -> None:
        orders, deliveries = value
        self.orders_model.set_rows(orders)
        self.deliveries_model.set_rows(deliveries)
        wanted = self._delivery_to_select
        for number, delivery in enumerate(deliveries):
            if wanted is not None and delivery.id == wanted:
                self.deliveries_table.setCurrentIndex(self.deliveries_model.index(number, 0))
                self._delivery_to_select = None
                break
        for table, model in ((self.orders_table, self.orders_model), (self.deliveries_table, self.deliveries_model)):
            if model.rowCount() and not table.currentIndex().isValid():
                table.setCurrentIndex(model.index(0, 0))

    def _on_changed(self, changes) -> None:
        if changes.touches("sales_order", "delivery_note"):
            self.reload()

    def _print_key(self) -> None:
        if self.returns.table.hasFocus():
            self.returns.preview_current()
        elif self.deliveries_table.hasFocus():
            self.preview_current()
        else:
            self.ship_current()

    def _save_pdf_key(self) -> None:
        if self.returns.table.hasFocus():
            self.returns.save_current_pdf()
        else:
            self.save_current_pdf()

    # -- shipping -------------------------------------------------------------

    @property
    def may_ship(self) -> bool:
        """Whether the signed-in user's role may run delivery.ship; the server checks it again."""
        return self.context.user.role in SHIP_ROLES

    def ship_current(self) -> None:
        """Ship every open quantity of the current order to ship, then open the print preview."""
        row = self.orders_model.row_at(self.orders_table.currentIndex().row())
        if row is None or self.busy:
            return
        if not self.may_ship:
            self.message_label.setText(translate(
                "DeliveriesView",
                "Shipping a delivery note needs the warehouse keeper, manager or administrator role; "
                "you are signed in as {role}.",
            ).format(role=role_label(self.context.user.role)))
            return
        self.busy = True
        replica = self.context.replica
        delivery_id = new_id()

        def prepare(control) -> dict[str, Any]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            number = next_document_number(replica, "delivery_note", dt.date.today())
            with self.context.read_session() as session:
                return ship_payload(session, row.id, delivery_id, number, dt.date.today())

        def prepared(payload: dict[str, Any]) -> None:
            self.context.tasks.submit("delivery.ship", payload, on_result=shipped, on_error=self._failed,
                                      parent=self, label=translate("DeliveriesView", "Recording the delivery..."))

        def shipped(submitted: Submitted) -> None:
            self.busy = False
            notes = messages_for(submitted.flags) + messages_for(submitted.result.get("warnings"))
            text = translate("DeliveriesView", "Delivery note {number} recorded for order {order}.").format(
                number=submitted.result.get("number", ""), order=row.number)
            self.message_label.setText("\n".join([text, *notes]))
            self.select_delivery_when_listed(delivery_id)
            self.shipped.emit(delivery_id)
            self.preview_delivery(delivery_id)

        self.context.tasks.run(prepare, on_result=prepared, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self, self.message_label.setText, error)

    # -- returns --------------------------------------------------------------

    def return_current(self) -> None:
        """Open the return form for the goods of the current delivery note."""
        row = self.deliveries_model.row_at(self.deliveries_table.currentIndex().row())
        if row is None:
            self.message_label.setText(translate("DeliveriesView", "Select the delivery note the goods come back from."))
            return
        if not may_run(self.context, "sales_return.post"):
            self.message_label.setText(translate(
                "DeliveriesView",
                "Posting a sales return needs the warehouse keeper, manager or administrator role; "
                "you are signed in as {role}.",
            ).format(role=role_label(self.context.user.role)))
            return
        self.return_editor = ReturnEditor(self.context, row.id, self.window())
        self.return_editor.posted.connect(self._return_posted)
        self.return_editor.open()

    def _return_posted(self, return_id: str, number: str, total: Decimal) -> None:
        """Say what the return credited and offer to print its note."""
        self.message_label.setText(translate("DeliveriesView", "Sales return {number} posted; ¥{amount} credited.").format(
            number=number, amount=format_money(total)))
        self.documents_tabs.setCurrentWidget(self.returns)
        box = QMessageBox(QMessageBox.Icon.Question, translate("DeliveriesView", "Print the return note?"),
                          translate("DeliveriesView", "Sales return {number} is posted. Print its return note now?").format(
                              number=number),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)

        def answered() -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.returns.preview_return(return_id)

        box.finished.connect(answered)
        self.print_offer = box
        box.open()

    # -- printing -------------------------------------------------------------

    def _set_up_printing(self) -> None:
        """Count every print of a delivery note, and let Ctrl+Shift+P print all selected notes at once."""
        self.printing = DocumentPrinting(self.context, DELIVERY_NOTE, self)
        self.printing.message.connect(self.message_label.setText)
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))
        self.deliveries_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        batch_action = QAction(translate("DeliveriesView", "Print selected delivery notes"), self)
        batch_action.setObjectName("printSelectedDeliveries")
        batch_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        batch_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        batch_action.triggered.connect(self._print_selected_key)
        self.addAction(batch_action)
        self.deliveries_table.addAction(batch_action)
        self.text_printing = TextPrinting(self.printing)
        text_action = QAction(translate("DeliveriesView", "Print selected notes as text (dot-matrix printer)..."), self)
        text_action.setObjectName("printSelectedAsText")
        text_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        text_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        text_action.triggered.connect(lambda: self.text_printing.print_documents(self.selected_delivery_ids()))
        self.addAction(text_action)
        self.deliveries_table.addAction(text_action)

    def _print_selected_key(self) -> None:
        if self.returns.table.hasFocus():
            self.returns.print_selected()
        else:
            self.print_selected()

    def selected_delivery_ids(self) -> list[str]:
        """Return the ids of the selected delivery notes, in list order."""
        rows = sorted({index.row() for index in self.deliveries_table.selectionModel().selectedRows()})
        return [row.id for row in (self.deliveries_model.row_at(number) for number in rows) if row is not None]

    def print_selected(self, printer=None) -> None:
        """Print every selected delivery note with one print dialog; each print is counted."""
        self.printing.print_batch(self.selected_delivery_ids(), printer)

    def preview_delivery(self, delivery_id: str) -> None:
        """Open the print preview of a delivery note; printing from it, or saving a PDF, counts a print."""
        self.printing.preview_document(delivery_id)

    def preview_current(self) -> None:
        row = self.deliveries_model.row_at(self.deliveries_table.currentIndex().row())
        if row is not None:
            self.preview_delivery(row.id)

    def save_current_pdf(self) -> None:
        row = self.deliveries_model.row_at(self.deliveries_table.currentIndex().row())
        if row is None:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, translate("DeliveriesView", "Save delivery note as PDF"), save_pdf_start_path(documents, row.number),
            translate("DeliveriesView", "PDF files (*.pdf)"),
        )
        if path:
            self.printing.save_pdf(row.id, path)
