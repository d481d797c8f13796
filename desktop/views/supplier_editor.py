"""The supplier editor and the supplier contact dialog.

The editor creates a supplier (supplier.create) or edits one
(supplier.update with only the changed fields and, as `base`, their values
when the editor opened, so the server merges per field). Before saving a new
supplier, or a changed name, phone or USCC, the duplicate check runs off the
GUI thread and possible duplicates are shown with "Open existing", "Save
anyway" and "Back". The field checks of the command (USCC check character,
phone formats, required code and name) run before the duplicate check, and
again when the command runs on the replica; both show a rejection under the
field it names. Esc, Cancel and the close button ask before changed fields
are discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop.i18n import translate
from desktop.models.customer_form import changed_fields
from desktop.models.supplier_form import (
    DUPLICATE_CHECK_FIELDS,
    find_supplier_duplicates,
    load_contact_values,
    load_supplier_values,
)
# The dialog helpers of the customer detail work for any record that is read before its dialog opens.
from desktop.views.customer_actions import _load_then, _show
from desktop.views.customer_detail_dialogs import ContactDialog, DetailDialog, Field
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.duplicate_warning import DuplicateCheckFlow, WarningTexts
from domain.commands.framework import CommandRejected
from domain.commands.handlers.suppliers import validated_supplier_fields
from domain.ids import new_id
from domain.mnemonic import mnemonic_for

log = logging.getLogger(__name__)


def supplier_warning_texts() -> WarningTexts:
    return WarningTexts(
        translate("SupplierEditor", "Possible duplicate supplier"),
        translate(
            "SupplierEditor",
            "This supplier may already exist. Open the existing supplier, or save a new one if they are "
            "different businesses.",
        ),
        translate("SupplierEditor", "Open the selected supplier instead of saving (Alt+O)"),
        translate("SupplierEditor", "Save as a separate supplier (Alt+S)"),
        translate("SupplierEditor", "&Open existing supplier"),
    )


class SupplierEditor(DuplicateCheckFlow, DiscardQuestion, DetailDialog):
    """Creates a supplier (`supplier_id` None) or edits one; emits `saved` with the id after the local submit."""

    # The user chose an existing supplier in the duplicate warning.
    open_existing_requested = Signal(str)

    def __init__(self, context, supplier_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("code", translate("SupplierEditor", "&Code:")),
            Field("name", translate("SupplierEditor", "&Name:")),
            Field("mnemonic", translate("SupplierEditor", "&Mnemonic:")),
            Field("phone", translate("SupplierEditor", "&Phone:")),
            Field("address", translate("SupplierEditor", "&Address:")),
            Field("uscc", translate("SupplierEditor", "&Unified social credit code:")),
            Field("payment_terms_days", translate("SupplierEditor", "Payment &terms (days):"), "number"),
            Field("notes", translate("SupplierEditor", "N&otes:"), "note"),
            Field("active", translate("SupplierEditor", "Acti&ve:"), "check"),
        ]
        if supplier_id is None:
            title = translate("SupplierEditor", "New supplier")
        else:
            title = translate("SupplierEditor", "Edit supplier {code} {name}").format(
                code=(values or {}).get("code", ""), name=(values or {}).get("name", ""))
        super().__init__(context, title, fields, create_command="supplier.create", update_command="supplier.update",
                         customer_id="", row_id=supplier_id, values=values or {"active": True}, parent=parent)
        self.setObjectName("supplierEditor")
        self.editor("phone").setPlaceholderText(translate("SupplierEditor", "0871-65123456, 13912345678 or +81 3 3555 5011"))
        self.editor("mnemonic").setPlaceholderText(translate("SupplierEditor", "Filled from the name's pinyin initials"))
        # The mnemonic follows the name until the user types one of their own.
        self._mnemonic_follows_name = not self.editor("mnemonic").text()
        self.editor("name").textChanged.connect(self._name_changed)
        self.editor("mnemonic").textEdited.connect(self._mnemonic_edited)
        self.remember_shown_values()

    def _name_changed(self, name: str) -> None:
        if self._mnemonic_follows_name:
            self.editor("mnemonic").setText(mnemonic_for(name))

    def _mnemonic_edited(self, text: str) -> None:
        self._mnemonic_follows_name = not text.strip()

    def form_values(self) -> dict[str, Any]:
        """Return the form's values; the payment terms as a number when they are digits, else as typed for the check."""
        values = self.values()
        days = values.get("payment_terms_days")
        if isinstance(days, str) and days.isdigit():
            values["payment_terms_days"] = int(days)
        return values

    def payload(self) -> tuple[str | None, dict[str, Any]]:
        values = self.form_values()
        if self.row_id is None:
            code, name = values.pop("code") or "", values.pop("name") or ""
            fields = {key: value for key, value in values.items() if value is not None}
            if fields.get("active") is True:
                fields.pop("active")
            return "supplier.create", {"id": new_id(), "code": code, "name": name, "fields": fields}
        fields, base = changed_fields(self.original, values)
        if not fields:
            return None, {}
        return "supplier.update", {"id": self.row_id, "fields": fields, "base": base}

    def field_rejection(self) -> CommandRejected | None:
        """Run the command's field checks on the form, so a format error shows before the duplicate warning."""
        values = self.form_values()
        for field in ("code", "name"):
            if values.get(field) is None:
                return CommandRejected("required_field", table="supplier", field=field)
        try:
            validated_supplier_fields({field: values.get(field) for field in ("phone", "uscc")})
        except CommandRejected as error:
            return error
        return None

    def save(self) -> None:
        """Check the fields, run the duplicate check when a new supplier or a changed name, phone or USCC needs it, then submit."""
        if self.busy:
            return
        for row in self.rows.values():
            row.clear_error()
        self.message_label.clear()
        rejection = self.field_rejection()
        if rejection is not None:
            self._failed(rejection)
            return
        name, payload = self.payload()
        changed = set(payload.get("fields", {})) | ({"name"} if self.row_id is None else set())
        if name is None or not DUPLICATE_CHECK_FIELDS & changed:
            super().save()
            return
        values, exclude_id = self.form_values(), self.row_id
        self.check_duplicates(lambda session: find_supplier_duplicates(session, values, exclude_id),
                              self._save_checked, label=translate("SupplierEditor", "Looking for duplicates..."),
                              set_busy=self._set_busy, texts=supplier_warning_texts())

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy

    def _save_checked(self) -> None:
        # The check is done (nothing found, or "Save anyway"), so this submits without checking again.
        super().save()


class SupplierContactDialog(DiscardQuestion, ContactDialog):
    """The contact form of the customer detail, submitting supplier_contact.create / update."""

    def __init__(self, context, supplier_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, supplier_id, row_id, values, parent)
        self.setObjectName("supplierContactDialog")
        self.create_command = "supplier_contact.create"
        self.update_command = "supplier_contact.update"
        self.remember_shown_values()

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        payload = super().create_payload(row_id, values)
        payload["supplier_id"] = payload.pop("customer_id")
        return payload


def _show_editor(editor: SupplierEditor, on_saved: Callable[[str], None] | None,
                 on_open_existing: Callable[[str], None] | None) -> SupplierEditor:
    if on_open_existing is not None:
        editor.open_existing_requested.connect(on_open_existing)
    return _show(editor, on_saved)


def new_supplier(context, parent: QWidget | None = None, on_saved: Callable[[str], None] | None = None,
                 on_open_existing: Callable[[str], None] | None = None) -> SupplierEditor:
    """Open an empty editor; `on_open_existing` gets the supplier chosen in the duplicate warning."""
    return _show_editor(SupplierEditor(context, parent=parent), on_saved, on_open_existing)


def edit_supplier(context, supplier_id: str, parent: QWidget | None = None,
                  on_saved: Callable[[str], None] | None = None,
                  on_open_existing: Callable[[str], None] | None = None) -> None:
    """Read the supplier off the GUI thread, then open the editor on it."""
    _load_then(context, parent, lambda session: load_supplier_values(session, supplier_id),
               lambda values: _show_editor(SupplierEditor(context, supplier_id, values, parent), on_saved,
                                           on_open_existing))


def add_supplier_contact(context, supplier_id: str, parent: QWidget | None = None,
                         on_saved: Callable[[str], None] | None = None) -> QDialog:
    return _show(SupplierContactDialog(context, supplier_id, parent=parent), on_saved)


def edit_supplier_contact(context, contact_id: str, parent: QWidget | None = None,
                          on_saved: Callable[[str], None] | None = None) -> None:
    def show(values: dict[str, Any] | None) -> None:
        if values is not None:
            _show(SupplierContactDialog(context, values.pop("supplier_id"), contact_id, values, parent), on_saved)

    _load_then(context, parent, lambda session: load_contact_values(session, contact_id), show)
