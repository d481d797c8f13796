"""Each command's name in words and the area it belongs to, for the permissions matrix.

The names are QT_TRANSLATE_NOOP entries in context "CommandNames" and are
translated where they are shown. A command this version does not describe
shows its technical name under "Other", so a newer handler is never hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.i18n import translate

# (area key, title), in the matrix's order.
AREAS = (
    ("customers", QT_TRANSLATE_NOOP("CommandNames", "Customers")),
    ("products", QT_TRANSLATE_NOOP("CommandNames", "Products")),
    ("prices", QT_TRANSLATE_NOOP("CommandNames", "Prices")),
    ("orders", QT_TRANSLATE_NOOP("CommandNames", "Orders")),
    ("deliveries", QT_TRANSLATE_NOOP("CommandNames", "Deliveries")),
    ("stock", QT_TRANSLATE_NOOP("CommandNames", "Stock")),
    ("payments", QT_TRANSLATE_NOOP("CommandNames", "Payments")),
    ("suppliers", QT_TRANSLATE_NOOP("CommandNames", "Suppliers")),
    ("admin", QT_TRANSLATE_NOOP("CommandNames", "Administration")),
    ("other", QT_TRANSLATE_NOOP("CommandNames", "Other")),
)

# The part of a command name before the dot decides its area.
AREA_OF_PREFIX = {
    "customer": "customers", "customer_category": "customers", "customer_contact": "customers",
    "customer_follow_up": "customers", "invoicing_details": "customers", "shipping_address": "customers",
    "duplicate_task": "customers",
    "product": "products", "product_barcode": "products", "product_category": "products",
    "product_unit": "products", "brand": "products",
    "agreed_price": "prices", "category_price": "prices", "price_adjustment": "prices", "promotion": "prices",
    "order": "orders", "quotation": "orders",
    "delivery": "deliveries",
    "sales_return": "deliveries",
    "receipt_confirmation": "deliveries",
    # Recording a print: most prints are of delivery notes and returns, so it sits with them.
    "document": "deliveries",
    "goods_receipt": "stock", "stock_transfer": "stock", "reorder_point": "stock", "stocktake": "stock",
    "payment": "payments",
    "supplier": "suppliers", "supplier_contact": "suppliers",
    "department": "admin", "user": "admin", "warehouse": "admin", "role_permission": "admin",
    "role_profile": "admin", "flag": "admin", "company_setting": "admin", "print_template": "admin",
}

NAMES = {
    "customer.create": QT_TRANSLATE_NOOP("CommandNames", "Create customers"),
    "customer.update": QT_TRANSLATE_NOOP("CommandNames", "Change customers"),
    "customer.delete": QT_TRANSLATE_NOOP("CommandNames", "Delete customers"),
    "customer.merge": QT_TRANSLATE_NOOP("CommandNames", "Merge duplicate customers"),
    "duplicate_task.dismiss": QT_TRANSLATE_NOOP("CommandNames", "Mark possible duplicates as different"),
    "customer_category.create": QT_TRANSLATE_NOOP("CommandNames", "Create customer categories"),
    "customer_category.update": QT_TRANSLATE_NOOP("CommandNames", "Change customer categories"),
    "customer_contact.create": QT_TRANSLATE_NOOP("CommandNames", "Add customer contacts"),
    "customer_contact.update": QT_TRANSLATE_NOOP("CommandNames", "Change customer contacts"),
    "customer_contact.delete": QT_TRANSLATE_NOOP("CommandNames", "Delete customer contacts"),
    "customer_follow_up.add": QT_TRANSLATE_NOOP("CommandNames", "Record customer follow-ups"),
    "invoicing_details.create": QT_TRANSLATE_NOOP("CommandNames", "Add invoicing details"),
    "invoicing_details.update": QT_TRANSLATE_NOOP("CommandNames", "Change invoicing details"),
    "invoicing_details.delete": QT_TRANSLATE_NOOP("CommandNames", "Delete invoicing details"),
    "shipping_address.create": QT_TRANSLATE_NOOP("CommandNames", "Add shipping addresses"),
    "shipping_address.update": QT_TRANSLATE_NOOP("CommandNames", "Change shipping addresses"),
    "shipping_address.delete": QT_TRANSLATE_NOOP("CommandNames", "Delete shipping addresses"),
    "product.create": QT_TRANSLATE_NOOP("CommandNames", "Create products"),
    "product.update": QT_TRANSLATE_NOOP("CommandNames", "Change products"),
    "product.deactivate": QT_TRANSLATE_NOOP("CommandNames", "Deactivate products"),
    "product_barcode.add": QT_TRANSLATE_NOOP("CommandNames", "Add product barcodes"),
    "product_barcode.remove": QT_TRANSLATE_NOOP("CommandNames", "Remove product barcodes"),
    "product_category.create": QT_TRANSLATE_NOOP("CommandNames", "Create product categories"),
    "product_category.update": QT_TRANSLATE_NOOP("CommandNames", "Change product categories"),
    "product_unit.set": QT_TRANSLATE_NOOP("CommandNames", "Set product units"),
    "product_unit.remove": QT_TRANSLATE_NOOP("CommandNames", "Remove product units"),
    "brand.create": QT_TRANSLATE_NOOP("CommandNames", "Create brands"),
    "brand.update": QT_TRANSLATE_NOOP("CommandNames", "Change brands"),
    "agreed_price.set": QT_TRANSLATE_NOOP("CommandNames", "Set agreed customer prices"),
    "agreed_price.end": QT_TRANSLATE_NOOP("CommandNames", "End agreed customer prices"),
    "category_price.set": QT_TRANSLATE_NOOP("CommandNames", "Set customer category prices"),
    "price_adjustment.create": QT_TRANSLATE_NOOP("CommandNames", "Enter price adjustments"),
    "price_adjustment.approve": QT_TRANSLATE_NOOP("CommandNames", "Approve price adjustments"),
    "price_adjustment.apply_due": QT_TRANSLATE_NOOP("CommandNames", "Apply due price adjustments"),
    "promotion.create": QT_TRANSLATE_NOOP("CommandNames", "Create promotions"),
    "promotion.update": QT_TRANSLATE_NOOP("CommandNames", "Change promotions"),
    "promotion.end": QT_TRANSLATE_NOOP("CommandNames", "End promotions"),
    "order.create": QT_TRANSLATE_NOOP("CommandNames", "Enter sales orders"),
    "order.update": QT_TRANSLATE_NOOP("CommandNames", "Change sales orders"),
    "order.confirm": QT_TRANSLATE_NOOP("CommandNames", "Confirm sales orders"),
    "order.approve": QT_TRANSLATE_NOOP("CommandNames", "Approve sales orders"),
    "order.cancel": QT_TRANSLATE_NOOP("CommandNames", "Cancel sales orders"),
    "quotation.create": QT_TRANSLATE_NOOP("CommandNames", "Enter quotations"),
    "quotation.update": QT_TRANSLATE_NOOP("CommandNames", "Change quotations"),
    "quotation.send": QT_TRANSLATE_NOOP("CommandNames", "Mark quotations as sent"),
    "quotation.cancel": QT_TRANSLATE_NOOP("CommandNames", "Cancel quotations"),
    "quotation.mark_lost": QT_TRANSLATE_NOOP("CommandNames", "Mark quotations as lost"),
    "quotation.convert": QT_TRANSLATE_NOOP("CommandNames", "Turn quotations into orders"),
    "order.send_back": QT_TRANSLATE_NOOP("CommandNames", "Send sales orders back for correction"),
    "order.verify": QT_TRANSLATE_NOOP("CommandNames", "Verify completed sales orders"),
    "delivery.ship": QT_TRANSLATE_NOOP("CommandNames", "Ship delivery notes"),
    "sales_return.post": QT_TRANSLATE_NOOP("CommandNames", "Post sales returns"),
    "receipt_confirmation.post": QT_TRANSLATE_NOOP("CommandNames", "Record receipt confirmations"),
    "document.record_print": QT_TRANSLATE_NOOP("CommandNames", "Record prints and reprints of documents"),
    "goods_receipt.post": QT_TRANSLATE_NOOP("CommandNames", "Post goods receipts"),
    "stock_transfer.post": QT_TRANSLATE_NOOP("CommandNames", "Post stock transfers"),
    "reorder_point.set": QT_TRANSLATE_NOOP("CommandNames", "Set reorder points"),
    "stocktake.save": QT_TRANSLATE_NOOP("CommandNames", "Save stocktake count sheets"),
    "stocktake.post": QT_TRANSLATE_NOOP("CommandNames", "Post stocktakes"),
    "stocktake.cancel": QT_TRANSLATE_NOOP("CommandNames", "Cancel stocktakes"),
    "payment.record": QT_TRANSLATE_NOOP("CommandNames", "Record customer payments"),
    "supplier.create": QT_TRANSLATE_NOOP("CommandNames", "Create suppliers"),
    "supplier.update": QT_TRANSLATE_NOOP("CommandNames", "Change suppliers"),
    "supplier_contact.create": QT_TRANSLATE_NOOP("CommandNames", "Add supplier contacts"),
    "supplier_contact.update": QT_TRANSLATE_NOOP("CommandNames", "Change supplier contacts"),
    "supplier_contact.delete": QT_TRANSLATE_NOOP("CommandNames", "Delete supplier contacts"),
    "department.create": QT_TRANSLATE_NOOP("CommandNames", "Create departments"),
    "department.update": QT_TRANSLATE_NOOP("CommandNames", "Change departments"),
    "user.create": QT_TRANSLATE_NOOP("CommandNames", "Create users"),
    "user.update": QT_TRANSLATE_NOOP("CommandNames", "Change users"),
    "warehouse.create": QT_TRANSLATE_NOOP("CommandNames", "Create warehouses"),
    "warehouse.update": QT_TRANSLATE_NOOP("CommandNames", "Change warehouses"),
    "role_permission.set": QT_TRANSLATE_NOOP("CommandNames", "Change role permissions"),
    "role_profile.update": QT_TRANSLATE_NOOP("CommandNames", "Change cost visibility and discount limits"),
    "flag.resolve": QT_TRANSLATE_NOOP("CommandNames", "Resolve flags"),
    "company_setting.set": QT_TRANSLATE_NOOP("CommandNames", "Change the discount limit and credit check"),
    "print_template.save": QT_TRANSLATE_NOOP("CommandNames", "Edit print templates"),
}


def area_of(command: str) -> str:
    return AREA_OF_PREFIX.get(command.split(".", 1)[0], "other")


def area_title(area: str) -> str:
    titles = dict(AREAS)
    return translate("CommandNames", titles.get(area, titles["other"]))


def command_name(command: str) -> str:
    """Return what the command does in words, in the current language; its technical name when unknown."""
    source = NAMES.get(command)
    return translate("CommandNames", source) if source is not None else command
