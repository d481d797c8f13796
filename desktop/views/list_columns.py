"""Column choice, column widths and sort of a searchable list page, remembered per user.

A click on a column header sorts by that column ascending, a second click
descending, and a third returns to best matches first. Hidden columns,
widths and the sort are stored in COLUMN_SETTINGS_FILE in the user's data
folder, under the page's settings group. The name column always stays
shown, so the list never ends up empty.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QWidget

from desktop.i18n import translate
from desktop.models.search_list_model import is_valid_sort, split_sort
from sync.search import RELEVANCE

log = logging.getLogger(__name__)

COLUMN_SETTINGS_FILE = "view_settings.ini"
# Column widths are written this long after the user stops dragging a header.
SAVE_DELAY_MS = 500
# The column that can never be hidden.
ALWAYS_SHOWN = "name"


class ListColumns:
    """Keeps the columns and sort of `table` (over a SearchListModel) and stores them under `group`.

    `sort_of_column` maps each column key to the search API's sort key;
    `on_sort_changed` runs after the sort changed, to search again.
    """

    def __init__(self, owner: QWidget, table: QTableView, settings: QSettings, group: str, *,
                 sort_of_column: Mapping[str, str], sort_keys: Collection[str], default_hidden: Collection[str],
                 on_sort_changed: Callable[[], None]) -> None:
        self.owner = owner
        self.table = table
        self.model = table.model()
        self.settings = settings
        self.group = group
        self.sort_of_column = dict(sort_of_column)
        self.sort_keys = sort_keys
        self.default_hidden = tuple(default_hidden)
        self.on_sort_changed = on_sort_changed
        self._save_timer = QTimer(owner)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_columns)

        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_header_menu)
        header.sectionClicked.connect(self.header_clicked)

        stored_sort = settings.value(f"{group}/sort", RELEVANCE)
        if not is_valid_sort(stored_sort, sort_keys):
            log.warning("stored %s list sort %r is invalid; using best match first", group, stored_sort)
            stored_sort = RELEVANCE
        self.sort: str = stored_sort

    def track_widths(self) -> None:
        """Store the widths shortly after the user resizes a column; call after restore_columns."""
        self.table.horizontalHeader().sectionResized.connect(lambda *args: self._save_timer.start())

    # -- sort --------------------------------------------------------------------

    def set_sort(self, sort: str) -> None:
        """Order the list by the search API's `sort` ("relevance", or a sort key with an optional "-") and remember it."""
        if not is_valid_sort(sort, self.sort_keys):
            raise ValueError(f"invalid {self.group} list sort {sort!r}")
        self.sort = sort
        self.settings.setValue(f"{self.group}/sort", sort)
        self.show_sort_indicator()
        self.on_sort_changed()

    def header_clicked(self, section: int) -> None:
        """Sort by the clicked column: ascending first, then descending, then best matches first."""
        key = self.sort_of_column[self.model.columns[section].key]
        if self.sort == key:
            self.set_sort(f"-{key}")
        elif self.sort == f"-{key}":
            self.set_sort(RELEVANCE)
        else:
            self.set_sort(key)

    def sort_by_column(self, key: str) -> None:
        # The sorted column keeps its direction; another column starts ascending.
        if split_sort(self.sort)[0] != key:
            self.set_sort(key)

    def set_sort_direction(self, descending: bool) -> None:
        key = split_sort(self.sort)[0]
        if key is not None:
            self.set_sort(f"-{key}" if descending else key)

    def show_sort_indicator(self) -> None:
        # Also called after QHeaderView flips the indicator on its own on a
        # click, so the arrow always shows the search's sort.
        header = self.table.horizontalHeader()
        key, descending = split_sort(self.sort)
        columns = [column for column, sort in self.sort_of_column.items() if sort == key]
        header.setSortIndicatorShown(bool(columns))
        if columns:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self.model.column_number(columns[0]), order)

    # -- menus -------------------------------------------------------------------

    def show_header_menu(self, position: QPoint) -> None:
        menu = QMenu(self.owner)
        self.add_column_actions(menu)
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def add_sort_actions(self, menu: QMenu) -> list[QAction]:
        """Add "Best match", one entry per shown column, and Ascending and Descending to the sort menu."""
        key, descending = split_sort(self.sort)
        actions = []
        columns = QActionGroup(menu)
        best = menu.addAction(translate("ListColumns", "Best match"), lambda: self.set_sort(RELEVANCE))
        best.setCheckable(True)
        best.setChecked(key is None)
        columns.addAction(best)
        actions.append(best)

        for number, column in enumerate(self.model.columns):
            column_key = self.sort_of_column[column.key]
            # A hidden column is listed only while it orders the list, so the
            # menu always shows what the list is sorted by.
            if self.table.isColumnHidden(number) and column_key != key:
                continue
            action = menu.addAction(
                column.header(), lambda checked=False, chosen=column_key: self.sort_by_column(chosen)
            )
            action.setCheckable(True)
            action.setChecked(column_key == key)
            columns.addAction(action)
            actions.append(action)

        menu.addSeparator()
        directions = QActionGroup(menu)
        for title, is_descending in (
            (translate("ListColumns", "Ascending"), False),
            (translate("ListColumns", "Descending"), True),
        ):
            action = menu.addAction(
                title, lambda checked=False, chosen=is_descending: self.set_sort_direction(chosen)
            )
            action.setCheckable(True)
            action.setChecked(key is not None and descending == is_descending)
            # Best match has no direction.
            action.setEnabled(key is not None)
            directions.addAction(action)
            actions.append(action)
        return actions

    def add_column_actions(self, menu: QMenu) -> list[QAction]:
        actions = []
        for number, column in enumerate(self.model.columns):
            action = menu.addAction(column.header())
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            action.setEnabled(column.key != ALWAYS_SHOWN)
            action.toggled.connect(lambda shown, key=column.key: self.set_column_visible(key, shown))
            actions.append(action)
        return actions

    # -- stored columns ----------------------------------------------------------

    def set_column_visible(self, key: str, shown: bool) -> None:
        self.table.setColumnHidden(self.model.column_number(key), not shown)
        self.save_columns()

    def save_columns(self) -> None:
        """Store the hidden columns and the widths of the shown ones for this user."""
        self._save_timer.stop()
        columns = list(enumerate(self.model.columns))
        hidden = [column.key for number, column in columns if self.table.isColumnHidden(number)]
        widths = {
            column.key: self.table.columnWidth(number) for number, column in columns
            if not self.table.isColumnHidden(number)
        }
        self.settings.setValue(f"{self.group}/hidden_columns", json.dumps(hidden))
        self.settings.setValue(f"{self.group}/column_widths", json.dumps(widths))
        self.settings.sync()

    def restore_columns(self) -> dict[str, int]:
        """Apply the stored column choice and widths, or the defaults when none are stored or they are unreadable.

        Returns the stored widths by column key (empty when none are stored).
        """
        hidden = list(self.default_hidden)
        widths: dict[str, int] = {}
        try:
            stored_hidden = self.settings.value(f"{self.group}/hidden_columns")
            stored_widths = self.settings.value(f"{self.group}/column_widths")
            if stored_hidden is not None:
                hidden = list(json.loads(stored_hidden))
            if stored_widths is not None:
                widths = {str(key): int(value) for key, value in json.loads(stored_widths).items()}
        except (TypeError, ValueError) as error:
            log.warning("stored %s list columns are unreadable; using the defaults: %s", self.group, error)
        for number, column in enumerate(self.model.columns):
            self.table.setColumnHidden(number, column.key in hidden and column.key != ALWAYS_SHOWN)
            width = widths.get(column.key) or column.width
            if width > 0:
                self.table.setColumnWidth(number, width)
        self.show_sort_indicator()
        return widths
