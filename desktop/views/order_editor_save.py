"""Saving the order form: validation, the save payload, order.create or order.update, then order.confirm.

OrderSaveFlow is a mixin of desktop.views.order_editor.OrderEditor and
reads the widgets that form builds. Commands run through the task runner,
never on the GUI thread, and each depends on the form's previous command,
so the outbox sends them in order.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable

from desktop.errors import NotSignedInError, show_error, user_message
from desktop.i18n import translate
from desktop.messages import messages_for
from domain.ids import new_id
from domain.models import OrderStatus
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)


class OrderSaveFlow:
    """Validate, save and confirm the order shown in an OrderEditor."""

    # -- saving ---------------------------------------------------------------

    def _validation_error(self) -> str | None:
        if self.draft.customer is None:
            return translate("OrderEditor", "Choose a customer first.")
        if self.warehouse_combo.currentData() is None:
            return translate("OrderEditor", "Choose a warehouse first.")
        incomplete = self.lines_model.incomplete_rows()
        if incomplete:
            return translate("OrderEditor", "Line {line_no} needs a product, a quantity above zero and a price.").format(
                line_no=incomplete[0] + 1
            )
        if not self.lines_model.complete_lines():
            return translate("OrderEditor", "Add at least one line.")
        over_discounted = self.lines_model.over_discounted_rows()
        if over_discounted:
            return self.lines_model.line_warning(over_discounted[0])
        if self.lines_model.total_amount() < 0:
            return translate("OrderEditor", "The document discount is larger than the order's amount.")
        return self.extras.problem()

    def _current_payload(self) -> dict[str, Any] | None:
        """Return what a save would send now, or None when the form cannot be saved as it is."""
        if self.draft.customer is None:
            return None
        try:
            return self._payload()
        except (ValueError, ArithmeticError, AttributeError):
            return None

    def has_unsaved_changes(self) -> bool:
        """Return whether a save would send something other than the last save or load did.

        Values the form fills in after it opens (last prices, gift lines the
        server computes anyway) mark it dirty without changing what it sends.
        """
        if not self.dirty:
            return False
        current = self._current_payload()
        return current is None or current != self._saved_payload

    def _payload(self) -> dict[str, Any]:
        return {
            "id": self.draft.id,
            "number": self.draft.number,
            "customer_id": self.draft.customer.id,
            "warehouse_id": self.warehouse_combo.currentData(),
            "document_date": self.draft.document_date.isoformat(),
            **self.extras.extras().payload(),
            "lines": self.lines_model.payload_lines(),
        }

    def save_draft(self) -> None:
        """Save the order as a draft (order.create the first time, order.update afterwards)."""
        self._save(then=None)

    def confirm(self) -> None:
        """Save pending changes, then send the draft on with order.confirm."""
        self._save(then=self._submit_confirm)

    def _save(self, then: Callable[[], None] | None) -> None:
        if self.busy or not self.is_editable:
            return
        self.grid.finish_editing()
        problem = self._validation_error()
        if problem:
            self._show_message(problem)
            return
        self._set_busy(True)
        if not self.has_unsaved_changes() and self.draft.id is not None and self._persisted:
            # Nothing a save would send has changed, so no order.update is queued.
            self.dirty = False
            self._after_saved(then)
            return
        if self.draft.number is None:
            replica = self.context.replica

            def allocate(control) -> str:
                if not replica.read_state().device_code:
                    raise NotSignedInError()
                return next_document_number(replica, self.DOCUMENT_TYPE, dt.date.today())

            self.context.tasks.run(allocate, on_result=lambda number: self._numbered(number, then), on_error=self._failed)
        else:
            self._submit_save(then)

    def _numbered(self, number: str, then: Callable[[], None] | None) -> None:
        self.draft.number = number
        self._submit_save(then)

    def _submit_save(self, then: Callable[[], None] | None) -> None:
        creating = not self._persisted
        if self.draft.id is None:
            self.draft.id = new_id()
        name = self.CREATE_COMMAND if creating else self.UPDATE_COMMAND
        depends_on = [self._last_mutation] if self._last_mutation else []

        def saved(submitted: Submitted) -> None:
            self._persisted = True
            self._last_mutation = submitted.mutation_id
            self.dirty = False
            self._saved_payload = self._current_payload()
            log.info("%s %s saved", name, self.draft.number)
            self._after_saved(then)

        self.context.tasks.submit(name, self._payload(), on_result=saved, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("OrderEditor", "Saving the order..."))

    def _after_saved(self, then: Callable[[], None] | None) -> None:
        self.saved.emit(self.draft.id)
        if then is not None:
            then()
            return
        self._set_busy(False)
        self._show_message(translate("OrderEditor", "Saved as draft {number}.").format(number=self.draft.number), error=False)

    def _submit_confirm(self) -> None:
        depends_on = [self._last_mutation] if self._last_mutation else []

        def confirmed(submitted: Submitted) -> None:
            self._last_mutation = submitted.mutation_id
            result = submitted.result
            self.draft.status = result.get("status", self.draft.status)
            self._set_busy(False)
            notes = messages_for(result.get("approval_reasons")) + messages_for(result.get("warnings"))
            if self.draft.status == OrderStatus.SUBMITTED.value:
                text = translate("OrderEditor", "Order {number} waits for a manager's approval:").format(number=self.draft.number)
                self._show_message("\n".join([text, *notes]))
            else:
                # The order list calls this state "Approved", so the message uses the same word.
                text = translate("OrderEditor", "Order {number} is approved.").format(number=self.draft.number)
                self._show_message("\n".join([text, *notes]), error=bool(notes))
            self.saved.emit(self.draft.id)

        self.context.tasks.submit("order.confirm", {"id": self.draft.id}, on_result=confirmed, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("OrderEditor", "Confirming the order..."))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._show_state()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("order %s: %s", self.draft.number, error)
        self._show_message(message)
