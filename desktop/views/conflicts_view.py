"""The Conflicts page: fields where another user's later change replaced yours, and "Apply mine again"."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHeaderView, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.conflict_model import ConflictModel, apply_again_command, field_label
from desktop.views.task_page import TaskPage

log = logging.getLogger(__name__)


class ConflictsView(TaskPage):
    """The conflict log of the signed-in user, newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ConflictModel(context), "conflicts", "conflictMessage", parent)
        self.setObjectName("ConflictsView")
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.apply_button = self.add_button("applyAgainButton", self.apply_selected)
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
        self.submit_and_report(
            command.command, command.payload, what=f"conflict {row['id']}",
            outcome=lambda: translate("ConflictsView", "{field} of {record} is set back to your value.").format(
                field=field, record=row["record"]),
            busy_label=translate("ConflictsView", "Applying your value..."),
        )
