"""Display and parsing of order values: state names, money, prices and quantities as clerks type them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QObject

from domain.money import ZERO, round_quantity


def state_label(status: str) -> str:
    """Return the translated name of an order state."""
    labels = {
        "draft": QCoreApplication.translate("OrderState", "Draft"),
        "submitted": QCoreApplication.translate("OrderState", "Submitted"),
        "approved": QCoreApplication.translate("OrderState", "Approved"),
        "partly_delivered": QCoreApplication.translate("OrderState", "Partly delivered"),
        "completed": QCoreApplication.translate("OrderState", "Completed"),
        "cancelled": QCoreApplication.translate("OrderState", "Cancelled"),
    }
    return labels.get(status, status)


class DocumentTexts(QObject):
    """Plural texts of the order and quotation forms.

    A class of its own, because pyside6-lupdate marks a text as plural only
    in a self.tr call, and self.tr in the quotation form, a subclass of the
    order form, would look the text up under the subclass's name.
    """

    def line_count(self, count: int) -> str:
        return self.tr("%n line(s)", "", count)


def line_count_text(count: int) -> str:
    """Return "3 lines" or "共 3 行" in the current language."""
    return DocumentTexts().line_count(count)


def document_state_label(status: str) -> str:
    """Return the translated name of a document state: an order's, a quotation's or a price adjustment's."""
    labels = {
        "sent": QCoreApplication.translate("DocumentState", "Sent"),
        "ordered": QCoreApplication.translate("DocumentState", "Ordered"),
        "expired": QCoreApplication.translate("DocumentState", "Expired"),
        "lost": QCoreApplication.translate("DocumentState", "Lost"),
        "applied": QCoreApplication.translate("DocumentState", "Applied"),
    }
    return labels.get(status) or state_label(status)


def format_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def format_quantity(value: Decimal | None) -> str:
    """Show a quantity without trailing zeros (3, 2.5, 0.125)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_price(value: Decimal | None) -> str:
    """Show a price with two decimals, or up to four when it has them."""
    if value is None:
        return ""
    if value == value.quantize(Decimal("0.01")):
        return f"{value:.2f}"
    return format_quantity(value)


def parse_decimal(text: str) -> Decimal | None:
    """Parse what a user typed ("1,234.5", " 3 ") into a Decimal; None when it is not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_quantity(text: str) -> Decimal | None:
    """Parse a typed quantity: a number above zero with at most 3 decimals, else None."""
    value = parse_decimal(text)
    if value is None or value <= ZERO or round_quantity(value) != value:
        return None
    return value
