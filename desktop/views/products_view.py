"""The Products page: search, a lazily paged list sorted by any column, Enter opens the product detail.

Column choice, order, widths and the sort are stored in the replica's
folder (view_settings.ini, group "products"), so they come back at the next
start. The Columns button (Alt+C) shows and hides columns by keyboard;
Ctrl+Shift+S cycles the sort column and Ctrl+Shift+D reverses it.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.product_list_model import ProductListFilter, ProductListModel
from desktop.views.column_fit import FitOnFirstRows
from desktop.views.product_detail import ProductDetailDialog, open_product_detail

log = logging.getLogger(__name__)

CONTEXT = "ProductsView"
SEARCH_DELAY_MS = 250
SAVE_DELAY_MS = 500
COLUMN_SETTINGS_FILE = "view_settings.ini"
SETTINGS_GROUP = "products"


class ProductsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productsView")
        self.context = context
        self.model = ProductListModel(context, self)
        self.details: list[ProductDetailDialog] = []
        self._settings = QSettings(str(context.data_dir / COLUMN_SETTINGS_FILE), QSettings.Format.IniFormat)

        self.search = QLineEdit(self)
        self.search.setObjectName("productSearch")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.columns_button = QPushButton(self)
        self.columns_button.setObjectName("productColumns")
        self.columns_menu = QMenu(self)
        self.columns_button.setMenu(self.columns_menu)
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)

        self.table = QTableView(self)
        self.table.setObjectName("productTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._open_detail_at)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        for number, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(number, column.width)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda point: self._fill_columns_menu() or self.columns_menu.exec(
            header.mapToGlobal(point)))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("productCount")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.columns_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_columns)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.model.loaded.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        for signal in (header.sectionResized, header.sectionMoved):
            signal.connect(lambda *args: self._save_timer.start())

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=self.next_sort_column)
        QShortcut(QKeySequence("Ctrl+Shift+D"), self, activated=self.reverse_sort)
        self.restore_columns()
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(lambda *args: self._save_timer.start())
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("ProductsView", "Search by code, barcode, name or pinyin initials (Ctrl+F)"))
        self.search.setToolTip(translate("ProductsView", "Down moves to the list; Enter there opens the product"))
        self.columns_button.setText(translate("ProductsView", "&Columns"))
        self.columns_button.setToolTip(translate(
            "ProductsView", "Show or hide columns (Alt+C). Ctrl+Shift+S sorts by the next column, Ctrl+Shift+D reverses the sort"))
        self.table.setToolTip(translate("ProductsView", "Enter opens the product's stock, sales history and prices"))
        self._update_count()

    # -- search and sort ----------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        current = self.model.filter or ProductListFilter()
        self.model.set_filter(dataclasses.replace(current, text=self.search.text()))

    def next_sort_column(self) -> None:
        header = self.table.horizontalHeader()
        visible = [number for number in range(self.model.columnCount()) if not header.isSectionHidden(number)]
        current = header.sortIndicatorSection()
        following = [number for number in visible if number > current] or visible
        self.table.sortByColumn(following[0], Qt.SortOrder.AscendingOrder)

    def reverse_sort(self) -> None:
        header = self.table.horizontalHeader()
        order = header.sortIndicatorOrder()
        reverse = Qt.SortOrder.DescendingOrder if order == Qt.SortOrder.AscendingOrder else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(header.sortIndicatorSection(), reverse)

    # -- columns ------------------------------------------------------------------

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        header = self.table.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            action = self.columns_menu.addAction(column.header())
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            # The code identifies a product in every message, so it stays visible.
            action.setEnabled(column.key != "code")
            action.toggled.connect(lambda shown, section=number: self.set_column_visible(section, shown))

    def set_column_visible(self, section: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(section, not shown)
        self.save_columns()

    def save_columns(self) -> None:
        self._save_timer.stop()
        state = self.table.horizontalHeader().saveState()
        self._settings.setValue(f"{SETTINGS_GROUP}/header_state", state)
        self._settings.sync()

    def restore_columns(self) -> None:
        """Restore the stored header (visibility, order, widths, sort); the model then sorts as it shows."""
        state = self._settings.value(f"{SETTINGS_GROUP}/header_state")
        header = self.table.horizontalHeader()
        restored = isinstance(state, QByteArray) and header.restoreState(state)
        if state is not None and not restored:
            log.warning("stored product columns could not be restored; using the defaults")
        # Stored widths are the user's; without them the columns fit the first page.
        self.column_fit = FitOnFirstRows(self.table, enabled=not restored)
        if not restored or not 0 <= header.sortIndicatorSection() < self.model.columnCount():
            header.setSortIndicator(self.model.column_of("code"), Qt.SortOrder.AscendingOrder)
        # Loads the first page, in the restored order.
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if self.model.rowCount() == 0 and not self.model.loading:
            self.model.set_filter(self.model.filter)

    # -- keyboard and detail ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self.apply_search()
                self._focus_first_row()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_detail_at(self.table.currentIndex())
                return True
            if watched is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_row(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() > 0 and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        elif self.model.loading:
            self.model.loaded.connect(self._select_first_once, Qt.ConnectionType.SingleShotConnection)

    def _select_first_once(self) -> None:
        if self.model.rowCount() > 0 and self.table.hasFocus():
            self.table.selectRow(0)

    def _open_detail_at(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        product_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        log.debug("product detail opened for %s", product_id)
        dialog = open_product_detail(self.context, product_id, self)
        self.details = [detail for detail in self.details if detail.isVisible()] + [dialog]

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.matches_capped:
            text = self.tr("%n product(s) shown of more than 1000 matches; type more to narrow them", "", shown)
        elif self.model.exhausted:
            text = self.tr("%n product(s)", "", shown)
        else:
            text = self.tr("%n product(s) shown; scroll for more", "", shown)
        self.count_label.setText(text)
