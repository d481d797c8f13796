"""The frame of the pages where a manager or clerk works through a list: conflicts, flags, duplicates, approvals.

Each such page shows a sentence saying what the list is, the table, a line
in its place when it is empty, and under it the outcome of the last action
beside the action buttons. Actions queue a command on this computer, say
what was done and ask the sync to send it at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.views.open_count import OpenCount
from desktop.views.record_table import configure_record_table
from sync.client import Submitted

log = logging.getLogger(__name__)


class TaskPage(QWidget):
    """A list page with an intro, a table, an empty-list line and a row of outcome and buttons.

    `name` prefixes the object names tests and style sheets use: `{name}Intro`,
    `{name}Table`, `{name}Empty`; `message_name` names the outcome label.
    The model needs `loaded`, `loading`, `row(number)` and `reload()`.
    """

    # Number of open items, for pages that count them (see count_open); the navigation shows it.
    count_changed = Signal(int)

    def __init__(self, context: AppContext, model: QAbstractItemModel, name: str, message_name: str,
                 parent: QWidget | None = None, table: QTableView | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = model
        model.setParent(self)
        self.open_count = 0
        self._counter: OpenCount | None = None
        self.intro = QLabel(self)
        self.intro.setObjectName(f"{name}Intro")
        self.intro.setWordWrap(True)
        self.table = table or QTableView(self)
        self.table.setParent(self)
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(model)
        configure_record_table(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        model.loaded.connect(self._loaded)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName(f"{name}Empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel(self)
        self.message_label.setObjectName(message_name)
        self.message_label.setWordWrap(True)

        self.top_row = QHBoxLayout()
        self.top_row.addWidget(self.intro, 1)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self.button_row)

    def add_button(self, object_name: str, slot: Callable[[], Any]) -> QPushButton:
        """Add an action button at the right end of the bottom row; clicking calls `slot()` without arguments."""
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.clicked.connect(lambda _checked=False: slot())
        self.button_row.addWidget(button)
        return button

    def count_open(self, count: Callable, what: str, table: str) -> None:
        """Count open items with `count(session)` off the GUI thread now and after each local change to `table`.

        Each count sets `open_count` and emits `count_changed`; `what` names
        the items in the log.
        """
        self._counter = OpenCount(self.context, count, self._show_count, what)

        def changed(changes) -> None:
            if changes.touches(table):
                self.refresh_count()

        self.context.tasks.changed.connect(changed)
        self.refresh_count()

    def refresh_count(self) -> None:
        """Count the open items again off the GUI thread and emit `count_changed`."""
        if self._counter is not None:
            self._counter.refresh()

    def _show_count(self, count: int) -> None:
        self.open_count = count
        self.count_changed.emit(count)

    def selected_row(self) -> dict[str, Any] | None:
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
        """Enable the buttons for the current row; pages override this."""

    def submit_and_report(self, command: str, payload: dict[str, Any], *, outcome: Callable[[], str], busy_label: str,
                          what: str, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Queue `command` through the task runner; when saved, show `outcome()` and sync now.

        `what` names the item in the log ("flag 0193…"). A failure clears the
        outcome line and goes to `on_error`, or to the error dialog.
        """
        def saved(submitted: Submitted) -> None:
            log.info("%s: %s queued locally as %s", what, command, submitted.mutation_id)
            self.message_label.setText(outcome())
            self.context.sync.sync_now()

        def failed(error: BaseException) -> None:
            self.message_label.clear()
            (on_error or (lambda exc: show_error(self, exc)))(error)

        self.context.tasks.submit(command, payload, on_result=saved, on_error=failed, parent=self, label=busy_label)
