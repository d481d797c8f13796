"""The supplier editor and the supplier contact dialog.

The editor creates a supplier (supplier.create) or edits one
(supplier.update with only the changed fields and, as `base`, their values
when the editor opened, so the server merges per field). Before saving a new
supplier, or a changed name, phone or USCC, the duplicate check runs off the
GUI thread and possible duplicates are shown with "Open existing", "Save
anyway" and "Back". The command runs on the replica first, so its checks
(USCC check character, phone formats, required fields) reject a value under
the field they name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop.i18n import translate
from desktop.models.customer_form import DuplicateCandidate, changed_fields
from desktop.models.supplier_form import (
    DUPLICATE_CHECK_FIELDS,
    find_supplier_duplicates,
    load_contact_values,
    load_supplier_values,
)
# The dialog helpers of the customer detail work for any record that is read before its dialog opens.
from desktop.views.customer_actions import _load_then, _show
from desktop.views.customer_detail_dialogs import ContactDialog, DetailDialog, Field
from desktop.views.duplicate_warning import DuplicateWarning, WarningTexts
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
    )


class SupplierEditor(DetailDialog):
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
            Field("payment_terms_days", translate("SupplierEditor", "Payment &terms (days):")),
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
        self.duplicate_warning: DuplicateWarning | None = None
        self.editor("phone").setPlaceholderText(translate("SupplierEditor", "0871-65123456 or 13912345678"))
        self.editor("mnemonic").setPlaceholderText(translate("SupplierEditor", "Filled from the name's pinyin initials"))
        # The mnemonic follows the name until the user types one of their own.
        self._mnemonic_follows_name = not self.editor("mnemonic").text()
        self.editor("name").textChanged.connect(self._name_changed)
        self.editor("mnemonic").textEdited.connect(self._mnemonic_edited)

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

    def save(self) -> None:
        """Run the duplicate check when a new supplier or a changed name, phone or USCC needs it, then submit."""
        if self.busy:
            return
        name, payload = self.payload()
        changed = set(payload.get("fields", {})) | ({"name"} if self.row_id is None else set())
        if name is None or not DUPLICATE_CHECK_FIELDS & changed:
            super().save()
            return
        values = self.form_values()
        context, exclude_id = self.context, self.row_id
        self.busy = True

        def work(control) -> list[DuplicateCandidate]:
            with context.read_session() as session:
                return find_supplier_duplicates(session, values, exclude_id)

        def checked(candidates: list[DuplicateCandidate]) -> None:
            self.busy = False
            if candidates:
                self._warn(candidates)
            else:
                self._save_checked()

        context.tasks.run(work, on_result=checked, on_error=self._failed,
                          label=translate("SupplierEditor", "Looking for duplicates..."), parent=self)

    def _save_checked(self) -> None:
        # The check is done (nothing found, or "Save anyway"), so this submits without checking again.
        super().save()

    def _warn(self, candidates: list[DuplicateCandidate]) -> None:
        warning = DuplicateWarning(candidates, self, supplier_warning_texts())
        self.duplicate_warning = warning
        warning.accepted.connect(self._save_checked)
        warning.open_existing.connect(self._open_existing)
        warning.finished.connect(lambda _code: self._warning_closed(warning))
        warning.open()

    def _warning_closed(self, warning: DuplicateWarning) -> None:
        if self.duplicate_warning is warning:
            self.duplicate_warning = None
        warning.deleteLater()

    def _open_existing(self, supplier_id: str) -> None:
        self.open_existing_requested.emit(supplier_id)
        self.reject()


class SupplierContactDialog(ContactDialog):
    """The contact form of the customer detail, submitting supplier_contact.create / update."""

    def __init__(self, context, supplier_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, supplier_id, row_id, values, parent)
        self.setObjectName("supplierContactDialog")
        self.create_command = "supplier_contact.create"
        self.update_command = "supplier_contact.update"

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        payload = super().create_payload(row_id, values)
        payload["supplier_id"] = payload.pop("customer_id")
        return payload


def new_supplier(context, parent: QWidget | None = None,
                 on_saved: Callable[[str], None] | None = None) -> SupplierEditor:
    return _show(SupplierEditor(context, parent=parent), on_saved)


def edit_supplier(context, supplier_id: str, parent: QWidget | None = None,
                  on_saved: Callable[[str], None] | None = None) -> None:
    """Read the supplier off the GUI thread, then open the editor on it."""
    _load_then(context, parent, lambda session: load_supplier_values(session, supplier_id),
               lambda values: _show(SupplierEditor(context, supplier_id, values, parent), on_saved))


def add_supplier_contact(context, supplier_id: str, parent: QWidget | None = None,
                         on_saved: Callable[[str], None] | None = None) -> QDialog:
    return _show(SupplierContactDialog(context, supplier_id, parent=parent), on_saved)


def edit_supplier_contact(context, contact_id: str, parent: QWidget | None = None,
                          on_saved: Callable[[str], None] | None = None) -> None:
    def show(values: dict[str, Any] | None) -> None:
        if values is not None:
            _show(SupplierContactDialog(context, values.pop("supplier_id"), contact_id, values, parent), on_saved)

    _load_then(context, parent, lambda session: load_contact_values(session, contact_id), show)
