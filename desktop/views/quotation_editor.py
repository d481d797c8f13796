"""The quotation form (报价单): the order entry form with a validity date, printing, and "Make order".

QuotationEditor is an OrderEditor that saves with quotation.create and
quotation.update and numbers from the quotation series, so the grid, the
price lookup, promotions, the live panel and the keyboard work as in the
order form. Ctrl+Enter runs "Make order": it saves pending changes, turns
the quotation into an order with quotation.convert (the order keeps the
quotation's prices) and opens that order. Ctrl+P opens the print preview.
The State button marks the quotation sent or lost, or cancels it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from desktop.errors import NotSignedInError
from desktop.i18n import translate
from desktop.models.order_format import document_state_label
from desktop.models.quotation_queries import QuotationDraft, load_quotation_draft
from desktop.views.document_printing import QUOTATION, DocumentPrinting
from desktop.views.order_editor import OrderEditor, open_order_editor
from desktop.views.quotation_state import QuotationStateActions
from domain.ids import new_id
from domain.models import QuotationStatus
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)

# States in which a quotation can still become an order.
CONVERTIBLE = (QuotationStatus.DRAFT.value, QuotationStatus.SENT.value)
# Header fields of an order that a quotation does not have.
ORDER_ONLY_FIELDS = ("carrier", "tracking_number", "delivery_date_wanted")


class QuotationEditor(QuotationStateActions, OrderEditor):
    """A window that enters a new quotation or edits a draft one, prints it and makes an order of it."""

    DOCUMENT_TYPE = "sales_quotation"
    CREATE_COMMAND = "quotation.create"
    UPDATE_COMMAND = "quotation.update"

    def __init__(self, context, quotation_id: str | None = None, customer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        self.order_editor: OrderEditor | None = None
        self.preview = None
        super().__init__(context, order_id=quotation_id, customer_id=customer_id, parent=parent)
        self.setObjectName("QuotationEditor")
        self.printing = DocumentPrinting(context, QUOTATION, self)
        self.printing.preview_opened.connect(lambda preview: setattr(self, "preview", preview))
        if not isinstance(self.draft, QuotationDraft):
            self.draft = QuotationDraft(id=self.draft.id)
        self._show_valid_until()

    # -- building -------------------------------------------------------------

    def _build(self) -> None:
        super()._build()
        self.valid_until_edit = QDateEdit(self)
        self.valid_until_edit.setObjectName("validUntilEdit")
        self.valid_until_edit.setCalendarPopup(True)
        self.valid_until_edit.setDisplayFormat("yyyy-MM-dd")
        self.valid_until_edit.dateChanged.connect(self._mark_dirty)
        self.header_form.insertRow(2, translate("QuotationEditor", "&Valid until:"), self.valid_until_edit)
        self.header_form.itemAt(2, self.header_form.ItemRole.LabelRole).widget().setBuddy(self.valid_until_edit)
        # A quotation has no shipping details; the order made from it gets them.
        extras = self.extras
        for edit in (extras.carrier_edit, extras.tracking_edit, extras.delivery_edit):
            edit.hide()
        for label in extras.findChildren(QLabel):
            if label.buddy() in (extras.carrier_edit, extras.tracking_edit, extras.delivery_edit):
                label.hide()

        self.confirm_action.setText(translate("QuotationEditor", "Make order"))
        self.confirm_button.setText(translate("QuotationEditor", "Make order (Ctrl+Enter)"))
        self.confirm_button.setToolTip(translate(
            "QuotationEditor", "Save the quotation, turn it into an order at the quoted prices and open the order"))
        self.print_action = self._action(translate("QuotationEditor", "Print"), QKeySequence(QKeySequence.StandardKey.Print),
                                         self.print_preview)
        self.print_button = self._button(self.print_action, translate("QuotationEditor", "Print (Ctrl+P)"))
        self.print_button.setObjectName("printQuotationButton")
        # The form's last row contains the total and the buttons, and Print goes before "Save draft".
        bottom = self.layout().itemAt(self.layout().count() - 1).layout()
        bottom.insertWidget(1, self.print_button)
        bottom.insertWidget(2, self._build_state_actions())

    def _show_valid_until(self) -> None:
        valid_until = self.draft.valid_until
        self.valid_until_edit.blockSignals(True)
        self.valid_until_edit.setDate(QDate(valid_until.year, valid_until.month, valid_until.day))
        self.valid_until_edit.blockSignals(False)

    # -- loading --------------------------------------------------------------

    def _read_document(self, session, document_id: str, catalog) -> QuotationDraft:
        return load_quotation_draft(session, document_id, catalog)

    def _loaded(self, value) -> None:
        super()._loaded(value)
        if not isinstance(self.draft, QuotationDraft):
            self.draft = QuotationDraft(id=self.draft.id, customer=self.draft.customer,
                                        warehouse_id=self.draft.warehouse_id)
        self._show_valid_until()
        self._show_state()

    # -- state ----------------------------------------------------------------

    @property
    def valid_until(self) -> dt.date:
        return self.valid_until_edit.date().toPython()

    def _show_state(self) -> None:
        super()._show_state()
        self.state_label.setText(document_state_label(self.draft.status))
        if self.draft.status == QuotationStatus.LOST.value and self.draft.lost_reason:
            self.state_label.setText(translate("QuotationEditor", "Lost: {reason}").format(reason=self.draft.lost_reason))
        convertible = self.draft.status in CONVERTIBLE and not self.busy
        self.confirm_action.setEnabled(convertible)
        self.confirm_button.setEnabled(convertible)
        if hasattr(self, "valid_until_edit"):
            self.valid_until_edit.setReadOnly(not self.is_editable)
            self.print_action.setEnabled(self._persisted and not self.busy)
            self.print_button.setEnabled(self._persisted and not self.busy)
            self._show_state_actions()

    def _update_title(self) -> None:
        if self.draft.number:
            self.setWindowTitle(translate("QuotationEditor", "Quotation {number}").format(number=self.draft.number))
        else:
            self.setWindowTitle(translate("QuotationEditor", "New quotation"))

    # -- saving ---------------------------------------------------------------

    def _validation_error(self) -> str | None:
        if self.valid_until < self.draft.document_date:
            return translate("QuotationEditor", "The quotation must be valid until {date} or later.").format(
                date=self.draft.document_date.isoformat())
        return super()._validation_error()

    def _payload(self) -> dict[str, Any]:
        payload = super()._payload()
        for field in ORDER_ONLY_FIELDS:
            payload.pop(field, None)
        payload["valid_until"] = self.valid_until.isoformat()
        return payload

    def _after_saved(self, then) -> None:
        self.draft.valid_until = self.valid_until
        super()._after_saved(then)

    def confirm(self) -> None:
        """Make an order of the quotation: save a draft's changes first, then convert it."""
        if self.busy or self.draft.status not in CONVERTIBLE:
            return
        if self.is_editable:
            self._save(then=self._submit_convert)
            return
        self._set_busy(True)
        self._submit_convert()

    def _submit_convert(self) -> None:
        replica, today = self.context.replica, dt.date.today()

        def allocate(control) -> str:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            return next_document_number(replica, "sales_order", today)

        self.context.tasks.run(allocate, on_result=lambda number: self._convert(number, today), on_error=self._failed)

    def _convert(self, order_number: str, today: dt.date) -> None:
        order_id = new_id()
        payload = {"id": self.draft.id, "order_id": order_id, "number": order_number, "document_date": today.isoformat(),
                   "warehouse_id": self.warehouse_combo.currentData()}
        depends_on = [self._last_mutation] if self._last_mutation else []

        def converted(submitted: Submitted) -> None:
            self._last_mutation = submitted.mutation_id
            self.draft.status = QuotationStatus.ORDERED.value
            self.draft.order_id = order_id
            self._set_busy(False)
            log.info("quotation %s became order %s", self.draft.number, order_number)
            self._show_message(translate("QuotationEditor", "Quotation {number} became order {order}.").format(
                number=self.draft.number, order=order_number), error=False)
            self.saved.emit(self.draft.id)
            self.order_editor = open_order_editor(self.context, order_id=order_id)

        self.context.tasks.submit("quotation.convert", payload, on_result=converted, on_error=self._failed,
                                  depends_on=depends_on, parent=self,
                                  label=translate("QuotationEditor", "Making the order..."))

    # -- printing -------------------------------------------------------------

    def print_preview(self) -> None:
        """Open the print preview of the saved quotation; unsaved changes are saved first."""
        if self.busy or self.draft.id is None:
            return
        if self.dirty and self.is_editable:
            self._save(then=self._open_preview)
            return
        self._open_preview()

    def _open_preview(self) -> None:
        """Open the preview through DocumentPrinting, which requests a reprint reason and counts each real print."""
        self._set_busy(False)
        self.printing.preview_document(self.draft.id)


def open_quotation_editor(context, quotation_id: str | None = None, customer_id: str | None = None,
                          parent: QWidget | None = None) -> QuotationEditor:
    """Open a quotation window; keep it alive through `parent` or the returned reference."""
    editor = QuotationEditor(context, quotation_id=quotation_id, customer_id=customer_id, parent=parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    QTimer.singleShot(0, editor.activateWindow)
    return editor
