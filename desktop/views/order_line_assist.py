"""Help the order form gives per line: the customer's price, the last price paid, the line's warning and live figures.

Every replica read runs in a task (desktop.tasks); a result that arrives
after the line, its unit or the customer changed is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6

from PySide6.QtWidgets import QLabel

from desktop.i18n import translate
from desktop.messages import price_rule_label
from desktop.models.order_gifts import load_gift_rules
from desktop.models.order_live_queries import last_prices
from desktop.models.order_models import OrderLinesModel, format_price
from desktop.models.order_queries import OrderDraft, quote_line_price
from desktop.views.order_grid import EntryGrid
from desktop.views.order_live_panel import OrderLivePanel
from domain.price_lookup import PriceQuote, PriceRule

log = logging.getLogger(__name__)


class LineAssist:
    """Connects the order form's grid to the price lookup, the last prices and the live panel.

    `draft` returns the form's current OrderDraft; `show_note(text)` shows
    an informational message in the form.
    """

    def __init__(self, context, draft: Callable[[], OrderDraft], grid: EntryGrid, live_panel: OrderLivePanel,
                 line_warning: QLabel, show_note: Callable[[str], None]) -> None:
        self.context = context
        self.draft = draft
        self.grid = grid
        self.lines_model: OrderLinesModel = grid.lines_model
        self.live_panel = live_panel
        self.line_warning = line_warning
        self.show_note = show_note
        grid.lines_delegate.price_basis_changed.connect(self.quote_line)
        grid.selectionModel().currentChanged.connect(lambda *_args: self.follow_line())
        self.lines_model.dataChanged.connect(lambda *_args: self.follow_line())

    def form_alive(self) -> bool:
        """Return False once the form's grid is deleted, so a read that finishes after closing the form is dropped."""
        return shiboken6.isValid(self.grid)

    def quote_line(self, row: int) -> None:
        """Replace a line's catalog price by the customer's price, unless the user changed it meanwhile."""
        customer = self.draft().customer
        line = self.lines_model.line(row)
        if customer is None or line.product is None:
            return
        line_id, product_id, unit_name, shown_price = line.id, line.product.id, line.unit_name, line.unit_price
        on_date = self.draft().document_date
        context = self.context

        def work(control) -> PriceQuote | None:
            with context.read_session() as session:
                return quote_line_price(session, customer.id, product_id, unit_name, on_date)

        def quoted(quote: PriceQuote | None) -> None:
            if not self.form_alive():
                return
            current = next((number for number, found in enumerate(self.lines_model.lines) if found.id == line_id), None)
            if quote is None or current is None or self.draft().customer is not customer:
                return
            line = self.lines_model.line(current)
            if line.product is None or line.product.id != product_id or line.unit_name != unit_name:
                return
            if line.unit_price != shown_price:
                return
            # Recorded even when the price is unchanged, so the line keeps its rule and any promotion.
            promotion_id = quote.source_id if quote.rule is PriceRule.PROMOTION else None
            self.lines_model.apply_quote(current, quote.price, quote.rule.value, quote.original_price, promotion_id)
            if quote.price == shown_price:
                return
            self.show_note(translate("OrderEditor", "Line {line_no}: {price} is the {rule} of {customer}.").format(
                line_no=current + 1, price=format_price(quote.price), rule=price_rule_label(quote.rule.value),
                customer=customer.name))

        context.tasks.run(work, on_result=quoted)

    def load_last_prices(self, customer_id: str) -> None:
        """Read what the customer paid last for each product unit, for the grid's last price column and F4."""
        order_id, context = self.draft().id, self.context

        def work(control):
            with context.read_session() as session:
                return last_prices(session, customer_id, exclude_order_id=order_id)

        def loaded(prices) -> None:
            if not self.form_alive():
                return
            customer = self.draft().customer
            if customer is not None and customer.id == customer_id:
                self.lines_model.set_last_prices(prices)

        context.tasks.run(work, on_result=loaded)

    def load_gift_rules(self, customer_id: str) -> None:
        """Read the buy-N-get-M rules in force for the customer on the document's date, so the grid adds gift lines."""
        on_date, context = self.draft().document_date, self.context

        def work(control):
            with context.read_session() as session:
                return load_gift_rules(session, customer_id, on_date)

        def loaded(rules) -> None:
            if not self.form_alive():
                return
            customer = self.draft().customer
            if customer is not None and customer.id == customer_id:
                self.lines_model.set_gift_rules(rules, self.grid.lines_delegate.products.by_id)

        context.tasks.run(work, on_result=loaded)

    def follow_line(self) -> None:
        """Show the current line's warning, and its product's stock and the customer's credit in the live panel."""
        row = self.grid.currentIndex().row()
        line = self.lines_model.line(row) if 0 <= row < self.lines_model.rowCount() else None
        self.line_warning.setText(self.lines_model.line_warning(row) if line is not None else "")
        customer = self.draft().customer
        product_id = line.product.id if line is not None and line.product is not None else None
        self.live_panel.show_for(customer.id if customer is not None else None, product_id)
