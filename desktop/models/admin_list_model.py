"""A table model over one background query, for the short master-data lists of the Administration page.

Departments, users, warehouses and customer categories number in the tens,
so the model loads every row at once and a QSortFilterProxyModel sorts and
searches them in memory. It reloads whole after any change to one of its
tables, whether a local save or a pull wrote it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.paged_model import Column
from desktop.tasks import Changes

log = logging.getLogger(__name__)

ModelIndex = QModelIndex | QPersistentModelIndex
# The value the proxy sorts by: numbers and dates sort by value, text by its display form.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# Rows read by a query: dicts with an "id", the column keys and whatever the edit dialog needs.
RowLoader = Callable[[Session], list[dict[str, Any]]]
# Turns a row's value of one column into the shown text; the view's language applies at call time.
Formatter = Callable[[dict[str, Any]], str]


class AdminListModel(QAbstractTableModel):
    """All rows of one master-data table, loaded by `loader` off the GUI thread."""

    # Emitted after every load, in the GUI thread.
    loaded = Signal()

    def __init__(self, context: AppContext, columns: Sequence[Column], loader: RowLoader,
                 tables: frozenset[str], formatters: dict[str, Formatter] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.columns = tuple(columns)
        self.loader = loader
        self.tables = tables
        self.formatters = formatters or {}
        self._rows: list[dict[str, Any]] = []
        self._generation = 0
        self.loading = False
        context.tasks.changed.connect(self._on_changed)

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self.loading = True
        loader = self.loader

        def work(control) -> list[dict[str, Any]]:
            with self.context.read_session() as session:
                return loader(session)

        self.context.tasks.run(work, on_result=lambda rows: self._show(generation, rows),
                               on_error=lambda error: self._failed(generation, error))

    def row(self, number: int) -> dict[str, Any] | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def row_by_id(self, row_id: str) -> dict[str, Any] | None:
        return next((row for row in self._rows if row["id"] == row_id), None)

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def display(self, row: dict[str, Any], column: Column) -> str:
        formatter = self.formatters.get(column.key)
        if formatter is not None:
            return formatter(row)
        value = row.get(column.key)
        return "" if value is None else str(value)

    # -- Qt model --------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].header()
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, column)
        if role == SORT_ROLE:
            if column.align_right:
                # Right-aligned columns hold numbers; a blank sorts first. The float is for ordering only.
                value = row.get(column.key)
                return float(value) if value is not None else float("-inf")
            return self.display(row, column).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.get("active") is False:
            # Inactive rows stay listed, greyed, so they can be found and switched on again.
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    # -- internals ---------------------------------------------------------

    def _current(self, generation: int) -> bool:
        # The page that owns the model may close while its rows are being read, as in PagedTableModel._current.
        return shiboken6.isValid(self) and generation == self._generation

    def _show(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if not self._current(generation):
            return
        self.loading = False
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if not self._current(generation):
            return
        self.loading = False
        log.error("loading %s failed", ", ".join(sorted(self.tables)), exc_info=(type(error), error, error.__traceback__))
        self.loaded.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.tables):
            self.reload()


class SearchProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and keeps rows whose text in any column contains every word typed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []

    @property
    def columns(self) -> Sequence[Column]:
        """The source model's columns, which configure_record_table reads for the widths."""
        return self.sourceModel().columns

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        texts = " ".join(
            str(model.index(source_row, column, source_parent).data() or "") for column in range(model.columnCount())
        ).casefold()
        return all(word in texts for word in self._words)
