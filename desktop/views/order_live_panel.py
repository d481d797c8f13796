"""The order form's live panel: stock of the current line's product and the customer's credit.

The figures are read from the replica by a task (desktop.tasks), never on
the GUI thread. A change of line or customer starts a read after a short
pause, so walking down the grid with the arrow keys reads once, where the
walk stops. A result that arrives after a newer request is dropped.
"""

from __future__ import annotations

import datetime as dt
import html
import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from desktop.i18n import translate
from desktop.models.order_live_queries import CustomerCredit, LiveFigures, ProductStock, load_live_figures
from desktop.models.order_models import format_money, format_quantity
from desktop.tasks import Changes

log = logging.getLogger(__name__)

# Pause between the last change of line or customer and the replica read, in milliseconds.
REFRESH_DELAY_MS = 150
# Tables whose changes move the figures shown.
WATCHED_TABLES = ("stock_balance", "receivable_entry", "sales_order", "sales_order_line", "customer", "payment_received")
ALARM_STYLE = "color: #b00020; font-weight: bold;"


class OrderLivePanel(QFrame):
    """Shows available stock per warehouse for one product and credit figures for one customer."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("orderLivePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.customer_id: str | None = None
        self.product_id: str | None = None
        # Number of the latest request; a result carrying an older number is stale.
        self._request = 0
        self.figures: LiveFigures | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._read)
        self._build()
        context.tasks.changed.connect(self._tables_changed)

    def _build(self) -> None:
        self.stock_title = QLabel(translate("OrderLivePanel", "Stock"), self)
        self.stock_title.setStyleSheet("font-weight: bold;")
        self.stock_title.setWordWrap(True)
        self.stock_label = QLabel(self)
        self.stock_label.setObjectName("liveStock")
        self.stock_label.setTextFormat(Qt.TextFormat.RichText)
        self.stock_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.credit_title = QLabel(translate("OrderLivePanel", "Customer credit"), self)
        self.credit_title.setStyleSheet("font-weight: bold;")
        self.credit_title.setWordWrap(True)
        self.limit_value = QLabel(self)
        self.used_value = QLabel(self)
        self.overdue_value = QLabel(self)
        for label in (self.limit_value, self.used_value, self.overdue_value):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        credit = QFormLayout()
        credit.addRow(translate("OrderLivePanel", "Credit limit:"), self.limit_value)
        credit.addRow(translate("OrderLivePanel", "Credit used:"), self.used_value)
        credit.addRow(translate("OrderLivePanel", "Overdue:"), self.overdue_value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stock_title)
        layout.addWidget(self.stock_label)
        layout.addSpacing(12)
        layout.addWidget(self.credit_title)
        layout.addLayout(credit)
        layout.addStretch(1)
        self._show(LiveFigures(None, None))

    def show_for(self, customer_id: str | None, product_id: str | None) -> None:
        """Show the figures of this customer and product, read after a short pause unless they are shown already."""
        if (customer_id, product_id) == (self.customer_id, self.product_id):
            return
        self.customer_id, self.product_id = customer_id, product_id
        self._timer.start()

    def refresh(self) -> None:
        """Read the figures again, for the same customer and product."""
        self._timer.start()

    def _tables_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_TABLES):
            self.refresh()

    def _read(self) -> None:
        self._request += 1
        request, customer_id, product_id = self._request, self.customer_id, self.product_id
        context = self.context
        today = dt.date.today()

        def work(control) -> LiveFigures:
            with context.read_session() as session:
                return load_live_figures(session, customer_id, product_id, today)

        def done(figures: LiveFigures) -> None:
            if request == self._request:
                self._show(figures)

        def failed(error: BaseException) -> None:
            # The panel is advisory; the confirmation checks stock and credit again.
            log.warning("live figures for customer %s, product %s failed: %s", customer_id, product_id, error)

        context.tasks.run(work, on_result=done, on_error=failed)

    def _show(self, figures: LiveFigures) -> None:
        self.figures = figures
        self._show_stock(figures.stock)
        self._show_credit(figures.credit)

    def _show_stock(self, product: ProductStock | None) -> None:
        if product is None:
            self.stock_title.setText(translate("OrderLivePanel", "Stock"))
            self.stock_label.setText(translate("OrderLivePanel", "Choose a line to see its product's stock."))
            return
        self.stock_title.setText(translate("OrderLivePanel", "Available stock of {code} {name}").format(
            code=product.code, name=product.name))
        if not product.warehouses:
            self.stock_label.setText(translate("OrderLivePanel", "No warehouse in your scope."))
            return
        rows = []
        for warehouse in product.warehouses:
            style = ' style="color:#b00020;"' if warehouse.available <= 0 else ""
            rows.append(
                f"<tr><td>{html.escape(warehouse.code)} {html.escape(warehouse.name)}</td>"
                f'<td align="right"{style}>&nbsp;&nbsp;{format_quantity(warehouse.available)} {html.escape(product.base_unit)}</td></tr>'
            )
        self.stock_label.setText(f"<table>{''.join(rows)}</table>")

    def _show_credit(self, credit: CustomerCredit | None) -> None:
        if credit is None:
            self.credit_title.setText(translate("OrderLivePanel", "Customer credit"))
            for label in (self.limit_value, self.used_value, self.overdue_value):
                label.setText("")
            return
        self.credit_title.setText(translate("OrderLivePanel", "Credit of {name}").format(name=credit.name))
        self.limit_value.setText(format_money(credit.credit_limit) if credit.credit_limit is not None
                                 else translate("OrderLivePanel", "no limit"))
        self.used_value.setText(format_money(credit.credit_used))
        self.used_value.setStyleSheet(ALARM_STYLE if credit.over_limit else "")
        self.overdue_value.setText(format_money(credit.overdue))
        self.overdue_value.setStyleSheet(ALARM_STYLE if credit.overdue > 0 else "")
