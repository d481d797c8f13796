"""The tax breakdown under the order grid: per tax rate the lines' amount and tax, then freight, discount and total."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.i18n import translate
from desktop.models.order_lines import format_rate
from desktop.models.order_models import format_money
from desktop.models.order_totals import OrderTotals

log = logging.getLogger(__name__)


class TaxBreakdown(QLabel):
    """A small table: one row per tax rate, then a row of the order's sums."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taxBreakdown")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.show_totals(OrderTotals())

    def show_totals(self, totals: OrderTotals) -> None:
        amount_title = (translate("TaxBreakdown", "Amount incl. tax") if totals.prices_include_tax
                        else translate("TaxBreakdown", "Amount excl. tax"))
        band_rows = [_row((translate("TaxBreakdown", "Tax rate"), amount_title, translate("TaxBreakdown", "Tax")), "th")]
        for band in totals.bands:
            band_rows.append(_row((format_rate(band.rate), format_money(band.amount), format_money(band.tax))))
        if not totals.bands:
            no_lines = html.escape(translate("TaxBreakdown", "No complete lines yet."))
            band_rows.append(f'<tr><td colspan="3">{no_lines}</td></tr>')
        sums_head = (translate("TaxBreakdown", "Lines"), translate("TaxBreakdown", "Tax"), translate("TaxBreakdown", "Before tax"),
                     translate("TaxBreakdown", "Freight"), translate("TaxBreakdown", "Document discount"))
        sums = (format_money(totals.lines_amount), format_money(totals.tax_amount), format_money(totals.amount_before_tax),
                format_money(totals.freight), format_money(totals.document_discount))
        # The sums stand to the right of the bands, so the breakdown takes as few lines as there are tax rates.
        self.setText(
            "<table cellspacing='0'><tr>"
            f"<td valign='top'><table cellspacing='0'>{''.join(band_rows)}</table></td>"
            "<td width='48'></td>"
            f"<td valign='top'><table cellspacing='0'>{_row(sums_head, 'th')}{_row(sums)}</table></td>"
            "</tr></table>"
        )


def _row(cells: tuple[str, ...], tag: str = "td") -> str:
    """Return one table row; every cell but the first is right-aligned, each padded on both sides."""
    parts = []
    for position, text in enumerate(cells):
        align = "left" if position == 0 and tag == "td" and len(cells) == 3 else "right"
        parts.append(f'<{tag} align="{align}">&nbsp;&nbsp;{html.escape(text)}&nbsp;&nbsp;</{tag}>')
    return f"<tr>{''.join(parts)}</tr>"
