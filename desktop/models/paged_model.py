"""A read-only table model that loads replica rows a page at a time, off the GUI thread.

Views ask for more rows through canFetchMore/fetchMore as the user scrolls;
each page is a keyset query (rows after the last loaded sort key) run by the
task runner, so the model never holds more rows than were scrolled to, and a
new filter drops the loaded pages and starts again.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.tasks import Changes

log = logging.getLogger(__name__)

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    # Context and English source text; lupdate finds them through QT_TRANSLATE_NOOP.
    context: str
    title: str
    align_right: bool = False
    # Initial width in pixels; 0 leaves Qt's default.
    width: int = 0

    def header(self) -> str:
        return translate(self.context, self.title)


class PagedTableModel(QAbstractTableModel):
    """Subclasses define `columns`, `tables`, `load_page` and `load_ids`; rows are dicts with an "id"."""

    page_size = 200
    columns: Sequence[Column] = ()
    # Replicated tables whose changes can alter the rows shown.
    tables: frozenset[str] = frozenset()

    # Emitted after each page or reload arrives in the GUI thread.
    loaded = Signal()
    # Emitted when a page or a reload starts loading; `loaded` follows.
    loading_started = Signal()

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter: Any = None
        self._rows: list[dict[str, Any]] = []
        self._row_of_id: dict[str, int] = {}
        self._exhausted = False
        self._loading = False
        self._generation = 0
        context.tasks.changed.connect(self.on_changed)

    # -- for subclasses --------------------------------------------------

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        """Return up to `limit` rows matching `filter_value` that sort after the row `after`. Runs in a worker thread."""
        raise NotImplementedError

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        """Return the current rows of `ids` (missing ids are gone). Runs in a worker thread."""
        raise NotImplementedError

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        """Map changed rows to this model's row ids; None means reload everything. Runs in a worker thread."""
        return None

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        return "" if value is None else str(value)

    # -- public ----------------------------------------------------------

    def set_filter(self, filter_value: Any) -> None:
        """Show only rows matching `filter_value`, starting again from the first page."""
        self.filter = filter_value
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._row_of_id = {}
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def row(self, row_number: int) -> dict[str, Any] | None:
        if 0 <= row_number < len(self._rows):
            return self._rows[row_number]
        return None

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        self.loading_started.emit()
        generation = self._generation
        filter_value = self.filter
        after = self._rows[-1] if self._rows else None
        limit = self.page_size

        def work(control):
            with self.context.read_session() as session:
                return self.load_page(session, filter_value, after, limit)

        self.context.tasks.run(
            work,
            on_result=lambda rows: self._append(generation, rows, limit),
            on_error=lambda error: self._load_failed(generation, error),
        )

    # -- internals ---------------------------------------------------------

    def _current(self, generation: int) -> bool:
        """Return whether a loaded result still belongs here: the model exists and no newer load started.

        A dialog may close, deleting its models, while their page is still
        being read; emitting on the deleted model would raise in the event loop.
        """
        return shiboken6.isValid(self) and generation == self._generation

    def _append(self, generation: int, rows: list[dict[str, Any]], limit: int) -> None:
        if not self._current(generation):
            return
        self._loading = False
        self._exhausted = len(rows) < limit
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            for offset, row in enumerate(rows):
                self._row_of_id[row["id"]] = first + offset
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if not self._current(generation):
            return
        self._loading = False
        self._exhausted = True
        log.error("loading rows failed", exc_info=(type(error), error, error.__traceback__))
        self.loaded.emit()

    def on_changed(self, changes: Changes) -> None:
        if not changes.touches(*self.tables):
            return
        generation = self._generation

        def work(control):
            with self.context.read_session() as session:
                ids = self.changed_row_ids(session, changes)
                if ids is None:
                    return None, {}
                return ids, self.load_ids(session, ids) if ids else {}

        self.context.tasks.run(work, on_result=lambda value: self._replace(generation, *value))

    def _replace(self, generation: int, ids: set[str] | None, found: dict[str, dict[str, Any]]) -> None:
        if not self._current(generation):
            return
        if ids is None or len(found) != len(ids) or any(row_id not in self._row_of_id for row_id in ids):
            # A row may have entered or left the filter, or moved in the order.
            self._reload_keeping(len(self._rows))
            return
        for row_id, row in found.items():
            number = self._row_of_id.get(row_id)
            if number is None:
                continue
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.columns) - 1))
        self.loaded.emit()

    def _reload_keeping(self, count: int) -> None:
        """Reload the first `count` rows (at least a page) in one query, then swap them in."""
        self._generation += 1
        generation = self._generation
        filter_value = self.filter
        limit = max(count, self.page_size)
        self._loading = True
        self.loading_started.emit()

        def work(control):
            with self.context.read_session() as session:
                return self.load_page(session, filter_value, None, limit)

        def swap(rows):
            if not self._current(generation):
                return
            self.beginResetModel()
            self._rows = list(rows)
            self._row_of_id = {row["id"]: number for number, row in enumerate(self._rows)}
            self._exhausted = len(rows) < limit
            self._loading = False
            self.endResetModel()
            self.loaded.emit()

        self.context.tasks.run(work, on_result=swap, on_error=lambda error: self._load_failed(generation, error))
