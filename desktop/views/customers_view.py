"""The Customers page: search, filters, a lazy list, and the customer detail.

Keys: Ctrl+F goes to the search box, Down or Enter there moves to the list,
Up on the first row goes back. Enter on a row opens the customer detail,
Ctrl+Enter a new order for the customer. The Menu key (or Shift+F10) opens
the list's menu with the sort and the column choice. A click on a column
header sorts by that column ascending, a second click descending, and a
third returns to best matches first. Hidden columns, column widths and the
sort are stored per user in COLUMN_SETTINGS_FILE in the user's data folder.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.customer_model import SORT_OF_COLUMN, CustomerModel, CustomerQuery
from desktop.views.customer_detail import CustomerDetailDialog
from desktop.views.customer_editor import new_customer
from desktop.views.column_fit import FitOnFirstRows
from desktop.views.customer_filters import CustomerFilterBar
from desktop.views.list_columns import COLUMN_SETTINGS_FILE, ListColumns
from desktop.views.list_keys import ListKeys
from desktop.views.record_table import configure_list_table
from sync.local_tables import SyncState
from sync.replica import STATE_ROW_ID
from sync.search import CUSTOMER_SORT_KEYS

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
# Ctrl+N opens a new order anywhere in the window, so a new customer takes Ctrl+Shift+N.
NEW_CUSTOMER_KEYS = "Ctrl+Shift+N"
SETTINGS_GROUP = "customers"
# Shown until the user picks columns: the rest stay available in the column menu.
DEFAULT_HIDDEN = ("mnemonic", "warehouse")


def _has_synced(context: AppContext) -> bool:
    """Return whether the replica has completed a sync, so the customers it lists are the downloaded ones."""
    with context.read_session() as session:
        state = session.get(SyncState, STATE_ROW_ID)
        return state is not None and state.last_sync_at is not None


class CustomersView(QWidget):
    """The Customers page. Connect `new_order_requested(customer_id)` to open an order form."""

    new_order_requested = Signal(str)
    # The tab key ("orders" or "quotations") and the id of a document opened in a customer's detail.
    document_open_requested = Signal(str, str)
    # Emitted with each CustomerDetailDialog this page opens, before it is shown,
    # so other views can add their buttons to its `actions_bar`.
    detail_opened = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customersView")
        self.context = context
        self.model = CustomerModel(context, self)
        self.details: list[CustomerDetailDialog] = []
        self._settings = QSettings(str(context.data_dir / COLUMN_SETTINGS_FILE), QSettings.Format.IniFormat)
        self._selected_before_reset: str | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.filter_bar = CustomerFilterBar(context, self)

        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        configure_list_table(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)
        self.table.doubleClicked.connect(self._open_detail_at)
        self.list_keys = ListKeys(self.search, self.table, run_pending_search=self._run_pending_search,
                                  open_row=self._open_detail_at)
        self.list_columns = ListColumns(
            self, self.table, self._settings, SETTINGS_GROUP, sort_of_column=SORT_OF_COLUMN,
            sort_keys=CUSTOMER_SORT_KEYS, default_hidden=DEFAULT_HIDDEN, on_sort_changed=self.apply_search,
        )

        self.count_label = QLabel(self)
        self.count_label.setObjectName("customerCount")
        self.detail_button = QPushButton(self)
        self.detail_button.setObjectName("customerOpenDetail")
        self.detail_button.clicked.connect(self.open_selected_detail)
        self.new_order_button = QPushButton(self)
        self.new_order_button.setObjectName("customerNewOrder")
        self.new_order_button.clicked.connect(self.request_new_order)
        self.new_customer_button = QPushButton(self)
        self.new_customer_button.setObjectName("customerNew")
        self.new_customer_button.clicked.connect(self.create_customer)
        self.apply_permissions()
        context.command_access.changed.connect(self.apply_permissions)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_customer_button)
        bottom.addWidget(self.detail_button)
        bottom.addWidget(self.new_order_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.filter_bar.changed.connect(self.apply_search)
        self.model.count_changed.connect(self._update_count)
        self.model.loaded.connect(self._rows_loaded)
        self.model.loading_started.connect(self._update_count)
        # Before and while a first sync downloads into the empty replica, and until the list has
        # reloaded after it, the list is empty because its rows have not arrived yet. The count shows
        # that it is loading then, instead of "0 customers".
        self._downloading = bool(context.server_url) and not _has_synced(context)
        self._download_ended_at_load = False
        # Bound methods, so the signal that the sync worker thread emits is queued to the GUI thread.
        context.sync.bootstrap_started.connect(self._download_started)
        context.sync.attempt_finished.connect(self._download_ended)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.loaded.connect(self._restore_selection)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(NEW_CUSTOMER_KEYS), self, activated=self.create_customer)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self.table, activated=self.request_new_order,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.restore_columns()
        self.list_columns.track_widths()
        self.retranslate()
        self.apply_search()

    def retranslate(self) -> None:
        # The placeholder stays short, so the tooltip lists every kind of match.
        self.search.setPlaceholderText(
            translate("CustomersView", "Search by name, code, phone, pinyin initials or mnemonic (Ctrl+F)")
        )
        self.search.setToolTip(
            translate(
                "CustomersView",
                "Type part of a name, a code, a phone number, the mnemonic code or the pinyin initials of the name (any reading); Down moves to the list",
            )
        )
        self.table.setToolTip(
            translate("CustomersView", "Enter opens the customer's detail, Ctrl+Enter a new order; the Menu key shows sort and columns")
        )
        self.table.horizontalHeader().setToolTip(
            translate(
                "CustomersView",
                "Click a column to sort by it, click again to reverse the order and a third time for best matches first; right-click to choose columns",
            )
        )
        self.new_customer_button.setText(translate("CustomersView", "New customer... (Ctrl+Shift+N)"))
        self.new_customer_button.setToolTip(translate("CustomersView", "Enter a new customer (Ctrl+Shift+N)"))
        self.detail_button.setText(translate("CustomersView", "Details (Enter)"))
        self.detail_button.setToolTip(translate("CustomersView", "Open the selected customer's detail (Enter)"))
        self.new_order_button.setText(translate("CustomersView", "New order (Ctrl+Enter)"))
        self.new_order_button.setToolTip(translate("CustomersView", "Open a new order for the selected customer (Ctrl+Enter)"))
        self.filter_bar.retranslate()
        self._update_count()

    # -- search ------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _run_pending_search(self) -> None:
        if self._search_timer.isActive():
            self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        query = CustomerQuery(self.search.text(), self.filter_bar.filters(), self.list_columns.sort)
        log.debug("customer search %r", query)
        self.model.set_filter(query)

    def set_sort(self, sort: str) -> None:
        """Order the list by the search API's `sort` ("relevance", or a sort key with an optional "-") and remember it."""
        self.list_columns.set_sort(sort)

    # -- rows and keys ---------------------------------------------------------

    def selected_customer_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, Qt.ItemDataRole.UserRole)

    def _remember_selection(self) -> None:
        self._selected_before_reset = self.selected_customer_id()

    def _restore_selection(self) -> None:
        """Select again the customer that was selected before a reload, when it is still in the list."""
        selected_id = self._selected_before_reset
        if selected_id is None or self.table.currentIndex().isValid():
            return
        for number in range(self.model.rowCount()):
            if self.model.row(number)["id"] == selected_id:
                self.table.selectRow(number)
                self._selected_before_reset = None
                return

    # -- actions ---------------------------------------------------------------

    def open_selected_detail(self) -> CustomerDetailDialog | None:
        return self._open_detail_at(self.table.currentIndex())

    def _open_detail_at(self, index: QModelIndex) -> CustomerDetailDialog | None:
        if not index.isValid():
            return None
        return self.open_detail(self.model.data(index, Qt.ItemDataRole.UserRole))

    def create_customer(self) -> None:
        """Open the editor of a new customer; the list shows the customer once it is saved."""
        if not self.may_create_customer:
            return
        new_customer(self.context, self, on_saved=lambda _customer_id: self.apply_search())

    def open_detail(self, customer_id: str) -> CustomerDetailDialog:
        """Show the detail of the customer. Esc closes it, and the list gets the focus back."""
        log.debug("customer detail opened for %s", customer_id)
        dialog = CustomerDetailDialog(self.context, customer_id, self)
        dialog.new_order_requested.connect(self._new_order_from_detail)
        dialog.document_open_requested.connect(self.document_open_requested)
        dialog.finished.connect(lambda result, shown=dialog: self._detail_closed(shown))
        self.details.append(dialog)
        self.detail_opened.emit(dialog)
        dialog.show()
        dialog.activateWindow()
        return dialog

    def _detail_closed(self, dialog: CustomerDetailDialog) -> None:
        if dialog in self.details:
            self.details.remove(dialog)
        # The closed dialog was the active window: give the keyboard back to the list.
        self.window().activateWindow()
        self.table.setFocus()

    def _new_order_from_detail(self, customer_id: str) -> None:
        log.debug("new order requested for customer %s", customer_id)
        self.new_order_requested.emit(customer_id)

    def request_new_order(self) -> None:
        customer_id = self.selected_customer_id()
        if customer_id is None or not self.may_create_order:
            return
        log.debug("new order requested for customer %s", customer_id)
        self.new_order_requested.emit(customer_id)

    def _download_started(self) -> None:
        self._downloading = True
        self._download_ended_at_load = False
        self._update_count()

    def _download_ended(self) -> None:
        if not self._downloading:
            return
        # The count changes at the end of the next load, which brings the downloaded rows. A reload is
        # started here unless one runs, because a cancelled download may have changed no table.
        self._download_ended_at_load = True
        if not self.model.loading:
            self.apply_search()

    def _rows_loaded(self) -> None:
        if self._download_ended_at_load:
            self._downloading = False
            self._download_ended_at_load = False
        self._update_count()

    def _update_count(self) -> None:
        model = self.model
        if model.rowCount() == 0 and (model.loading or self._downloading):
            text = translate("CustomersView", "Loading customers...")
        elif model.total_capped:
            text = translate("CustomersView", "{count}+ customers").format(count=model.total)
        else:
            text = self.tr("%n customer(s)", "", model.total)
        self.count_label.setText(text)

    # -- menus and columns -------------------------------------------------------

    def apply_permissions(self) -> None:
        """Show only the buttons of commands the role may run, rather than rejecting them at save."""
        self.may_create_customer = may_run(self.context, "customer.create")
        self.may_create_order = may_run(self.context, "order.create")
        self.new_customer_button.setHidden(not self.may_create_customer)
        self.new_order_button.setHidden(not self.may_create_order)

    def _show_table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        open_action = menu.addAction(translate("CustomersView", "Open details"), self.open_selected_detail)
        open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        order_action = menu.addAction(translate("CustomersView", "New order"), self.request_new_order)
        order_action.setShortcut(QKeySequence("Ctrl+Return"))
        enabled = self.selected_customer_id() is not None
        open_action.setEnabled(enabled)
        order_action.setEnabled(enabled)
        order_action.setVisible(self.may_create_order)
        menu.addSeparator()
        self._add_sort_actions(menu.addMenu(translate("CustomersView", "Sort by")))
        self.list_columns.add_column_actions(menu.addMenu(translate("CustomersView", "Columns")))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _add_sort_actions(self, menu: QMenu) -> list[QAction]:
        return self.list_columns.add_sort_actions(menu)

    def set_column_visible(self, key: str, shown: bool) -> None:
        self.list_columns.set_column_visible(key, shown)

    def save_columns(self) -> None:
        """Store the hidden columns and the widths of the shown ones for this user."""
        self.list_columns.save_columns()

    def restore_columns(self) -> None:
        """Apply the stored column choice and widths, or the defaults when none are stored or they are unreadable."""
        widths = self.list_columns.restore_columns()
        # Columns without a stored width fit the first page of rows.
        stored = frozenset(self.model.column_number(key) for key in widths if key in SORT_OF_COLUMN)
        self.column_fit = FitOnFirstRows(self.table, keep=stored)
        self.list_columns.show_sort_indicator()
