"""The note under a saved form: whether its commands wait for a sync, were applied, or were not applied."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.i18n import translate
from sync.local_tables import OutboxEntry, OutboxStatus

log = logging.getLogger(__name__)


class SavedStateNote(QObject):
    """Follow the outbox entries of the last save after each sync attempt and emit the note to show."""

    text_changed = Signal(str)

    def __init__(self, context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mutation_ids: list[str] = []
        self.status: str | None = None
        context.sync.attempt_finished.connect(self.refresh)

    def track(self, mutation_id: str) -> None:
        """Add a command of the current save; a save of several commands is applied when all of them are."""
        self.mutation_ids.append(mutation_id)
        self.status = OutboxStatus.PENDING.value
        self.text_changed.emit(self.text())

    def text(self) -> str:
        if self.status == OutboxStatus.PENDING.value:
            return translate("AdminList", "Saved. The server applies it at the next sync.")
        if self.status in (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value):
            return translate("AdminList", "Saved on this computer, but the server did not apply it. "
                                          "Sync problems shows why.")
        return translate("AdminList", "Saved. The server has applied it.")

    def refresh(self) -> None:
        """Read the tracked entries' outbox status and emit the note when it changed."""
        mutation_ids = list(self.mutation_ids)
        if not mutation_ids:
            return
        context = self.context

        def work(control) -> list[str | None]:
            with context.read_session() as session:
                entries = [session.get(OutboxEntry, mutation_id) for mutation_id in mutation_ids]
                # An entry gone from the outbox was acknowledged and moved out by the pull that brought it back.
                return [None if entry is None else entry.status for entry in entries]

        def read(statuses: list[str | None]) -> None:
            if mutation_ids != self.mutation_ids:
                return
            not_applied = [s for s in statuses if s in (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value)]
            if not_applied:
                status = not_applied[0]
            elif OutboxStatus.PENDING.value in statuses:
                status = OutboxStatus.PENDING.value
            else:
                status = None
            if status != OutboxStatus.PENDING.value:
                self.mutation_ids = []
            if status != self.status:
                self.status = status
                self.text_changed.emit(self.text())

        context.tasks.run(work, on_result=read)
