"""The order list: search by number or customer, filters (desktop.views.order_filter_bar), Enter opens the order.

Ctrl+D copies the current order into a new unsaved draft dated today (desktop.models.order_copy), and
Ctrl+K opens the verification (核准) of the current completed order. Ctrl+P previews the print of the
current approved order and Ctrl+Shift+S saves it as a PDF (desktop.views.order_printing).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.order_filters import PAGE_SIZE, filter_orders
from desktop.models.order_models import CommentedOrderListModel, OrderRow, state_label
from desktop.views.order_filter_bar import OrderFilterBar
from desktop.views.order_verify_dialog import open_verify_dialog, verify_blocker
from desktop.views.order_printing import OrderPrintActions
from desktop.views.paged_list_loader import PagedListLoader
from domain.models import OrderStatus

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class OrderTable(QTableView):
    """The list; Enter opens the current order."""

    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class OrdersView(QWidget):
    """Orders of the replica, newest first, one page loaded at a time as the list scrolls."""

    # The editor of a new unsaved draft that Copy order opened.
    copied = Signal(QWidget)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editors: list[QWidget] = []
        self.setObjectName("OrdersView")

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("orderSearch")
        self.search_edit.setPlaceholderText(translate("OrdersView", "Search by number or customer"))
        self.search_edit.setClearButtonEnabled(True)
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("orderStateFilter")
        self.state_combo.addItem(translate("OrdersView", "All states"), None)
        for status in OrderStatus:
            self.state_combo.addItem(state_label(status.value), status.value)

        self.filter_bar = OrderFilterBar(context, self)
        self.filter_bar.changed.connect(self.reload)
        self.model = CommentedOrderListModel(self)
        self.table = OrderTable(self)
        self.table.setObjectName("orderTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Room for a whole document number (DN-A0-20261204-0001).
        self.table.setColumnWidth(0, 200)
        self.table.open_requested.connect(self.open_index)
        self.table.doubleClicked.connect(self.open_index)
        self.loader = PagedListLoader(context, self.table, self.model, self._page_reader, PAGE_SIZE)
        self.loader.failed.connect(lambda error: show_error(self, error))

        # Ctrl+N belongs to the main window's File > New order, which works on every page; a second
        # Ctrl+N here would make the key ambiguous while the list has focus, so only Insert stays.
        new_action = QAction(translate("OrdersView", "New order"), self)
        new_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(lambda: self.open_order(None))
        self.addAction(new_action)
        self.new_action = new_action
        find_action = QAction(self)
        find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_action.triggered.connect(self.search_edit.setFocus)
        self.addAction(find_action)
        self.copy_action = QAction(translate("OrdersView", "Copy order"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+D"))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_current)
        self.addAction(self.copy_action)
        self.verify_action = QAction(translate("OrdersView", "Verify order"), self)
        self.verify_action.setShortcut(QKeySequence("Ctrl+K"))
        self.verify_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.verify_action.triggered.connect(self.verify_current)
        self.addAction(self.verify_action)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._focus_table)
        self.state_combo.currentIndexChanged.connect(self.reload)
        context.tasks.changed.connect(self._on_changed)

        self.new_button = QPushButton(translate("OrdersView", "New order..."), self)
        self.new_button.setObjectName("newOrderButton")
        self.new_button.setToolTip(translate("OrdersView", "Open the entry form of a new order (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.open_order(None))
        self.new_button.setHidden(not may_run(context, "order.create"))
        context.command_access.changed.connect(
            lambda: self.new_button.setHidden(not may_run(self.context, "order.create")))

        self.copy_button = QPushButton(translate("OrdersView", "Copy (Ctrl+D)"), self)
        self.copy_button.setObjectName("copyOrderButton")
        self.copy_button.setToolTip(
            translate("OrdersView", "Start a new draft with this order's customer, warehouse and lines, priced for today"))
        self.copy_button.clicked.connect(self.copy_current)
        self._show_copy_permission()
        context.command_access.changed.connect(self._show_copy_permission)

        self.verify_button = QPushButton(translate("OrdersView", "Verify (Ctrl+K)..."), self)
        self.verify_button.setObjectName("verifyOrderButton")
        self.verify_button.clicked.connect(self.verify_current)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_verify_state())
        self.model.modelReset.connect(self._show_verify_state)
        context.command_access.changed.connect(self._show_verify_state)
        self._show_verify_state()
        self.print_actions = OrderPrintActions(context, self, lambda: self.model.row_at(self.table.currentIndex().row()))

        filters = QHBoxLayout()
        filters.addWidget(self.new_button)
        filters.addWidget(self.copy_button)
        filters.addWidget(self.verify_button)
        filters.addWidget(self.print_actions.button)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.state_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        """Load the first page of orders that match the filters; later pages follow the scrolling."""
        self.loader.reload()

    def _page_reader(self):
        order_filter = self.filter_bar.order_filter(self.search_edit.text(), self.state_combo.currentData())

        def read(session, offset: int, limit: int) -> list[OrderRow]:
            return filter_orders(session, order_filter, offset, limit)

        return read

    def _on_changed(self, changes) -> None:
        if changes.touches("sales_order", "customer", "order_approval"):
            self.reload()
        if changes.touches("customer", "app_user", "department", "product_category", "brand"):
            self.filter_bar.reload_choices()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_order(row.id)

    def open_new_order(self, customer_id: str | None) -> QWidget:
        """Open the entry form of a new order for `customer_id` (the customer list's Enter)."""
        return self.open_order(None, customer_id)

    def open_order(self, order_id: str | None, customer_id: str | None = None, copy_from: str | None = None):
        """Open the entry form for an order, or a new one (for `customer_id`, or copied from order `copy_from`)."""
        from desktop.views.order_editor import open_order_editor

        editor = open_order_editor(self.context, order_id=order_id, customer_id=customer_id, copy_from=copy_from)
        self.editors.append(editor)
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def _show_copy_permission(self) -> None:
        allowed = may_run(self.context, "order.create")
        self.copy_button.setHidden(not allowed)
        self.copy_action.setEnabled(allowed)

    def _show_verify_state(self) -> None:
        """Enable Verify on a completed order when the user's role may verify; otherwise the tooltip gives the reason."""
        row = self.model.row_at(self.table.currentIndex().row())
        problem = verify_blocker(self.context, row.status) if row is not None else None
        self.verify_button.setEnabled(row is not None and problem is None)
        self.verify_button.setToolTip(problem or translate(
            "OrdersView", "Correct the quantities or prices of the current completed order, with a reason"))

    def copy_current(self) -> QWidget | None:
        """Open a new unsaved draft copied from the current order (see desktop.models.order_copy).

        Nothing is queued until the clerk saves it, so closing it with Discard leaves no draft behind.
        """
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or not self.copy_action.isEnabled():
            return None
        editor = self.open_order(None, copy_from=row.id)
        self.copied.emit(editor)
        return editor

    def verify_current(self) -> QWidget | None:
        """Open the verification dialog of the current order, or show a tooltip with the reason it cannot be verified."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            return None
        problem = verify_blocker(self.context, row.status)
        if problem is not None:
            QToolTip.showText(self.table.mapToGlobal(self.table.visualRect(self.table.currentIndex()).center()),
                              problem, self.table)
            return None
        return open_verify_dialog(self.context, row.id, self)
