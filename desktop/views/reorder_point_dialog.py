"""The reorder point dialog (补货点): the level under which the low-stock list suggests a purchase.

Opened with Ctrl+E from a row of the Stock page's balances or low-stock
tab, for that row's product and warehouse. Saving queues reorder_point.set,
so it works offline; the server checks the same limits again.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import show_error, show_error_in
from desktop.i18n import translate
from desktop.models.stock_model import format_quantity
from domain.ids import key_id
from domain.models import ReorderPoint

log = logging.getLogger(__name__)

QUANTITY_QUANTUM = Decimal("0.001")


def parse_level(text: str, field: str, *, required: bool, positive: bool) -> Decimal | None:
    """Return the quantity typed in `field`, None for an empty optional field; raises ValueError with the message."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        if required:
            raise ValueError(translate("ReorderPointDialog", "Enter the reorder point; with 0 the product is listed only when its available stock is negative."))
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(translate("ReorderPointDialog", "{field}: {text} is not a number.").format(
            field=field, text=text.strip())) from None
    if not value.is_finite() or value < 0 or (positive and value == 0):
        message = (translate("ReorderPointDialog", "{field} must be greater than zero; {text} was entered.") if positive
                   else translate("ReorderPointDialog", "{field} must not be negative; {text} was entered."))
        raise ValueError(message.format(field=field, text=text.strip()))
    if value != value.quantize(QUANTITY_QUANTUM):
        raise ValueError(translate("ReorderPointDialog", "{field} has more than three decimal places: {text}.").format(
            field=field, text=text.strip()))
    return value


class ReorderPointDialog(QDialog):
    """Editor of the reorder point, reorder quantity and maximum of one product in one warehouse."""

    def __init__(self, context, product_id: str, warehouse_id: str, title: str, unit: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reorderPointDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.product_id = product_id
        self.warehouse_id = warehouse_id
        self.mutation_id: str | None = None
        self.setWindowTitle(translate("ReorderPointDialog", "Reorder point"))

        heading = QLabel(title, self)
        heading.setWordWrap(True)
        self.point_edit = QLineEdit(self)
        self.point_edit.setObjectName("reorderPointEdit")
        self.quantity_edit = QLineEdit(self)
        self.quantity_edit.setObjectName("reorderQuantityEdit")
        self.quantity_edit.setPlaceholderText(translate("ReorderPointDialog", "Up to the maximum"))
        self.max_edit = QLineEdit(self)
        self.max_edit.setObjectName("maxQuantityEdit")
        self.max_edit.setPlaceholderText(translate("ReorderPointDialog", "No maximum"))
        for edit in (self.point_edit, self.quantity_edit, self.max_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        form = QFormLayout()
        form.addRow(translate("ReorderPointDialog", "Reorder &point ({unit}):").format(unit=unit), self.point_edit)
        form.addRow(translate("ReorderPointDialog", "Reorder &quantity:"), self.quantity_edit)
        form.addRow(translate("ReorderPointDialog", "&Maximum:"), self.max_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("reorderPointMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        hint = QLabel(translate(
            "ReorderPointDialog",
            "The low-stock list shows the product when its available stock falls below the reorder point, "
            "and suggests the reorder quantity, or else enough to reach the maximum."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        row_id, context = key_id("reorder_point", self.product_id, self.warehouse_id), self.context

        def work(control):
            with context.read_session() as session:
                row = session.get(ReorderPoint, row_id)
                return None if row is None else (row.reorder_point, row.reorder_quantity, row.max_quantity)

        def show(values) -> None:
            if values is None:
                return
            for edit, value in zip((self.point_edit, self.quantity_edit, self.max_edit), values):
                edit.setText(format_quantity(value))

        context.tasks.run(work, on_result=show, on_error=lambda error: show_error(self, error))

    def values(self) -> dict[str, str | None]:
        """Return the payload fields typed; raises ValueError with the translated message of the first invalid one."""
        point = parse_level(self.point_edit.text(), translate("ReorderPointDialog", "Reorder point"),
                            required=True, positive=False)
        quantity = parse_level(self.quantity_edit.text(), translate("ReorderPointDialog", "Reorder quantity"),
                               required=False, positive=True)
        maximum = parse_level(self.max_edit.text(), translate("ReorderPointDialog", "Maximum"),
                              required=False, positive=True)
        if maximum is not None and maximum < point:
            raise ValueError(translate(
                "ReorderPointDialog", "The maximum {maximum} is below the reorder point {point}; raise it or leave it empty."
            ).format(maximum=format_quantity(maximum), point=format_quantity(point)))
        return {"reorder_point": str(point), "reorder_quantity": None if quantity is None else str(quantity),
                "max_quantity": None if maximum is None else str(maximum)}

    def save(self) -> None:
        try:
            values = self.values()
        except ValueError as error:
            self.message_label.setText(str(error))
            return
        payload = {"product_id": self.product_id, "warehouse_id": self.warehouse_id, **values}
        self.save_button.setEnabled(False)

        def saved(submitted) -> None:
            self.mutation_id = submitted.mutation_id
            log.info("reorder point of product %s in warehouse %s queued as %s", self.product_id, self.warehouse_id,
                     submitted.mutation_id)
            self.accept()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error_in(self, self.message_label.setText, error)

        self.context.tasks.submit("reorder_point.set", payload, on_result=saved, on_error=failed, parent=self,
                                  label=translate("ReorderPointDialog", "Saving the reorder point..."))


def open_reorder_point(parent: QWidget, context, row: dict, product_id: str, warehouse_id: str) -> ReorderPointDialog:
    """Open the dialog for a stock row that has product_code, product_name, warehouse_name and unit."""
    title = translate("ReorderPointDialog", "{code} {name} in {warehouse}").format(
        code=row["product_code"], name=row["product_name"], warehouse=row["warehouse_name"])
    dialog = ReorderPointDialog(context, product_id, warehouse_id, title, row["unit"], parent)
    dialog.show()
    return dialog
