"""The order form's actions on a saved order: the History tab (Ctrl+H), verification (Ctrl+K) and rereading the order.

ConfirmedOrderActions is a mixin of desktop.views.order_editor.OrderEditor.
A confirmed order's form is read-only, so it reads the order again whenever
a command or a sync changes it, for example after a verification.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.views.order_verify_dialog import OrderVerifyDialog, open_verify_dialog, verify_blocker

log = logging.getLogger(__name__)

LINES_TAB, HISTORY_TAB = 0, 1


class ConfirmedOrderActions:
    """History, verification and refresh of the order shown in an OrderEditor."""

    @property
    def shows_order_history(self) -> bool:
        """Whether the document has an order history and can be verified (an order, not a quotation)."""
        return self.DOCUMENT_TYPE == "sales_order"

    def toggle_history(self) -> None:
        """Switch between the lines and the history tab."""
        if not self.shows_order_history:
            return
        if self.tabs.currentIndex() == HISTORY_TAB:
            self.tabs.setCurrentIndex(LINES_TAB)
            self.grid.setFocus()
        else:
            self.tabs.setCurrentIndex(HISTORY_TAB)
            self.history_panel.table.setFocus()

    def open_verification(self) -> OrderVerifyDialog | None:
        """Open the verification dialog of a completed order, or show the reason it cannot be verified."""
        if not self.shows_order_history or self.draft.id is None or not self._persisted:
            return None
        problem = verify_blocker(self.context, self.draft.status)
        if problem is not None:
            self._show_message(problem)
            return None
        dialog = open_verify_dialog(self.context, self.draft.id, self)
        dialog.verified.connect(self._verified)
        self.verify_dialog = dialog
        return dialog

    def _verified(self, result: dict) -> None:
        self._show_message(translate(
            "OrderEditor", "Verification {verification} saved: the customer's receivable changes by ¥{change}."
        ).format(verification=result.get("number", ""), change=format_money(_decimal(result.get("amount_change")))),
            error=False)
        self._reload_document()

    def _show_verification_state(self) -> None:
        """Show the Verify button on a confirmed order, enabled only when this user may verify it now."""
        self.tabs.setTabVisible(HISTORY_TAB, self.shows_order_history)
        self.history_action.setEnabled(self.shows_order_history)
        visible = self.shows_order_history and not self.is_editable
        self.verify_button.setVisible(visible)
        problem = verify_blocker(self.context, self.draft.status) if visible else None
        enabled = visible and problem is None and not self.busy
        self.verify_action.setEnabled(enabled)
        self.verify_button.setEnabled(enabled)
        self.verify_button.setToolTip(problem or translate(
            "OrderEditor", "Correct the quantities or prices of this completed order, with a reason"))

    def _on_changed(self, changes) -> None:
        order_id = self.draft.id
        if not self.shows_order_history or order_id is None or not self._persisted:
            return
        if self.is_editable or self.catalog is None:
            return
        changed_ids = changes.ids_of("sales_order")
        if changed_ids is None or order_id in changed_ids:
            self._reload_document()

    def _reload_document(self) -> None:
        """Read the shown (read-only) order again in a task and show its lines, totals and state."""
        order_id, catalog, context = self.draft.id, self.catalog, self.context

        def work(control):
            with context.read_session() as session:
                return self._read_document(session, order_id, catalog)

        # Bound methods, so a result that arrives after the window closed is dropped (desktop.tasks).
        context.tasks.run(work, on_result=self._reloaded, on_error=self._failed_loading)

    def _reloaded(self, draft) -> None:
        if draft.id != self.draft.id or self.is_editable:
            return
        self.draft = draft
        self.extras.set_extras(draft.extras)
        self.lines_model.set_document_terms(*self.extras.money())
        self.lines_model.set_lines(draft.lines)
        self.dirty = False
        self._saved_payload = self._current_payload()
        self._show_state()


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
