"""The Help menu: the keyboard shortcuts of every screen, and About Kaidan."""

from __future__ import annotations

import importlib.metadata
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.messages import role_label

log = logging.getLogger(__name__)

# (screen, keys, what they do). The keys are the ones the screens bind. Tests check the
# window-wide keys (F5, Ctrl+N, F1, Ctrl+Q, Ctrl+1) and those of the Deliveries and Stock
# pages against the real window, but not the keys of editor dialogs.
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    (QT_TRANSLATE_NOOP("HelpMenu", "Everywhere"), "F5", QT_TRANSLATE_NOOP("HelpMenu", "Sync now")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Everywhere"), "Ctrl+1 … Ctrl+9", QT_TRANSLATE_NOOP("HelpMenu", "Switch to the page of that number")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Everywhere"), "Ctrl+N", QT_TRANSLATE_NOOP("HelpMenu", "New order")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Everywhere"), "F1", QT_TRANSLATE_NOOP("HelpMenu", "This list of shortcuts")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Everywhere"), "Ctrl+Q", QT_TRANSLATE_NOOP("HelpMenu", "Quit")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Lists"), "Ctrl+F", QT_TRANSLATE_NOOP("HelpMenu", "Go to the search box")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Lists"), "↓ / Enter", QT_TRANSLATE_NOOP("HelpMenu", "From the search box to the list; open the selected row")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Lists"), QT_TRANSLATE_NOOP("HelpMenu", "Menu key"),
     QT_TRANSLATE_NOOP("HelpMenu", "Sort and column choices")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Customers"), "Ctrl+Shift+N", QT_TRANSLATE_NOOP("HelpMenu", "New customer")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Customers"), "Ctrl+Enter", QT_TRANSLATE_NOOP("HelpMenu", "New order for the selected customer")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Customer and supplier details"), "Ctrl+E", QT_TRANSLATE_NOOP("HelpMenu", "Edit the master data")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Customer and supplier details"), "Ctrl+Shift+C", QT_TRANSLATE_NOOP("HelpMenu", "Add a contact")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Customer and supplier details"), "Ctrl+Tab", QT_TRANSLATE_NOOP("HelpMenu", "Next tab")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "F2", QT_TRANSLATE_NOOP("HelpMenu", "Product list with prices and stock")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Tab / Enter", QT_TRANSLATE_NOOP("HelpMenu", "Next cell; after the last cell, a new line")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "F4", QT_TRANSLATE_NOOP("HelpMenu", "Take the customer's last price")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Ctrl+L", QT_TRANSLATE_NOOP("HelpMenu", "Add the lines of the customer's last order")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Delete", QT_TRANSLATE_NOOP("HelpMenu", "Remove the selected line")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Ctrl+S", QT_TRANSLATE_NOOP("HelpMenu", "Save as draft")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Ctrl+Enter", QT_TRANSLATE_NOOP("HelpMenu", "Confirm the order")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Alt+F / Alt+D / Alt+V", QT_TRANSLATE_NOOP("HelpMenu", "Freight, document discount, delivery date wanted")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Ctrl+H", QT_TRANSLATE_NOOP("HelpMenu", "Show the order's history")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Order entry"), "Ctrl+K", QT_TRANSLATE_NOOP("HelpMenu", "Verify a completed order")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Orders"), "Insert", QT_TRANSLATE_NOOP("HelpMenu", "New order (on the Quotations page: new quotation)")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Orders"), "Ctrl+D", QT_TRANSLATE_NOOP("HelpMenu", "Copy the selected order")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Quotations"), "Ctrl+Enter", QT_TRANSLATE_NOOP("HelpMenu", "Make an order of the quotation")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Quotations"), "Ctrl+P", QT_TRANSLATE_NOOP("HelpMenu", "Print the quotation")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Quotations"), "Ctrl+Shift+S", QT_TRANSLATE_NOOP("HelpMenu", "Mark the quotation sent")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Quotations"), "Ctrl+Shift+L", QT_TRANSLATE_NOOP("HelpMenu", "Mark the quotation lost, with the reason")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Quotations"), "Ctrl+Shift+X", QT_TRANSLATE_NOOP("HelpMenu", "Cancel the quotation")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Enter / Ctrl+P", QT_TRANSLATE_NOOP("HelpMenu", "Ship the current order and print its delivery note; on a delivery note, preview it")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+E", QT_TRANSLATE_NOOP("HelpMenu", "Ship the selected orders, choosing quantities and batches")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+Shift+Enter", QT_TRANSLATE_NOOP("HelpMenu", "Ship the selected orders in full")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+Shift+R", QT_TRANSLATE_NOOP("HelpMenu", "Record the receipt the customer signed for the selected delivery note")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+Shift+P", QT_TRANSLATE_NOOP("HelpMenu", "Print the selected delivery notes or return notes")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+Shift+T", QT_TRANSLATE_NOOP("HelpMenu", "Print the selected delivery notes as text on a dot-matrix printer")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+Shift+S", QT_TRANSLATE_NOOP("HelpMenu", "Save the current delivery note or return note as PDF")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Deliveries"), "Ctrl+R", QT_TRANSLATE_NOOP("HelpMenu", "Return goods of the selected delivery note")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock"), "Ctrl+E", QT_TRANSLATE_NOOP("HelpMenu", "Set the reorder point of the current row")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Movement detail"), "F4", QT_TRANSLATE_NOOP("HelpMenu", "Choose the product whose movements are shown")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Goods receipts, Transfers"), "Ctrl+N", QT_TRANSLATE_NOOP("HelpMenu", "New goods receipt or transfer")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Goods receipts, Transfers"), "Enter", QT_TRANSLATE_NOOP("HelpMenu", "Open the selected document read-only")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Stocktakes"), "Ctrl+N", QT_TRANSLATE_NOOP("HelpMenu", "New stocktake")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Stocktakes"), "Enter", QT_TRANSLATE_NOOP("HelpMenu", "Open the selected stocktake")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stock: Stocktakes"), "Ctrl+Del", QT_TRANSLATE_NOOP("HelpMenu", "Cancel the selected stocktake while it is counting")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Goods receipt and transfer entry"), "F2", QT_TRANSLATE_NOOP("HelpMenu", "Product list")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Goods receipt and transfer entry"), "Delete", QT_TRANSLATE_NOOP("HelpMenu", "Remove the current line")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Goods receipt and transfer entry"), "Ctrl+S", QT_TRANSLATE_NOOP("HelpMenu", "Post the document")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stocktake count"), "Ctrl+B", QT_TRANSLATE_NOOP("HelpMenu", "Add a line for a batch the book stock does not list")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stocktake count"), "Ctrl+Del", QT_TRANSLATE_NOOP("HelpMenu", "Remove an added batch line")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stocktake count"), "Ctrl+S", QT_TRANSLATE_NOOP("HelpMenu", "Save the count sheet")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Stocktake count"), "Ctrl+Enter", QT_TRANSLATE_NOOP("HelpMenu", "Post the stocktake")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Approvals"), "Ctrl+Enter", QT_TRANSLATE_NOOP("HelpMenu", "Approve the selected orders")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Approvals"), "Ctrl+B", QT_TRANSLATE_NOOP("HelpMenu", "Send the selected orders back")),
    (QT_TRANSLATE_NOOP("HelpMenu", "Forms and details"), "Esc", QT_TRANSLATE_NOOP("HelpMenu", "Close, asking first when changes are not saved")),
)


def kaidan_version() -> str:
    try:
        return importlib.metadata.version("kaidan")
    except importlib.metadata.PackageNotFoundError:
        # Run from a source folder that was never installed.
        return "0+source"


class ShortcutsDialog(QDialog):
    """A read-only table of the keyboard shortcuts, by screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("HelpMenu", "Keyboard shortcuts"))
        self.table = QTableWidget(len(SHORTCUTS), 3, self)
        self.table.setHorizontalHeaderLabels([
            translate("HelpMenu", "Screen"), translate("HelpMenu", "Keys"), translate("HelpMenu", "Action"),
        ])
        for row, (screen, keys, action) in enumerate(SHORTCUTS):
            # A key name such as "Menu key" has a translation; "F5" is the same in every language.
            for column, text in enumerate((translate("HelpMenu", screen), translate("HelpMenu", keys),
                                           translate("HelpMenu", action))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 520)


class HelpMenu(QMenu):
    """Help > Keyboard shortcuts (F1) and Help > About Kaidan."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpMenu")
        self.context = context
        # Owned by the window, like its other shortcuts, so F1 works while the menu is closed.
        self.shortcuts_action = QAction(parent)
        self.addAction(self.shortcuts_action)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        # Application-wide, so F1 works in the order editor and detail windows too.
        self.shortcuts_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        parent.addAction(self.shortcuts_action)
        self.about_action = self.addAction("")
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.dialog: QDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("HelpMenu", "&Help"))
        self.shortcuts_action.setText(translate("HelpMenu", "&Keyboard shortcuts"))
        self.about_action.setText(translate("HelpMenu", "&About Kaidan"))

    def show_shortcuts(self) -> None:
        self.dialog = ShortcutsDialog(self.parentWidget())
        self.dialog.open()

    def about_text(self) -> str:
        user = self.context.user
        return translate(
            "HelpMenu",
            "Kaidan {version}\n\n"
            "Signed in as {user} ({role}) at {server}.\n"
            "Data folder on this computer: {folder}\n\n"
            "Chinese text uses the WenQuanYi Micro Hei font, under the Apache License 2.0. "
            "The demo data comes from the Northwind sample database and from jshERP; "
            "their licences are in resources/datasets.",
        ).format(
            version=kaidan_version(), user=user.username, role=role_label(user.role),
            server=self.context.server_url or translate("HelpMenu", "no server"), folder=str(self.context.data_dir),
        )

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, translate("HelpMenu", "About Kaidan"), self.about_text(),
                          QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setObjectName("aboutBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dialog = box
        box.open()
