"""The quotation list (报价单): search by number or customer, filter by state, Enter opens the quotation."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.quotation_list_model import QuotationListModel
from desktop.models.order_format import document_state_label
from desktop.models.quotation_queries import PAGE_SIZE, QuotationRow, search_quotations
from desktop.views.orders_view import OrderTable
from desktop.views.paged_list_loader import PagedListLoader
from domain.models import QuotationStatus

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class QuotationsView(QWidget):
    """Quotations of the replica, newest first."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editors: list[QWidget] = []
        self.setObjectName("QuotationsView")

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("quotationSearch")
        self.search_edit.setPlaceholderText(translate("QuotationsView", "Search by number or customer"))
        self.search_edit.setClearButtonEnabled(True)
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("quotationStateFilter")
        self.state_combo.addItem(translate("QuotationsView", "All states"), None)
        for status in QuotationStatus:
            self.state_combo.addItem(document_state_label(status.value), status.value)

        self.model = QuotationListModel(self)
        self.table = OrderTable(self)
        self.table.setObjectName("quotationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.open_requested.connect(self.open_index)
        self.table.doubleClicked.connect(self.open_index)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("quotationsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.loader = PagedListLoader(context, self.table, self.model, self._page_reader, PAGE_SIZE)
        self.loader.loaded.connect(self._show_empty_text)
        self.loader.failed.connect(lambda error: show_error(self, error))

        self.new_button = QPushButton(translate("QuotationsView", "New quotation..."), self)
        self.new_button.setObjectName("newQuotationButton")
        self.new_button.setToolTip(translate("QuotationsView", "Open the entry form of a new quotation (Insert)"))
        self.new_button.clicked.connect(lambda: self.open_quotation(None))
        self.new_button.setHidden(not may_run(context, "quotation.create"))
        new_action = QAction(self)
        new_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(lambda: self.open_quotation(None))
        self.addAction(new_action)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.state_combo.currentIndexChanged.connect(self.reload)
        context.tasks.changed.connect(self._on_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.new_button)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.state_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        self.reload()

    def reload(self) -> None:
        """Load the first page of quotations that match the search text and state; later pages follow the scrolling."""
        self.loader.reload()

    def _page_reader(self):
        text, status = self.search_edit.text(), self.state_combo.currentData()

        def read(session, offset: int, limit: int) -> list[QuotationRow]:
            return search_quotations(session, text, status, offset, limit)

        return read

    def _show_empty_text(self) -> None:
        empty = self.model.rowCount() == 0
        if self.search_edit.text().strip() or self.state_combo.currentData():
            text = translate("QuotationsView", "No quotation matches the search or the state chosen.")
        elif may_run(self.context, "quotation.create"):
            text = translate("QuotationsView", "No quotations yet. Press Insert to write the first one.")
        else:
            text = translate("QuotationsView", "No quotations yet.")
        self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    def _on_changed(self, changes) -> None:
        if changes.touches("quotation", "customer"):
            self.reload()

    def open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_quotation(row.id)

    def open_quotation(self, quotation_id: str | None, customer_id: str | None = None) -> QWidget:
        """Open the form of a quotation, or of a new one (for `customer_id` when given)."""
        from desktop.views.quotation_editor import open_quotation_editor

        editor = open_quotation_editor(self.context, quotation_id=quotation_id, customer_id=customer_id)
        self.editors.append(editor)
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        self.editors = [e for e in self.editors if e is not editor]
