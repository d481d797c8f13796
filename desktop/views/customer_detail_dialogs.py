"""Small dialogs for a customer's contacts, shipping addresses, invoicing details and follow-ups.

Each dialog is one form that creates a row or edits one. An edit sends only
the fields that changed, because these rows merge per field with the last
write winning. The command's local run checks the values with the same
rules as the server (domain.validation), and a rejection that names a field
is shown under that field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.views.form_fields import FieldRow, rejected_field, rejection_text
from domain.ids import new_id
from sync.client import Submitted

log = logging.getLogger(__name__)

# The earliest date a QDateEdit offers; it shows as "(none)", meaning no date.
NO_DATE = QDate(2000, 1, 1)


@dataclasses.dataclass(frozen=True)
class Field:
    """One input of a detail form: its payload name, label and kind (text, number, note, check, choice, date, date_or_none)."""

    name: str
    label: str
    kind: str = "text"
    # (value, text) entries of a choice.
    choices: tuple[tuple[Any, str], ...] = ()


class DetailDialog(QDialog):
    """A form over `fields` that submits `create_command` or `update_command` and emits `saved` with the row id."""

    saved = Signal(str)

    def __init__(self, context, title: str, fields: list[Field], *, create_command: str, update_command: str | None,
                 customer_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.fields = fields
        self.create_command = create_command
        self.update_command = update_command
        self.customer_id = customer_id
        self.row_id = row_id
        self.original = dict(values or {})
        self.busy = False
        self.setWindowTitle(title)
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields:
            row = FieldRow(field.name, self._editor(field), self)
            self.rows[field.name] = row
            label = QLabel(field.label, self)
            label.setBuddy(row.editor)
            form.addRow(label, row)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("dialogMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        self.save_button = QPushButton(translate("CustomerDetails", "Save (Ctrl+S)"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(translate("CustomerDetails", "Cancel (Esc)"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        for field in fields:
            self.set_value(field.name, self.original.get(field.name))
        self.resize(460, self.sizeHint().height())
        if fields:
            self.rows[fields[0].name].editor.setFocus()

    def _editor(self, field: Field) -> QWidget:
        if field.kind == "note":
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(80)
        elif field.kind == "check":
            editor = QCheckBox(self)
        elif field.kind == "choice":
            editor = QComboBox(self)
            for value, text in field.choices:
                editor.addItem(text, value)
        elif field.kind in ("date", "date_or_none"):
            editor = QDateEdit(self)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            if field.kind == "date_or_none":
                editor.setMinimumDate(NO_DATE)
                editor.setSpecialValueText(translate("CustomerDetails", "(none)"))
        else:
            editor = QLineEdit(self)
            if field.kind == "number":
                editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setObjectName(f"{field.name}Input")
        return editor

    def editor(self, name: str) -> QWidget:
        return self.rows[name].editor

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editor(name)
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QDateEdit):
            if value is None:
                editor.setDate(editor.minimumDate() if editor.specialValueText() else QDate.currentDate())
            else:
                editor.setDate(QDate(value.year, value.month, value.day))
        else:
            editor.setText("" if value is None else str(value))

    def value(self, name: str) -> Any:
        editor = self.editor(name)
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip() or None
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QDateEdit):
            if editor.specialValueText() and editor.date() == editor.minimumDate():
                return None
            date = editor.date()
            return dt.date(date.year(), date.month(), date.day())
        return editor.text().strip() or None

    def values(self) -> dict[str, Any]:
        return {field.name: self.value(field.name) for field in self.fields}

    def payload(self) -> tuple[str | None, dict[str, Any]]:
        """Return the command and payload; (None, {}) for an edit that changed nothing."""
        values = self.values()
        if self.row_id is None:
            return self.create_command, self.create_payload(new_id(), values)
        changed = {name: value for name, value in values.items() if value != self.original.get(name)}
        if not changed or self.update_command is None:
            return None, {}
        return self.update_command, {"id": self.row_id, "fields": changed}

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        return {"id": row_id, "customer_id": self.customer_id, "fields": values}

    def save(self) -> None:
        if self.busy:
            return
        for row in self.rows.values():
            row.clear_error()
        self.message_label.clear()
        name, payload = self.payload()
        if name is None:
            self.accept()
            return
        self.busy = True
        self.save_button.setEnabled(False)

        def submitted(result: Submitted) -> None:
            self.busy = False
            log.info("%s %s queued as %s", name, payload["id"], result.mutation_id)
            self.row_id = payload["id"]
            self.saved.emit(payload["id"])
            self.accept()

        self.context.tasks.submit(name, payload, on_result=submitted, on_error=self._failed,
                                  label=translate("CustomerDetails", "Saving..."), parent=self)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        message = rejection_text(error)
        if message is None:
            show_error(self, error)
            return
        field = rejected_field(error)
        if field in self.rows:
            self.rows[field].set_error(message)
            self.rows[field].editor.setFocus()
        else:
            self.message_label.setText(message)

    def field_error(self, name: str) -> str:
        return self.rows[name].error


class ContactDialog(DetailDialog):
    def __init__(self, context, customer_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("name", translate("CustomerDetails", "&Name:")),
            Field("position", translate("CustomerDetails", "P&osition:")),
            Field("mobile", translate("CustomerDetails", "&Mobile:")),
            Field("phone", translate("CustomerDetails", "&Phone:")),
            Field("email", translate("CustomerDetails", "&Email:")),
            Field("wechat", translate("CustomerDetails", "&WeChat:")),
            Field("is_primary", translate("CustomerDetails", "P&rimary contact:"), "check"),
            Field("note", translate("CustomerDetails", "No&te:"), "note"),
        ]
        title = translate("CustomerDetails", "Add contact") if row_id is None else translate("CustomerDetails", "Edit contact")
        super().__init__(context, title, fields, create_command="customer_contact.create",
                         update_command="customer_contact.update", customer_id=customer_id, row_id=row_id,
                         values=values, parent=parent)
        self.setObjectName("contactDialog")

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        # The contact's name travels outside `fields`; a blank one is rejected as required.
        name = values.pop("name") or ""
        return {"id": row_id, "customer_id": self.customer_id, "name": name,
                "fields": {key: value for key, value in values.items() if value is not None}}


class AddressDialog(DetailDialog):
    def __init__(self, context, customer_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("label", translate("CustomerDetails", "&Label:")),
            Field("recipient_name", translate("CustomerDetails", "&Recipient:")),
            Field("phone", translate("CustomerDetails", "&Phone:")),
            Field("province", translate("CustomerDetails", "Pro&vince:")),
            Field("city", translate("CustomerDetails", "&City:")),
            Field("district", translate("CustomerDetails", "&District:")),
            Field("address", translate("CustomerDetails", "&Address:")),
            Field("postal_code", translate("CustomerDetails", "P&ostal code:")),
            Field("is_default", translate("CustomerDetails", "D&efault address:"), "check"),
        ]
        title = translate("CustomerDetails", "Add shipping address") if row_id is None else translate("CustomerDetails", "Edit shipping address")
        super().__init__(context, title, fields, create_command="shipping_address.create",
                         update_command="shipping_address.update", customer_id=customer_id, row_id=row_id,
                         values=values, parent=parent)
        self.setObjectName("addressDialog")

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        # Unchecked "default" lets the command make a first address the default.
        if not values.get("is_default"):
            values.pop("is_default")
        return {"id": row_id, "customer_id": self.customer_id,
                "fields": {"address": "", **{key: value for key, value in values.items() if value is not None}}}


def invoice_type_choices() -> tuple[tuple[str, str], ...]:
    return (
        ("vat_general", translate("CustomerDetails", "VAT general invoice")),
        ("vat_special", translate("CustomerDetails", "VAT special invoice")),
        ("e_vat_general", translate("CustomerDetails", "Electronic VAT general invoice")),
        ("e_vat_special", translate("CustomerDetails", "Electronic VAT special invoice")),
        ("other", translate("CustomerDetails", "Other")),
    )


class InvoicingDialog(DetailDialog):
    def __init__(self, context, customer_id: str, row_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("title", translate("CustomerDetails", "Invoice &title:")),
            Field("tax_number", translate("CustomerDetails", "Ta&x number:")),
            Field("default_invoice_type", translate("CustomerDetails", "Invoice t&ype:"), "choice", invoice_type_choices()),
            Field("bank_name", translate("CustomerDetails", "&Bank:")),
            Field("bank_account", translate("CustomerDetails", "Bank a&ccount:")),
            Field("address", translate("CustomerDetails", "&Address:")),
            Field("phone", translate("CustomerDetails", "&Phone:")),
            Field("email", translate("CustomerDetails", "&Email:")),
            Field("is_default", translate("CustomerDetails", "D&efault details:"), "check"),
        ]
        title = translate("CustomerDetails", "Add invoicing details") if row_id is None else translate("CustomerDetails", "Edit invoicing details")
        values = {"is_default": True, "default_invoice_type": "vat_general", **(values or {})}
        super().__init__(context, title, fields, create_command="invoicing_details.create",
                         update_command="invoicing_details.update", customer_id=customer_id, row_id=row_id,
                         values=values, parent=parent)
        self.setObjectName("invoicingDialog")

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        return {"id": row_id, "customer_id": self.customer_id,
                "fields": {"title": "", **{key: value for key, value in values.items() if value is not None}}}


def channel_choices() -> tuple[tuple[str, str], ...]:
    return (
        ("phone", translate("CustomerDetails", "Phone call")),
        ("visit", translate("CustomerDetails", "Visit")),
        ("wechat", translate("CustomerDetails", "WeChat")),
        ("message", translate("CustomerDetails", "Text message")),
        ("email", translate("CustomerDetails", "Email")),
        ("other", translate("CustomerDetails", "Other")),
    )


class FollowUpDialog(DetailDialog):
    """Adds a follow-up; the command moves the customer's last follow-up date forward."""

    def __init__(self, context, customer_id: str, contacts: tuple[tuple[str, str], ...] = (),
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("follow_up_date", translate("CustomerDetails", "&Date:"), "date"),
            Field("channel", translate("CustomerDetails", "C&hannel:"), "choice", channel_choices()),
            Field("contact_id", translate("CustomerDetails", "C&ontact:"), "choice",
                  ((None, translate("CustomerDetails", "(none)")),) + tuple(contacts)),
            Field("content", translate("CustomerDetails", "&What was said:"), "note"),
            Field("next_follow_up_date", translate("CustomerDetails", "&Next follow-up:"), "date_or_none"),
        ]
        super().__init__(context, translate("CustomerDetails", "Add follow-up"), fields, create_command="customer_follow_up.add",
                         update_command=None, customer_id=customer_id, parent=parent)
        self.setObjectName("followUpDialog")
        self.editor("content").setFocus()

    def create_payload(self, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        payload = {"id": row_id, "customer_id": self.customer_id, "channel": values["channel"],
                   "content": values["content"] or "", "follow_up_date": values["follow_up_date"]}
        for optional in ("next_follow_up_date", "contact_id"):
            if values[optional] is not None:
                payload[optional] = values[optional]
        return payload
