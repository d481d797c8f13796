"""The product picker every document screen shares: type, move with the arrows, Enter picks.

The search line keeps the focus: Up, Down, Page Up and Page Down move in
the result table, Enter picks the current row, Esc cancels. Typing starts a
search after SEARCH_DELAY_MS. A barcode scanner types the whole code and
Enter at once. When Enter arrives before the search of that text has
finished, the picker waits for the result. It then picks the product if
exactly one matches, in the unit whose barcode was scanned.

    picked = pick_product(self, context, customer_id=..., warehouse_id=..., on_date=...)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models import product_picker_model as columns
from desktop.models.product_picker_model import ProductPickerModel
from desktop.models.product_picker_queries import PickerResult, PickerRow, find_products

log = logging.getLogger(__name__)

CONTEXT = "ProductPicker"
SEARCH_DELAY_MS = 200
MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
COLUMN_WIDTHS = {columns.CODE: 100, columns.NAME: 220, columns.VARIANT: 100, columns.UNIT: 50,
                 columns.PRICE: 80, columns.RULE: 110, columns.AVAILABLE: 70}


@dataclasses.dataclass(frozen=True)
class PickedProduct:
    product_id: str
    code: str
    name: str
    unit_name: str
    # The default price of `unit_name` for the customer, None when it could not be priced.
    price: Decimal | None
    # The domain.price_lookup.PriceRule value that gave `price`.
    rule: str | None


class ProductPickerDialog(QDialog):
    """Search products and pick one; `picked` is set when the dialog is accepted."""

    def __init__(self, context, *, customer_id: str | None = None, warehouse_id: str | None = None,
                 on_date: dt.date | None = None, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productPicker")
        self.context = context
        self.customer_id = customer_id
        self.warehouse_id = warehouse_id
        self.on_date = on_date or dt.date.today()
        self.picked: PickedProduct | None = None
        # The text whose search is running, and whether Enter waits for it.
        self._searching: str | None = None
        self._enter_pending = False

        self.search = QLineEdit(self)
        self.search.setObjectName("productPickerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.model = ProductPickerModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("productPickerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        # The rule column names the source of a customer's price. Without a customer every price is the list price.
        self.table.setColumnHidden(columns.RULE, customer_id is None)
        self.table.doubleClicked.connect(lambda index: self._pick_row(index.row()))
        self.status = QLabel(self)
        self.status.setObjectName("productPickerStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(self._text_edited)

        self.setWindowTitle(translate("ProductPicker", "Choose a product"))
        self.search.setPlaceholderText(translate("ProductPicker", "Code, barcode, name or pinyin initials"))
        self.search.setToolTip(translate("ProductPicker", "Up and Down move in the list, Enter picks, Esc cancels"))
        self.resize(900, 460)
        self.search.setText(text)
        self.run_search()

    # -- searching ----------------------------------------------------------------

    def _text_edited(self, _text: str) -> None:
        self._enter_pending = False
        self._timer.start()

    def run_search(self) -> None:
        """Search the current text now (the timer calls this after typing stops)."""
        self._timer.stop()
        text = self.search.text()
        self._searching = text
        context = self.context
        customer_id, warehouse_id, on_date = self.customer_id, self.warehouse_id, self.on_date

        def work(control) -> PickerResult:
            # sync.search refreshes its index first, which writes, so this is no read-only session.
            with context.replica.transaction() as session:
                return find_products(session, text, customer_id=customer_id, warehouse_id=warehouse_id,
                                     on_date=on_date)

        self.status.setText(translate("ProductPicker", "Searching..."))
        context.tasks.run(work, on_result=self._show_result, on_error=self._search_failed)

    def _show_result(self, result: PickerResult) -> None:
        if result.text != self.search.text():
            return  # an older search; the newer one is running or queued
        self._searching = None
        self.model.set_result(result)
        if result.rows:
            self.table.selectRow(0)
        self._show_count(result)
        if self._enter_pending:
            self._enter_pending = False
            if len(result.rows) == 1:
                self._pick_row(0)

    def _search_failed(self, error: BaseException) -> None:
        self._searching = None
        self._enter_pending = False
        log.error("product search failed", exc_info=(type(error), error, error.__traceback__))
        self.status.setText(translate("ProductPicker", "The search failed: {error}").format(error=error))

    def _show_count(self, result: PickerResult) -> None:
        shown = len(result.rows)
        if not shown:
            text = translate("ProductPicker", "No active product matches \"{text}\".").format(text=result.text.strip())
        elif result.total > shown or result.total_capped:
            total = f"{result.total}+" if result.total_capped else str(result.total)
            text = translate("ProductPicker", "The first {shown} of {total} matches; type more to narrow them.").format(
                shown=shown, total=total)
        else:
            text = self.tr("%n match(es)", "", shown)
        if self.customer_id is not None and shown:
            # The count may end a sentence of its own; its full stop would double the one this adds.
            text = translate("ProductPicker", "{count}. Prices are for this customer on {date}.").format(
                count=text.rstrip(".。"), date=self.on_date.isoformat())
        self.status.setText(text)

    # -- keyboard -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in MOVE_KEYS:
                self._move(event.key())
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: Qt.Key) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.table.currentIndex().row()
        page = max(1, self.table.viewport().height() // max(1, self.table.rowHeight(0)) - 1)
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -page, Qt.Key.Key_PageDown: page}
        target = min(max(current + steps[key], 0), count - 1)
        self.table.selectRow(target)
        self.table.scrollTo(self.model.index(target, 0))

    def _enter(self) -> None:
        stale = self._timer.isActive() or self._searching is not None
        if stale:
            # A scanner's Enter follows the code at once: pick when the search of this text is in.
            self._enter_pending = True
            if self._timer.isActive() or self._searching != self.search.text():
                self.run_search()
            return
        self._pick_row(self.table.currentIndex().row())

    def _pick_row(self, number: int) -> None:
        row = self.model.row_at(number)
        if row is None:
            return
        self.picked = picked_from(row)
        log.info("product %s picked in unit %s", row.code, row.unit_name)
        self.accept()


def picked_from(row: PickerRow) -> PickedProduct:
    return PickedProduct(row.product_id, row.code, row.name, row.unit_name, row.price, row.rule)


def pick_product(parent: QWidget | None, context, customer_id: str | None = None, warehouse_id: str | None = None,
                 on_date: dt.date | None = None, text: str = "") -> PickedProduct | None:
    """Show the product picker modally; return the product picked, or None when cancelled."""
    dialog = ProductPickerDialog(context, customer_id=customer_id, warehouse_id=warehouse_id, on_date=on_date,
                                 text=text, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.picked
    finally:
        dialog.deleteLater()
