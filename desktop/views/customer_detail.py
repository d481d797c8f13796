"""The customer detail: a header with the balance and credit figures, and read-only tabs of related records.

Other parts of the desktop add their own buttons (edit, add follow-up) to
`actions_bar` and call `refresh()` after they changed the customer. The
detail also reloads by itself when a command or a sync writes to the
tables it shows.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.customer_detail_models import TABS, CustomerHeader, load_header
from desktop.models.detail_tabs import RecordsTabModel
from desktop.models.order_models import format_money
from desktop.tasks import Changes
from desktop.views.customer_actions import install_customer_actions
from desktop.views.column_fit import WidenToContent
from desktop.views.detail_header import ALARM_STYLE, header_grid, state_label
from desktop.views.dialog_keys import install_tab_switching
from desktop.views.record_table import add_record_tab
from desktop.views.row_delete import DeletableTab, RowDelete

log = logging.getLogger(__name__)


# Tables whose changes alter the header: the customer, its names, and the
# rows behind the balance, overdue amount and credit used.
HEADER_TABLES = (
    "customer", "customer_category", "app_user", "receivable_entry", "delivery_note", "payment_allocation",
    "sales_order", "sales_order_line",
)
FIELDS = ("code", "name", "category", "owner", "phone", "balance", "credit_limit", "credit_used", "overdue")
# Tabs whose rows are documents with a form of their own: Enter or a double click opens it.
DOCUMENT_TABS = ("orders", "quotations")


def deletable_tabs() -> dict[str, DeletableTab]:
    """Return the tabs whose rows the detail's Delete button deletes, with their questions."""
    return {
        "contacts": DeletableTab("customer_contact.delete",
                                 translate("CustomerDetail", "Delete the contact {name}?"),
                                 primary_questions=(
                                     translate("CustomerDetail",
                                               "{name} is the primary contact of this customer. After deleting it, "
                                               "no contact is primary until you mark another one as primary. "
                                               "Delete {name}?"),
                                     translate("CustomerDetail",
                                               "{name} is the primary contact and the only contact of this customer. "
                                               "After deleting it, the customer has no contact. Delete {name}?"),
                                 )),
        # The address column names the address; the label is often blank.
        "addresses": DeletableTab("shipping_address.delete",
                                  translate("CustomerDetail", "Delete the shipping address {name}?"), name_column=4),
        "invoicing": DeletableTab("invoicing_details.delete",
                                  translate("CustomerDetail", "Delete the invoicing details {name}?")),
    }


class CustomerDetailDialog(QDialog):
    """Dialog with everything about one customer. Esc closes it, and Ctrl+Tab moves between the tabs."""

    # Emitted with the customer id when the user asks for a new order (Ctrl+Enter).
    new_order_requested = Signal(str)
    # Emitted with the tab's key ("orders" or "quotations") and the document id when a row is opened.
    document_open_requested = Signal(str, str)

    def __init__(self, context: AppContext, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDetail")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.customer_id = customer_id
        self.header: CustomerHeader | None = None

        # Two columns of label pairs: identity on the left, money on the right.
        grid, self.captions, self.values = header_grid(
            self, FIELDS, "customerDetail", 5, right_aligned=("balance", "credit_limit", "credit_used", "overdue"))
        self.state_label = state_label(self, "customerDetailState")

        # Buttons of actions on this customer. Other views append theirs here.
        self.actions_bar = QHBoxLayout()
        self.new_order_button = QPushButton(self)
        self.new_order_button.setObjectName("customerDetailNewOrder")
        self.new_order_button.setAutoDefault(False)
        self.new_order_button.clicked.connect(self.request_new_order)
        self.new_order_button.setHidden(not may_run(context, "order.create"))
        self.actions_bar.addWidget(self.new_order_button)
        # Edit, contacts, addresses, invoicing details and follow-ups.
        self.action_buttons = install_customer_actions(self, context, customer_id)
        self.action_tooltips = [button.toolTip() for button in self.action_buttons]
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("customerDetailClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerDetailTabs")
        self.models: dict[str, RecordsTabModel] = {}
        self.tables: dict[str, QTableView] = {}
        for spec in TABS:
            model = RecordsTabModel(context, spec, self)
            table = add_record_tab(self.tabs, model, f"customerDetailTable_{spec.key}")
            self.models[spec.key] = model
            self.tables[spec.key] = table
            if spec.key in DOCUMENT_TABS:
                table.activated.connect(lambda index, key=spec.key: self._open_document(key, index))
        self.row_delete = RowDelete(self, context, self.tabs, self.tables, deletable_tabs(),
                                    lambda _row_id: self.refresh())
        self.actions_bar.addWidget(self.row_delete.button)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.state_label)
        actions_row = QHBoxLayout()
        actions_row.addLayout(self.actions_bar)
        actions_row.addStretch(1)
        layout.addLayout(actions_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        # The same widening as in the supplier detail: long positions and e-mail addresses are common.
        self.contacts_fit = WidenToContent(self.tables["contacts"])
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=self.request_new_order)
        install_tab_switching(self, self.tabs)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.resize(900, 600)
        self.refresh()

    def retranslate(self) -> None:
        captions = {
            "code": translate("CustomerDetail", "Code:"),
            "name": translate("CustomerDetail", "Name:"),
            "category": translate("CustomerDetail", "Category:"),
            "owner": translate("CustomerDetail", "Owner:"),
            "phone": translate("CustomerDetail", "Phone:"),
            "balance": translate("CustomerDetail", "Balance:"),
            "credit_limit": translate("CustomerDetail", "Credit limit:"),
            "credit_used": translate("CustomerDetail", "Credit used:"),
            "overdue": translate("CustomerDetail", "Overdue:"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.values["balance"].setToolTip(translate("CustomerDetail", "What the customer owes; a negative amount is a prepayment"))
        self.values["credit_used"].setToolTip(
            translate("CustomerDetail", "The balance plus the undelivered amount of approved orders, as the credit check counts it")
        )
        self.values["overdue"].setToolTip(translate("CustomerDetail", "The unpaid amount of deliveries past their due date"))
        for index, spec in enumerate(TABS):
            self.tabs.setTabText(index, translate("CustomerDetail", spec.title))
        self.tabs.setToolTip(translate("CustomerDetail", "Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs"))
        self.new_order_button.setText(translate("CustomerDetail", "New order (Ctrl+Enter)"))
        self.new_order_button.setToolTip(translate("CustomerDetail", "Open a new order for this customer (Ctrl+Enter)"))
        self.close_button.setText(translate("CustomerDetail", "Close"))
        self.close_button.setToolTip(translate("CustomerDetail", "Close the detail (Esc)"))
        self._show_header()

    def refresh(self) -> None:
        """Reload the header and every tab from the replica."""
        self.load_header()
        for model in self.models.values():
            model.set_filter(self.customer_id)

    def load_header(self) -> None:
        customer_id = self.customer_id
        today = dt.date.today()

        def work(control):
            with self.context.read_session() as session:
                return load_header(session, customer_id, today)

        self.context.tasks.run(work, on_result=self._set_header)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Start in the first tab's table, so arrow keys browse rows at once.
        self.tabs.currentWidget().setFocus()

    def request_new_order(self) -> None:
        if self.new_order_button.isHidden():
            return
        log.debug("new order requested from the detail of customer %s", self.customer_id)
        self.new_order_requested.emit(self.customer_id)

    # -- internals -----------------------------------------------------------

    def _open_document(self, key: str, index) -> None:
        document_id = self.models[key].data(index, Qt.ItemDataRole.UserRole)
        if document_id:
            log.debug("%s row %s opened from the detail of customer %s", key, document_id, self.customer_id)
            self.document_open_requested.emit(key, document_id)

    def _set_header(self, header: CustomerHeader | None) -> None:
        self.header = header
        self._show_header()

    def _show_header(self) -> None:
        header = self.header
        if header is None:
            self.setWindowTitle(translate("CustomerDetail", "Customer"))
            return
        texts = {
            "code": header.code,
            "name": header.name,
            "category": header.category,
            "owner": header.owner,
            "phone": header.phone,
            "balance": format_money(header.balance),
            "credit_limit": format_money(header.credit_limit) if header.credit_limit is not None
            else translate("CustomerDetail", "No limit"),
            "credit_used": format_money(header.credit_used),
            "overdue": format_money(header.overdue),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        if header.credit_limit_from_category:
            # The editor's credit limit field stays blank for an inherited limit, so show where this one comes from.
            self.values["credit_limit"].setText(translate("CustomerDetail", "{amount} (category default)").format(
                amount=texts["credit_limit"]))
        over_limit = header.credit_limit is not None and header.credit_used > header.credit_limit
        for key, alarming in (("overdue", header.overdue > 0), ("credit_used", over_limit)):
            self.values[key].setStyleSheet(ALARM_STYLE if alarming else "")
        self.setWindowTitle(translate("CustomerDetail", "Customer {code} {name}").format(code=header.code, name=header.name))
        if header.deleted:
            self.state_label.setText(translate("CustomerDetail", "This customer is deleted."))
        elif not header.active:
            self.state_label.setText(translate("CustomerDetail", "This customer is inactive."))
        self.state_label.setVisible(header.deleted or not header.active)
        self._lock_changes(header.in_scope)

    def _lock_changes(self, in_scope: bool) -> None:
        """Disable the actions that change the customer when it is outside the user's scope, saying why."""
        reason = None if in_scope else translate(
            "CustomerDetail",
            "This customer belongs to a department outside yours, so you can view it but not change it.",
        )
        for button, tooltip in zip(self.action_buttons, self.action_tooltips):
            button.setEnabled(reason is None)
            button.setToolTip(reason or tooltip)
        self.row_delete.set_locked(reason)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*HEADER_TABLES):
            self.load_header()
