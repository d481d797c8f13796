"""The stocktake editor (盘点单): count one warehouse, save the count sheet while counting, then post it.

The sheet lists book stock per product and batch of the chosen warehouse
(and category). The user types the counted quantities, Enter moving down,
and a reason on each differing line. Ctrl+S saves the sheet
(stocktake.save) and Ctrl+Enter posts it (stocktake.post) after a
confirmation naming the differing lines. Both go through the outbox, so they
work offline. The server posts counted minus its own book stock at posting
(see domain.commands.handlers.stocktake_posting), so the book column here
is the book stock when the sheet was filled.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.errors import NotSignedInError, show_error, user_message
from desktop.i18n import translate
from desktop.messages import messages_for
from desktop.models.order_format import format_money
from desktop.models.stocktake_queries import (
    SavedStocktake,
    fresh_sheet,
    load_categories,
    load_saved,
    load_warehouses,
    sheet_payload,
)
from desktop.models.stocktake_checks import sheet_line_error
from desktop.models.stocktake_sheet_model import StocktakeSheetModel
from desktop.views.dialog_keys import DiscardQuestion
from desktop.views.post_form import ERROR_STYLE
from desktop.views.stocktake_sheet_table import SheetTable
from domain.ids import new_id
from domain.models import StocktakeStatus
from sync.client import Submitted
from sync.local_commands import next_document_number

log = logging.getLogger(__name__)



class StocktakeEditor(DiscardQuestion, QDialog):
    """Count sheet of a new stocktake (`stocktake_id` None) or of a stored one."""

    # (stocktake id, number) once a save or a post is in the replica and the outbox.
    saved = Signal(str, str)
    posted = Signal(str, str)

    def __init__(self, context, stocktake_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StocktakeEditor")
        self.context = context
        self.stocktake_id = stocktake_id or new_id()
        self.number: str | None = None
        self.status = StocktakeStatus.COUNTING.value
        self.document_date = dt.date.today()
        self.busy = False
        self.setWindowTitle(translate("StocktakeEditor", "New stocktake"))
        self.resize(1000, 600)

        self.warehouse_box = QComboBox(self)
        self.warehouse_box.setObjectName("stocktakeWarehouse")
        self.category_box = QComboBox(self)
        self.category_box.setObjectName("stocktakeCategory")
        self.header_label = QLabel(self)
        self.header_label.setObjectName("stocktakeHeader")
        hint = QLabel(translate(
            "StocktakeEditor",
            "Type each counted quantity; Enter moves down. Give a reason on every line that differs from book stock. "
            "Ctrl+B adds a line for a batch the book does not list, and Ctrl+Delete removes such a line. "
            "Ctrl+S saves the sheet, Ctrl+Enter posts it, Esc closes.",
        ), self)
        hint.setWordWrap(True)
        self.sheet = StocktakeSheetModel(self)
        self.table = SheetTable(self.sheet, self)
        self.table.setObjectName("stocktakeLines")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("stocktakeTotal")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("stocktakeMessage")
        self.message_label.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(translate("StocktakeEditor", "&Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveStocktakeButton")
        self.post_button = buttons.addButton(translate("StocktakeEditor", "&Post... (Ctrl+Enter)"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.post_button.setObjectName("postStocktakeButton")
        self.batch_button = buttons.addButton(translate("StocktakeEditor", "Add &batch line (Ctrl+B)"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.batch_button.setObjectName("addBatchLineButton")
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close_button.setToolTip(translate("StocktakeEditor", "Close the stocktake (Esc)"))
        for button in (self.save_button, self.post_button, self.batch_button, close_button):
            button.setAutoDefault(False)
        self.batch_button.clicked.connect(self.add_batch_line)
        # The server checks the role again; disabled buttons only spare a rejected command.
        self.may_save, self.may_post = may_run(context, "stocktake.save"), may_run(context, "stocktake.post")
        self._enable_buttons(counting=True)
        self.save_button.clicked.connect(self.save)
        self.post_button.clicked.connect(self.post)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(translate("StocktakeEditor", "&Warehouse:"), self.warehouse_box)
        form.addRow(translate("StocktakeEditor", "Categor&y:"), self.category_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.header_label)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

        self._shortcut(QKeySequence.StandardKey.Save, self.save)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(QKeySequence(keys), self.post)
        self._shortcut(QKeySequence("Ctrl+B"), self.add_batch_line)
        self._shortcut(QKeySequence("Ctrl+Delete"), self.remove_batch_line)
        self.sheet.sheet_changed.connect(self._show_totals)
        self.sheet.invalid_text.connect(self._show_invalid_text)
        self.sheet.invalid_date.connect(self._show_invalid_date)
        self._show_totals()
        self._load(stocktake_id)

    def _shortcut(self, keys, slot) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)

    # -- loading ----------------------------------------------------------------

    def _load(self, stocktake_id: str | None) -> None:
        context = self.context

        def work(control) -> tuple[list, list, SavedStocktake | None]:
            with context.read_session() as session:
                saved = load_saved(session, stocktake_id) if stocktake_id else None
                return load_warehouses(session), load_categories(session), saved

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, loaded: tuple[list, list, SavedStocktake | None]) -> None:
        warehouses, categories, saved = loaded
        for combo in (self.warehouse_box, self.category_box):
            combo.blockSignals(True)
        for warehouse_id, label in warehouses:
            self.warehouse_box.addItem(label, warehouse_id)
        self.category_box.addItem(translate("StocktakeEditor", "All categories"), None)
        for category_id, label in categories:
            self.category_box.addItem(label, category_id)
        for combo in (self.warehouse_box, self.category_box):
            combo.blockSignals(False)
        if saved is not None:
            self._show_saved(saved)
            return
        if not warehouses:
            self._say(translate(
                "StocktakeEditor", "No warehouse of your department is in this computer's data; sync, or ask an administrator "
                         "to add you to the department of the warehouse."))
            return
        self.warehouse_box.currentIndexChanged.connect(lambda index: self._fill_sheet())
        self.category_box.currentIndexChanged.connect(lambda index: self._fill_sheet())
        self._fill_sheet()

    def _show_saved(self, saved: SavedStocktake) -> None:
        self.number, self.status, self.document_date = saved.number, saved.status, saved.document_date
        self.warehouse_box.setCurrentIndex(max(self.warehouse_box.findData(saved.warehouse_id), 0))
        self.category_box.setCurrentIndex(max(self.category_box.findData(saved.category_id), 0))
        self._lock_header()
        counting = saved.status == StocktakeStatus.COUNTING.value
        self.sheet.set_lines(saved.lines, editable=counting and (self.may_save or self.may_post))
        self.table.resizeColumnsToContents()
        self._enable_buttons(counting)
        self._show_header()
        self._focus_first_counted()

    def _enable_buttons(self, counting: bool) -> None:
        self.save_button.setEnabled(counting and self.may_save)
        self.post_button.setEnabled(counting and self.may_post)
        self.batch_button.setEnabled(counting and (self.may_save or self.may_post))

    def _fill_sheet(self) -> None:
        """Fill the sheet with the book stock of the chosen warehouse and category."""
        warehouse_id, category_id = self.warehouse_box.currentData(), self.category_box.currentData()
        context = self.context

        def work(control):
            with context.read_session() as session:
                return fresh_sheet(session, warehouse_id, category_id)

        def filled(lines) -> None:
            if (self.warehouse_box.currentData(), self.category_box.currentData()) != (warehouse_id, category_id):
                return  # the choice changed while this sheet loaded; the newer load fills it
            self.sheet.set_lines(lines, editable=True)
            # Codes, batches and figures take their width; the product name stretches over the rest.
            self.table.resizeColumnsToContents()
            self._show_header()
            if not lines:
                self._say(translate("StocktakeEditor", "This warehouse and category have no products to count."))
            self._focus_first_counted()

        # With the editor as parent, a slow sheet shows progress and a sheet that arrives after Esc is dropped.
        context.tasks.run(work, on_result=filled, on_error=lambda error: show_error(self, error), parent=self,
                          label=translate("StocktakeEditor", "Reading the book stock..."))

    def _focus_first_counted(self) -> None:
        if self.sheet.rowCount():
            self.table.setFocus()
            self.table.go_to(0, StocktakeSheetModel.COUNTED, edit=False)

    def _lock_header(self) -> None:
        """Disable the warehouse and category, because a saved stocktake counts only the stock it was saved for."""
        self.warehouse_box.setEnabled(False)
        self.category_box.setEnabled(False)

    def _show_header(self) -> None:
        states = {
            StocktakeStatus.COUNTING.value: translate("StocktakeEditor", "counting"),
            StocktakeStatus.POSTED.value: translate("StocktakeEditor", "posted"),
            StocktakeStatus.CANCELLED.value: translate("StocktakeEditor", "cancelled"),
        }
        if self.number:
            self.setWindowTitle(translate("StocktakeEditor", "Stocktake {number}").format(number=self.number))
            self.header_label.setText(translate("StocktakeEditor", "Stocktake {number} of {date}, {status}").format(
                number=self.number, date=self.document_date.isoformat(), status=states.get(self.status, self.status)))
        else:
            self.header_label.setText(translate("StocktakeEditor", "New stocktake of {date}, not saved yet").format(
                date=self.document_date.isoformat()))

    # -- totals and checks ------------------------------------------------------

    def _show_totals(self) -> None:
        differing = len(self.sheet.differing_rows())
        amount = self.sheet.total_amount()
        if amount is None:
            text = translate("StocktakeEditor", "Lines: {lines}. Differing lines: {differing}.")
        else:
            text = translate("StocktakeEditor", "Lines: {lines}. Differing lines: {differing}. Difference amount at cost: ¥{amount}.")
        self.total_label.setText(text.format(lines=self.sheet.rowCount(), differing=differing,
                                             amount=format_money(amount)))

    def _show_invalid_text(self, text: str) -> None:
        self._say(translate(
            "StocktakeEditor", "{text} is not a valid counted quantity; type 0 or more with at most three decimal places, "
                     "such as 12 or 2.5.").format(text=text))

    def _show_invalid_date(self, text: str) -> None:
        self._say(translate(
            "StocktakeEditor", "{text} is not a valid expiry date; type it as YYYY-MM-DD, such as 2027-06-30.",
        ).format(text=text))

    def add_batch_line(self) -> None:
        """Add a line below the current one for goods of its product in a batch the book does not list (Ctrl+B)."""
        index = self.table.currentIndex()
        if not self.batch_button.isEnabled() or not index.isValid():
            return
        line = self.sheet.line_at(index.row())
        if not line.batch_tracked:
            self._say(translate(
                "StocktakeEditor", "{code} {name} is not tracked by batch; count it on its line.",
            ).format(code=line.product_code, name=line.product_name))
            return
        self.table.commit_editing()
        row = self.sheet.insert_batch_line(index.row())
        self.table.setFocus()
        self.table.go_to(row, StocktakeSheetModel.BATCH, edit=True)

    def remove_batch_line(self) -> None:
        """Remove the current line when it is an added batch line (Ctrl+Delete)."""
        index = self.table.currentIndex()
        if self.batch_button.isEnabled() and index.isValid() and self.sheet.remove_added_line(index.row()):
            self.table.go_to(min(index.row(), self.sheet.rowCount() - 1), StocktakeSheetModel.COUNTED, edit=False)

    def _sheet_is_valid(self) -> bool:
        """Show the first problem of the batch lines and edit its cell; return True when there is none."""
        problem = sheet_line_error(self.sheet.lines())
        if problem is None:
            return True
        message, row, column = problem
        self._say(message)
        self.table.setFocus()
        self.table.go_to(row, column, edit=True)
        return False

    def missing_reason_row(self) -> int | None:
        """Return the first differing line without a reason, or None."""
        for row in self.sheet.differing_rows():
            if not self.sheet.line_at(row).reason:
                return row
        return None

    def is_modified(self) -> bool:
        return self.sheet.modified

    # -- saving and posting -----------------------------------------------------

    def save(self) -> None:
        """Save the sheet as it is (stocktake.save); the stocktake stays open for counting."""
        if self.busy or not self.save_button.isEnabled() or self.warehouse_box.currentData() is None:
            return
        self.table.commit_editing()
        if not self._sheet_is_valid():
            return
        self._submit("stocktake.save", translate("StocktakeEditor", "Saving the stocktake..."), self._saved)

    def post(self) -> None:
        """Ask, then post the sheet (stocktake.post): book stock becomes the counted stock."""
        if self.busy or not self.post_button.isEnabled() or self.warehouse_box.currentData() is None:
            return
        self.table.commit_editing()
        if not self.sheet.rowCount():
            self._say(translate("StocktakeEditor", "The sheet has no lines to post."))
            return
        if not self._sheet_is_valid():
            return
        row = self.missing_reason_row()
        if row is not None:
            line = self.sheet.line_at(row)
            self._say(translate(
                "StocktakeEditor", "Line {line} ({code} {name}) differs from book stock; type the reason before posting.",
            ).format(line=row + 1, code=line.product_code, name=line.product_name))
            self.table.setFocus()
            self.table.go_to(row, StocktakeSheetModel.REASON, edit=True)
            return
        differing = len(self.sheet.differing_rows())
        self.message_label.clear()  # an earlier error must not stand behind the question
        answer = QMessageBox.question(
            self,
            translate("StocktakeEditor", "Post stocktake?"),
            translate("StocktakeEditor", "Post the stocktake of {warehouse}? Differing lines: {count}. Book stock of every "
                               "line on the sheet becomes the counted quantity, and the stocktake can no longer "
                               "be changed.").format(warehouse=self.warehouse_box.currentText(), count=differing),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._submit("stocktake.post", translate("StocktakeEditor", "Posting the stocktake..."), self._posted)

    def _submit(self, command: str, label: str, on_done) -> None:
        self.busy = True
        replica, number = self.context.replica, self.number
        lines = self.sheet.lines()
        warehouse_id, category_id = self.warehouse_box.currentData(), self.category_box.currentData()

        def prepare(control) -> dict[str, Any]:
            if not replica.read_state().device_code:
                raise NotSignedInError()
            chosen = number or next_document_number(replica, "stocktake", self.document_date)
            return sheet_payload(self.stocktake_id, chosen, warehouse_id, category_id, self.document_date, lines)

        def prepared(payload: dict[str, Any]) -> None:
            self.number = payload["number"]
            self.context.tasks.submit(command, payload, on_result=on_done, on_error=self._failed, parent=self,
                                      label=label)

        self.context.tasks.run(prepare, on_result=prepared, on_error=self._failed)

    def _saved(self, submitted: Submitted) -> None:
        self.busy = False
        self.sheet.modified = False
        self._lock_header()
        self._show_header()
        self._say(translate(
            "StocktakeEditor", "Stocktake {number} saved. It syncs when the server is reachable.").format(number=self.number),
            error=False)
        self.saved.emit(self.stocktake_id, self.number or "")

    def _posted(self, submitted: Submitted) -> None:
        self.busy = False
        notes = messages_for(submitted.flags)
        if notes:
            log.info("stocktake %s posted with flags: %s", self.number, notes)
        self.posted.emit(self.stocktake_id, self.number or "")
        self.done(QDialog.DialogCode.Accepted)

    def _say(self, text: str, error: bool = True) -> None:
        """Show `text` under the sheet: red for a problem to fix, the normal colour for a result."""
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")
        self.message_label.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        message = user_message(error)
        if message is None:
            show_error(self, error)
        else:
            self._say(message)
