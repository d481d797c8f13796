"""A read-only table of rows held in memory, which the view's loader replaces or extends a page at a time."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

RowT = TypeVar("RowT")

_Index = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractTableModel, Generic[RowT]):
    """Rows of one document list (orders, quotations); subclasses name the COLUMNS and their titles."""

    COLUMNS: tuple[str, ...] = ()
    # Emitted by set_rows, so keys waiting for a search (desktop.views.list_keys) act on its rows.
    loaded = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        # True from start_loading until the next set_rows.
        self.loading = False

    def start_loading(self) -> None:
        """Mark the rows as being read again; the view calls this when it starts a search."""
        self.loading = True

    def titles(self) -> tuple[str, ...]:
        """Return the translated column titles, in COLUMNS order."""
        raise NotImplementedError

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.loading = False
        self.loaded.emit()

    def append_rows(self, rows: list[RowT]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.titles()[section]
