"""The warning shown before saving a customer or supplier that looks like an existing one (防撞单), and the
editor flow around it: the check off the GUI thread, the warning, and closing the editor for "Open existing"."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.customer_form import DuplicateCandidate
from desktop.models.duplicate_model import reason_text

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class WarningTexts:
    """The texts of the warning that name the kind of record, already translated."""

    title: str
    intro: str
    open_tooltip: str
    save_tooltip: str
    # The text of the "Open existing" button, or None for the generic text.
    open_button: str | None = None


def customer_texts() -> WarningTexts:
    return WarningTexts(
        translate("DuplicateWarning", "Possible duplicate customer"),
        translate(
            "DuplicateWarning",
            "This customer may already exist. Open the existing customer, or save a new one if they are "
            "different businesses.",
        ),
        translate("DuplicateWarning", "Open the selected customer instead of saving (Alt+O)"),
        translate("DuplicateWarning", "Save as a separate customer (Alt+S)"),
    )


class DuplicateWarning(QDialog):
    """The list of possible duplicates with three choices: open one of them, save anyway, or go back.

    `open_existing` carries the chosen record's id. "Save anyway" accepts
    the dialog and "Back" (Esc) rejects it. `texts` defaults to the customer texts.
    """

    open_existing = Signal(str)

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None,
                 texts: WarningTexts | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.candidates = candidates
        texts = texts or customer_texts()
        self.setWindowTitle(texts.title)
        intro = QLabel(texts.intro, self)
        intro.setWordWrap(True)

        self.table = QTableWidget(len(candidates), 4, self)
        self.table.setObjectName("duplicateTable")
        self.table.setHorizontalHeaderLabels([
            translate("DuplicateWarning", "Name"), translate("DuplicateWarning", "Code"), translate("DuplicateWarning", "Phone"),
            translate("DuplicateWarning", "Reason"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, candidate in enumerate(candidates):
            match = candidate.match
            cells = (match.name, match.code, candidate.phone or "", reason_text(match.reason, match.value))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if candidates:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda *_: self._open_selected())

        self.open_button = QPushButton(texts.open_button or translate("DuplicateWarning", "&Open existing"), self)
        self.open_button.setObjectName("openExistingButton")
        self.open_button.setToolTip(texts.open_tooltip)
        self.open_button.clicked.connect(self._open_selected)
        self.save_button = QPushButton(translate("DuplicateWarning", "&Save anyway"), self)
        self.save_button.setObjectName("saveAnywayButton")
        self.save_button.setToolTip(texts.save_tooltip)
        self.save_button.clicked.connect(self.accept)
        self.back_button = QPushButton(translate("DuplicateWarning", "Back"), self)
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(translate("DuplicateWarning", "Return to the form without saving (Esc)"))
        self.back_button.clicked.connect(self.reject)
        # Enter opens the existing customer: the safe choice when the clerk only meant to look it up.
        self.open_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 300)
        self.table.setFocus()

    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.candidates):
            return None
        return self.candidates[row].match.record_id

    def _open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        log.info("user chose to open existing record %s instead of saving", record_id)
        self.done(QDialog.DialogCode.Rejected)
        self.open_existing.emit(record_id)


class DuplicateCheckFlow:
    """Mixin of a record editor (a QDialog) that looks for possible duplicates before it saves.

    The editor class has `context`, the `open_existing_requested` Signal(str)
    and `_failed(error)`, which clears the busy state. `duplicate_warning` is
    the open warning, or None.
    """

    duplicate_warning: DuplicateWarning | None = None

    def check_duplicates(self, find: Callable[[Session], list[DuplicateCandidate]], then: Callable[[], None], *,
                         label: str, set_busy: Callable[[bool], None], texts: WarningTexts | None = None) -> None:
        """Run `find` on a read session off the GUI thread, then call `then` at once or after "Save anyway"."""
        context = self.context
        set_busy(True)

        def work(control) -> list[DuplicateCandidate]:
            with context.read_session() as session:
                return find(session)

        def checked(candidates: list[DuplicateCandidate]) -> None:
            set_busy(False)
            if candidates:
                self.show_duplicate_warning(candidates, then, texts)
            else:
                then()

        context.tasks.run(work, on_result=checked, on_error=self._failed, label=label, parent=self)

    def show_duplicate_warning(self, candidates: list[DuplicateCandidate], then: Callable[[], None],
                               texts: WarningTexts | None = None) -> DuplicateWarning:
        """Open the warning over the editor. "Save anyway" calls `then`, and "Open existing" closes the editor."""
        warning = DuplicateWarning(candidates, self, texts)
        self.duplicate_warning = warning
        warning.accepted.connect(then)
        warning.open_existing.connect(self._open_existing_record)
        warning.finished.connect(lambda _code: self._duplicate_warning_closed(warning))
        warning.open()
        return warning

    def _duplicate_warning_closed(self, warning: DuplicateWarning) -> None:
        if self.duplicate_warning is warning:
            self.duplicate_warning = None
        warning.deleteLater()

    def _open_existing_record(self, record_id: str) -> None:
        self.open_existing_requested.emit(record_id)
        # The user chose the existing record, so done() drops the typed values
        # without the discard question that reject() may show.
        self.done(QDialog.DialogCode.Rejected)
