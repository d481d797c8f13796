"""Form pieces the customer dialogs share: an input with its error line, a money input, and the field a rejection names."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from desktop.errors import user_message
from desktop.models.order_models import format_money, parse_decimal
from domain.commands.framework import CommandError, InvalidPayload

log = logging.getLogger(__name__)

ERROR_STYLE = "QLabel { color: #b3261e; }"


class FieldRow(QWidget):
    """An input widget with an error line under it that shows only while the field has an error."""

    def __init__(self, field: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.editor = editor
        editor.setParent(self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName(f"{field}Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)
        # The row keeps its natural height, so a form label stays level with its input.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.editor.setToolTip(text)

    def clear_error(self) -> None:
        self.set_error("")


class MoneyEdit(QLineEdit):
    """A right-aligned amount input that shows its value as the lists do ("50,000.00").

    Leaving the field reformats a valid amount of zero or more with at most
    two decimal places. Any other text stays as typed, so the form's check
    can name the error. The form parses the text itself, commas included.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._reformat)

    def set_value(self, value: Decimal | None) -> None:
        self.setText(format_money(value))

    def _reformat(self) -> None:
        value = parse_decimal(self.text())
        if value is None or value < 0 or value != value.quantize(Decimal("0.01")):
            return
        text = format_money(value)
        if text != self.text():
            self.setText(text)


def rejected_field(error: BaseException) -> str | None:
    """Return the payload field a rejection names ("fields.phone" gives "phone"), or None."""
    if not isinstance(error, CommandError):
        return None
    field = error.params.get("field")
    if field is None and isinstance(error, InvalidPayload):
        entries = error.params.get("errors") or []
        field = entries[0].get("field") if entries and isinstance(entries[0], dict) else None
    if not field:
        return None
    return str(field).rsplit(".", 1)[-1]


def rejection_text(error: BaseException) -> str | None:
    """Return the translated message of an expected failure, or None for a bug."""
    return user_message(error)
