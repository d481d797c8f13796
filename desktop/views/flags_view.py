"""The Flags page for managers: facts that posted although they broke a rule, and "Mark resolved"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHeaderView, QInputDialog, QLineEdit, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.flag_model import OPEN, FlagModel, count_open_flags, document_label
from desktop.views.task_page import TaskPage

log = logging.getLogger(__name__)


class FlagsView(TaskPage):
    """Open flags of the manager's departments, newest first; resolved ones when asked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, FlagModel(context), "flags", "flagMessage", parent)
        self.setObjectName("FlagsView")
        self.show_resolved = QCheckBox(self)
        self.show_resolved.setObjectName("showResolved")
        self.show_resolved.toggled.connect(lambda checked: self.model.set_filter(checked))
        self.top_row.addWidget(self.show_resolved)
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
        self.resolve_button = self.add_button("resolveButton", self.resolve_selected)
        self.retranslate()
        self.model.set_filter(False)
        self.count_open(count_open_flags, "open flags", "flag")

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
        self.submit_and_report(
            "flag.resolve", {"id": row["id"], "note": note}, what=f"flag {row['id']}",
            outcome=lambda: translate("FlagsView", "The flag on {document} is resolved.").format(document=document),
            busy_label=translate("FlagsView", "Saving..."),
        )
