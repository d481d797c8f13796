"""The Conflicts page: fields where another user's later change replaced yours, and "Apply mine again"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.views.record_table import configure_record_table
from desktop.models.conflict_model import ConflictModel, apply_again_command, field_label
from sync.client import Submitted

log = logging.getLogger(__name__)


class ConflictsView(QWidget):
    """The conflict log of the signed-in user, newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictsView")
        self.context = context
        self.intro = QLabel(self)
        self.intro.setObjectName("conflictsIntro")
        self.intro.setWordWrap(True)
        self.model = ConflictModel(context, self)
        self.table = QTableView(self)
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        configure_record_table(self.table)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.model.loaded.connect(self._loaded)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("conflictsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("conflictMessage")
        self.message_label.setWordWrap(True)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("applyAgainButton")
        self.apply_button.clicked.connect(self.apply_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.model.reload()

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "ConflictsView",
            "You and another user changed the same field while one of you was offline. The server kept the later "
            "change; your value is listed here so you can apply it again.",
        ))
        self.empty_label.setText(translate("ConflictsView", "No conflicts: none of your changes was replaced."))
        self.apply_button.setText(translate("ConflictsView", "Apply mine again"))
        self.apply_button.setToolTip(translate("ConflictsView", "Set the field back to your value; the change syncs like any other"))
        self._update_actions()

    def selected_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_row(self, number: int) -> None:
        self.table.selectRow(number)

    def _loaded(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows and not self.model.loading)
        if has_rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.apply_button.setEnabled(row is not None and apply_again_command(row) is not None and not row["applied_again"])

    def apply_selected(self) -> None:
        """Submit the update that writes the selected losing value back, through the task runner."""
        row = self.selected_row()
        if row is None:
            return
        command = apply_again_command(row)
        if command is None:
            return
        field = field_label(row["field"])

        def applied(submitted: Submitted) -> None:
            log.info("conflict %s: losing value applied again as %s", row["id"], submitted.mutation_id)
            self.message_label.setText(translate("ConflictsView", "{field} of {record} is set back to your value.")
                                       .format(field=field, record=row["record"]))
            self.context.sync.sync_now()

        def failed(error: BaseException) -> None:
            self.message_label.clear()
            show_error(self, error)

        self.context.tasks.submit(command.command, command.payload, on_result=applied, on_error=failed, parent=self,
                                  label=translate("ConflictsView", "Applying your value..."))
