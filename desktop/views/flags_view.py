"""The Flags page for managers: facts that posted although they broke a rule, and "Mark resolved"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.views.open_count import OpenCount
from desktop.views.record_table import configure_record_table
from desktop.models.flag_model import OPEN, FlagModel, count_open_flags, document_label
from sync.client import Submitted

log = logging.getLogger(__name__)


class FlagsView(QWidget):
    """Open flags of the manager's departments, newest first; resolved ones when asked."""

    # Number of open flags, after each change to the flag table; the navigation shows it.
    count_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlagsView")
        self.context = context
        self.intro = QLabel(self)
        self.intro.setObjectName("flagsIntro")
        self.intro.setWordWrap(True)
        self.show_resolved = QCheckBox(self)
        self.show_resolved.setObjectName("showResolved")
        self.show_resolved.toggled.connect(lambda checked: self.model.set_filter(checked))
        self.model = FlagModel(context, self)
        self.table = QTableView(self)
        self.table.setObjectName("flagsTable")
        self.table.setModel(self.model)
        configure_record_table(self.table)
        # Rules and advice are sentences, so they wrap in taller rows instead of being cut off.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The sentence columns share the free width; rows grow to the wrapped text (and every cell has a tooltip).
        header = self.table.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            if column.key in ("rule", "advice"):
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.model.loaded.connect(self._loaded)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("flagsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("flagMessage")
        self.message_label.setWordWrap(True)
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.clicked.connect(self.resolve_selected)

        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.show_resolved)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        self.open_count = 0
        self._counter = OpenCount(context, count_open_flags, self._show_count, "open flags")
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.model.set_filter(False)
        self.refresh_count()

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "FlagsView",
            "These documents were posted although they broke a rule, because the goods or money had already moved. "
            "Deal with each one, then mark it resolved.",
        ))
        self.show_resolved.setText(translate("FlagsView", "Show resolved"))
        self.empty_label.setText(translate("FlagsView", "No open flags."))
        self.resolve_button.setText(translate("FlagsView", "Mark resolved..."))
        self.resolve_button.setToolTip(translate("FlagsView", "Record what you did about this flag and close it"))
        self._update_actions()

    def refresh_count(self) -> None:
        """Count the open flags off the GUI thread and emit `count_changed`."""
        self._counter.refresh()

    def _show_count(self, count: int) -> None:
        self.open_count = count
        self.count_changed.emit(count)

    def _on_changed(self, changes) -> None:
        if changes.touches("flag"):
            self.refresh_count()

    def selected_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _loaded(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows and not self.model.loading)
        if has_rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.resolve_button.setEnabled(row is not None and row["status"] == OPEN)

    def ask_note(self, document: str) -> str | None:
        """Ask what the manager did; None when cancelled or left empty."""
        note, accepted = QInputDialog.getText(
            self, translate("FlagsView", "Mark resolved"),
            translate("FlagsView", "What did you do about the flag on {document}?").format(document=document),
            QLineEdit.EchoMode.Normal, "",
        )
        note = note.strip()
        return note if accepted and note else None

    def resolve_selected(self, note: str | None = None) -> None:
        """Submit flag.resolve for the selected flag with the manager's note (asked for when not given)."""
        row = self.selected_row()
        if row is None or row["status"] != OPEN:
            return
        document = document_label(row["record_table"], row["document_number"] or row["record_id"])
        if not note:
            note = self.ask_note(document)
        if not note:
            return

        def resolved(submitted: Submitted) -> None:
            log.info("flag %s resolved locally as %s", row["id"], submitted.mutation_id)
            self.message_label.setText(translate("FlagsView", "The flag on {document} is resolved.").format(document=document))
            self.context.sync.sync_now()

        def failed(error: BaseException) -> None:
            self.message_label.clear()
            show_error(self, error)

        self.context.tasks.submit("flag.resolve", {"id": row["id"], "note": note}, on_result=resolved, on_error=failed,
                                  parent=self, label=translate("FlagsView", "Saving..."))
