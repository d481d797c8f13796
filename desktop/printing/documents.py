"""The sales and warehouse documents as PrintDocuments: formatted values and lines for a template."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.printing.delivery_note import DeliveryNoteData, PrintLine
from desktop.printing.pagination import PrintDocument, PrintRow
from domain.money import ZERO

CONTEXT = "PrintTemplate"


def _translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def print_rows(lines: tuple[PrintLine, ...], gift_rows: frozenset[int] = frozenset()) -> tuple[PrintRow, ...]:
    """Format each line's cells; a gift line's product carries the word for gift."""
    rows = []
    for index, line in enumerate(lines):
        product = line.product
        if index in gift_rows:
            product = _translate("{product} (gift)").format(product=product)
        cells = {
            "product": product,
            "unit": line.unit,
            "quantity": format_quantity(line.quantity),
            "price": format_price(line.unit_price),
            # An empty discount cell lets a template leave out the discount column.
            "discount": format_money(line.discount) if line.discount else "",
            "amount": format_money(line.amount),
        }
        rows.append(PrintRow(cells, line.amount))
    return tuple(rows)


def delivery_document(note: DeliveryNoteData) -> PrintDocument:
    charges = []
    if note.freight:
        charges.append(_translate("Freight: ¥{amount}").format(amount=format_money(note.freight)))
    if note.document_discount:
        charges.append(_translate("Document discount: −¥{amount}").format(amount=format_money(note.document_discount)))
    values = {
        "company": note.company,
        "number": note.number,
        "date": note.document_date.isoformat(),
        "customer_name": note.customer_name,
        "address": note.address,
        "phone": note.phone,
        "freight": format_money(note.freight),
        "document_discount": format_money(note.document_discount),
        "reprint_mark": note.reprint_mark,
    }
    return PrintDocument("delivery_note", note.number, values, print_rows(note.lines), note.total, tuple(charges))


def return_document(note) -> PrintDocument:
    """Build the PrintDocument of a ReturnNoteData."""
    values = {
        "company": note.company,
        "number": note.number,
        "date": note.document_date.isoformat(),
        "customer_name": note.customer_name,
        "delivery_number": note.delivery_number,
        "warehouse_name": note.warehouse_name,
        "reason": note.reason,
        "reprint_mark": note.reprint_mark,
    }
    return PrintDocument("sales_return", note.number, values, print_rows(note.lines), note.total)


def quotation_document(quotation) -> PrintDocument:
    """Build the PrintDocument of a QuotationPrint, whose price column title states whether prices include tax."""
    price_title = _translate("Price incl. tax") if quotation.prices_include_tax else _translate("Price excl. tax")
    values = {
        "company": quotation.company,
        "number": quotation.number,
        "date": quotation.document_date.isoformat(),
        "valid_until": quotation.valid_until.isoformat() if quotation.valid_until else "",
        "customer_name": quotation.customer_name,
        "address": quotation.address,
        "phone": quotation.phone,
        "price_title": price_title,
        "tax_amount": format_money(quotation.tax_amount),
        "reprint_mark": quotation.reprint_mark,
    }
    return PrintDocument("quotation", quotation.number, values, print_rows(quotation.lines, quotation.gift_rows),
                         quotation.total)


def sales_order_document(order) -> PrintDocument:
    """Build the PrintDocument of a SalesOrderPrint, with the freight and document discount in the charges row."""
    charges = []
    if order.freight:
        charges.append(_translate("Freight: ¥{amount}").format(amount=format_money(order.freight)))
    if order.document_discount:
        charges.append(_translate("Document discount: −¥{amount}").format(amount=format_money(order.document_discount)))
    values = {
        "company": order.company,
        "number": order.number,
        "date": order.document_date.isoformat(),
        "customer_name": order.customer_name,
        "address": order.address,
        "phone": order.phone,
        "delivery_date_wanted": order.delivery_date_wanted.isoformat() if order.delivery_date_wanted else "",
        "salesperson": order.salesperson,
        "note": order.note,
        "freight": format_money(order.freight),
        "document_discount": format_money(order.document_discount),
        "reprint_mark": order.reprint_mark,
    }
    return PrintDocument("sales_order", order.number, values, print_rows(order.lines, order.gift_rows), order.total,
                         tuple(charges))


def _stock_values(data) -> dict[str, str]:
    detail = data.detail
    return {
        "company": data.company,
        "number": detail.number,
        "date": detail.document_date.isoformat(),
        "note": detail.note,
        "prepared_by": data.prepared_by,
        "reprint_mark": data.reprint_mark,
    }


def _stock_cells(line) -> dict[str, str]:
    return {
        "product": f"{line.product_code} {line.product_name}",
        "unit": line.unit_name,
        "quantity": format_quantity(line.quantity),
        "batch": line.batch_no,
        "expiry": line.expiry_date.isoformat() if line.expiry_date else "",
    }


def receipt_document(data) -> PrintDocument:
    """Build the PrintDocument of a goods receipt's StockDocumentPrint.

    For a role that may not see costs the cost cells stay empty, so their
    columns hide, and the document prints no page subtotal or total.
    """
    detail = data.detail
    values = _stock_values(data)
    values.update(supplier_name=detail.supplier, warehouse_name=detail.warehouse)
    rows = []
    for line in detail.lines:
        cells = _stock_cells(line)
        if detail.sees_cost:
            cells["price"] = format_price(line.unit_cost) if line.unit_cost is not None else ""
            cells["amount"] = format_money(line.amount) if line.amount is not None else ""
        rows.append(PrintRow(cells, line.amount if detail.sees_cost and line.amount is not None else ZERO))
    total = ZERO
    if detail.sees_cost:
        total = detail.total_amount if detail.total_amount is not None else sum((row.amount for row in rows), ZERO)
    return PrintDocument("goods_receipt", detail.number, values, tuple(rows), total, shows_amounts=detail.sees_cost)


def transfer_document(data) -> PrintDocument:
    """Build the PrintDocument of a stock transfer's StockDocumentPrint: quantities only, no amounts."""
    detail = data.detail
    values = _stock_values(data)
    values.update(from_warehouse=detail.from_warehouse, to_warehouse=detail.to_warehouse)
    rows = tuple(PrintRow(_stock_cells(line), ZERO) for line in detail.lines)
    return PrintDocument("stock_transfer", detail.number, values, rows, ZERO, shows_amounts=False)
