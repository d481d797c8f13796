"""Customer list: type to search by name, code, phone or mnemonic; Enter opens a new order."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.customer_model import CustomerModel

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class CustomersView(QWidget):
    """The Customers page. Connect `new_order_requested(customer_id)` to open an order form."""

    new_order_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customersView")
        self.context = context
        self.model = CustomerModel(context, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)

        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for number, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(number, column.width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._open_order_for)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("customerCount")

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.model.loaded.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        self.retranslate()
        self.model.set_filter("")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("CustomersView", "Search by name, code or phone (Ctrl+F)"))
        self.search.setToolTip(translate("CustomersView", "Type part of a name, a code or a phone number; Down moves to the list"))
        self.table.setToolTip(translate("CustomersView", "Enter opens a new order for the selected customer"))
        self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.search.text())

    def selected_customer_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, Qt.ItemDataRole.UserRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self.apply_search()
                self._focus_first_row()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_order_for(self.table.currentIndex())
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
        if self.model.rowCount() > 0 and self.table.hasFocus():
            self.table.selectRow(0)

    def _open_order_for(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        customer_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        log.debug("new order requested for customer %s", customer_id)
        self.new_order_requested.emit(customer_id)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.exhausted:
            text = translate("CustomersView", "%n customer(s)", None, shown)
        else:
            text = translate("CustomersView", "%n customer(s) shown; scroll for more", None, shown)
        self.count_label.setText(text)
