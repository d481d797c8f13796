"""The supplier detail for purchasing: a header, and tabs of contacts, goods receipts, purchase orders and payables.

Edit... opens the supplier editor; the contacts tab has Add, Edit and
Delete. The payables tab and the balance show only for roles that see cost,
because the replica of any other role has no payable rows. The detail
reloads by itself when a command or a sync writes to the tables it shows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
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
from desktop.models.detail_tabs import RecordsTabModel
from desktop.models.order_models import format_money
from desktop.models.supplier_detail_models import COST_TABS, TABS, SupplierHeader, load_header
from desktop.tasks import Changes
from desktop.views.column_fit import WidenToContent
from desktop.views.detail_header import header_grid, state_label
from desktop.views.dialog_keys import install_tab_switching
from desktop.views.record_table import add_record_tab
from desktop.views.row_delete import DeletableTab, RowDelete
from desktop.views.supplier_editor import add_supplier_contact, edit_supplier, edit_supplier_contact

log = logging.getLogger(__name__)

# Tables whose changes alter the header.
HEADER_TABLES = ("supplier", "payable_entry", "role_profile")
FIELDS = ("code", "name", "phone", "address", "payment_terms", "balance")


class SupplierDetailDialog(QDialog):
    """Dialog with everything about one supplier. Esc closes it, and Ctrl+Tab moves between the tabs."""

    def __init__(self, context: AppContext, supplier_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplierDetail")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.supplier_id = supplier_id
        self.header: SupplierHeader | None = None

        # Identity on the left, terms and money on the right.
        grid, self.captions, self.values = header_grid(self, FIELDS, "supplierDetail", 4, right_aligned=("balance",))
        # The balance shows once the header says the user sees cost.
        self.captions["balance"].hide()
        self.values["balance"].hide()
        self.state_label = state_label(self, "supplierDetailState")

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("supplierDetailTabs")
        self.models: dict[str, RecordsTabModel] = {}
        self.tables: dict[str, QTableView] = {}
        for spec in TABS:
            model = RecordsTabModel(context, spec, self)
            self.models[spec.key] = model
            self.tables[spec.key] = add_record_tab(self.tabs, model, f"supplierDetailTable_{spec.key}")
        # The cost tabs appear once the header says the user sees cost.
        for index, spec in enumerate(TABS):
            if spec.key in COST_TABS:
                self.tabs.setTabVisible(index, False)

        self.actions_bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        self.button_keys: dict[str, str] = {}
        for key, keys, command, slot in (
            ("edit", "Ctrl+E", "supplier.update", self.edit_supplier),
            ("add_contact", "Ctrl+Shift+C", "supplier_contact.create", self.add_contact),
            ("edit_contact", "", "supplier_contact.update", self.edit_selected_contact),
        ):
            if not may_run(context, command):
                continue
            button = QPushButton(self)
            button.setObjectName(f"supplierDetail_{key}")
            button.setAutoDefault(False)
            self.button_keys[key] = keys
            button.clicked.connect(lambda checked=False, run=slot: run())
            self.actions_bar.addWidget(button)
            self.buttons[key] = button
        self.row_delete = RowDelete(self, context, self.tabs, self.tables, {
            "contacts": DeletableTab("supplier_contact.delete",
                                     translate("SupplierDetail", "Delete the contact {name}?"),
                                     primary_questions=(
                                         translate("SupplierDetail",
                                                   "{name} is the primary contact of this supplier. After deleting "
                                                   "it, no contact is primary until you mark another one as primary. "
                                                   "Delete {name}?"),
                                         translate("SupplierDetail",
                                                   "{name} is the primary contact and the only contact of this "
                                                   "supplier. After deleting it, the supplier has no contact. "
                                                   "Delete {name}?"),
                                     )),
        }, lambda _row_id: self.refresh())
        self.actions_bar.addWidget(self.row_delete.button)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("supplierDetailClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)

        actions_row = QHBoxLayout()
        actions_row.addLayout(self.actions_bar)
        actions_row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.state_label)
        layout.addLayout(actions_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.tables["contacts"].doubleClicked.connect(lambda *_: self.edit_selected_contact())
        # Contacts often leave mobile, e-mail or WeChat empty, so fixed widths clip the filled columns.
        self.contacts_fit = WidenToContent(self.tables["contacts"])
        install_tab_switching(self, self.tabs)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.resize(860, 560)
        self.refresh()

    def retranslate(self) -> None:
        captions = {
            "code": translate("SupplierDetail", "Code:"),
            "name": translate("SupplierDetail", "Name:"),
            "phone": translate("SupplierDetail", "Phone:"),
            "address": translate("SupplierDetail", "Address:"),
            "payment_terms": translate("SupplierDetail", "Payment terms:"),
            "balance": translate("SupplierDetail", "Payable:"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.values["balance"].setToolTip(
            translate("SupplierDetail", "What is owed to the supplier; a negative amount is a prepayment"))
        for index, spec in enumerate(TABS):
            self.tabs.setTabText(index, translate("SupplierDetail", spec.title))
        self.tabs.setToolTip(translate("SupplierDetail", "Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs"))
        texts = {
            "edit": (translate("SupplierDetail", "Edit... (Ctrl+E)"),
                     translate("SupplierDetail", "Change this supplier's master data (Ctrl+E)")),
            "add_contact": (translate("SupplierDetail", "Add contact... (Ctrl+Shift+C)"),
                            translate("SupplierDetail", "Add a contact person (Ctrl+Shift+C)")),
            "edit_contact": (translate("SupplierDetail", "Edit contact..."),
                             translate("SupplierDetail", "Change the selected contact (double-click)")),
        }
        for key, button in self.buttons.items():
            button.setText(texts[key][0])
            button.setToolTip(texts[key][1])
            # setText resets a button's shortcut to the text's mnemonic, so the shortcut is set after it.
            if self.button_keys[key]:
                button.setShortcut(QKeySequence(self.button_keys[key]))
        self.close_button.setText(translate("SupplierDetail", "Close"))
        self.close_button.setToolTip(translate("SupplierDetail", "Close the detail (Esc)"))
        self._show_header()

    def refresh(self) -> None:
        """Reload the header and every tab from the replica."""
        self.load_header()
        for model in self.models.values():
            model.set_filter(self.supplier_id)

    def load_header(self) -> None:
        supplier_id, role = self.supplier_id, self.context.user.role

        def work(control):
            with self.context.read_session() as session:
                return load_header(session, supplier_id, role)

        self.context.tasks.run(work, on_result=self._set_header)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tabs.currentWidget().setFocus()

    # -- actions ----------------------------------------------------------------

    def edit_supplier(self) -> None:
        edit_supplier(self.context, self.supplier_id, self, lambda _id: self.refresh(),
                      on_open_existing=self.open_other_supplier)

    def open_other_supplier(self, supplier_id: str) -> "SupplierDetailDialog":
        """Show another supplier's detail beside this one: the existing supplier chosen in the duplicate warning."""
        dialog = SupplierDetailDialog(self.context, supplier_id, self.parentWidget())
        dialog.show()
        dialog.activateWindow()
        return dialog

    def add_contact(self) -> None:
        add_supplier_contact(self.context, self.supplier_id, self, lambda _id: self.refresh())

    def edit_selected_contact(self) -> None:
        table = self.tables["contacts"]
        index = table.currentIndex()
        if "edit_contact" not in self.buttons or not index.isValid():
            return
        contact_id = table.model().data(index, Qt.ItemDataRole.UserRole)
        edit_supplier_contact(self.context, contact_id, self, lambda _id: self.refresh())

    # -- internals -----------------------------------------------------------------

    def _set_header(self, header: SupplierHeader | None) -> None:
        self.header = header
        self._show_header()

    def _show_header(self) -> None:
        header = self.header
        if header is None:
            self.setWindowTitle(translate("SupplierDetail", "Supplier"))
            return
        terms = "" if header.payment_terms_days is None else translate("SupplierDetail", "{days} days").format(
            days=header.payment_terms_days)
        texts = {
            "code": header.code,
            "name": header.name,
            "phone": header.phone,
            "address": header.address,
            "payment_terms": terms,
            "balance": format_money(header.balance) if header.balance is not None else "",
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        for key in ("balance",):
            self.captions[key].setVisible(header.sees_cost)
            self.values[key].setVisible(header.sees_cost)
        for index, spec in enumerate(TABS):
            if spec.key in COST_TABS:
                self.tabs.setTabVisible(index, header.sees_cost)
        self.setWindowTitle(translate("SupplierDetail", "Supplier {code} {name}").format(
            code=header.code, name=header.name))
        if header.deleted:
            self.state_label.setText(translate("SupplierDetail", "This supplier is deleted."))
        elif not header.active:
            self.state_label.setText(translate("SupplierDetail", "This supplier is inactive."))
        self.state_label.setVisible(header.deleted or not header.active)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*HEADER_TABLES):
            self.load_header()
