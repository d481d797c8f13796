"""The order editor's "Last order's lines" action (Ctrl+L): add the lines of the customer's latest order.

The lines are priced again for the order's date (desktop.models.order_copy)
and added after the lines already entered.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.order_copy import LastOrderLines, last_order_lines

log = logging.getLogger(__name__)

CONTEXT = "OrderRepeat"


class RepeatLastOrder(QObject):
    """The action and its button on an OrderEditor. The editor places `button` in its layout."""

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.action = QAction(translate("OrderRepeat", "Last order's lines"), editor)
        self.action.setObjectName("lastOrderLinesAction")
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.fill)
        editor.addAction(self.action)
        self.button = QPushButton(translate("OrderRepeat", "Last order's lines (Ctrl+L)"), editor)
        self.button.setObjectName("lastOrderLinesButton")
        self.button.setAutoDefault(False)
        self.button.setToolTip(translate("OrderRepeat", "Add the lines of this customer's latest order, priced for today"))
        self.button.clicked.connect(self.action.trigger)

    def fill(self) -> None:
        """Read the customer's latest order off the GUI thread and add its lines to the grid."""
        editor = self.editor
        if editor.catalog is None or editor.busy or not editor.is_editable:
            return
        customer = editor.draft.customer
        if customer is None:
            editor._show_message(translate("OrderRepeat", "Choose a customer first."))
            return
        context, products = editor.context, editor.catalog.products
        on_date, excluding = editor.draft.document_date, editor.draft.id

        def work(control) -> LastOrderLines:
            with context.read_session() as session:
                return last_order_lines(session, customer.id, products, on_date, excluding)

        context.tasks.run(work, on_result=self._add, on_error=lambda error: show_error(editor, error))

    def _add(self, found: LastOrderLines) -> None:
        editor = self.editor
        if found.number is None:
            editor._show_message(translate("OrderRepeat", "This customer has no earlier order."), error=False)
            return
        model = editor.lines_model
        entered = [model.line(row) for row in range(model.rowCount()) if not model.line(row).is_blank]
        model.set_lines([*entered, *found.lines])
        editor._mark_dirty()
        if found.skipped:
            text = self.tr("Added the lines of order {number}; %n line(s) left out because the product is no longer sold.",
                           "", found.skipped)
        else:
            text = translate("OrderRepeat", "Added the lines of order {number} at today's prices.")
        editor._show_message(text.format(number=found.number), error=False)
        log.info("added %s lines of order %s", len(found.lines), found.number)
