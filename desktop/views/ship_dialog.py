"""The ship dialog (发货): what leaves the warehouse for the selected orders, and on how many delivery notes.

Each open order line is one row, or several when its product is tracked
by batch: batches are suggested first-expiry-first-out and a line is split
where one batch is short. The user types the quantity to ship (Enter or
Tab moves on, a line shipped in part stays open) and may change the batch
or split a row with Insert. Orders of one customer from one warehouse may
go on one note. Ctrl+S ships every note through the outbox, so it works
offline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from desktop.errors import NotSignedInError, show_error, show_error_in
from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.order_format import format_quantity
from desktop.models.ship_plan import NoteDraft, group_notes, load_open_lines, note_key, note_payload, suggest_rows
from desktop.models.ship_rows_model import ShipRowsModel
from desktop.tasks import Changes, written_by
from desktop.views.cell_table import CellTable
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.post_form import error_label, post_buttons
from domain.commands.framework import CommandError
from domain.ids import new_id
from domain.money import ZERO, round_quantity
from sync.client import submit
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ShippedNote:
    """A delivery note recorded on the replica, with the order numbers it ships and its flag messages."""

    id: str
    number: str
    order_numbers: tuple[str, ...]
    notes: tuple[str, ...]


@dataclasses.dataclass
class ShipOutcome:
    """The notes recorded, and the error that stopped the rest (the notes before it stay recorded)."""

    shipped: list[ShippedNote]
    error: BaseException | None = None
    unshipped_orders: tuple[str, ...] = ()


def ship_drafts(replica, drafts: list[NoteDraft], document_date: dt.date) -> tuple[ShipOutcome, Changes]:
    """Record one delivery.ship per draft on the replica, in order; run off the GUI thread.

    Each note is its own command, so a note rejected locally (a malformed
    payload) stops the run and leaves the notes before it recorded.
    """
    if not replica.read_state().device_code:
        raise NotSignedInError()
    outcome = ShipOutcome([])
    changes = Changes(frozenset())
    for index, draft in enumerate(drafts):
        delivery_id = new_id()
        try:
            number = next_document_number(replica, "delivery_note", document_date)
            submitted = submit(replica, "delivery.ship", note_payload(draft, delivery_id, number, document_date))
        except (CommandError, SQLAlchemyError) as error:
            log.warning("delivery %s for orders %s failed locally: %s", delivery_id,
                        [order.number for order in draft.orders], error)
            outcome.error = error
            outcome.unshipped_orders = tuple(order.number for later in drafts[index:] for order in later.orders)
            break
        notes = tuple(messages_for(submitted.flags) + messages_for(submitted.result.get("warnings")))
        outcome.shipped.append(ShippedNote(delivery_id, submitted.result.get("number", number),
                                           tuple(order.number for order in draft.orders), notes))
        changes = changes.merged(written_by(replica, submitted.mutation_id))
    return outcome, changes


class ShipDialog(DiscardQuestion, QDialog):
    """Ship the open lines of orders `order_ids` on one or more delivery notes."""

    # The notes recorded, as a ShipOutcome, once they are in the replica and the outbox.
    shipped = Signal(object)

    def __init__(self, context, order_ids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShipDialog")
        self.context = context
        self.order_ids = list(order_ids)
        self.loaded = False
        self.busy = False
        self.setWindowTitle(translate("ShipDialog", "Ship orders"))
        self.resize(1000, 560)

        self.header_label = QLabel(self)
        self.header_label.setObjectName("shipHeader")
        self.header_label.setWordWrap(True)
        hint = QLabel(translate(
            "ShipDialog",
            "Type the quantity to ship; Enter or Tab moves to the next cell. What is not shipped stays open on the order. "
            "Insert splits a line over another batch. Ctrl+S ships, Esc closes.",
        ), self)
        hint.setWordWrap(True)
        self.rows_model = ShipRowsModel(self)
        self.table = CellTable(self.rows_model, ShipRowsModel.EDITABLE, ShipRowsModel.PRODUCT, self)
        self.table.setObjectName("shipRows")
        self.one_note_box = QCheckBox(translate("ShipDialog", "Put the orders of one customer on &one delivery note"), self)
        self.one_note_box.setObjectName("oneNotePerCustomer")
        self.one_note_box.setChecked(True)
        self.one_note_box.setVisible(False)
        self.one_note_box.toggled.connect(self._show_summary)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("shipSummary")
        self.message_label = error_label(self, "shipMessage")
        buttons, self.ship_button = post_buttons(self, translate("ShipDialog", "Ship (Ctrl+S)"), "shipButton", self.ship)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.one_note_box)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

        split = QShortcut(QKeySequence(Qt.Key.Key_Insert), self.table)
        split.setContext(Qt.ShortcutContext.WidgetShortcut)
        split.activated.connect(self.split_current)
        self.rows_model.dataChanged.connect(self._show_summary)
        self.rows_model.invalid_text.connect(self._show_invalid_text)
        self._load()

    # -- loading ----------------------------------------------------------------

    def _load(self) -> None:
        context = self.context

        def work(control):
            with context.read_session() as session:
                return load_open_lines(session, self.order_ids)

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, lines) -> None:
        self.loaded = True
        rows = [row for line in lines for row in suggest_rows(line)]
        self.rows_model.set_rows(rows)
        # The order numbers and batches must show whole; the product column takes the width left.
        self.table.resizeColumnsToContents()
        orders = list({line.order.id: line.order for line in lines}.values())
        self.header_label.setText(translate("ShipDialog", "Orders {numbers}").format(
            numbers=", ".join(f"{order.number} ({order.customer_name})" for order in orders)))
        keys = [note_key(order, True) for order in orders]
        self.one_note_box.setVisible(len(set(keys)) < len(keys))
        self._show_summary()
        if not rows:
            self.message_label.setText(translate("ShipDialog", "The selected orders have nothing left to ship."))
            return
        self.table.setFocus()
        self.table.setCurrentIndex(self.rows_model.index(0, ShipRowsModel.QUANTITY))

    # -- editing ----------------------------------------------------------------

    def split_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row = self.rows_model.split_row(index.row())
            self.table.setCurrentIndex(self.rows_model.index(row, ShipRowsModel.QUANTITY))

    def drafts(self) -> list[NoteDraft]:
        return group_notes(self.rows_model.rows(), self.one_note_box.isVisible() and self.one_note_box.isChecked())

    def _show_summary(self, *args: Any) -> None:
        count = len(self.drafts())
        self.summary_label.setText(translate("ShipDialog", "Delivery notes to record: {count}").format(count=count))

    def _show_invalid_text(self, text: str) -> None:
        self.message_label.setText(translate(
            "ShipDialog", "{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.",
        ).format(text=text))

    def validation_error(self) -> str | None:
        """Return the message of the first problem that stops shipping, or None."""
        over = self.rows_model.over_shipped_lines()
        if over:
            line = over[0]
            return translate(
                "ShipDialog",
                "{order} {product}: {quantity} {unit} is more than the {open} {unit} left to ship; lower the quantity.",
            ).format(order=line.order.number, product=f"{line.product_code} {line.product_name}",
                     quantity=format_quantity(round_quantity(self.rows_model.shipped_base(line))),
                     open=format_quantity(line.open_base), unit=line.base_unit)
        if not any(row.quantity > ZERO for row in self.rows_model.rows()):
            return translate("ShipDialog", "Type a quantity to ship on at least one line.")
        return None

    def is_modified(self) -> bool:
        return self.rows_model.edited

    # -- shipping ---------------------------------------------------------------

    def ship(self) -> None:
        """Check the rows, then record the delivery notes through the outbox and close."""
        if self.busy or not self.loaded:
            return
        self.table.commit_editing()
        error = self.validation_error()
        if error is not None:
            self.message_label.setText(error)
            return
        self.busy = True
        drafts = self.drafts()
        replica = self.context.replica
        today = dt.date.today()
        self.context.tasks.run(lambda control: ship_drafts(replica, drafts, today), on_result=self._shipped,
                               on_error=self._failed, parent=self,
                               label=translate("ShipDialog", "Recording the delivery notes..."), cancellable=False)

    def _shipped(self, value: tuple[ShipOutcome, Changes]) -> None:
        self.busy = False
        outcome, changes = value
        self.context.tasks.notify_changed(changes)
        if outcome.error is not None and not outcome.shipped:
            self._failed(outcome.error)
            return
        self.shipped.emit(outcome)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        show_error_in(self, self.message_label.setText, error)
