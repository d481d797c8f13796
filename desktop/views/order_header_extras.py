"""The order form's second header row: tax mode, freight, document discount, carrier, tracking number, delivery date.

The fields map to the order.create payload's prices_include_tax,
freight_amount, discount_amount, carrier, tracking_number and
delivery_date_wanted. Freight and the document discount enter the total at
once (see desktop.models.order_totals).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from desktop.i18n import translate
from desktop.models.order_models import parse_decimal
from desktop.models.order_queries import OrderExtras
from desktop.views.form_fields import MoneyEdit
from domain.money import FEN, ZERO

log = logging.getLogger(__name__)

# The payload's limit on carrier and tracking number.
TEXT_MAX_LENGTH = 100


class OrderHeaderExtras(QWidget):
    """Inputs for the order's tax mode, freight, document discount and shipping details.

    `changed` is emitted after every edit; `money_changed` only when a value
    that enters the total (tax mode, freight, document discount) changed.
    """

    changed = Signal()
    money_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.include_tax = QCheckBox(translate("OrderHeaderExtras", "Prices include &tax"), self)
        self.include_tax.setObjectName("includeTaxCheck")
        self.include_tax.setChecked(True)
        self.freight_edit = MoneyEdit(self)
        self.freight_edit.setObjectName("freightEdit")
        self.discount_edit = MoneyEdit(self)
        self.discount_edit.setObjectName("documentDiscountEdit")
        self.carrier_edit = QLineEdit(self)
        self.carrier_edit.setObjectName("carrierEdit")
        self.tracking_edit = QLineEdit(self)
        self.tracking_edit.setObjectName("trackingEdit")
        for edit in (self.carrier_edit, self.tracking_edit):
            edit.setMaxLength(TEXT_MAX_LENGTH)
        self.delivery_edit = QLineEdit(self)
        self.delivery_edit.setObjectName("deliveryDateEdit")
        self.delivery_edit.setPlaceholderText(translate("OrderHeaderExtras", "YYYY-MM-DD"))

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        fields = (
            (translate("OrderHeaderExtras", "&Freight:"), self.freight_edit),
            (translate("OrderHeaderExtras", "Document &discount:"), self.discount_edit),
            (translate("OrderHeaderExtras", "Deli&very wanted:"), self.delivery_edit),
            (translate("OrderHeaderExtras", "Ca&rrier:"), self.carrier_edit),
            (translate("OrderHeaderExtras", "Trac&king no.:"), self.tracking_edit),
        )
        # Two rows of label and input pairs; the tax check box ends the first row.
        for position, (text, edit) in enumerate(fields):
            row, pair = divmod(position, 3)
            label = QLabel(text, self)
            label.setBuddy(edit)
            layout.addWidget(label, row, pair * 2)
            layout.addWidget(edit, row, pair * 2 + 1)
        layout.addWidget(self.include_tax, 1, 4, 1, 2)
        for column in (1, 3, 5):
            layout.setColumnStretch(column, 1)
        # Tab follows the visual order, row by row, rather than the order the widgets were created in.
        chain = [edit for _text, edit in fields] + [self.include_tax]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.include_tax.toggled.connect(self._money_edited)
        for edit in (self.freight_edit, self.discount_edit):
            edit.textEdited.connect(self._money_edited)
            edit.editingFinished.connect(self._money_edited)
        for edit in (self.carrier_edit, self.tracking_edit, self.delivery_edit):
            edit.textEdited.connect(self.changed)

    def _money_edited(self, *args) -> None:
        self.money_changed.emit()
        self.changed.emit()

    def set_extras(self, extras: OrderExtras) -> None:
        """Show the fields of a loaded order, without emitting `changed`."""
        self.blockSignals(True)
        try:
            self.include_tax.setChecked(extras.prices_include_tax)
            self.freight_edit.set_value(extras.freight_amount if extras.freight_amount else None)
            self.discount_edit.set_value(extras.discount_amount if extras.discount_amount else None)
            self.carrier_edit.setText(extras.carrier)
            self.tracking_edit.setText(extras.tracking_number)
            self.delivery_edit.setText(extras.delivery_date_wanted.isoformat() if extras.delivery_date_wanted else "")
        finally:
            self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.include_tax.setEnabled(not read_only)
        for edit in (self.freight_edit, self.discount_edit, self.carrier_edit, self.tracking_edit, self.delivery_edit):
            edit.setReadOnly(read_only)

    def money(self) -> tuple[Decimal, Decimal, bool]:
        """Return (freight, document discount, prices include tax); an invalid amount counts as zero until fixed."""
        return (_amount(self.freight_edit.text()) or ZERO, _amount(self.discount_edit.text()) or ZERO,
                self.include_tax.isChecked())

    def problem(self) -> str | None:
        """Return the translated reason why a field is invalid, or None."""
        for edit, name in ((self.freight_edit, translate("OrderHeaderExtras", "Freight")),
                           (self.discount_edit, translate("OrderHeaderExtras", "Document discount"))):
            if edit.text().strip() and _amount(edit.text()) is None:
                return translate("OrderHeaderExtras", "{field} \"{text}\" is not a valid amount: enter zero or more with at most 2 decimals.").format(
                    field=name, text=edit.text().strip())
        if self.delivery_edit.text().strip() and _date(self.delivery_edit.text()) is None:
            return translate("OrderHeaderExtras", "Delivery date \"{text}\" is not a valid date: enter it as YYYY-MM-DD.").format(
                text=self.delivery_edit.text().strip())
        return None

    def extras(self) -> OrderExtras:
        """Return the fields as entered; call problem() first, because invalid values are left out."""
        freight, discount, include_tax = self.money()
        return OrderExtras(
            freight_amount=freight,
            discount_amount=discount,
            prices_include_tax=include_tax,
            carrier=self.carrier_edit.text().strip(),
            tracking_number=self.tracking_edit.text().strip(),
            delivery_date_wanted=_date(self.delivery_edit.text()),
        )


def _amount(text: str) -> Decimal | None:
    value = parse_decimal(text) if text.strip() else ZERO
    if value is None or value < ZERO or value.quantize(FEN) != value:
        return None
    return value


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
