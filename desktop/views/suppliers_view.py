"""The Suppliers page: search, a lazy list sorted by any column, and the supplier detail.

Keys: Ctrl+F goes to the search box, Down or Enter there moves to the list,
Up on the first row goes back. Enter on a row opens the supplier detail and
Ctrl+Shift+N (or Ctrl+N, which opens a new order on the other pages) enters a
new supplier. The search matches part of a name, a code, a phone number, the
mnemonic code or the pinyin initials of the name.
Column choice, widths and the sort are remembered (desktop.views.list_columns).
NOTE: the search index covers the supplier's own phone only, so a contact's
phone does not find its supplier (the same holds for customers).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.supplier_model import SORT_OF_COLUMN, SupplierModel, SupplierQuery
from desktop.views.list_columns import COLUMN_SETTINGS_FILE, ListColumns
from desktop.views.list_keys import ListKeys
from desktop.views.record_table import configure_list_table
from desktop.views.supplier_detail import SupplierDetailDialog
from desktop.views.supplier_editor import new_supplier
from sync.search import SUPPLIER_SORT_KEYS

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
NEW_SUPPLIER_KEYS = "Ctrl+Shift+N"
SETTINGS_GROUP = "suppliers"
DEFAULT_HIDDEN = ("mnemonic",)


class SuppliersView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suppliersView")
        self.context = context
        self.model = SupplierModel(context, self)
        self.details: list[SupplierDetailDialog] = []
        self._settings = QSettings(str(context.data_dir / COLUMN_SETTINGS_FILE), QSettings.Format.IniFormat)
        self.may_create = may_run(context, "supplier.create")

        self.search = QLineEdit(self)
        self.search.setObjectName("supplierSearch")
        self.search.setClearButtonEnabled(True)

        self.table = QTableView(self)
        self.table.setObjectName("supplierTable")
        self.table.setModel(self.model)
        configure_list_table(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)
        self.table.doubleClicked.connect(self._open_detail_at)
        self.list_keys = ListKeys(self.search, self.table, run_pending_search=self._run_pending_search,
                                  open_row=self._open_detail_at)
        self.list_columns = ListColumns(
            self, self.table, self._settings, SETTINGS_GROUP, sort_of_column=SORT_OF_COLUMN,
            sort_keys=SUPPLIER_SORT_KEYS, default_hidden=DEFAULT_HIDDEN, on_sort_changed=self.apply_search,
        )

        self.count_label = QLabel(self)
        self.count_label.setObjectName("supplierCount")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("supplierNew")
        self.new_button.clicked.connect(self.create_supplier)
        self.new_button.setVisible(self.may_create)
        context.command_access.changed.connect(self.apply_permissions)
        self.detail_button = QPushButton(self)
        self.detail_button.setObjectName("supplierOpenDetail")
        self.detail_button.clicked.connect(self.open_selected_detail)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.detail_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.model.count_changed.connect(self._update_count)
        self.model.loaded.connect(self._update_count)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(NEW_SUPPLIER_KEYS), self, activated=self.create_supplier)
        self.list_columns.restore_columns()
        self.list_columns.track_widths()
        self.retranslate()
        self.apply_search()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            translate("SuppliersView", "Search by name, code, phone, pinyin initials or mnemonic (Ctrl+F)")
        )
        self.search.setToolTip(translate(
            "SuppliersView",
            "Type part of a name, a code, a phone number, the mnemonic code or the pinyin initials of the name (any reading); Down moves to the list",
        ))
        self.table.setToolTip(translate("SuppliersView", "Enter opens the supplier's detail; the Menu key shows sort and columns"))
        self.table.horizontalHeader().setToolTip(translate(
            "SuppliersView",
            "Click a column to sort by it, click again to reverse the order and a third time for best matches first; right-click to choose columns",
        ))
        self.new_button.setText(translate("SuppliersView", "New supplier... (Ctrl+Shift+N)"))
        self.new_button.setToolTip(translate("SuppliersView", "Enter a new supplier (Ctrl+Shift+N)"))
        self.detail_button.setText(translate("SuppliersView", "Details (Enter)"))
        self.detail_button.setToolTip(translate("SuppliersView", "Open the selected supplier's detail (Enter)"))
        self._update_count()

    # -- search ------------------------------------------------------------------

    def focus_search(self) -> None:
        self.list_keys.focus_search()

    def _run_pending_search(self) -> None:
        if self._search_timer.isActive():
            self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(SupplierQuery(self.search.text(), self.list_columns.sort))

    def set_sort(self, sort: str) -> None:
        self.list_columns.set_sort(sort)

    def _update_count(self) -> None:
        if self.model.total_capped:
            text = translate("SuppliersView", "{count}+ suppliers").format(count=self.model.total)
        else:
            text = self.tr("%n supplier(s)", "", self.model.total)
        self.count_label.setText(text)

    # -- rows and keys -------------------------------------------------------------

    def selected_supplier_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def apply_permissions(self) -> None:
        """Show New supplier only to a role that may create suppliers, after a permission change too."""
        self.may_create = may_run(self.context, "supplier.create")
        self.new_button.setVisible(self.may_create)

    # -- actions -------------------------------------------------------------------

    def create_supplier(self) -> None:
        """Open the editor of a new supplier; the list shows it once it is saved."""
        if self.may_create:
            new_supplier(self.context, self, on_saved=lambda _supplier_id: self.apply_search(),
                         on_open_existing=self.open_detail)

    def open_selected_detail(self) -> SupplierDetailDialog | None:
        return self._open_detail_at(self.table.currentIndex())

    def _open_detail_at(self, index: QModelIndex) -> SupplierDetailDialog | None:
        if not index.isValid():
            return None
        return self.open_detail(self.model.data(index, Qt.ItemDataRole.UserRole))

    def open_detail(self, supplier_id: str) -> SupplierDetailDialog:
        """Show the detail of the supplier. Esc closes it, and the list gets the focus back."""
        log.debug("supplier detail opened for %s", supplier_id)
        dialog = SupplierDetailDialog(self.context, supplier_id, self)
        dialog.finished.connect(lambda result, shown=dialog: self._detail_closed(shown))
        self.details.append(dialog)
        dialog.show()
        dialog.activateWindow()
        return dialog

    def _detail_closed(self, dialog: SupplierDetailDialog) -> None:
        if dialog in self.details:
            self.details.remove(dialog)
        self.window().activateWindow()
        self.table.setFocus()

    def event(self, event: QEvent) -> bool:
        # The main window's Ctrl+N opens a new order. Here a new order is
        # unexpected, so taking the shortcut override turns the key into a key
        # press, which keyPressEvent handles. Key events of the search box and
        # the table reach this widget, because neither uses Ctrl+N.
        if event.type() == QEvent.Type.ShortcutOverride and _is_new_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_new_key(event):
            self.create_supplier()
            return
        super().keyPressEvent(event)

    def _show_table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        open_action = menu.addAction(translate("SuppliersView", "Open details"), self.open_selected_detail)
        open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        open_action.setEnabled(self.selected_supplier_id() is not None)
        menu.addSeparator()
        self.list_columns.add_sort_actions(menu.addMenu(translate("SuppliersView", "Sort by")))
        self.list_columns.add_column_actions(menu.addMenu(translate("SuppliersView", "Columns")))
        menu.exec(self.table.viewport().mapToGlobal(position))


def _is_new_key(event: QKeyEvent) -> bool:
    """Return True for the platform's New key (Ctrl+N)."""
    pressed = QKeySequence(event.keyCombination())
    match = pressed.matches(QKeySequence(QKeySequence.StandardKey.New))
    return match == QKeySequence.SequenceMatch.ExactMatch
