"""The order form's header: the customer, the warehouse, and the product picker that depends on both.

OrderHeaderForm is a mixin of desktop.views.order_editor.OrderEditor.
"""

from __future__ import annotations

from desktop.i18n import translate
from desktop.models.order_queries import CustomerChoice, find_customer
from desktop.views.product_picker import PickedProduct, pick_product


class OrderHeaderForm:
    """Customer and warehouse choice of an OrderEditor."""

    # -- header ---------------------------------------------------------------

    def _pick_customer(self) -> None:
        if self.catalog is None:
            return
        customer = find_customer(self.catalog.customers, self.customer_edit.text())
        if customer is None:
            self._show_message(translate("OrderEditor", "No single customer matches \"{text}\"; type more of the code or name.")
                               .format(text=self.customer_edit.text()))
            return
        self._set_customer(customer, from_user=True)
        self.grid.start_entry()

    def _set_customer(self, customer: CustomerChoice | None, *, from_user: bool) -> None:
        self.draft.customer = customer
        if customer is None:
            return
        self.customer_edit.setText(customer.code)
        self.customer_label.setText(f"{customer.name}  {customer.phone}".strip())
        self.assist.load_last_prices(customer.id)
        if self.is_editable:
            # A confirmed order keeps the gift lines it was saved with.
            self.assist.load_gift_rules(customer.id)
        self.assist.follow_line()
        if customer.default_warehouse_id and (from_user or self.draft.warehouse_id is None):
            self._select_warehouse(customer.default_warehouse_id)
        self._show_message("")
        if from_user:
            self._mark_dirty()

    def _pick_product(self, text: str) -> PickedProduct | None:
        customer_id = self.draft.customer.id if self.draft.customer is not None else None
        return pick_product(self, self.context, customer_id=customer_id,
                            warehouse_id=self.warehouse_combo.currentData(),
                            on_date=self.draft.document_date, text=text)

    def _select_warehouse(self, warehouse_id: str | None) -> None:
        position = self.warehouse_combo.findData(warehouse_id)
        if position >= 0:
            self.warehouse_combo.setCurrentIndex(position)
