"""Page-at-a-time loading of a document list: the first page on reload, the next one as the table scrolls to its end."""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTableView

from desktop.models.row_list_model import RowListModel

log = logging.getLogger(__name__)

# Rows from the bottom of the table at which the next page starts loading.
PREFETCH_ROWS = 5


class PagedListLoader(QObject):
    """Fill `model` from `read_page(session, offset, limit)`, run as background tasks of `context`.

    `read_page` is built again on each reload by `make_reader`, so it carries the
    search text and filters of that moment. A page that arrives after a newer
    reload started is dropped, because it belongs to the old filters. A reload
    keeps the current row current when the first page still lists it (rows
    are matched by their `id` attribute), so a list that reloads after a save
    or a sync does not move the user's place.
    """

    # Emitted after each page is shown, and after a failed load.
    loaded = Signal()
    failed = Signal(object)

    def __init__(self, context, table: QTableView, model: RowListModel,
                 make_reader: Callable[[], Callable[[Any, int, int], list]], page_size: int) -> None:
        super().__init__(table)
        self.context = context
        self.table = table
        self.model = model
        self.make_reader = make_reader
        self.page_size = page_size
        self.loading = False
        self.exhausted = False
        self._generation = 0
        self._reader: Callable[[Any, int, int], list] | None = None
        self._keep_id: str | None = None
        table.verticalScrollBar().valueChanged.connect(self._maybe_load_more)

    def reload(self) -> None:
        current = self.model.row_at(self.table.currentIndex().row())
        self._keep_id = getattr(current, "id", None)
        self._reader = self.make_reader()
        self.exhausted = False
        self._load(offset=0)

    def _load(self, offset: int) -> None:
        reader, context, limit = self._reader, self.context, self.page_size
        self.loading = True
        self._generation += 1
        generation = self._generation

        def work(control) -> list:
            with context.read_session() as session:
                return reader(session, offset, limit)

        def shown(rows: list) -> None:
            if generation != self._generation:
                return
            self.loading = False
            self.exhausted = len(rows) < limit
            if offset == 0:
                self.model.set_rows(rows)
                kept = next((number for number, row in enumerate(rows)
                             if self._keep_id is not None and getattr(row, "id", None) == self._keep_id), None)
                if kept is not None:
                    self.table.setCurrentIndex(self.model.index(kept, 0))
                elif rows and not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
            else:
                self.model.append_rows(rows)
            self.loaded.emit()

        def not_shown(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.loading = False
            log.warning("loading a list page at offset %d failed: %s", offset, error)
            self.failed.emit(error)

        context.tasks.run(work, on_result=shown, on_error=not_shown)

    def _maybe_load_more(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if self._reader is not None and not self.exhausted and not self.loading and value >= bar.maximum() - PREFETCH_ROWS:
            self._load(offset=self.model.rowCount())
