"""User messages for the codes that commands, flags and the server return.

Handlers and the server report problems as a code with parameters
({"code": "insufficient_stock", "params": {...}}); this module turns each
code into one translated sentence. Every template is a literal inside
QCoreApplication.translate so that lupdate finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.models.order_format import document_state_label, format_price, format_quantity

log = logging.getLogger(__name__)

CONTEXT = "Messages"
# Codes whose quantity parameters are shown without trailing zeros, and those parameters.
QUANTITY_PARAMS = {
    "insufficient_stock": ("requested", "available"),
    "receipt_credit_exceeds_open": ("missing", "open"),
    "receipt_excess": ("received", "delivered"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _templates() -> dict[str, str]:
    """Return the translated template of every known code, in the current language."""
    translate = QCoreApplication.translate
    return {
        # Intentions the handlers reject.
        "insufficient_stock": translate(
            "Messages", "Not enough stock of {product_code}: {requested} requested, {available} available"
        ),
        # Servers since the unit was added send the product's base unit with the shortage.
        "insufficient_stock+unit": translate(
            "Messages", "Not enough stock of {product_code}: {requested} {unit} requested, {available} {unit} available"
        ),
        "customer_inactive": translate("Messages", "Customer {customer_code} {name} is inactive"),
        "warehouse_inactive": translate("Messages", "Warehouse {warehouse_code} is inactive"),
        "product_inactive": translate("Messages", "Line {line_no}: product {product_code} is inactive"),
        "record_deleted": translate("Messages", "{name} has been deleted"),
        "record_exists": translate("Messages", "This record already exists ({table} {id})"),
        "duplicate_number": translate("Messages", "The document number {number} is already in use"),
        "duplicate_code": translate("Messages", "The code {value} is already in use"),
        "required_field": translate("Messages", "The field {field} is required"),
        "order_not_draft": translate("Messages", "Order {number} is no longer a draft (state: {status})"),
        "order_not_submitted": translate("Messages", "Order {number} is not waiting for approval (state: {status})"),
        "order_cancelled": translate("Messages", "Order {number} is cancelled"),
        "order_has_deliveries": translate("Messages", "Order {number} has deliveries and cannot be cancelled"),
        "order_not_completed": translate(
            "Messages", "Order {number} is not completed (state: {status}); only a completed order can be verified"
        ),
        "verification_no_change": translate(
            "Messages", "The verification of order {number} changes no quantity or price; change at least one line"
        ),
        "return_exceeds_delivered": translate(
            "Messages",
            "Line {line_no}: {requested} {unit_name} of {product_code} is more than delivery {delivery_number} "
            "has left to return ({delivered} delivered, {returned} already returned)",
        ),
        "receipt_credit_exceeds_open": translate(
            "Messages",
            "Line {line_no}: {missing} {unit_name} of {product_code} missing is more than delivery {delivery_number} "
            "has left to credit ({open} not yet returned or credited); correct the received quantity",
        ),
        "return_exceeds_billed": translate(
            "Messages",
            "Line {line_no}: {requested} {unit_name} of {product_code} is more than the verified order line has left "
            "to return ({billed} billed after verification, {returned} already returned)",
        ),
        "discount_exceeds_amount": translate("Messages", "Line {line_no}: the discount {discount} exceeds the amount"),
        "quantity_below_minimum": translate(
            "Messages", "Line {line_no}: {quantity} of {product_code} is below the minimum order quantity {minimum}"
        ),
        "quantity_above_maximum": translate(
            "Messages", "Line {line_no}: {quantity} of {product_code} is above the maximum order quantity {maximum}"
        ),
        "quotation_not_draft": translate("Messages", "Quotation {number} is no longer a draft (state: {status})"),
        "quotation_closed": translate("Messages", "Quotation {number} is closed (state: {status})"),
        "quotation_already_ordered": translate("Messages", "Quotation {number} has already become an order"),
        "quotation_expired": translate(
            "Messages",
            "Quotation {number} was valid until {valid_until} and cannot become an order dated {document_date}; "
            "enter a new quotation",
        ),
        # Reasons an order waits for a manager's approval.
        "credit_limit_exceeded": translate(
            "Messages", "Credit limit {credit_limit} exceeded: {credit_used} used, this order {order_amount}"
        ),
        "overdue_receivables": translate("Messages", "The customer has overdue receivables of {overdue_amount}"),
        "price_below_lowest": translate(
            "Messages", "The price {unit_price} of {product_code} is below its lowest price {lowest_price}"
        ),
        "discount_above_limit": translate(
            "Messages", "The discount {discount_percent} on {product_code} is above the limit {max_discount_percent}"
        ),
        # Flags raised on posted facts.
        "negative_stock": translate("Messages", "Stock of {product_code} went below zero (on hand {on_hand})"),
        "customer_deleted": translate("Messages", "Customer {customer_code} {name} had been deleted"),
        "supplier_deleted": translate("Messages", "Supplier {supplier_code} {name} had been deleted"),
        "receipt_uncosted": translate(
            "Messages",
            "Line {line_no} ({product_code}) entered stock at zero cost: it was received without a unit cost, "
            "and the product had no stock cost and no purchase price",
        ),
        "order_not_approved": translate("Messages", "Order {order_number} was not approved when it shipped"),
        "order_customer_mismatch": translate("Messages", "Order {order_number} belongs to another customer"),
        "reprint_without_reason": translate(
            "Messages",
            "{number} was printed again (print {print_number}) without a reprint reason, because the device that "
            "printed it had not yet received the earlier print",
        ),
        "over_delivery": translate(
            "Messages", "More of {product_code} delivered than ordered on {order_number}: {delivered} of {ordered}"
        ),
        "receipt_excess": translate(
            "Messages",
            "The customer received more {product_code} than delivery {delivery_number} shipped: "
            "{received} {unit_name} of {delivered}",
        ),
        "late_closed_period": translate(
            "Messages", "Dated {document_date} in the closed period {period}; posted on {posting_date}"
        ),
        "stocktake_book_changed": translate(
            "Messages",
            "Book stock in warehouse {warehouse_code} changed between the count and the posting "
            "(lines: {count}; products: {product_codes}); posting set it to the count",
        ),
        "stocktake_cancelled": translate(
            "Messages", "The stocktake of warehouse {warehouse_code} had been cancelled before it was posted"
        ),
        "stocktake_not_counting": translate(
            "Messages",
            "Stocktake {number} has already been posted or cancelled and can no longer be changed; start a new stocktake",
        ),
        "allocation_capped": translate(
            "Messages", "Only {allocated} of {requested} could be allocated to delivery {delivery_number}"
        ),
        "possible_duplicate": translate(
            "Messages",
            "Customer {customer_code} {name} may be the same as {other_code} {other_name} "
            "(same {match_field}: {match_value})",
        ),
        "warehouse_moved": translate(
            "Messages", "Warehouse {warehouse_code} moved from department {from_department} to {to_department}"
        ),
        "recorded_before_move": translate(
            "Messages",
            "Recorded in warehouse {warehouse_code} before it moved from {from_department} to {to_department}",
        ),
        "flag_already_resolved": translate("Messages", "The flag on {document_number} is already resolved"),
        "invalid_uscc": translate("Messages", "The unified social credit code {value} is invalid"),
        "invalid_phone": translate(
            "Messages",
            "{field}: {value} is not a valid mainland mobile or landline number; "
            "enter a landline with its area code, such as 0871-65123456",
        ),
        "invalid_supplier_phone": translate(
            "Messages",
            "{field}: {value} is not a valid phone number; enter a mainland number such as 0871-65123456, "
            "or a number abroad with + and its country code, such as +81 3 3555 5011",
        ),
        "invalid_contact_phone": translate(
            "Messages",
            "{field}: {value} is not a valid phone number; enter a mainland number with its area code, "
            "such as 0871-65123456, or a number abroad with + and its country code, such as +852 2345 6789",
        ),
        "invalid_contact_mobile": translate(
            "Messages",
            "{field}: {value} is not a valid mobile number; enter a mainland mobile such as 139 1234 5678, "
            "or a number abroad with + and its country code, such as +852 9123 4567",
        ),
        "value_out_of_range": translate(
            "Messages", "{field} must be between {minimum} and {maximum}; {value} was entered"
        ),
        "value_negative": translate("Messages", "{field} must not be negative; {value} was entered"),
        "too_many_decimal_places": translate(
            "Messages", "{field} has more than {places} decimal places: {value}"
        ),
        "task_already_resolved": translate("Messages", "This duplicate task has already been resolved"),
        "survivor_not_in_task": translate(
            "Messages", "The customer to keep must be one of the two customers of the duplicate task"
        ),
        "task_not_customer": translate("Messages", "This duplicate task is not about customers"),
        "invalid_number": translate("Messages", "{field}: {value} is not a number"),
        "unknown_setting": translate("Messages", "Unknown company setting {key}"),
        "max_below_reorder_point": translate(
            "Messages", "The maximum {max_quantity} of {product_code} is below its reorder point {reorder_point}; "
            "raise the maximum or leave it empty"
        ),
        "company_name_blank": translate("Messages", "The company name cannot be blank; enter the name printed on documents"),
        "print_template_needs_one_table": translate(
            "Messages", "A print template needs exactly one table field, but this one has {count}; keep one table"
        ),
        "print_template_field_off_paper": translate(
            "Messages", "The field {field} lies outside the {width} × {height} mm paper; move it onto the page"
        ),
        "print_template_columns_too_wide": translate(
            "Messages", "The table columns are wider than the {width} mm table; narrow the columns"
        ),
        "invalid_choice": translate("Messages", "{field} cannot be {value}; choose one of {choices}"),
        "invalid_postal_code": translate(
            "Messages", "The postal code {value} is invalid; a mainland postal code has 6 digits"
        ),
        "next_follow_up_before_date": translate(
            "Messages", "The next follow-up date {next_follow_up_date} is before the follow-up date {follow_up_date}"
        ),
        "contact_not_of_customer": translate("Messages", "{name} is not a contact of this customer"),
        # Products and prices.
        "invalid_barcode": translate("Messages", "The barcode {value} is invalid: its check digit is wrong"),
        "duplicate_barcode": translate("Messages", "The barcode {value} is already used by product {product_code}"),
        "duplicate_unit": translate("Messages", "Product {product_code} already has the unit {unit_name}"),
        "invalid_unit_factor": translate(
            "Messages",
            "The pack unit {unit_name} of {product_code} needs a factor other than 1; only the base unit has factor 1",
        ),
        "unit_not_found": translate("Messages", "Product {product_code} has no unit {unit_name}"),
        "lowest_above_list": translate(
            "Messages", "The lowest price {lowest_price} of {product_code} is above its list price {list_price}"
        ),
        "min_above_max": translate(
            "Messages", "The minimum order quantity {minimum} of {product_code} is above the maximum {maximum}"
        ),
        "category_cycle": translate(
            "Messages", "Category {category_code} cannot be placed under itself or one of its subcategories"
        ),
        "invalid_date_range": translate("Messages", "The end date {effective_to} is before the start date {effective_from}"),
        "price_set_by_adjustment": translate(
            "Messages",
            "The list price of {product_code} per {unit_name} is set by price adjustment {number}; "
            "enter a new price adjustment to change it",
        ),
        "adjustment_not_draft": translate("Messages", "Price adjustment {number} is no longer a draft (state: {status})"),
        "product_not_sellable": translate("Messages", "Product {product_code} is inactive or deleted and has no price"),
        "record_not_found": translate("Messages", "This record was not found ({table} {id})"),
        "command_too_old": translate(
            "Messages",
            "This change was saved by an older version of Kaidan (schema {schema_version}) that the server "
            "no longer accepts for {command}. Enter it again.",
        ),
        "cursor_expired": translate(
            "Messages",
            "Your last sync is older than the server keeps deletions, so Kaidan downloads your data again.",
        ),
        # Stock documents (goods receipts, transfers) of batch- and expiry-tracked products.
        "batch_required": translate(
            "Messages", "Line {line_no}: product {product_code} {name} is tracked by batch; enter its batch number"
        ),
        "expiry_required": translate(
            "Messages", "Line {line_no}: product {product_code} {name} is tracked by expiry date; enter the batch's expiry date"
        ),
        # Administration: departments, warehouses, users and role permissions.
        "department_inactive": translate("Messages", "Department {department_code} is inactive"),
        "department_cycle": translate(
            "Messages", "Department {department_code} cannot be placed under itself or one of its subdepartments"
        ),
        "department_in_use": translate(
            "Messages",
            "Department {department_code} still has {users} active users and {warehouses} active warehouses; "
            "move or deactivate them first",
        ),
        "unknown_role": translate("Messages", "Unknown role {role}"),
        "department_required": translate("Messages", "Every role except administrator needs a department"),
        "duplicate_username": translate("Messages", "The user name {value} is already in use"),
        "last_admin": translate(
            "Messages", "{username} is the last active administrator; make another user an administrator first"
        ),
        "unknown_command_name": translate("Messages", "Unknown command {command}"),
        "admin_command_locked": translate("Messages", "Administrators always keep the right to run {command}"),
        "user_not_found": translate(
            "Messages", "The user was not found on the server; sync first, then set the password"
        ),
        "password_too_short": translate("Messages", "The password needs at least {minimum} characters"),
        "user_inactive": translate("Messages", "User {username} is deactivated; ask an administrator"),
        # Framework and server errors.
        "depends_on_refused": translate("Messages", "Held because an earlier change it depends on was rejected"),
        "not_authorized": translate("Messages", "Your role may not do this"),
        "out_of_scope": translate("Messages", "This is outside your department or warehouses"),
        "invalid_payload": translate("Messages", "The document is incomplete or invalid"),
        "unknown_command": translate("Messages", "The server does not know this command; update Kaidan"),
        "not_authenticated": translate("Messages", "Please sign in again"),
        "forbidden": translate("Messages", "You may not do this"),
        "not_found": translate("Messages", "Not found on the server"),
        "internal_error": translate("Messages", "The server failed; try again later"),
    }


class _KeepMissing(dict):
    """Format parameters that leave a placeholder it has no value for as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Return the user message for `code` with `params` filled in, in the current language.

    An unknown code still gives a readable message that names the code, so
    a newer server's refusal is never shown blank.
    """
    values = _KeepMissing({key: _display(key, value) for key, value in (params or {}).items()})
    for key in QUANTITY_PARAMS.get(code, ()):
        if key in values:
            values[key] = _quantity(values[key])
    if "match_field" in values:
        values["match_field"] = _match_field_label(values["match_field"])
    if "field" in values:
        values["field"] = _field_label(values["field"])
    if "status" in values:
        values["status"] = document_state_label(values["status"])
    templates = _templates()
    template = templates.get(code)
    if values.get("unit") and f"{code}+unit" in templates:
        template = templates[f"{code}+unit"]
    if template is None:
        log.warning("no message for code %r; showing the code", code)
        return _tr("The operation was rejected ({code})").format(code=code)
    return template.format_map(values)


def messages_for(entries: list[Mapping[str, Any]] | None) -> list[str]:
    """Return the messages of a list of {"code", "params"} entries (warnings, flags, reasons)."""
    return [message_for(str(entry.get("code", "")), entry.get("params") or {}) for entry in entries or []]


def _match_field_label(field: str) -> str:
    """Return the translated name of the field two possibly duplicate customers share."""
    labels = {
        "phone": QCoreApplication.translate("Messages", "phone"),
        "uscc": QCoreApplication.translate("Messages", "unified social credit code"),
        "name": QCoreApplication.translate("Messages", "name"),
    }
    return labels.get(field, field)


def _field_label(field: str) -> str:
    """Return the translated name of the payload field a rejection names ("fields.phone" or "phone")."""
    translate = QCoreApplication.translate
    labels = {
        "code": translate("Fields", "Code"),
        "name": translate("Fields", "Name"),
        "phone": translate("Fields", "Phone"),
        "mobile": translate("Fields", "Mobile"),
        "uscc": translate("Fields", "Unified social credit code"),
        "payment_terms_days": translate("Fields", "Payment terms (days)"),
        "price_level": translate("Fields", "Price level"),
        "default_credit_limit": translate("Fields", "Default credit limit"),
        "credit_limit": translate("Fields", "Credit limit"),
        "mnemonic": translate("Fields", "Mnemonic"),
        "address": translate("Fields", "Address"),
        "title": translate("Fields", "Invoice title"),
        "tax_number": translate("Fields", "Tax number"),
        "postal_code": translate("Fields", "Postal code"),
        "content": translate("Fields", "Follow-up content"),
        "next_follow_up_date": translate("Fields", "Next follow-up date"),
        "username": translate("Fields", "User name"),
        "display_name": translate("Fields", "Display name"),
        "discount_limit": translate("Fields", "Discount limit"),
        "max_discount_percent": translate("Fields", "Maximum line discount"),
        "credit_check": translate("Fields", "Credit check"),
        "department_id": translate("Fields", "Department"),
        "parent_id": translate("Fields", "Parent department"),
        "role": translate("Fields", "Role"),
        "negative_stock_policy": translate("Fields", "Negative stock policy"),
    }
    name = field.rsplit(".", 1)[-1]
    return labels.get(name, field)


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key.endswith("_price") or key == "price":
        # Prices travel with 4 decimals ("30.0000"); show them as the order form does ("30.00").
        try:
            return format_price(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if key.endswith("_percent"):
        # Rates travel as fractions (0.25 for 25%), as in the order payload's discount_percent.
        try:
            percent = Decimal(str(value)) * 100
        except InvalidOperation:
            return str(value)
        return f"{percent.normalize():f}%"
    return str(value)


def _quantity(text: str) -> str:
    """Show a quantity that travels rounded to 3 decimals ("100.000") without trailing zeros."""
    try:
        return format_quantity(Decimal(text))
    except InvalidOperation:
        return text


def _command_templates() -> dict[str, tuple[str, str]]:
    """Return what each command does, in the current language: (with {party}, without it).

    {number} is the document number or customer code, {party} the customer's name.
    """
    translate = QCoreApplication.translate
    return {
        "customer.create": (translate("Messages", "Create customer {number} {party}"),
                            translate("Messages", "Create customer {number}")),
        "customer.update": (translate("Messages", "Change customer {number} {party}"),
                            translate("Messages", "Change customer {number}")),
        "customer.delete": (translate("Messages", "Delete customer {number} {party}"),
                            translate("Messages", "Delete customer {number}")),
        "order.create": (translate("Messages", "Enter order {number} for {party}"),
                         translate("Messages", "Enter order {number}")),
        "order.update": (translate("Messages", "Change order {number} for {party}"),
                         translate("Messages", "Change order {number}")),
        "order.confirm": (translate("Messages", "Confirm order {number} for {party}"),
                          translate("Messages", "Confirm order {number}")),
        "order.approve": (translate("Messages", "Approve order {number} for {party}"),
                          translate("Messages", "Approve order {number}")),
        "order.cancel": (translate("Messages", "Cancel order {number} for {party}"),
                         translate("Messages", "Cancel order {number}")),
        "quotation.create": (translate("Messages", "Enter quotation {number} for {party}"),
                             translate("Messages", "Enter quotation {number}")),
        "quotation.update": (translate("Messages", "Change quotation {number} for {party}"),
                             translate("Messages", "Change quotation {number}")),
        "quotation.send": (translate("Messages", "Mark quotation {number} for {party} as sent"),
                           translate("Messages", "Mark quotation {number} as sent")),
        "quotation.cancel": (translate("Messages", "Cancel quotation {number} for {party}"),
                             translate("Messages", "Cancel quotation {number}")),
        "quotation.mark_lost": (translate("Messages", "Mark quotation {number} for {party} as lost"),
                                translate("Messages", "Mark quotation {number} as lost")),
        "quotation.convert": (translate("Messages", "Turn quotation {number} for {party} into an order"),
                              translate("Messages", "Turn quotation {number} into an order")),
        "order.send_back": (translate("Messages", "Send order {number} for {party} back to the clerk"),
                            translate("Messages", "Send order {number} back to the clerk")),
        "order.verify": (translate("Messages", "Verify order {number} for {party}"),
                         translate("Messages", "Verify order {number}")),
        "receipt_confirmation.post": (translate("Messages", "Record receipt {number} from {party}"),
                                      translate("Messages", "Record receipt {number}")),
        "sales_return.post": (translate("Messages", "Post sales return {number} from {party}"),
                              translate("Messages", "Post sales return {number}")),
        "delivery.ship": (translate("Messages", "Ship delivery note {number} to {party}"),
                          translate("Messages", "Ship delivery note {number}")),
        "document.record_print": (translate("Messages", "Record a print of {number} for {party}"),
                                  translate("Messages", "Record a print of {number}")),
        "payment.record": (translate("Messages", "Record payment {number} from {party}"),
                           translate("Messages", "Record payment {number}")),
        "goods_receipt.post": (translate("Messages", "Post goods receipt {number}"),
                               translate("Messages", "Post goods receipt {number}")),
        "stock_transfer.post": (translate("Messages", "Post stock transfer {number}"),
                                translate("Messages", "Post stock transfer {number}")),
        "reorder_point.set": (translate("Messages", "Set a reorder point"),
                              translate("Messages", "Set a reorder point")),
        "stocktake.save": (translate("Messages", "Save stocktake {number}"),
                           translate("Messages", "Save stocktake {number}")),
        "stocktake.post": (translate("Messages", "Post stocktake {number}"),
                           translate("Messages", "Post stocktake {number}")),
        "stocktake.cancel": (translate("Messages", "Cancel stocktake {number}"),
                             translate("Messages", "Cancel stocktake {number}")),
        "flag.resolve": (translate("Messages", "Resolve the flag on {number}"),
                         translate("Messages", "Resolve the flag on {number}")),
        "customer.merge": (translate("Messages", "Merge duplicate customers"),
                           translate("Messages", "Merge duplicate customers")),
        "duplicate_task.dismiss": (translate("Messages", "Mark two customers as different businesses"),
                                   translate("Messages", "Mark two customers as different businesses")),
        "customer_contact.create": (translate("Messages", "Add a contact to {party}"),
                                    translate("Messages", "Add a customer contact")),
        "customer_contact.update": (translate("Messages", "Change a contact of {party}"),
                                    translate("Messages", "Change a customer contact")),
        "customer_contact.delete": (translate("Messages", "Delete a contact of {party}"),
                                    translate("Messages", "Delete a customer contact")),
        "customer_follow_up.add": (translate("Messages", "Add a follow-up to {party}"),
                                   translate("Messages", "Add a customer follow-up")),
        "shipping_address.create": (translate("Messages", "Add a shipping address to {party}"),
                                    translate("Messages", "Add a shipping address")),
        "shipping_address.update": (translate("Messages", "Change a shipping address of {party}"),
                                    translate("Messages", "Change a shipping address")),
        "shipping_address.delete": (translate("Messages", "Delete a shipping address of {party}"),
                                    translate("Messages", "Delete a shipping address")),
        "invoicing_details.create": (translate("Messages", "Add invoicing details to {party}"),
                                     translate("Messages", "Add invoicing details")),
        "invoicing_details.update": (translate("Messages", "Change the invoicing details of {party}"),
                                     translate("Messages", "Change invoicing details")),
        "invoicing_details.delete": (translate("Messages", "Delete invoicing details of {party}"),
                                     translate("Messages", "Delete invoicing details")),
        "customer_category.create": (translate("Messages", "Create customer category {number}"),
                                     translate("Messages", "Create customer category {number}")),
        "customer_category.update": (translate("Messages", "Change customer category {number}"),
                                     translate("Messages", "Change customer category {number}")),
        "product.create": (translate("Messages", "Create product {number} {party}"),
                           translate("Messages", "Create product {number}")),
        "product.update": (translate("Messages", "Change product {number} {party}"),
                           translate("Messages", "Change product {number}")),
        "product.deactivate": (translate("Messages", "Deactivate product {number} {party}"),
                               translate("Messages", "Deactivate product {number}")),
        "product_barcode.add": (translate("Messages", "Add a barcode to product {number} {party}"),
                                translate("Messages", "Add a product barcode")),
        "product_barcode.remove": (translate("Messages", "Remove a barcode of product {number} {party}"),
                                   translate("Messages", "Remove a product barcode")),
        "product_unit.set": (translate("Messages", "Set a unit of product {number} {party}"),
                             translate("Messages", "Set a product unit")),
        "product_unit.remove": (translate("Messages", "Remove a unit of product {number} {party}"),
                                translate("Messages", "Remove a product unit")),
        "product_category.create": (translate("Messages", "Create product category {number} {party}"),
                                    translate("Messages", "Create product category {number}")),
        "product_category.update": (translate("Messages", "Change product category {number} {party}"),
                                    translate("Messages", "Change product category {number}")),
        "brand.create": (translate("Messages", "Create brand {number} {party}"),
                         translate("Messages", "Create brand {number}")),
        "brand.update": (translate("Messages", "Change brand {number} {party}"),
                         translate("Messages", "Change brand {number}")),
        "agreed_price.set": (translate("Messages", "Set an agreed price for {party}"),
                             translate("Messages", "Set an agreed price")),
        "agreed_price.end": (translate("Messages", "End an agreed price of {party}"),
                             translate("Messages", "End an agreed price")),
        "category_price.set": (translate("Messages", "Set a customer category price"),
                               translate("Messages", "Set a customer category price")),
        "price_adjustment.create": (translate("Messages", "Enter price adjustment {number}"),
                                    translate("Messages", "Enter price adjustment {number}")),
        "price_adjustment.approve": (translate("Messages", "Approve price adjustment {number}"),
                                     translate("Messages", "Approve price adjustment {number}")),
        "price_adjustment.apply_due": (translate("Messages", "Apply the due price adjustments"),
                                       translate("Messages", "Apply the due price adjustments")),
        "promotion.create": (translate("Messages", "Create promotion {number} {party}"),
                             translate("Messages", "Create promotion {number}")),
        "promotion.update": (translate("Messages", "Change promotion {number} {party}"),
                             translate("Messages", "Change promotion {number}")),
        "promotion.end": (translate("Messages", "End promotion {number} {party}"),
                          translate("Messages", "End promotion {number}")),
        "supplier.create": (translate("Messages", "Create supplier {number} {party}"),
                            translate("Messages", "Create supplier {number}")),
        "supplier.update": (translate("Messages", "Change supplier {number} {party}"),
                            translate("Messages", "Change supplier {number}")),
        "supplier_contact.create": (translate("Messages", "Add a contact to supplier {party}"),
                                    translate("Messages", "Add a supplier contact")),
        "supplier_contact.update": (translate("Messages", "Change a contact of supplier {party}"),
                                    translate("Messages", "Change a supplier contact")),
        "supplier_contact.delete": (translate("Messages", "Delete a contact of supplier {party}"),
                                    translate("Messages", "Delete a supplier contact")),
        "department.create": (translate("Messages", "Create department {number} {party}"),
                              translate("Messages", "Create department {number}")),
        "department.update": (translate("Messages", "Change department {number} {party}"),
                              translate("Messages", "Change department {number}")),
        "warehouse.create": (translate("Messages", "Create warehouse {number} {party}"),
                             translate("Messages", "Create warehouse {number}")),
        "warehouse.update": (translate("Messages", "Change warehouse {number} {party}"),
                             translate("Messages", "Change warehouse {number}")),
        "user.create": (translate("Messages", "Create user {number} {party}"),
                        translate("Messages", "Create user {number}")),
        "user.update": (translate("Messages", "Change user {number} {party}"),
                        translate("Messages", "Change user {number}")),
        "role_permission.set": (translate("Messages", "Change the permission {number}"),
                                translate("Messages", "Change the permission {number}")),
        "role_profile.update": (translate("Messages", "Change the settings of role {number}"),
                                translate("Messages", "Change the settings of role {number}")),
        "company_setting.set": (translate("Messages", "Change the company setting {number}"),
                                translate("Messages", "Change the company setting {number}")),
        "print_template.save": (translate("Messages", "Save the print template {number}"),
                                translate("Messages", "Save the print template {number}")),
    }


def command_label(name: str, number: str = "", party: str = "") -> str:
    """Return a command in words ("Confirm order SO-A3-20261204-0007"), in the current language.

    A command this version does not describe shows its technical name, so it
    is never blank.
    """
    templates = _command_templates().get(name)
    if templates is None:
        return " ".join(QCoreApplication.translate("Messages", "Change {command} {number}").format(command=name, number=number or "").split())
    with_party, without_party = templates
    text = (with_party if party else without_party).format(number=number or "", party=party or "")
    return " ".join(text.split())


def flag_advice(code: str) -> str:
    """Return what a manager should do about a flag raised with rule `code`."""
    translate = QCoreApplication.translate
    advice = {
        "negative_stock": translate(
            "Messages", "Count the product in that warehouse and post the missing goods receipt or a stocktake."
        ),
        "customer_deleted": translate(
            "Messages", "Check whether the customer was deleted by mistake; restore it or move the document to the right customer."
        ),
        "supplier_deleted": translate(
            "Messages", "Check whether the supplier was deleted by mistake; restore it or move the document to the right supplier."
        ),
        "receipt_uncosted": translate(
            "Messages",
            "Set the product's purchase price so that later receipts without a cost use it, and check the stock value "
            "of the product in that warehouse.",
        ),
        "order_not_approved": translate(
            "Messages", "Review the order: approve it now, or agree with the customer how to return the goods."
        ),
        "order_customer_mismatch": translate(
            "Messages", "Compare the delivery note with the order and correct the customer with a return and a new delivery."
        ),
        "over_delivery": translate(
            "Messages", "Confirm the extra quantity with the customer, or record a return for it."
        ),
        "receipt_excess": translate(
            "Messages", "Find where the extra goods came from; bill them on a new delivery or fetch them back."
        ),
        "late_closed_period": translate(
            "Messages", "Check the entry in the open period; the closed period's statements stay unchanged."
        ),
        "reprint_without_reason": translate(
            "Messages", "Ask who printed the document why it was printed again, and make sure only one copy is in use."
        ),
        "stocktake_book_changed": translate(
            "Messages",
            "Check the movements of those products posted after the count; if goods moved after they were counted, "
            "count those products again and post a new stocktake.",
        ),
        "stocktake_cancelled": translate(
            "Messages", "Ask the keeper whether the count is valid; if not, count the warehouse again and post a new stocktake."
        ),
        "allocation_capped": translate(
            "Messages", "Allocate the rest of the payment to other deliveries of the customer, or refund it."
        ),
        "possible_duplicate": translate(
            "Messages", "Compare the two customers; if they are one business, merge them, otherwise mark this resolved."
        ),
        "warehouse_moved": translate(
            "Messages", "Check that the old department's keepers have synced; their replicas no longer show the warehouse."
        ),
        "recorded_before_move": translate(
            "Messages", "Check the document with the keeper who recorded it; the goods moved before the warehouse changed department."
        ),
    }
    return advice.get(code, translate("Messages", "Check the document, then mark the flag resolved with what you did."))


# Rejection codes that no edit of the data fixes, because only an administrator can grant the permission.
_PERMISSION_CODES = frozenset({"not_authorized", "out_of_scope"})


def resend_advice(code: str | None) -> str:
    """Return what the user can do about a change that a resend found still rejected with `code`."""
    if code in _PERMISSION_CODES:
        return QCoreApplication.translate(
            "Messages", "Ask an administrator to grant you the permission, or discard the change."
        )
    return QCoreApplication.translate("Messages", "Correct the data it refers to first, or discard the change.")


def price_rule_label(rule: str | None) -> str:
    """Return the translated name of the rule that gave a quoted price (domain.price_lookup.PriceRule)."""
    translate = QCoreApplication.translate
    labels = {
        "agreed": translate("Messages", "agreed price"),
        "category": translate("Messages", "category price"),
        "price_level": translate("Messages", "price level price"),
        "adjustment": translate("Messages", "price adjustment"),
        "list": translate("Messages", "list price"),
        "promotion": translate("Messages", "promotion"),
    }
    if rule is None:
        return ""
    return labels.get(rule, rule)


def role_label(role: str | None) -> str:
    """Return the translated name of a user role ("warehouse" is shown as warehouse keeper)."""
    translate = QCoreApplication.translate
    labels = {
        "clerk": translate("Roles", "order clerk"),
        "warehouse": translate("Roles", "warehouse keeper"),
        "finance": translate("Roles", "finance"),
        "manager": translate("Roles", "manager"),
        "admin": translate("Roles", "administrator"),
    }
    if role is None:
        return translate("Roles", "no role")
    return labels.get(role, role)
