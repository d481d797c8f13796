"""The quotation form's state actions: mark sent, mark lost (with the customer's reason) and cancel.

Each runs one intention through the outbox, so it works offline; the server
accepts it only while the quotation is a draft or sent, the same states
that enable the actions here.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMenu, QMessageBox, QPushButton

from desktop.i18n import translate
from domain.models import QuotationStatus
from sync.client import Submitted

log = logging.getLogger(__name__)

# States from which a quotation can be sent, lost or cancelled (the handlers' OPEN_STATUSES).
OPEN_STATES = (QuotationStatus.DRAFT.value, QuotationStatus.SENT.value)
# The length of Quotation.lost_reason.
MAX_LOST_REASON = 400
# Width in pixels of the lost-reason line edit, so a sentence of reason fits on its line.
LOST_REASON_EDIT_WIDTH = 440


class QuotationStateActions:
    """Mixed into QuotationEditor, which provides the draft, the save flow and the outbox submission."""

    def _build_state_actions(self) -> QPushButton:
        """Create the three actions and return a button whose menu lists them with their keys."""
        self.send_action = self._action(translate("QuotationStateActions", "Mark sent"),
                                        QKeySequence("Ctrl+Shift+S"), self.mark_sent)
        self.lost_action = self._action(translate("QuotationStateActions", "Mark lost..."),
                                        QKeySequence("Ctrl+Shift+L"), self.mark_lost)
        self.cancel_quotation_action = self._action(translate("QuotationStateActions", "Cancel quotation..."),
                                                    QKeySequence("Ctrl+Shift+X"), self.cancel_quotation)
        menu = QMenu(self)
        self._state_explainers = []
        for action in (self.send_action, self.lost_action, self.cancel_quotation_action):
            menu.addAction(action)
            # A disabled action ignores its key, so this shortcut takes the key then and shows why nothing happens.
            explainer = QShortcut(action.shortcut(), self)
            explainer.setContext(Qt.ShortcutContext.WindowShortcut)
            explainer.setEnabled(False)
            explainer.activated.connect(self._explain_state)
            self._state_explainers.append((action, explainer))
        button = QPushButton(translate("QuotationStateActions", "State"), self)
        button.setObjectName("quotationStateButton")
        button.setAutoDefault(False)
        button.setToolTip(translate(
            "QuotationStateActions",
            "Mark the quotation sent (Ctrl+Shift+S) or lost (Ctrl+Shift+L), or cancel it (Ctrl+Shift+X)"))
        button.setMenu(menu)
        return button

    def _show_state_actions(self) -> None:
        if not hasattr(self, "send_action"):
            return  # _show_state runs while the base form is built, before these actions exist
        status = self.draft.status
        open_ = self._persisted and not self.busy and status in OPEN_STATES
        self.send_action.setEnabled(open_ and status == QuotationStatus.DRAFT.value)
        self.lost_action.setEnabled(open_)
        self.cancel_quotation_action.setEnabled(open_)
        for action, explainer in self._state_explainers:
            explainer.setEnabled(self._persisted and not self.busy and not action.isEnabled())

    def _explain_state(self) -> None:
        """Show in the form why a state key did nothing for a quotation in this state."""
        number, status = self.draft.number, self.draft.status
        texts = {
            QuotationStatus.SENT.value: translate("QuotationStateActions", "Quotation {number} is already marked sent."),
            QuotationStatus.LOST.value: translate(
                "QuotationStateActions", "Quotation {number} is marked lost, so its state can no longer change."),
            QuotationStatus.CANCELLED.value: translate(
                "QuotationStateActions", "Quotation {number} is cancelled, so its state can no longer change."),
            QuotationStatus.ORDERED.value: translate(
                "QuotationStateActions", "Quotation {number} became an order, so its state can no longer change."),
            QuotationStatus.EXPIRED.value: translate(
                "QuotationStateActions", "Quotation {number} has expired, so its state can no longer change."),
        }
        text = texts.get(status)
        if text is not None:
            self._show_message(text.format(number=number))

    def mark_sent(self) -> None:
        """Record that the quotation went to the customer; pending edits are saved first."""
        if not self.send_action.isEnabled():
            return
        done = translate("QuotationStateActions", "Quotation {number} is marked sent.")
        submit = lambda: self._submit_state("quotation.send", {"id": self.draft.id}, QuotationStatus.SENT, done)
        if self.dirty and self.is_editable:
            self._save(then=submit)
            return
        submit()

    def mark_lost(self) -> None:
        """Ask for the customer's reason, then record that the quotation did not become an order."""
        if not self.lost_action.isEnabled():
            return
        reason = self._ask_lost_reason()
        if reason is None:
            return
        done = translate("QuotationStateActions", "Quotation {number} is marked lost.")
        self.draft.lost_reason = reason
        self._submit_state("quotation.mark_lost", {"id": self.draft.id, "reason": reason}, QuotationStatus.LOST, done)

    def cancel_quotation(self) -> None:
        """Withdraw the quotation after a confirmation; unsaved edits are dropped with it."""
        if not self.cancel_quotation_action.isEnabled():
            return
        answer = QMessageBox.question(
            self, translate("QuotationStateActions", "Cancel quotation"),
            translate("QuotationStateActions",
                      "Cancel quotation {number}? It can no longer be sent or made into an order.").format(
                number=self.draft.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = translate("QuotationStateActions", "Quotation {number} is cancelled.")
        self._submit_state("quotation.cancel", {"id": self.draft.id}, QuotationStatus.CANCELLED, done)

    def _ask_lost_reason(self) -> str | None:
        prompt = translate("QuotationStateActions", "Why did the customer decline the quotation?")
        reason = ""
        while True:
            dialog = QInputDialog(self)
            dialog.setWindowTitle(translate("QuotationStateActions", "Mark lost"))
            dialog.setLabelText(prompt)
            dialog.setTextValue(reason)
            # QInputDialog sizes itself to its line edit, which is created by setTextValue.
            dialog.findChild(QLineEdit).setMinimumWidth(LOST_REASON_EDIT_WIDTH)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            reason = dialog.textValue().strip()
            dialog.deleteLater()
            if not accepted:
                return None
            if reason and len(reason) <= MAX_LOST_REASON:
                return reason
            if not reason:
                prompt = translate("QuotationStateActions",
                                   "The reason is required. Why did the customer decline the quotation?")
            else:
                prompt = translate("QuotationStateActions",
                                   "The reason has {length} characters; shorten it to {maximum} or fewer.").format(
                    length=len(reason), maximum=MAX_LOST_REASON)

    def _submit_state(self, name: str, payload: dict[str, Any], status: QuotationStatus, done_text: str) -> None:
        depends_on = [self._last_mutation] if self._last_mutation else []
        self._set_busy(True)

        def submitted(result: Submitted) -> None:
            self._last_mutation = result.mutation_id
            self.draft.status = status.value
            self.dirty = False
            self._set_busy(False)
            log.info("quotation %s: %s queued", self.draft.number, name)
            self._show_message(done_text.format(number=self.draft.number), error=False)
            self.saved.emit(self.draft.id)

        self.context.tasks.submit(name, payload, on_result=submitted, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("QuotationStateActions", "Saving the quotation's state..."))
