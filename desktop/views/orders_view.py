"""The order list: search by number or customer, filters (desktop.views.order_filter_bar), Enter opens the order.

Ctrl+D copies the current order into a new draft dated today (desktop.models.order_copy).
"""

from __future__ import annotations

import datetime as dt
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
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.errors import NotSignedInError, show_error
from desktop.i18n import translate
from desktop.models.order_copy import copy_payload
from desktop.models.order_filters import PAGE_SIZE, filter_orders
from desktop.models.order_models import CommentedOrderListModel, OrderRow, state_label
from desktop.views.order_filter_bar import OrderFilterBar
from sync.client import Submitted
from sync.local_commands import next_document_number
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

    # The id of a draft that Copy order created, before its editor opens.
    copied = Signal(str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editors: list[QWidget] = []
        self._exhausted = False
        self._loading = False
        # Counts loads, so a page read for an older filter is dropped when it arrives late.
        self._generation = 0
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
        self.table.verticalScrollBar().valueChanged.connect(self._maybe_load_more)

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

        filters = QHBoxLayout()
        filters.addWidget(self.new_button)
        filters.addWidget(self.copy_button)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.state_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        self._exhausted = False
        self._load(offset=0)

    def _load(self, offset: int) -> None:
        order_filter = self.filter_bar.order_filter(self.search_edit.text(), self.state_combo.currentData())
        context = self.context
        self._loading = True
        self._generation += 1
        generation = self._generation

        def work(control) -> list[OrderRow]:
            with context.read_session() as session:
                return filter_orders(session, order_filter, offset, PAGE_SIZE)

        def loaded(rows: list[OrderRow]) -> None:
            if generation != self._generation:
                # A newer filter started loading, so this page belongs to the old one.
                return
            self._loading = False
            self._exhausted = len(rows) < PAGE_SIZE
            if offset == 0:
                self.model.set_rows(rows)
                if rows and not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
            else:
                self.model.append_rows(rows)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            show_error(self, error)

        context.tasks.run(work, on_result=loaded, on_error=failed)

    def _maybe_load_more(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if not self._exhausted and not self._loading and value >= bar.maximum() - 5:
            self._load(offset=self.model.rowCount())

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

    def open_order(self, order_id: str | None, customer_id: str | None = None):
        """Open the entry form for an order, or a new one (for `customer_id` when given)."""
        from desktop.views.order_editor import open_order_editor

        editor = open_order_editor(self.context, order_id=order_id, customer_id=customer_id)
        self.editors.append(editor)
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def _show_copy_permission(self) -> None:
        allowed = may_run(self.context, "order.create")
        self.copy_button.setHidden(not allowed)
        self.copy_action.setEnabled(allowed)

    def copy_current(self) -> None:
        """Create a draft copied from the current order (see desktop.models.order_copy), then open it."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            return
        context = self.context
        replica = context.replica
        today = dt.date.today()

        def work(control) -> tuple[dict, int]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            number = next_document_number(replica, "sales_order", today)
            with context.read_session() as session:
                return copy_payload(session, row.id, number, today)

        def built(value: tuple[dict, int]) -> None:
            payload, skipped = value
            if skipped:
                log.info("copy of order %s leaves out %s lines of products no longer sold", row.number, skipped)

            def created(submitted: Submitted) -> None:
                log.info("order %s copied to draft %s", row.number, payload["number"])
                self.copied.emit(payload["id"])
                self.open_order(payload["id"])

            context.tasks.submit("order.create", payload, on_result=created, on_error=lambda error: show_error(self, error),
                                 parent=self, label=translate("OrdersView", "Copying the order..."))

        context.tasks.run(work, on_result=built, on_error=lambda error: show_error(self, error))
