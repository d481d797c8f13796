"""Entry points of customer editing for the customers page and the customer detail page.

`install_customer_actions(detail, context, customer_id)` adds the buttons
(Edit, Add contact, Add address, Invoicing details, Add follow-up) to the
detail widget's `actions_bar` layout, and calls its `refresh()` after a
save. The `edit_*` functions open a dialog on an existing row; they read it
off the GUI thread first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from sqlalchemy import select

from desktop.command_access import may_run
from desktop.i18n import translate
from desktop.views.customer_detail_dialogs import AddressDialog, ContactDialog, FollowUpDialog, InvoicingDialog
from desktop.views.customer_editor import new_customer, open_customer_editor
from domain.models import CustomerContact, InvoicingDetails, ShippingAddress

log = logging.getLogger(__name__)


__all__ = ["add_address", "add_contact", "add_follow_up", "edit_address", "edit_contact", "edit_invoicing",
           "install_customer_actions", "new_customer", "open_customer_editor"]

CONTACT_FIELDS = ("name", "position", "mobile", "phone", "email", "wechat", "is_primary", "note")
ADDRESS_FIELDS = ("label", "recipient_name", "phone", "province", "city", "district", "address", "postal_code",
                  "is_default")
INVOICING_FIELDS = ("title", "tax_number", "default_invoice_type", "bank_name", "bank_account", "address", "phone",
                    "email", "is_default")


def _show(dialog: QDialog, on_saved: Callable[[str], None] | None) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog


def add_contact(context, customer_id: str, parent: QWidget | None = None,
                on_saved: Callable[[str], None] | None = None) -> QDialog:
    return _show(ContactDialog(context, customer_id, parent=parent), on_saved)


def add_address(context, customer_id: str, parent: QWidget | None = None,
                on_saved: Callable[[str], None] | None = None) -> QDialog:
    return _show(AddressDialog(context, customer_id, parent=parent), on_saved)


def _load_then(context, parent: QWidget | None, load: Callable[[Any], Any], show: Callable[[Any], None]) -> None:
    def work(control) -> Any:
        with context.read_session() as session:
            return load(session)

    def failed(error: BaseException) -> None:
        log.error("loading a customer detail row failed", exc_info=(type(error), error, error.__traceback__))

    context.tasks.run(work, on_result=show, on_error=failed, label=translate("CustomerActions", "Loading..."), parent=parent)


def _row_values(session, model: type, row_id: str, fields: tuple[str, ...]) -> dict[str, Any] | None:
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        return None
    return {"customer_id": row.customer_id, **{field: getattr(row, field) for field in fields}}


def edit_contact(context, contact_id: str, parent: QWidget | None = None,
                 on_saved: Callable[[str], None] | None = None) -> None:
    def show(values: dict[str, Any] | None) -> None:
        if values is not None:
            _show(ContactDialog(context, values.pop("customer_id"), contact_id, values, parent), on_saved)

    _load_then(context, parent, lambda session: _row_values(session, CustomerContact, contact_id, CONTACT_FIELDS), show)


def edit_address(context, address_id: str, parent: QWidget | None = None,
                 on_saved: Callable[[str], None] | None = None) -> None:
    def show(values: dict[str, Any] | None) -> None:
        if values is not None:
            _show(AddressDialog(context, values.pop("customer_id"), address_id, values, parent), on_saved)

    _load_then(context, parent, lambda session: _row_values(session, ShippingAddress, address_id, ADDRESS_FIELDS), show)


def edit_invoicing(context, customer_id: str, parent: QWidget | None = None,
                   on_saved: Callable[[str], None] | None = None) -> None:
    """Open the customer's default invoicing details, or an empty form when it has none."""
    def load(session) -> tuple[str | None, dict[str, Any] | None]:
        row_id = session.execute(
            select(InvoicingDetails.id).where(
                InvoicingDetails.customer_id == customer_id, InvoicingDetails.deleted_at.is_(None),
            ).order_by(InvoicingDetails.is_default.desc(), InvoicingDetails.id).limit(1)
        ).scalar_one_or_none()
        if row_id is None:
            return None, None
        values = _row_values(session, InvoicingDetails, row_id, INVOICING_FIELDS)
        values.pop("customer_id")
        return row_id, values

    def show(found: tuple[str | None, dict[str, Any] | None]) -> None:
        row_id, values = found
        _show(InvoicingDialog(context, customer_id, row_id, values, parent), on_saved)

    _load_then(context, parent, load, show)


def add_follow_up(context, customer_id: str, parent: QWidget | None = None,
                  on_saved: Callable[[str], None] | None = None) -> None:
    """Open the follow-up dialog with the customer's live contacts to choose from."""
    def load(session) -> tuple[tuple[str, str], ...]:
        rows = session.execute(
            select(CustomerContact.id, CustomerContact.name).where(
                CustomerContact.customer_id == customer_id, CustomerContact.deleted_at.is_(None),
            ).order_by(CustomerContact.is_primary.desc(), CustomerContact.name)
        ).all()
        return tuple((row.id, row.name) for row in rows)

    _load_then(context, parent, load,
               lambda contacts: _show(FollowUpDialog(context, customer_id, contacts, parent), on_saved))


def install_customer_actions(detail: QWidget, context, customer_id: str) -> list[QPushButton]:
    """Add the editing buttons to `detail.actions_bar` and return them; each save calls `detail.refresh()`.

    The shortcuts work anywhere in the detail widget's window, as button shortcuts do in Qt.
    """
    def refresh(_row_id: str) -> None:
        if hasattr(detail, "refresh"):
            detail.refresh()

    # (object name, text, keys, tooltip, slot, command the button's dialog submits)
    entries = (
        ("editCustomerButton", translate("CustomerActions", "Edit... (Ctrl+E)"), "Ctrl+E",
         translate("CustomerActions", "Change this customer's master data (Ctrl+E)"),
         lambda: open_customer_editor(context, customer_id, detail, refresh), "customer.update"),
        ("addContactButton", translate("CustomerActions", "Add contact... (Ctrl+Shift+C)"), "Ctrl+Shift+C",
         translate("CustomerActions", "Add a contact person (Ctrl+Shift+C)"),
         lambda: add_contact(context, customer_id, detail, refresh), "customer_contact.create"),
        ("addAddressButton", translate("CustomerActions", "Add address... (Ctrl+Shift+A)"), "Ctrl+Shift+A",
         translate("CustomerActions", "Add a shipping address (Ctrl+Shift+A)"),
         lambda: add_address(context, customer_id, detail, refresh), "shipping_address.create"),
        ("invoicingButton", translate("CustomerActions", "Invoicing details... (Ctrl+Shift+I)"), "Ctrl+Shift+I",
         translate("CustomerActions", "Enter or change the invoicing details (Ctrl+Shift+I)"),
         lambda: edit_invoicing(context, customer_id, detail, refresh), "invoicing_details.update"),
        ("addFollowUpButton", translate("CustomerActions", "Add follow-up... (Ctrl+Shift+F)"), "Ctrl+Shift+F",
         translate("CustomerActions", "Log a call, visit or message (Ctrl+Shift+F)"),
         lambda: add_follow_up(context, customer_id, detail, refresh), "customer_follow_up.add"),
    )
    buttons = []
    for name, text, keys, tooltip, slot, command_name in entries:
        if not may_run(context, command_name):
            continue
        button = QPushButton(text, detail)
        button.setObjectName(name)
        button.setToolTip(tooltip)
        button.setShortcut(QKeySequence(keys))
        button.setAutoDefault(False)
        button.clicked.connect(lambda checked=False, run=slot: run())
        detail.actions_bar.addWidget(button)
        buttons.append(button)
    return buttons
