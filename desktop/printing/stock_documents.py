"""The printed goods receipt (入库单) and stock transfer (调拨单): content read from the replica, PDF and preview.

Both print on the delivery note's paper, the 241 mm continuous form by
default, through their print templates. A receipt prints its unit costs,
amounts and totals only for a role that may see costs, as its read-only
view does. A transfer prints quantities only.
"""

from __future__ import annotations

import dataclasses
import pathlib

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.models.stock_doc_detail import StockDocumentDetail, load_receipt_detail, load_transfer_detail
from desktop.printing.delivery_note import company_name
from desktop.printing.documents import receipt_document, transfer_document
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM
from desktop.printing.output import ensure_paper
from desktop.printing.pagination import PrintDocument
from desktop.printing.render import (
    choose_template,
    open_template_preview,
    print_template,
    write_template_pdf,
)
from desktop.printing.template_model import TemplateSpec, load_preferred_template
from domain.commands.handlers.common import warehouse_department
from domain.models import GoodsReceipt, StockTransfer

# The print template document type of each StockDocumentDetail kind.
DOCUMENT_TYPES = {"receipt": "goods_receipt", "transfer": "stock_transfer"}


@dataclasses.dataclass(frozen=True)
class StockDocumentPrint:
    """A posted goods receipt or stock transfer as it prints."""

    company: str
    number: str
    detail: StockDocumentDetail
    # "补打 第N次" on a reprint, printed at the top right of each page; empty on the first print.
    reprint_mark: str = ""
    # The replica's print template of the document type (None: the built-in default for the paper).
    template: TemplateSpec | None = None
    # The person who prepared the document, for the "Prepared by" signature line.
    prepared_by: str = ""

    @property
    def document_type(self) -> str:
        return DOCUMENT_TYPES[self.detail.kind]


def load_receipt_print(session: Session, receipt_id: str, role: str | None) -> StockDocumentPrint:
    """Read goods receipt `receipt_id` as `role` sees it; raises LookupError when it is not in the replica."""
    detail = load_receipt_detail(session, receipt_id, role)
    receipt = session.get(GoodsReceipt, receipt_id)
    department = receipt.department_id or warehouse_department(session, receipt.warehouse_id)
    return StockDocumentPrint(company_name(session, department), detail.number, detail,
                              template=load_preferred_template(session, "goods_receipt"),
                              prepared_by=detail.posted_by)


def load_transfer_print(session: Session, transfer_id: str, role: str | None) -> StockDocumentPrint:
    """Read stock transfer `transfer_id`; raises LookupError when it is not in the replica."""
    detail = load_transfer_detail(session, transfer_id, role)
    transfer = session.get(StockTransfer, transfer_id)
    department = warehouse_department(session, transfer.from_warehouse_id)
    return StockDocumentPrint(company_name(session, department), detail.number, detail,
                              template=load_preferred_template(session, "stock_transfer"),
                              prepared_by=detail.posted_by)


def stock_print_document(data: StockDocumentPrint) -> PrintDocument:
    if data.detail.kind == "receipt":
        return receipt_document(data)
    return transfer_document(data)


def stock_template(data: StockDocumentPrint, page_mm: QSizeF | None = None) -> TemplateSpec:
    return choose_template(data.document_type, data.template, page_mm, DELIVERY_NOTE_PAGE_MM)


def _title(data: StockDocumentPrint) -> str:
    if data.detail.kind == "receipt":
        return QCoreApplication.translate("StockDocumentLayout", "Goods receipt {number}").format(number=data.number)
    return QCoreApplication.translate("StockDocumentLayout", "Stock transfer {number}").format(number=data.number)


def print_stock_document(printer: QPrinter, data: StockDocumentPrint) -> int:
    """Paint `data` on a printer through its template, giving the printer the template's paper first."""
    template = stock_template(data)
    ensure_paper(printer, template)
    return print_template(printer, template, stock_print_document(data))


def write_stock_pdf(data: StockDocumentPrint, path: str | pathlib.Path, page_mm: QSizeF | None = None) -> int:
    """Write `data` to the PDF file `path`; return the page count."""
    return write_template_pdf(stock_template(data, page_mm), stock_print_document(data), _title(data), path)


def open_stock_preview(parent: QWidget | None, data: StockDocumentPrint,
                       page_mm: QSizeF | None = None) -> QPrintPreviewDialog:
    """Open the print preview of `data` without blocking; its Print button prints or saves a PDF."""
    title = QCoreApplication.translate("StockDocumentLayout", "Print preview: {document}").format(
        document=_title(data))
    return open_template_preview(parent, stock_template(data, page_mm), stock_print_document(data), title)
