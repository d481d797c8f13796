"""Every English text the default print templates and the print engine translate, marked for the translators.

The default templates are data in domain.print_templates, which has no Qt,
so pyside6-lupdate finds no translate() call for their texts. Listing them
here with QT_TRANSLATE_NOOP keeps them in the .ts file's "PrintTemplate"
context. tests/printing/test_template_texts.py checks that every default
template's text is listed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATE_TEXTS = (
    QT_TRANSLATE_NOOP("PrintTemplate", "Accepted by (signature and stamp):"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Address: {address}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Amount"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Batch"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Customer confirmation (signature):"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Customer: {customer_name}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Date: {date}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Delivered by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Delivery date wanted: {delivery_date_wanted}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Delivery note"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Discount"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Expiry date"),
    QT_TRANSLATE_NOOP("PrintTemplate", "From warehouse: {from_warehouse}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Goods receipt"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Into warehouse: {warehouse_name}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "No."),
    QT_TRANSLATE_NOOP("PrintTemplate", "No.: {number}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Note: {note}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Of which tax: ¥{tax_amount}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Page {page} of {pages}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Phone: {phone}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Prepared by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Price"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Product"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Quantity"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Quotation"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Quoted by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Reason: {reason}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Received by (signature):"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Received by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Received into stock by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Returned by (customer):"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Returned from delivery note: {delivery_number}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Sales order"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Sales return note"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Salesperson: {salesperson}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Shipped by:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Stock transfer"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Supplier: {supplier_name}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "These prices hold until {valid_until}. Sign and return this quotation to place the order."),
    QT_TRANSLATE_NOOP("PrintTemplate", "To warehouse: {to_warehouse}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Unit"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Unit cost"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Valid until: {valid_until}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Warehouse keeper:"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Warehouse: {warehouse_name}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Page subtotal: ¥{page_subtotal}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Total (in capitals): {total_capitals}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Total: ¥{total}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Continued on the next page"),
    QT_TRANSLATE_NOOP("PrintTemplate", "{product} (gift)"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Freight: ¥{amount}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Document discount: −¥{amount}"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Price incl. tax"),
    QT_TRANSLATE_NOOP("PrintTemplate", "Price excl. tax"),
)
