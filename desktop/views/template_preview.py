"""The designer's live preview: a sample document painted through the edited template by the print engine.

The page is painted on a QImage whose resolution is set explicitly, so
points and millimetres come out the same as on paper whatever the screen.
Painting runs in the task pool; only the newest request is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.printing.pagination import PrintDocument, PrintRow
from desktop.printing.template_engine import paint_document
from desktop.printing.template_model import TemplateSpec

log = logging.getLogger(__name__)

PREVIEW_DPI = 96
_INCHES_PER_METRE = 39.37008

# (product, unit, quantity, price): three sample lines whose amounts are quantity × price.
_SAMPLE_LINES = (
    ("P001 普洱茶饼 357克", "饼", Decimal("12"), Decimal("88.50")),
    ("P002 滇红工夫 250克", "盒", Decimal("3"), Decimal("126.00")),
    ("P003 茶具套装", "套", Decimal("1"), Decimal("9.06")),
)


def sample_document(document_type: str, rows_per_page: int) -> PrintDocument:
    """Return a one-page sample of `document_type` with made-up values for every placeholder."""
    rows = []
    for product, unit, quantity, price in _SAMPLE_LINES[:max(1, rows_per_page)]:
        # Quantity × price of the sample is exact to the fen, so no rounding is needed.
        amount = quantity * price
        cells = {"product": product, "unit": unit, "quantity": format_quantity(quantity),
                 "price": format_price(price), "discount": "", "amount": format_money(amount),
                 "batch": "B20260301", "expiry": dt.date(2027, 3, 1).isoformat()}
        rows.append(PrintRow(cells, amount))
    total = sum((row.amount for row in rows), Decimal(0))
    values = {
        "company": "云岭茶业有限公司", "number": "DN-A3-20260318-0007", "date": dt.date(2026, 3, 18).isoformat(),
        "customer_name": "昆明茶叶商行", "address": "云南省昆明市五华区青年路1号", "phone": "0871-63100000",
        "freight": format_money(Decimal("20")), "document_discount": format_money(Decimal(0)),
        "delivery_number": "DN-A3-20260301-0002", "warehouse_name": "昆明仓", "reason": "破损",
        "valid_until": dt.date(2026, 4, 18).isoformat(), "price_title": "单价", "tax_amount": format_money(Decimal("53.40")),
        "reprint_mark": "", "delivery_date_wanted": dt.date(2026, 3, 20).isoformat(), "salesperson": "李明",
        "supplier_name": "S001  勐海茶厂", "from_warehouse": "W1  昆明仓", "to_warehouse": "W2  大理仓",
        "note": "整车到货",
    }
    return PrintDocument(document_type, values["number"], values, tuple(rows), total)


def render_page(template: TemplateSpec, dpi: float = PREVIEW_DPI) -> QImage:
    """Paint the sample document's first page through `template` on a white image of the paper at `dpi`.

    Safe in a worker thread: it touches only a QImage, never a widget.
    """
    scale = dpi / 25.4
    image = QImage(round(template.paper_width_mm * scale), round(template.paper_height_mm * scale),
                   QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi * _INCHES_PER_METRE)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor(Qt.GlobalColor.white))
    # Up to rows_per_page lines, so the sample stays on one page and the image never needs a second one.
    paint_document(image, dpi, template, sample_document(template.document_type, template.rows_per_page))
    return image


class PreviewPane(QScrollArea):
    """Shows the last rendered page at its natural size; the designer feeds it images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatePreview")
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.image: QImage | None = None

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.label.setPixmap(QPixmap.fromImage(image))
