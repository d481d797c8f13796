"""The add/edit dialog shared by the Administration lists.

A subclass names its fields, checks them and builds the command. This base
lays out one FieldRow per field, sends a create with every value or an
update with only the changed fields (the server merges per field), shows a
rejection under the field it names, and shows a confirmation before Esc
discards a changed form.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
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
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.messages import message_for
from desktop.models.customer_form import FieldError
from desktop.views.dialog_keys import confirm_discard
from desktop.views.form_fields import FieldRow, MoneyEdit, rejected_field, rejection_text
from domain.commands.framework import CommandError
from sync.client import Submitted

log = logging.getLogger(__name__)

TEXT, CHOICE, CHECK = "text", "choice", "check"
# A TEXT field whose editor is a MoneyEdit; clean() and check() read it as text, like any TEXT field.
MONEY = "money"
# A TEXT field for a whole number (days, quantities), right-aligned like the number columns of the lists.
NUMBER = "number"


def required(values: dict[str, Any], *fields: str) -> list[FieldError]:
    """Return a required_field error for each of `fields` that is blank or unset."""
    return [FieldError(field, "required_field", {"field": field}) for field in fields if values.get(field) in (None, "")]


class AdminFormDialog(QDialog):
    """Creates a record (`row` None) or edits `row`; emits `saved` with the id once the command is queued."""

    saved = Signal(str)
    # (field key, TEXT | MONEY | NUMBER | CHOICE | CHECK), in tab order; set by the subclass.
    fields: Sequence[tuple[str, str]] = ()
    # The field to show a rejection under when its code names a value, not a field ("duplicate_code").
    code_fields: dict[str, str] = {"duplicate_code": "code"}

    def __init__(self, context, row: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.busy = False
        # The outbox mutation id of the saved command, set when the save is queued.
        self.mutation_id: str | None = None
        self.confirm_box: QMessageBox | None = None
        self.rows: dict[str, FieldRow] = {}
        self.editors: dict[str, QWidget] = {}
        self._build()
        self._initial = self.values()

    @property
    def is_new(self) -> bool:
        return self.row is None

    # -- for subclasses ------------------------------------------------------

    def labels(self) -> dict[str, str]:
        """Return the translated form label of each field, with its Alt accelerator."""
        raise NotImplementedError

    def window_title(self) -> str:
        raise NotImplementedError

    def fill_choices(self, field: str, combo: QComboBox) -> None:
        """Add the entries of a CHOICE field (text, data)."""

    def initial_values(self) -> dict[str, Any]:
        """Return the values of a new record's form; an edit starts from `row`."""
        return {}

    def check(self, values: dict[str, Any]) -> list[FieldError]:
        """Return the errors of the form's values, one per failing field."""
        return []

    def command(self, values: dict[str, Any], changed: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Return the command name and payload that save `values`; `changed` contains an edit's changed fields."""
        raise NotImplementedError

    def warning(self, changed: dict[str, Any]) -> str | None:
        """Return a warning to confirm before saving an edit with `changed`, or None."""
        return None

    def clean(self, field: str, text: str) -> Any:
        """Return a TEXT field's value from its text; blank gives None."""
        return text.strip() or None

    def shown(self, field: str, value: Any) -> str:
        """Return the text a TEXT field shows for a stored value."""
        return "" if value is None else str(value)

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.window_title())
        labels = self.labels()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        start = dict(self.row) if self.row is not None else self.initial_values()
        for field, kind in self.fields:
            editor = self._editor(field, kind, labels[field])
            self.editors[field] = editor
            if kind == CHECK:
                form.addRow("", editor)
                editor.setChecked(bool(start.get(field, True)))
                # A new record starts active; the box matters only when editing one.
                form.setRowVisible(editor, not self.is_new)
                continue
            row = FieldRow(field, editor, self)
            self.rows[field] = row
            label = QLabel(labels[field], self)
            label.setBuddy(editor)
            form.addRow(label, row)
            if kind == CHOICE:
                self._select(editor, start.get(field))
            else:
                editor.setText(self.shown(field, start.get(field)))

        self.message_label = QLabel(self)
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #b3261e; }")
        self.save_button = QPushButton(translate("AdminForm", "Save (Ctrl+S)"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(translate("AdminForm", "Cancel (Esc)"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)

        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        first = self.editors[self.fields[0][0]]
        first.setFocus()

    def _editor(self, field: str, kind: str, label: str) -> QWidget:
        if kind == CHECK:
            check = QCheckBox(label, self)
            check.setObjectName(f"{field}Check")
            return check
        if kind == CHOICE:
            combo = QComboBox(self)
            combo.setObjectName(f"{field}Combo")
            self.fill_choices(field, combo)
            combo.currentIndexChanged.connect(lambda _index, name=field: self._clear_error(name))
            return combo
        edit = MoneyEdit(self) if kind == MONEY else QLineEdit(self)
        if kind == NUMBER:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setObjectName(f"{field}Edit")
        edit.editingFinished.connect(lambda name=field: self._check_one(name))
        edit.textChanged.connect(lambda _text, name=field: self._clear_error(name))
        return edit

    def _clear_error(self, field: str) -> None:
        # A changed value makes the field's old error stale; leaving the field or saving checks it again.
        row = self.rows.get(field)
        if row is not None:
            row.clear_error()

    def _select(self, combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index < 0 and value is not None:
            # A deleted department still shows, so saving does not clear it unasked.
            combo.addItem(str(value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    # -- values and checks -----------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Return the form's values: cleaned text, the chosen entry's data, or a check box's state."""
        values: dict[str, Any] = {}
        for field, kind in self.fields:
            editor = self.editors[field]
            if kind == CHECK:
                values[field] = editor.isChecked()
            elif kind == CHOICE:
                values[field] = editor.currentData()
            else:
                values[field] = editor.text()
        return values

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    def field_error(self, field: str) -> str:
        """Return the error shown under `field`, "" when none."""
        return self.rows[field].error

    def _check_one(self, field: str) -> None:
        errors = [error for error in self.check(self.values()) if error.field == field]
        if errors:
            self.rows[field].set_error(message_for(errors[0].code, errors[0].params))
        else:
            self.rows[field].clear_error()

    def changed_fields(self, values: dict[str, Any]) -> dict[str, Any]:
        """Return the fields of an edit whose value differs from the stored one."""
        original = self.row or {}
        return {field: value for field, value in values.items() if value != original.get(field)}

    def stored_values(self) -> dict[str, Any]:
        """Return the form's values in stored form: TEXT fields cleaned (blank gives None)."""
        values = self.values()
        kinds = dict(self.fields)
        return {field: self.clean(field, value) if kinds[field] in (TEXT, MONEY, NUMBER) else value
                for field, value in values.items()}

    # -- saving ----------------------------------------------------------------

    def save(self) -> None:
        """Check the fields, confirm a warning when there is one, then queue the command."""
        if self.busy:
            return
        for row in self.rows.values():
            row.clear_error()
        self.message_label.clear()
        errors = self.check(self.values())
        if errors:
            for error in errors:
                self.rows[error.field].set_error(message_for(error.code, error.params))
            self.rows[errors[0].field].editor.setFocus()
            return
        values = self.stored_values()
        changed = {} if self.is_new else self.changed_fields(values)
        if not self.is_new and not changed:
            self.accept()
            return
        text = None if self.is_new else self.warning(changed)
        if text is not None and not self._confirm(text):
            return
        name, payload = self.command(values, changed)
        self._submit(name, payload)

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
        save = box.addButton(translate("AdminForm", "Save"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("AdminForm", "Back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        self.confirm_box = box
        box.exec()
        self.confirm_box = None
        return box.clickedButton() is save

    def _submit(self, name: str, payload: dict[str, Any]) -> None:
        self._set_busy(True)

        def submitted(result: Submitted) -> None:
            self._set_busy(False)
            log.info("%s %s queued as %s", name, payload.get("id") or payload.get("role"), result.mutation_id)
            self.mutation_id = result.mutation_id
            self._initial = self.values()
            self.saved.emit(str(payload.get("id", "")))
            self.accept()

        self.context.tasks.submit(name, payload, on_result=submitted, on_error=self._failed,
                                  label=translate("AdminForm", "Saving..."), parent=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = rejection_text(error)
        if message is None:
            show_error(self, error)
            return
        field = rejected_field(error)
        if isinstance(error, CommandError) and error.code in self.code_fields:
            field = self.code_fields[error.code]
        log.info("%s not saved: %s", self.objectName(), error)
        if field in self.rows:
            self.rows[field].set_error(message)
            self.rows[field].editor.setFocus()
        else:
            self.message_label.setText(message)

    # -- closing -------------------------------------------------------------------

    def reject(self) -> None:
        """Close without saving. A changed form needs a confirmation first, so a stray Esc loses nothing."""
        if self.is_dirty() and not confirm_discard(self):
            return
        super().reject()


def open_form(dialog: AdminFormDialog) -> AdminFormDialog:
    """Show `dialog` window-modal and delete it when closed; keep a reference or give it a parent."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
