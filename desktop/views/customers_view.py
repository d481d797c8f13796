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

import json
import logging

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.customer_model import (
    RELEVANCE,
    SORT_OF_COLUMN,
    CustomerModel,
    CustomerQuery,
    is_valid_sort,
    split_sort,
)
from desktop.views.customer_detail import CustomerDetailDialog
from desktop.views.customer_editor import new_customer
from desktop.views.customer_filters import CustomerFilterBar

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
# Ctrl+N opens a new order anywhere in the window, so a new customer takes Ctrl+Shift+N.
NEW_CUSTOMER_KEYS = "Ctrl+Shift+N"
# Column widths are written this long after the user stops dragging a header.
SAVE_DELAY_MS = 500
COLUMN_SETTINGS_FILE = "view_settings.ini"
SETTINGS_GROUP = "customers"
# Shown until the user picks columns: the rest stay available in the column menu.
DEFAULT_HIDDEN = ("mnemonic", "warehouse")


class CustomersView(QWidget):
    """The Customers page. Connect `new_order_requested(customer_id)` to open an order form."""

    new_order_requested = Signal(str)
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
        self.search.installEventFilter(self)
        self.filter_bar = CustomerFilterBar(context, self)

        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._open_detail_at)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_header_menu)
        header.sectionClicked.connect(self._header_clicked)

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
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_columns)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.filter_bar.changed.connect(self.apply_search)
        self.model.count_changed.connect(self._update_count)
        self.model.loaded.connect(self._update_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.loaded.connect(self._restore_selection)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(NEW_CUSTOMER_KEYS), self, activated=self.create_customer)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self.table, activated=self.request_new_order,
                      context=Qt.ShortcutContext.WidgetShortcut)
        stored_sort = self._settings.value(f"{SETTINGS_GROUP}/sort", RELEVANCE)
        if not is_valid_sort(stored_sort):
            log.warning("stored customer list sort %r is invalid; using best match first", stored_sort)
            stored_sort = RELEVANCE
        self._sort: str = stored_sort
        self.restore_columns()
        header.sectionResized.connect(lambda *args: self._save_timer.start())
        self.retranslate()
        self.apply_search()

    def retranslate(self) -> None:
        # The placeholder stays short, so the tooltip lists every kind of match.
        self.search.setPlaceholderText(translate("CustomersView", "Search by name, code or phone (Ctrl+F)"))
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
        self.new_customer_button.setText(translate("CustomersView", "New customer..."))
        self.new_customer_button.setToolTip(translate("CustomersView", "Enter a new customer (Ctrl+Shift+N)"))
        self.detail_button.setText(translate("CustomersView", "Details"))
        self.detail_button.setToolTip(translate("CustomersView", "Open the selected customer's detail (Enter)"))
        self.new_order_button.setText(translate("CustomersView", "New order"))
        self.new_order_button.setToolTip(translate("CustomersView", "Open a new order for the selected customer (Ctrl+Enter)"))
        self.filter_bar.retranslate()
        self._update_count()

    # -- search ------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        query = CustomerQuery(self.search.text(), self.filter_bar.filters(), self._sort)
        log.debug("customer search %r", query)
        self.model.set_filter(query)

    def set_sort(self, sort: str) -> None:
        """Order the list by the search API's `sort` ("relevance", or a sort key with an optional "-") and remember it."""
        if not is_valid_sort(sort):
            raise ValueError(f"invalid customer list sort {sort!r}")
        self._sort = sort
        self._settings.setValue(f"{SETTINGS_GROUP}/sort", sort)
        self._show_sort_indicator()
        self.apply_search()

    def _header_clicked(self, section: int) -> None:
        """Sort by the clicked column: ascending first, then descending, then best matches first."""
        key = SORT_OF_COLUMN[self.model.columns[section].key]
        if self._sort == key:
            self.set_sort(f"-{key}")
        elif self._sort == f"-{key}":
            self.set_sort(RELEVANCE)
        else:
            self.set_sort(key)

    def _sort_by_column(self, key: str) -> None:
        # The sorted column keeps its direction; another column starts ascending.
        if split_sort(self._sort)[0] != key:
            self.set_sort(key)

    def _set_sort_direction(self, descending: bool) -> None:
        key = split_sort(self._sort)[0]
        if key is not None:
            self.set_sort(f"-{key}" if descending else key)

    def _show_sort_indicator(self) -> None:
        # Also called after QHeaderView flips the indicator on its own on a
        # click, so the arrow always shows the search's sort.
        header = self.table.horizontalHeader()
        key, descending = split_sort(self._sort)
        columns = [column for column, sort in SORT_OF_COLUMN.items() if sort == key]
        header.setSortIndicatorShown(bool(columns))
        if columns:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self.model.column_number(columns[0]), order)

    # -- rows and keys ---------------------------------------------------------

    def selected_customer_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, Qt.ItemDataRole.UserRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not control:
                if self._search_timer.isActive():
                    self.apply_search()
                self._focus_first_row()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not control:
                self._open_detail_at(self.table.currentIndex())
                return True
            if watched is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_row(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() > 0 and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        elif self.model.loading:
            # The search is still running: select the first row when it arrives.
            self.model.loaded.connect(self._select_first_once, Qt.ConnectionType.SingleShotConnection)

    def _select_first_once(self) -> None:
        if self.model.rowCount() > 0 and self.table.hasFocus() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

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
        new_customer(self.context, self, on_saved=lambda _customer_id: self.apply_search())

    def open_detail(self, customer_id: str) -> CustomerDetailDialog:
        """Show the detail of the customer. Esc closes it, and the list gets the focus back."""
        log.debug("customer detail opened for %s", customer_id)
        dialog = CustomerDetailDialog(self.context, customer_id, self)
        dialog.new_order_requested.connect(self._new_order_from_detail)
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
        if customer_id is None:
            return
        log.debug("new order requested for customer %s", customer_id)
        self.new_order_requested.emit(customer_id)

    def _update_count(self) -> None:
        model = self.model
        if model.total_capped:
            text = translate("CustomersView", "{count}+ customers").format(count=model.total)
        else:
            text = self.tr("%n customer(s)", "", model.total)
        self.count_label.setText(text)

    # -- menus and columns -------------------------------------------------------

    def _show_table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        open_action = menu.addAction(translate("CustomersView", "Open details"), self.open_selected_detail)
        open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        order_action = menu.addAction(translate("CustomersView", "New order"), self.request_new_order)
        order_action.setShortcut(QKeySequence("Ctrl+Return"))
        enabled = self.selected_customer_id() is not None
        open_action.setEnabled(enabled)
        order_action.setEnabled(enabled)
        menu.addSeparator()
        self._add_sort_actions(menu.addMenu(translate("CustomersView", "Sort by")))
        self._add_column_actions(menu.addMenu(translate("CustomersView", "Columns")))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _show_header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        self._add_column_actions(menu)
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _add_sort_actions(self, menu: QMenu) -> list[QAction]:
        """Add "Best match", one entry per shown column, and Ascending and Descending to the sort menu."""
        key, descending = split_sort(self._sort)
        actions = []
        columns = QActionGroup(menu)
        best = menu.addAction(translate("CustomersView", "Best match"), lambda: self.set_sort(RELEVANCE))
        best.setCheckable(True)
        best.setChecked(key is None)
        columns.addAction(best)
        actions.append(best)

        for number, column in enumerate(self.model.columns):
            column_key = SORT_OF_COLUMN[column.key]
            # A hidden column is listed only while it orders the list, so the
            # menu always shows what the list is sorted by.
            if self.table.isColumnHidden(number) and column_key != key:
                continue
            action = menu.addAction(
                column.header(), lambda checked=False, chosen=column_key: self._sort_by_column(chosen)
            )
            action.setCheckable(True)
            action.setChecked(column_key == key)
            columns.addAction(action)
            actions.append(action)

        menu.addSeparator()
        directions = QActionGroup(menu)
        for title, is_descending in (
            (translate("CustomersView", "Ascending"), False),
            (translate("CustomersView", "Descending"), True),
        ):
            action = menu.addAction(
                title, lambda checked=False, chosen=is_descending: self._set_sort_direction(chosen)
            )
            action.setCheckable(True)
            action.setChecked(key is not None and descending == is_descending)
            # Best match has no direction.
            action.setEnabled(key is not None)
            directions.addAction(action)
            actions.append(action)
        return actions

    def _add_column_actions(self, menu: QMenu) -> list[QAction]:
        actions = []
        for number, column in enumerate(self.model.columns):
            action = menu.addAction(column.header())
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            # The name column always stays, so the list never ends up empty.
            action.setEnabled(column.key != "name")
            action.toggled.connect(lambda shown, key=column.key: self.set_column_visible(key, shown))
            actions.append(action)
        return actions

    def set_column_visible(self, key: str, shown: bool) -> None:
        self.table.setColumnHidden(self.model.column_number(key), not shown)
        self.save_columns()

    def save_columns(self) -> None:
        """Store the hidden columns and the widths of the shown ones for this user."""
        self._save_timer.stop()
        hidden = [column.key for number, column in enumerate(self.model.columns) if self.table.isColumnHidden(number)]
        widths = {
            column.key: self.table.columnWidth(number)
            for number, column in enumerate(self.model.columns)
            if not self.table.isColumnHidden(number)
        }
        self._settings.setValue(f"{SETTINGS_GROUP}/hidden_columns", json.dumps(hidden))
        self._settings.setValue(f"{SETTINGS_GROUP}/column_widths", json.dumps(widths))
        self._settings.sync()

    def restore_columns(self) -> None:
        """Apply the stored column choice and widths, or the defaults when none are stored or they are unreadable."""
        hidden = list(DEFAULT_HIDDEN)
        widths: dict[str, int] = {}
        try:
            stored_hidden = self._settings.value(f"{SETTINGS_GROUP}/hidden_columns")
            stored_widths = self._settings.value(f"{SETTINGS_GROUP}/column_widths")
            if stored_hidden is not None:
                hidden = list(json.loads(stored_hidden))
            if stored_widths is not None:
                widths = {str(key): int(value) for key, value in json.loads(stored_widths).items()}
        except (TypeError, ValueError) as error:
            log.warning("stored customer list columns are unreadable; using the defaults: %s", error)
        for number, column in enumerate(self.model.columns):
            self.table.setColumnHidden(number, column.key in hidden and column.key != "name")
            width = widths.get(column.key) or column.width
            if width > 0:
                self.table.setColumnWidth(number, width)
        self._show_sort_indicator()
