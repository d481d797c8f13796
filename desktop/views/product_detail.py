"""The product detail: header (codes, units, prices), and tabs for stock, sales history and prices.

Purchase figures show "-" when the replica contains NULL. Roles that may
not see cost receive NULL in hidden cost columns (docs/architecture.md).
Ctrl+Tab and Ctrl+Shift+Tab switch tabs, Esc closes.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.messages import price_rule_label
from desktop.models.order_models import format_price, format_quantity
from desktop.models.product_detail_queries import PriceRow, ProductDetail, StockRow, load_product_detail
from desktop.models.product_history_model import ProductHistoryModel
from desktop.views.dialog_keys import install_tab_switching
from desktop.views.record_table import configure_record_table
from domain.models import PriceKind

log = logging.getLogger(__name__)

CONTEXT = "ProductDetail"
NO_VALUE = "-"


def _price_text(value: Decimal | None) -> str:
    return NO_VALUE if value is None else format_price(value)


def _read_only_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], right_aligned: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for row_number, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row_number, column, item)
    table.resizeColumnsToContents()


def adjustment_note(row: PriceRow) -> str:
    """Return "purchase price, approved": which price an adjustment line sets, and the document's state."""
    kinds = {
        "list": translate("ProductDetail", "list price"),
        "lowest": translate("ProductDetail", "lowest price"),
        "category": translate("ProductDetail", "category price"),
        "agreed": translate("ProductDetail", "agreed price"),
        "purchase": translate("ProductDetail", "purchase price"),
    }
    states = {
        "draft": translate("ProductDetail", "draft"),
        "approved": translate("ProductDetail", "approved"),
        "applied": translate("ProductDetail", "applied"),
        "cancelled": translate("ProductDetail", "cancelled"),
    }
    return translate("ProductDetail", "{price_kind}, {state}").format(
        price_kind=kinds.get(row.price_kind, row.price_kind), state=states.get(row.status, row.status))


class ProductDetailDialog(QDialog):
    """Shows one product; loads it in a task when opened."""

    def __init__(self, context, product_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDetail")
        self.context = context
        self.product_id = product_id
        self.detail: ProductDetail | None = None
        self.resize(820, 560)
        self.setWindowTitle(translate("ProductDetail", "Product"))

        self.header = QFormLayout()
        self.header_labels: dict[str, QLabel] = {}
        titles = (
            ("code", translate("ProductDetail", "Code:")),
            ("name", translate("ProductDetail", "Name:")),
            ("variant", translate("ProductDetail", "Variant:")),
            ("units", translate("ProductDetail", "Units and barcodes:")),
            ("category", translate("ProductDetail", "Category:")),
            ("brand", translate("ProductDetail", "Brand:")),
            ("tax_rate", translate("ProductDetail", "Tax rate:")),
            ("list_price", translate("ProductDetail", "List price:")),
            ("lowest_price", translate("ProductDetail", "Lowest price:")),
            ("purchase_price", translate("ProductDetail", "Purchase price:")),
            ("active", translate("ProductDetail", "Active:")),
        )
        for key, title in titles:
            label = QLabel(self)
            label.setObjectName(f"productDetail_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.header_labels[key] = label
            self.header.addRow(title, label)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("productDetailTabs")
        self.stock_table = _read_only_table(self, [
            translate("ProductDetail", "Warehouse"), translate("ProductDetail", "On hand"),
            translate("ProductDetail", "Reserved"), translate("ProductDetail", "Available"),
        ])
        self.stock_table.setObjectName("productStockTable")
        self.history_model = ProductHistoryModel(context, self)
        self.history_table = QTableView(self)
        self.history_table.setObjectName("productHistoryTable")
        self.history_table.setModel(self.history_model)
        configure_record_table(self.history_table)
        self.prices_table = _read_only_table(self, [
            translate("ProductDetail", "Price rule"), translate("ProductDetail", "Applies to"), translate("ProductDetail", "Unit"),
            translate("ProductDetail", "Price"), translate("ProductDetail", "Valid from"), translate("ProductDetail", "Valid to"),
            translate("ProductDetail", "Note"),
        ])
        self.prices_table.setObjectName("productPricesTable")
        self.tabs.addTab(self.stock_table, translate("ProductDetail", "&Stock"))
        self.tabs.addTab(self.history_table, translate("ProductDetail", "Sales &history"))
        self.tabs.addTab(self.prices_table, translate("ProductDetail", "&Prices"))
        self.tabs.setToolTip(translate("ProductDetail", "Ctrl+Tab switches tabs; Esc closes"))

        install_tab_switching(self, self.tabs)
        # QDialog closes on Esc by itself; the button shows that it does.
        self.close_button = QPushButton(translate("ProductDetail", "Close"), self)
        self.close_button.setObjectName("productDetailClose")
        self.close_button.setToolTip(translate("ProductDetail", "Close the detail (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        # A changed cost visibility (or other permission) shows or hides the cost fields at once.
        access = getattr(context, "command_access", None)
        if access is not None:
            access.changed.connect(self.load)
        self.load()

    def load(self) -> None:
        product_id, context = self.product_id, self.context

        role = context.user.role

        def work(control) -> ProductDetail:
            with context.read_session() as session:
                return load_product_detail(session, product_id, role)

        context.tasks.run(work, on_result=self.show_detail, on_error=self._failed,
                          label=translate("ProductDetail", "Loading the product..."), parent=self)
        self.history_model.set_filter(product_id)

    def _failed(self, error: BaseException) -> None:
        log.error("loading product %s failed", self.product_id, exc_info=(type(error), error, error.__traceback__))
        show_error(self, error)

    def show_detail(self, detail: ProductDetail) -> None:
        self.detail = detail
        self.setWindowTitle(translate("ProductDetail", "Product {code} {name}").format(code=detail.code, name=detail.name))
        units = []
        for unit in detail.units:
            text = unit.name if unit.factor == 1 else translate("ProductDetail", "{unit} = {factor} {base}").format(
                unit=unit.name, factor=format_quantity(unit.factor), base=detail.units[0].name)
            if unit.barcodes:
                text += "  (" + ", ".join(unit.barcodes) + ")"
            units.append(text)
        values = {
            "code": detail.code,
            "name": detail.name,
            "variant": detail.variant or NO_VALUE,
            "units": "\n".join(units),
            "category": detail.category or NO_VALUE,
            "brand": detail.brand or NO_VALUE,
            "tax_rate": f"{format_quantity(detail.tax_rate * 100)}%",
            "list_price": _price_text(detail.list_price),
            "lowest_price": _price_text(detail.lowest_price),
            "purchase_price": _price_text(detail.purchase_price),
            "active": translate("ProductDetail", "yes") if detail.active else translate("ProductDetail", "no"),
        }
        for key, value in values.items():
            self.header_labels[key].setText(value)
        # A role that may not see cost gets no purchase price in its replica, so the row is hidden, not shown as "-".
        self.header.setRowVisible(self.header_labels["purchase_price"], detail.sees_cost)
        self._show_stock(detail.stock)
        prices = detail.prices if detail.sees_cost else tuple(
            row for row in detail.prices if row.price_kind != PriceKind.PURCHASE.value)
        self._show_prices(prices)

    def _show_stock(self, stock: tuple[StockRow, ...]) -> None:
        rows = [[row.warehouse, format_quantity(row.on_hand), format_quantity(row.reserved),
                 format_quantity(row.available)] for row in stock]
        _fill(self.stock_table, rows, right_aligned=(1, 2, 3))

    def _show_prices(self, prices: tuple[PriceRow, ...]) -> None:
        rows = []
        for row in prices:
            rows.append([
                price_rule_label(row.kind), row.applies_to, row.unit_name, _price_text(row.price),
                row.valid_from.isoformat() if row.valid_from else NO_VALUE,
                row.valid_to.isoformat() if row.valid_to else NO_VALUE,
                adjustment_note(row) if row.kind == "adjustment" else row.note,
            ])
        _fill(self.prices_table, rows, right_aligned=(3,))


def open_product_detail(context, product_id: str, parent: QWidget | None = None) -> ProductDetailDialog:
    """Open the product detail as a window over `parent`; it deletes itself when closed."""
    dialog = ProductDetailDialog(context, product_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
