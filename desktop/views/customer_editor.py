"""The customer editor: a keyboard-first dialog that creates a customer or edits one.

Each field is checked when the clerk leaves it, with the functions the
commands use (desktop.models.customer_form). Before saving, the duplicate
check runs off the GUI thread, and possible duplicates are shown with
"Open existing", "Save anyway" and "Back". A new customer goes out as
customer.create. An edit sends customer.update with only the changed
fields and, as `base`, their values when the editor opened, so the server
merges per field. A rejection that names a field is shown under that field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from desktop.messages import message_for
from desktop.models.order_models import format_money
from desktop.models.customer_form import (
    CHOICE_FIELDS,
    DUPLICATE_CHECK_FIELDS,
    TEXT_FIELDS,
    EditorData,
    FieldError,
    changed_fields,
    check_fields,
    checked_value,
    find_duplicates,
    load_editor_data,
)
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.duplicate_warning import DuplicateCheckFlow
from desktop.views.form_fields import FieldRow, MoneyEdit, rejected_field, rejection_text
from domain.commands.framework import CommandError
from domain.ids import new_id
from domain.mnemonic import mnemonic_for
from sync.client import Submitted

log = logging.getLogger(__name__)



def _labels() -> dict[str, str]:
    """Return the form label of each field, with its Alt accelerator."""
    return {
        "code": translate("CustomerEditor", "&Code:"),
        "name": translate("CustomerEditor", "&Name:"),
        "mnemonic": translate("CustomerEditor", "&Mnemonic:"),
        "phone": translate("CustomerEditor", "&Phone:"),
        "address": translate("CustomerEditor", "&Address:"),
        "uscc": translate("CustomerEditor", "&Unified social credit code:"),
        "notes": translate("CustomerEditor", "N&otes:"),
        "category_id": translate("CustomerEditor", "Cate&gory:"),
        "sales_region_id": translate("CustomerEditor", "Sales &region:"),
        "owner_id": translate("CustomerEditor", "O&wner:"),
        "department_id": translate("CustomerEditor", "&Department:"),
        "default_warehouse_id": translate("CustomerEditor", "Default ware&house:"),
        "credit_limit": translate("CustomerEditor", "Credit &limit:"),
        "payment_terms_days": translate("CustomerEditor", "Payment &terms (days):"),
    }


# The two columns of the form, each in tab order.
LEFT_FIELDS = ("code", "name", "mnemonic", "phone", "address", "uscc", "notes")
RIGHT_FIELDS = ("category_id", "sales_region_id", "owner_id", "department_id", "default_warehouse_id",
                "credit_limit", "payment_terms_days")


class CustomerEditor(DuplicateCheckFlow, DiscardQuestion, QDialog):
    """Creates a customer (`customer_id` None) or edits one; emits `saved` with the id after the local submit."""

    saved = Signal(str)
    # The clerk chose an existing customer in the duplicate warning.
    open_existing_requested = Signal(str)

    def __init__(self, context, customer_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerEditor")
        self.context = context
        self.customer_id = customer_id
        self.original: dict[str, Any] | None = None
        self.loaded = False
        self.busy = False
        # True while the mnemonic follows the name; typing in the mnemonic stops that until it is cleared.
        self._mnemonic_follows_name = True
        # The form as it was loaded, to tell whether Esc throws away typed changes.
        self._loaded_state: tuple | None = None
        self._build()
        self._load()

    @property
    def is_new(self) -> bool:
        return self.customer_id is None

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(translate("CustomerEditor", "New customer") if self.is_new else translate("CustomerEditor", "Edit customer"))
        self.rows: dict[str, FieldRow] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        labels = _labels()
        columns = QHBoxLayout()
        for fields in (LEFT_FIELDS, RIGHT_FIELDS):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for field in fields:
                row = FieldRow(field, self._editor_for(field), self)
                self.rows[field] = row
                label = QLabel(labels[field], self)
                label.setBuddy(row.editor)
                form.addRow(label, row)
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.active_check = QCheckBox(translate("CustomerEditor", "Acti&ve"), self)
        self.active_check.setObjectName("activeCheck")
        self.active_check.setChecked(True)
        self.active_check.setToolTip(translate("CustomerEditor", "Inactive customers cannot receive new orders"))

        self.edits["phone"].setPlaceholderText(translate("CustomerEditor", "0871-65123456 or 13912345678"))
        self.edits["mnemonic"].setPlaceholderText(translate("CustomerEditor", "Filled from the name's pinyin initials"))
        self.edits["credit_limit"].setPlaceholderText(translate("CustomerEditor", "Blank: the category's limit"))
        self.category_credit_limits: dict[str, Any] = {}
        self.edits["payment_terms_days"].setPlaceholderText(translate("CustomerEditor", "Blank: the category's terms"))
        self.edits["name"].textChanged.connect(self._name_changed)
        self.edits["mnemonic"].textEdited.connect(self._mnemonic_edited)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("editorMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        self.save_button = QPushButton(translate("CustomerEditor", "Save (Ctrl+S)"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(translate("CustomerEditor", "Check the fields, look for duplicates and save (Enter or Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(translate("CustomerEditor", "Cancel (Esc)"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)

        bottom = QHBoxLayout()
        bottom.addWidget(self.active_check)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        order = [self.rows[field].editor for field in LEFT_FIELDS + RIGHT_FIELDS]
        order += [self.active_check, self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._set_enabled(False)
        self.resize(860, self.sizeHint().height())

    def _editor_for(self, field: str) -> QWidget:
        if field in CHOICE_FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"{field}Combo")
            self.combos[field] = combo
            return combo
        if field == "notes":
            notes = QPlainTextEdit(self)
            notes.setObjectName("notesEdit")
            # Tab moves on, as in every other field; Enter still starts a new line in a note.
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(70)
            self.notes_edit = notes
            return notes
        edit = MoneyEdit(self) if field == "credit_limit" else QLineEdit(self)
        if field == "payment_terms_days":
            # A number, right-aligned like the credit limit above it.
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setObjectName(f"{field}Edit")
        edit.editingFinished.connect(lambda name=field: self._check_field(name))
        self.edits[field] = edit
        return edit

    def _set_enabled(self, enabled: bool) -> None:
        for row in self.rows.values():
            row.editor.setEnabled(enabled)
        self.active_check.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    # -- loading -------------------------------------------------------------

    def _load(self) -> None:
        context, customer_id = self.context, self.customer_id

        def work(control) -> EditorData:
            with context.read_session() as session:
                return load_editor_data(session, customer_id)

        self.context.tasks.run(work, on_result=self._loaded, on_error=self._failed_loading,
                               label=translate("CustomerEditor", "Loading..."), parent=self)

    def _loaded(self, data: EditorData) -> None:
        none_text = translate("CustomerEditor", "(none)")
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem(none_text, None)
            for choice in data.choices[field]:
                combo.addItem(choice.text, choice.id)
        values = data.values
        if values is None:
            user = self.context.user
            values = {"owner_id": user.user_id, "department_id": user.department_id, "active": True}
        else:
            self.original = dict(values)
            self.setWindowTitle(translate("CustomerEditor", "Edit customer {code} {name}").format(
                code=values["code"], name=values["name"]))
        for field, edit in self.edits.items():
            value = values.get(field)
            if isinstance(edit, MoneyEdit):
                edit.set_value(value)
            else:
                edit.setText("" if value is None else str(value))
        self.notes_edit.setPlainText(values.get("notes") or "")
        for field, combo in self.combos.items():
            self._select(combo, values.get(field))
        self.category_credit_limits = data.category_credit_limits
        self._show_category_credit_limit()
        self.combos["category_id"].currentIndexChanged.connect(lambda _index: self._show_category_credit_limit())
        self.active_check.setChecked(bool(values.get("active", True)))
        self._mnemonic_follows_name = not self.edits["mnemonic"].text()
        self._loaded_state = self._form_state()
        self.loaded = True
        self._set_enabled(True)
        self.edits["code"].setFocus()

    def _show_category_credit_limit(self) -> None:
        """Show the category's default limit in the blank credit limit field, as the credit check applies it."""
        category_id = self.combos["category_id"].currentData()
        limit = self.category_credit_limits.get(category_id) if category_id is not None else None
        if limit is None:
            text = translate("CustomerEditor", "Blank: no credit limit")
        else:
            text = translate("CustomerEditor", "Blank: the category's {amount}").format(amount=format_money(limit))
        self.edits["credit_limit"].setPlaceholderText(text)

    def _select(self, combo: QComboBox, row_id: str | None) -> None:
        index = combo.findData(row_id) if row_id is not None else 0
        if index < 0:
            # A deleted category or user still shows, so saving does not clear it unasked.
            combo.addItem(row_id, row_id)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _failed_loading(self, error: BaseException) -> None:
        log.error("loading customer %s for editing failed", self.customer_id,
                  exc_info=(type(error), error, error.__traceback__))
        self.message_label.setText(translate("CustomerEditor", "The customer could not be loaded."))

    # -- field checks ----------------------------------------------------------

    def _name_changed(self, name: str) -> None:
        if self._mnemonic_follows_name:
            self.edits["mnemonic"].setText(mnemonic_for(name))

    def _mnemonic_edited(self, text: str) -> None:
        self._mnemonic_follows_name = not text.strip()
        if self._mnemonic_follows_name:
            self.edits["mnemonic"].setText(mnemonic_for(self.edits["name"].text()))

    def _check_field(self, field: str) -> None:
        if not self.loaded:
            return
        try:
            checked_value(field, self.edits[field].text())
        except CommandError as error:
            self.rows[field].set_error(message_for(error.code, error.params))
        else:
            self.rows[field].clear_error()

    def field_error(self, field: str) -> str:
        """Return the error shown under `field`, "" when none."""
        return self.rows[field].error

    def _show_errors(self, errors: list[FieldError]) -> None:
        for error in errors:
            self.rows[error.field].set_error(message_for(error.code, error.params))
        if errors:
            self.rows[errors[0].field].editor.setFocus()

    def values(self) -> tuple[dict[str, Any], list[FieldError]]:
        """Return the form's values in stored form and the field errors."""
        texts = {field: self.edits[field].text() for field in TEXT_FIELDS if field in self.edits}
        texts["notes"] = self.notes_edit.toPlainText()
        values, errors = check_fields(texts)
        # An edit leaves a blank mnemonic blank unless the name changes, so saving sends only what the clerk changed.
        if self.is_new and not errors and not values.get("mnemonic"):
            values["mnemonic"] = mnemonic_for(values["name"]) or None
        for field, combo in self.combos.items():
            values[field] = combo.currentData()
        values["active"] = self.active_check.isChecked()
        return values, errors

    # -- saving ----------------------------------------------------------------

    def save(self) -> None:
        """Check the fields, run the duplicate check when needed, then submit."""
        if not self.loaded or self.busy:
            return
        for row in self.rows.values():
            row.clear_error()
        self.message_label.clear()
        values, errors = self.values()
        if errors:
            self._show_errors(errors)
            return
        name, payload = self.command(values)
        if name is None:
            self.accept()
            return
        changed = set(payload.get("fields", {})) | ({"name"} if self.is_new else set())
        if self.is_new or DUPLICATE_CHECK_FIELDS & changed:
            exclude_id = self.customer_id
            self.check_duplicates(lambda session: find_duplicates(session, values, exclude_id),
                                  lambda: self._submit(name, payload), set_busy=self._set_busy,
                                  label=translate("CustomerEditor", "Looking for duplicates..."))
        else:
            self._submit(name, payload)

    def command(self, values: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
        """Return the command name and payload for `values`; (None, {}) for an edit that changed nothing."""
        if self.is_new:
            fields = {field: value for field, value in values.items()
                      if field not in ("code", "name") and value is not None}
            if fields.get("active") is True:
                fields.pop("active")
            return "customer.create", {"id": new_id(), "code": values["code"], "name": values["name"],
                                       "fields": fields}
        fields, base = changed_fields(self.original or {}, values)
        if not fields:
            return None, {}
        return "customer.update", {"id": self.customer_id, "fields": fields, "base": base}

    # -- closing ---------------------------------------------------------------

    def _form_state(self) -> tuple:
        texts = tuple(edit.text() for edit in self.edits.values())
        choices = tuple(combo.currentData() for combo in self.combos.values())
        return texts, self.notes_edit.toPlainText(), choices, self.active_check.isChecked()

    def is_modified(self) -> bool:
        """Return True when a field differs from what the editor showed after loading."""
        return self.loaded and self._loaded_state is not None and self._form_state() != self._loaded_state

    def cancel(self) -> None:
        """Close without saving (Cancel). DiscardQuestion.reject() shows the discard question when fields were changed."""
        self.reject()

    def _submit(self, name: str, payload: dict[str, Any]) -> None:
        self._set_busy(True)

        def submitted(result: Submitted) -> None:
            self._set_busy(False)
            log.info("%s %s queued as %s", name, payload["id"], result.mutation_id)
            self.customer_id = payload["id"]
            self.saved.emit(payload["id"])
            self.accept()

        self.context.tasks.submit(name, payload, on_result=submitted, on_error=self._failed,
                                  label=translate("CustomerEditor", "Saving..."), parent=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy and self.loaded)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = rejection_text(error)
        if message is None:
            show_error(self, error)
            return
        field = rejected_field(error)
        if isinstance(error, CommandError) and error.code == "duplicate_code":
            # The rejection names the value, not the field, and only the code must be unique.
            field = "code"
        log.info("customer %s not saved: %s", self.customer_id or "(new)", error)
        if field in self.rows:
            self.rows[field].set_error(message)
            self.rows[field].editor.setFocus()
        else:
            self.message_label.setText(message)


def open_customer_editor(context, customer_id: str | None = None, parent: QWidget | None = None,
                         on_saved: Callable[[str], None] | None = None) -> CustomerEditor:
    """Open the editor for a new customer (`customer_id` None) or an existing one.

    "Open existing" in the duplicate warning opens that customer in a new
    editor. Keep the returned dialog referenced, or give it a `parent`.
    """
    editor = CustomerEditor(context, customer_id, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        editor.saved.connect(on_saved)
    editor.open_existing_requested.connect(
        lambda existing_id: open_customer_editor(context, existing_id, parent, on_saved))
    editor.open()
    return editor


def new_customer(context, parent: QWidget | None = None,
                 on_saved: Callable[[str], None] | None = None) -> CustomerEditor:
    """Open an empty editor: the "New customer" action of the customers page."""
    return open_customer_editor(context, None, parent, on_saved)
