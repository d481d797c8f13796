"""The order form's widgets, their layout and its keyboard actions.

OrderEditorLayout is a mixin of desktop.views.order_editor.OrderEditor:
`_build` creates every widget the other parts of the form use. The lines
and the order's history are two tabs (Ctrl+H switches between them).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.order_models import OrderLinesModel, state_label
from desktop.views.order_grid import EntryGrid, ProductIndex
from desktop.views.order_header_extras import OrderHeaderExtras
from desktop.views.order_history_panel import OrderHistoryPanel
from desktop.views.order_line_assist import LineAssist
from desktop.views.order_live_panel import OrderLivePanel
from desktop.views.order_repeat import RepeatLastOrder
from desktop.views.order_tax_breakdown import TaxBreakdown


class OrderEditorLayout:
    """Widgets, layout and actions of an OrderEditor."""

    # -- building -------------------------------------------------------------

    def _build(self) -> None:
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText(translate("OrderEditor", "Type a customer code, name or phone, then Enter"))
        self.customer_edit.returnPressed.connect(self._pick_customer)
        # A message about the previous text is stale once the user types again.
        self.customer_edit.textEdited.connect(lambda _text: self._show_message(""))
        self.customer_label = QLabel(self)
        self.warehouse_combo = QComboBox(self)
        self.warehouse_combo.setObjectName("warehouseCombo")
        self.warehouse_combo.currentIndexChanged.connect(self._mark_dirty)
        self.number_label = QLabel(translate("OrderEditor", "(assigned when saved)"), self)
        self.date_label = QLabel(self.draft.document_date.isoformat(), self)
        self.state_label = QLabel(state_label(self.draft.status), self)

        form = QFormLayout()
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.customer_edit, 2)
        customer_row.addWidget(self.customer_label, 3)
        form.addRow(translate("OrderEditor", "&Customer:"), customer_row)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.customer_edit)
        form.addRow(translate("OrderEditor", "&Warehouse:"), self.warehouse_combo)
        form.itemAt(1, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.warehouse_combo)
        info = QHBoxLayout()
        info.addWidget(QLabel(translate("OrderEditor", "Number:"), self))
        info.addWidget(self.number_label)
        info.addSpacing(24)
        info.addWidget(QLabel(translate("OrderEditor", "Date:"), self))
        info.addWidget(self.date_label)
        info.addSpacing(24)
        info.addWidget(QLabel(translate("OrderEditor", "State:"), self))
        info.addWidget(self.state_label)
        info.addStretch(1)
        form.addRow(info)
        self.extras = OrderHeaderExtras(self)
        self.extras.changed.connect(self._mark_dirty)
        self.extras.money_changed.connect(lambda: self.lines_model.set_document_terms(*self.extras.money()))
        form.addRow(self.extras)
        self.header_form = form

        self.lines_model = OrderLinesModel(self)
        self.lines_model.totals_changed.connect(self._show_total)
        for signal in (self.lines_model.dataChanged, self.lines_model.rowsRemoved):
            signal.connect(self._mark_dirty)
        self.grid = EntryGrid(self.lines_model, ProductIndex(()), self)
        self.grid.setObjectName("linesGrid")
        self.grid.lines_delegate.entry_message.connect(self._show_message)
        self.grid.product_picker = self._pick_product
        self.grid.setToolTip(translate("OrderEditor", "F2 opens the product list with prices and stock; F4 takes the customer's last price"))
        self.live_panel = OrderLivePanel(self.context, self)
        self.live_panel.setMinimumWidth(200)
        self.live_panel.setMaximumWidth(280)
        self.tax_breakdown = TaxBreakdown(self)
        # The warning of the current line (price below the lowest price, discount too large).
        self.line_warning = QLabel(self)
        self.line_warning.setObjectName("lineWarning")
        self.line_warning.setWordWrap(True)
        self.line_warning.setStyleSheet("color: #8a4b00;")
        # Room for one line even when empty, so the grid does not jump when a warning appears.
        self.line_warning.setMinimumHeight(self.line_warning.fontMetrics().height())
        self.assist = LineAssist(self.context, lambda: self.draft, self.grid, self.live_panel, self.line_warning,
                                 lambda text: self._show_message(text, error=False))

        # The server's reason for rejecting an earlier change, shown while the user fixes it (see show_rejection).
        self.rejection_label = QLabel(self)
        self.rejection_label.setObjectName("rejectionLabel")
        self.rejection_label.setWordWrap(True)
        self.rejection_label.setStyleSheet("QLabel { color: #b00020; background: #fdecea; padding: 4px; }")
        self.rejection_label.hide()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        self.total_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self._show_total(Decimal(0))

        self.last_price_action = self._action(translate("OrderEditor", "Take last price"), QKeySequence(Qt.Key.Key_F4),
                                              self.grid.take_last_price)
        self.save_action = self._action(translate("OrderEditor", "Save draft"), QKeySequence(QKeySequence.StandardKey.Save), self.save_draft)
        confirm_keys = [QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Return)),
                        QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier, Qt.Key.Key_Enter))]
        self.confirm_action = self._action(translate("OrderEditor", "Confirm"), confirm_keys[0], self.confirm)
        self.confirm_action.setShortcuts(confirm_keys)
        self.save_button = self._button(self.save_action, translate("OrderEditor", "Save draft (Ctrl+S)"))
        self.confirm_button = self._button(self.confirm_action, translate("OrderEditor", "Confirm (Ctrl+Enter)"))
        self.verify_action = self._action(translate("OrderEditor", "Verify"), QKeySequence("Ctrl+K"),
                                          self.open_verification)
        self.verify_button = self._button(self.verify_action, translate("OrderEditor", "Verify (Ctrl+K)..."))
        self.verify_button.setObjectName("verifyOrderButton")
        close_button = QPushButton(translate("OrderEditor", "Close (Esc)"), self)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)

        bottom = QHBoxLayout()
        # Ctrl+L adds the lines of the customer's latest order.
        self.repeat_last = RepeatLastOrder(self)
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(self.repeat_last.button)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.confirm_button)
        bottom.addWidget(close_button)
        lines_page = QWidget(self)
        lines_column = QVBoxLayout(lines_page)
        lines_column.setContentsMargins(0, 0, 0, 0)
        lines_column.addWidget(self.grid, 1)
        lines_column.addWidget(self.line_warning)
        lines_column.addWidget(self.tax_breakdown)
        self._build_history(lines_page)
        middle = QHBoxLayout()
        middle.addWidget(self.tabs, 1)
        middle.addWidget(self.live_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rejection_label)
        layout.addLayout(form)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)

    def _build_history(self, lines_page: QWidget) -> None:
        """Put the lines and the order's history in two tabs; Ctrl+H switches between them."""
        self.history_panel = OrderHistoryPanel(self.context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("orderTabs")
        # The keys switch the tabs, so Tab goes from the header straight to the lines.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(lines_page, translate("OrderEditor", "Lines"))
        self.tabs.addTab(self.history_panel, translate("OrderEditor", "History (Ctrl+H)"))
        self.history_action = self._action(translate("OrderEditor", "History"), QKeySequence("Ctrl+H"),
                                           self.toggle_history)

    def _action(self, text: str, keys: QKeySequence, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        return button
