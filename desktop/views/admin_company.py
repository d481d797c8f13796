"""Company settings (公司设置) of the Administration page: the printed company name and the order rules.

The credit check and the line discount limit decide which confirmed orders
go to a manager's approval queue, on this computer at entry and on the
server at sync. Each changed setting is saved as one company_setting.set
command, so the page works offline like the other administration tabs.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.views.saved_state import SavedStateNote
from domain.commands.handlers.company_settings import (
    COMPANY_NAME_SETTING,
    CREDIT_CHECK_MODES,
    MAX_COMPANY_NAME,
)
from domain.commands.handlers.order_rules import CREDIT_CHECK_SETTING, MAX_DISCOUNT_SETTING
from domain.models import CompanySetting

log = logging.getLogger(__name__)

# The server's default when no credit_check row exists (domain/commands/handlers/order_flow.py).
DEFAULT_CREDIT_CHECK = "approval"
HUNDRED = Decimal(100)


def credit_check_label(mode: str) -> str:
    labels = {
        "approval": translate("AdminCompany", "Approval required: over the limit or overdue, a manager approves"),
        "warn": translate("AdminCompany", "Warn only: the order is approved with a warning"),
        "off": translate("AdminCompany", "Off: credit is not checked"),
    }
    return labels.get(mode, mode)


def percent_text(fraction: str | None) -> str:
    """Return a stored fraction ("0.2") as the percentage the form shows ("20"), or "" for no limit."""
    if not fraction:
        return ""
    return format((Decimal(fraction) * HUNDRED).normalize(), "f")


def parse_percent(text: str) -> Decimal | None:
    """Return the fraction of a typed percentage ("20", "12.5 %"), None for an empty field.

    Raises ValueError with the translated message for text that is no percentage from 0 to 100
    or has more than two decimal places (the server keeps four places of the fraction).
    """
    cleaned = text.strip().rstrip("%％").strip()
    if not cleaned:
        return None
    try:
        percent = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(translate("AdminCompany", "{value} is not a percentage; enter a number such as 20").format(
            value=text.strip())) from None
    if not percent.is_finite() or not Decimal(0) <= percent <= HUNDRED:
        raise ValueError(translate("AdminCompany", "The discount limit must be from 0 to 100 %; {value} was entered").format(
            value=text.strip()))
    if percent != percent.quantize(Decimal("0.01")):
        raise ValueError(translate("AdminCompany", "Enter the discount limit with at most two decimal places: {value}").format(
            value=text.strip()))
    return percent / HUNDRED


class CompanySettingsTab(QWidget):
    """A form of the company settings; Ctrl+S saves the changed ones."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companySettingsTab")
        self.context = context
        self.stored: dict[str, Any] = {}

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("companyNameEdit")
        self.name_edit.setMaxLength(MAX_COMPANY_NAME)
        self.credit_combo = QComboBox(self)
        self.credit_combo.setObjectName("creditCheckCombo")
        for mode in CREDIT_CHECK_MODES:
            self.credit_combo.addItem("", mode)
        self.discount_edit = QLineEdit(self)
        self.discount_edit.setObjectName("maxDiscountEdit")
        self.discount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.discount_edit.setMaximumWidth(100)
        self.discount_unit = QLabel("%", self)
        discount_row = QHBoxLayout()
        discount_row.addWidget(self.discount_edit)
        discount_row.addWidget(self.discount_unit)
        discount_row.addStretch(1)

        self.form = QFormLayout()
        self.name_label = QLabel(self)
        self.credit_label = QLabel(self)
        self.discount_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.credit_label.setBuddy(self.credit_combo)
        self.discount_label.setBuddy(self.discount_edit)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.credit_label, self.credit_combo)
        self.form.addRow(self.discount_label, discount_row)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("companySettingsMessage")
        self.message_label.setWordWrap(True)

        self.save_button = QPushButton(self)
        self.save_button.setObjectName("companySettingsSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.setAutoDefault(False)
        self.revert_button.clicked.connect(self.load)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        self.saved_state = SavedStateNote(context, self)
        self.saved_state.text_changed.connect(self.message_label.setText)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.name_label.setText(translate("AdminCompany", "Company &name:"))
        self.credit_label.setText(translate("AdminCompany", "&Credit check:"))
        self.discount_label.setText(translate("AdminCompany", "Maximum line &discount:"))
        for index in range(self.credit_combo.count()):
            self.credit_combo.setItemText(index, credit_check_label(self.credit_combo.itemData(index)))
        self.name_edit.setToolTip(translate("AdminCompany", "Printed at the top of delivery notes, quotations and return notes"))
        self.discount_edit.setPlaceholderText(translate("AdminCompany", "No limit"))
        self.hint_label.setText(translate(
            "AdminCompany",
            "A confirmed order goes to a manager's approval queue when a line's discount is above the maximum, "
            "or, with the credit check requiring approval, when the customer is over the credit limit or has "
            "overdue receivables. Leave the discount empty for no limit."))
        self.save_button.setText(translate("AdminCompany", "Save (Ctrl+S)"))
        self.revert_button.setText(translate("AdminCompany", "Undo changes"))

    def load(self) -> None:
        """Read the settings from the replica in the background and show them."""
        context = self.context

        def work(control) -> dict[str, Any]:
            with context.read_session() as session:
                return dict(session.execute(select(CompanySetting.key, CompanySetting.value)).all())

        context.tasks.run(work, on_result=self._show, on_error=lambda error: show_error(self, error))

    def _show(self, stored: dict[str, Any]) -> None:
        self.stored = stored
        self.name_edit.setText(str(stored.get(COMPANY_NAME_SETTING) or ""))
        mode = stored.get(CREDIT_CHECK_SETTING) or DEFAULT_CREDIT_CHECK
        self.credit_combo.setCurrentIndex(max(0, self.credit_combo.findData(mode)))
        limit = stored.get(MAX_DISCOUNT_SETTING)
        self.discount_edit.setText(percent_text(str(limit)) if limit is not None else "")

    def has_unsaved_changes(self) -> bool:
        try:
            return bool(self._changes())
        except ValueError:
            return True

    def _changes(self) -> dict[str, str | None]:
        """Return {key: new value} of the settings the form changed; raises ValueError on an invalid field."""
        changes: dict[str, str | None] = {}
        name = self.name_edit.text().strip()
        if name != (self.stored.get(COMPANY_NAME_SETTING) or ""):
            if not name:
                raise ValueError(translate("AdminCompany", "Enter the company name; it is printed on documents."))
            changes[COMPANY_NAME_SETTING] = name
        mode = self.credit_combo.currentData()
        if mode != (self.stored.get(CREDIT_CHECK_SETTING) or DEFAULT_CREDIT_CHECK):
            changes[CREDIT_CHECK_SETTING] = mode
        limit = parse_percent(self.discount_edit.text())
        stored_limit = self.stored.get(MAX_DISCOUNT_SETTING)
        if (limit is None) != (stored_limit is None) or (limit is not None and limit != Decimal(str(stored_limit))):
            changes[MAX_DISCOUNT_SETTING] = None if limit is None else str(limit.normalize())
        return changes

    def save(self) -> None:
        try:
            changes = self._changes()
        except ValueError as error:
            self.message_label.setText(str(error))
            return
        if not changes:
            self.message_label.setText(translate("AdminCompany", "Nothing changed."))
            return
        pending = dict(changes)
        self.save_button.setEnabled(False)

        def queued(key: str, value: str | None):
            def done(submitted) -> None:
                log.info("company setting %s queued as %s", key, submitted.mutation_id)
                self.stored[key] = value
                self.saved_state.track(submitted.mutation_id)
                pending.pop(key, None)
                if not pending:
                    self.save_button.setEnabled(True)
                    # Settings change how orders are checked, so they go to the server now rather than in a minute.
                    self.context.sync.sync_now()
            return done

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, error)

        for key, value in changes.items():
            self.context.tasks.submit("company_setting.set", {"key": key, "value": value},
                                      on_result=queued(key, value), on_error=failed, parent=self,
                                      label=translate("AdminCompany", "Saving the company settings..."))

    def _on_changed(self, changes) -> None:
        # Another administrator's settings arrive by sync; a form being edited is left alone.
        if changes.touches("company_setting") and not self.has_unsaved_changes():
            self.load()
