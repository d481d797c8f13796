"""The main window: navigation between the pages, and the sync status bar.

Pages are widgets built with `(context, parent)`; a page whose module is
missing shows a placeholder, and a page limited to some roles is left out
for the others. An OrdersView with an `open_new_order(customer_id)` method
receives Ctrl+Enter on a customer. The unsynced count in the status bar opens
the Sync problems page when the server rejected or held a change.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.sync_controller import SyncStatus
from desktop.views.bootstrap_progress import BootstrapProgress
from desktop.views.customers_view import CustomersView
from desktop.views.elided_label import ElidedLabel
from desktop.views.help_menu import HelpMenu
from desktop.views.quit_guard import QuitChoice, ask_before_quit
from desktop.views.status_widgets import ClickableLabel, NoticeBar
from desktop.views.stock_view import StockView
from desktop.views.verify_dialog import VerifyRunner

log = logging.getLogger(__name__)

CUSTOMERS, ORDERS, STOCK, DELIVERIES = "customers", "orders", "stock", "deliveries"
PROBLEMS, CONFLICTS, FLAGS = "problems", "conflicts", "flags"
DUPLICATES = "duplicates"
APPROVALS = "approvals"
PRODUCTS = "products"
SUPPLIERS = "suppliers"
ADMIN = "admin"
MANAGER_ROLES = frozenset({"manager", "admin"})
ADMIN_ROLES = frozenset({"admin"})
# Purchasing: who keeps suppliers, and finance for the payables.
SUPPLIER_ROLES = frozenset({"manager", "admin", "warehouse", "finance"})

# (page key, navigation title, module, class, roles that see it or None for all);
# a missing module gives a placeholder.
ALL_PAGES = (
    (CUSTOMERS, QT_TRANSLATE_NOOP("MainWindow", "Customers"), "desktop.views.customers_view", "CustomersView", None),
    (ORDERS, QT_TRANSLATE_NOOP("MainWindow", "Orders"), "desktop.views.orders_view", "OrdersView", None),
    (STOCK, QT_TRANSLATE_NOOP("MainWindow", "Stock"), "desktop.views.stock_view", "StockView", None),
    (DELIVERIES, QT_TRANSLATE_NOOP("MainWindow", "Deliveries"), "desktop.views.deliveries_view", "DeliveriesView", None),
    (PRODUCTS, QT_TRANSLATE_NOOP("MainWindow", "Products"), "desktop.views.products_view", "ProductsView", None),
    ("quotations", QT_TRANSLATE_NOOP("MainWindow", "Quotations"), "desktop.views.quotations_view", "QuotationsView",
     None),
    (SUPPLIERS, QT_TRANSLATE_NOOP("MainWindow", "Suppliers"), "desktop.views.suppliers_view", "SuppliersView",
     SUPPLIER_ROLES),
    (PROBLEMS, QT_TRANSLATE_NOOP("MainWindow", "Sync problems"), "desktop.views.sync_problems_view", "SyncProblemsView", None),
    (CONFLICTS, QT_TRANSLATE_NOOP("MainWindow", "Conflicts"), "desktop.views.conflicts_view", "ConflictsView", None),
    (FLAGS, QT_TRANSLATE_NOOP("MainWindow", "Flags"), "desktop.views.flags_view", "FlagsView", MANAGER_ROLES),
    (DUPLICATES, QT_TRANSLATE_NOOP("MainWindow", "Duplicates"), "desktop.views.duplicates_view", "DuplicatesView",
     MANAGER_ROLES),
    (APPROVALS, QT_TRANSLATE_NOOP("MainWindow", "Approvals"), "desktop.views.approvals_view", "ApprovalsView",
     MANAGER_ROLES),
    (ADMIN, QT_TRANSLATE_NOOP("MainWindow", "Administration"), "desktop.views.admin_page", "AdminPage", ADMIN_ROLES),
)


def visible_pages(role: str | None) -> tuple[tuple[str, str, str, str], ...]:
    """Return (key, title, module, class) of the pages shown to a user with `role`, in navigation order."""
    return tuple(page[:4] for page in ALL_PAGES if page[4] is None or role in page[4])


STATUS_TEXT = {
    SyncStatus.ONLINE.value: QT_TRANSLATE_NOOP("MainWindow", "Online"),
    SyncStatus.OFFLINE.value: QT_TRANSLATE_NOOP("MainWindow", "Offline"),
    SyncStatus.SYNCING.value: QT_TRANSLATE_NOOP("MainWindow", "Syncing..."),
    SyncStatus.SIGN_IN_NEEDED.value: QT_TRANSLATE_NOOP("MainWindow", "Sign-in needed"),
}


def _page_class(module_name: str, class_name: str) -> Callable[..., QWidget] | None:
    if importlib.util.find_spec(module_name) is None:
        return None
    return getattr(importlib.import_module(module_name), class_name)


class MainWindow(QMainWindow):
    # Emitted when sync needs a new sign-in and the user clicks "Sign in".
    sign_in_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.context = context
        self.pages: dict[str, QWidget] = {}
        self._last_sync_at: dt.datetime | None = None
        self._unsynced = 0
        self._refused = 0
        self._problems = 0
        self._flags = 0
        self._duplicates = 0
        self._quit_confirmed = False
        # One small indexed read of the role's permission rows before the pages decide what to show.
        context.command_access.load()
        self.page_list = visible_pages(context.user.role)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.stack = QStackedWidget(self)
        for key, title, module_name, class_name in self.page_list:
            page_class = _page_class(module_name, class_name)
            page = page_class(context, self) if page_class is not None else self._placeholder()
            page.setProperty("pageKey", key)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget(self)
        pages = QHBoxLayout()
        pages.addWidget(self.navigation)
        pages.addWidget(self.stack, 1)
        # Lasting notes sit above the status bar at the window's full width and wrap, so none is cut off.
        self.notice_bar = NoticeBar(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(pages, 1)
        layout.addWidget(self.notice_bar)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        self._connect_pages()

        sync = context.sync
        sync.status_changed.connect(self._show_status)
        sync.unsynced_changed.connect(self._show_unsynced)
        sync.refused_changed.connect(self._show_refused)
        sync.last_sync_changed.connect(self._show_last_sync)
        sync.message_changed.connect(self._show_sync_message)
        sync.notice_raised.connect(lambda key, text: self.show_notice(text, key))

        self.retranslate()
        self._show_status(sync.status.value)
        self.navigation.setCurrentRow(0)
        self.resize(1100, 700)

    # -- building ----------------------------------------------------------

    def _placeholder(self) -> QWidget:
        label = QLabel(self)
        label.setObjectName("placeholderPage")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _build_actions(self) -> None:
        self.sync_action = QAction(self)
        self.sync_action.setObjectName("syncNowAction")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_action.triggered.connect(self.context.sync.sync_now)
        self.addAction(self.sync_action)

        self.page_actions: list[QAction] = []
        for number, (key, _title, _module, _class) in enumerate(self.page_list, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda checked=False, page=key: self.show_page(page))
            self.addAction(action)
            self.page_actions.append(action)

        self.file_menu = self.menuBar().addMenu("")
        orders = self.pages.get(ORDERS)
        self.new_order_action: QAction | None = None
        if hasattr(orders, "open_order"):
            # Window-wide, so Ctrl+N works from every page, not only with the order list focused.
            self.new_order_action = QAction(self)
            self.new_order_action.setObjectName("newOrderAction")
            self.new_order_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
            self.new_order_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.new_order_action.triggered.connect(lambda: orders.open_order(None))
            self.addAction(self.new_order_action)
            self.file_menu.addAction(self.new_order_action)
            self.file_menu.addSeparator()
            self._apply_permissions()
            self.context.command_access.changed.connect(self._apply_permissions)
        self.file_menu.addAction(self.sync_action)
        self.verify_runner = VerifyRunner(self.context, self)
        self.verify_action = self.file_menu.addAction("")
        self.verify_action.setObjectName("verifyAction")
        self.verify_action.triggered.connect(self.verify_runner.start)
        self.problems_action = self.file_menu.addAction("")
        self.problems_action.triggered.connect(lambda: self.show_page(PROBLEMS))
        self.calibration_action = self.file_menu.addAction("")
        self.calibration_action.setObjectName("printerCalibrationAction")
        self.calibration_action.triggered.connect(self.open_printer_calibration)
        self.calibration_dialog: QDialog | None = None
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("")
        # Explicit, because the standard Quit key is empty on Windows (Alt+F4 closes there).
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.request_quit)
        self.help_menu = HelpMenu(self.context, self)
        self.menuBar().addMenu(self.help_menu)

    def open_printer_calibration(self) -> QDialog:
        """Open the printer calibration dialog without blocking, or raise the one already open."""
        from desktop.views.printer_calibration import PrinterCalibrationDialog

        if self.calibration_dialog is None:
            self.calibration_dialog = PrinterCalibrationDialog(self)
            self.calibration_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.calibration_dialog.destroyed.connect(lambda *_: setattr(self, "calibration_dialog", None))
        self.calibration_dialog.open()
        self.calibration_dialog.raise_()
        return self.calibration_dialog

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("syncStatus")
        self.unsynced_label = ClickableLabel(self)
        self.unsynced_label.clicked.connect(lambda: self.show_page(PROBLEMS))
        self.unsynced_label.setObjectName("unsyncedCount")
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setObjectName("lastSync")
        self.message_label = ElidedLabel(self)
        self.message_label.setObjectName("syncMessage")
        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setDefaultAction(self.sync_action)
        self.sign_in_button = QToolButton(self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.sign_in_button.hide()
        # The message takes the free width and elides, and its tooltip contains the whole text.
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.status_label)
        bar.addPermanentWidget(self.unsynced_label)
        bar.addPermanentWidget(self.last_sync_label)
        bar.addPermanentWidget(self.sign_in_button)
        bar.addPermanentWidget(self.sync_button)

    def _connect_pages(self) -> None:
        customers = self.pages[CUSTOMERS]
        orders = self.pages[ORDERS]
        if isinstance(customers, CustomersView) and hasattr(orders, "open_new_order"):
            customers.new_order_requested.connect(self._open_new_order)
            customers.document_open_requested.connect(self._open_document)
        problems = self.pages.get(PROBLEMS)
        if hasattr(problems, "count_changed"):
            problems.count_changed.connect(self._show_problems)
        flags = self.pages.get(FLAGS)
        if hasattr(flags, "count_changed"):
            flags.count_changed.connect(self._show_flags)
        duplicates = self.pages.get(DUPLICATES)
        if hasattr(duplicates, "count_changed"):
            duplicates.count_changed.connect(self._show_duplicates)
        approvals = self.pages.get(APPROVALS)
        if hasattr(approvals, "count_changed"):
            approvals.count_changed.connect(lambda count: self._show_page_count(APPROVALS, count))
        self.bootstrap_progress = BootstrapProgress(self.context, self)

    def _apply_permissions(self) -> None:
        """Offer File > New order and Ctrl+N only to a role that may enter orders."""
        allowed = may_run(self.context, "order.create")
        self.new_order_action.setVisible(allowed)
        self.new_order_action.setEnabled(allowed)

    def retranslate(self) -> None:
        user = self.context.user
        server = self.context.server_url or ""
        self.setWindowTitle(translate("MainWindow", "Kaidan - {user} at {server}").format(user=user.username, server=server))
        for row, (key, title, _module, _class) in enumerate(self.page_list):
            self.navigation.item(row).setText(translate("MainWindow", title))
            page = self.pages[key]
            if page.objectName() == "placeholderPage":
                page.setText(translate("MainWindow", "This page is not available in this version yet."))
        for action, (_key, title, _module, _class) in zip(self.page_actions, self.page_list):
            action.setText(translate("MainWindow", title))
        self.navigation.setToolTip(
            translate("MainWindow", "Ctrl+1 to Ctrl+{last} switch pages").format(last=len(self.page_list))
        )
        # The menu shows the shortcut by itself, so the label does not repeat it; the tooltip does.
        self.sync_action.setText(translate("MainWindow", "Sync now"))
        self.sync_action.setToolTip(translate("MainWindow", "Send your changes to the server and fetch new data (F5)"))
        if self.new_order_action is not None:
            self.new_order_action.setText(translate("MainWindow", "&New order..."))
            self.new_order_action.setToolTip(translate("MainWindow", "Open the entry form of a new order (Ctrl+N)"))
        self.sign_in_button.setText(translate("MainWindow", "Sign in..."))
        self.sign_in_button.setToolTip(translate("MainWindow", "The server refused the saved sign-in; enter your password again"))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.verify_action.setText(translate("MainWindow", "&Verify with server..."))
        self.verify_action.setToolTip(translate("MainWindow", "Compare this computer's data with the server's, table by table"))
        self.problems_action.setText(translate("MainWindow", "Sync &problems"))
        self.calibration_action.setText(translate("MainWindow", "Printer &calibration..."))
        self.calibration_action.setToolTip(translate(
            "MainWindow", "Print a test page and correct where this computer's printer puts the print on the form"))
        self.status_label.setToolTip(translate("MainWindow", "Connection to the server"))
        self.unsynced_label.setToolTip(translate("MainWindow", "Changes saved on this computer that the server has not accepted yet"))
        self.last_sync_label.setToolTip(translate("MainWindow", "When this computer last synced with the server"))
        self._show_status(self.context.sync.status.value)
        self._show_unsynced(self._unsynced)
        self._show_problems(self._problems)
        self._show_flags(self._flags)
        self._show_duplicates(self._duplicates)
        if APPROVALS in self.pages:
            self._show_page_count(APPROVALS, getattr(self.pages[APPROVALS], "waiting_count", 0))
        self.notice_bar.retranslate()
        self.help_menu.retranslate()
        self._show_last_sync(self._last_sync_at)

    # -- behaviour ---------------------------------------------------------

    def show_page(self, key: str) -> QWidget:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.navigation.setCurrentRow(row)
        return self.pages[key]

    def _open_new_order(self, customer_id: str) -> None:
        # The order editor is a window of its own, so the page behind it stays where the user was.
        self.pages[ORDERS].open_new_order(customer_id)

    def _open_document(self, kind: str, document_id: str) -> None:
        # The customer detail's Orders and Quotations tabs open their rows in the page's own form.
        page = self.pages.get(kind)
        if kind == ORDERS and hasattr(page, "open_order"):
            page.open_order(document_id)
        elif kind == "quotations" and hasattr(page, "open_quotation"):
            page.open_quotation(document_id)

    def _show_status(self, status: str) -> None:
        self.status_label.setText(translate("MainWindow", STATUS_TEXT.get(status, status)))
        self.status_label.setProperty("syncStatus", status)
        colour = {"online": "#1b7f3b", "syncing": "#1b5e9f"}.get(status, "#b3261e")
        self.status_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.sign_in_button.setVisible(status == SyncStatus.SIGN_IN_NEEDED.value)

    def _show_unsynced(self, count: int) -> None:
        self._unsynced = count
        self._show_change_counts()

    def _show_refused(self, count: int) -> None:
        self._refused = count
        self._show_change_counts()

    def _show_change_counts(self) -> None:
        """Show waiting and refused changes apart: a refused one waits for the user, not for the network."""
        count, refused = self._unsynced, self._refused
        text = translate("MainWindow", "Unsynced changes: %n", None, count)
        if refused:
            text = translate("MainWindow", "{unsynced}, {refused}").format(
                unsynced=text, refused=self.tr("%n refused", "", refused),
            )
        self.unsynced_label.setText(text)

    def _show_problems(self, count: int) -> None:
        """Mark the unsynced count and the Sync problems page while the server rejected or held changes."""
        self._problems = count
        self.unsynced_label.set_clickable(count > 0)
        self.unsynced_label.setProperty("problems", count)
        if count > 0:
            self.unsynced_label.setStyleSheet("QLabel { color: #b3261e; text-decoration: underline; }")
            self.unsynced_label.setToolTip(self.tr("The server rejected or held %n change(s); click to see them", "", count))
        else:
            self.unsynced_label.setStyleSheet("")
            self.unsynced_label.setToolTip(
                translate("MainWindow", "Changes saved on this computer that the server has not accepted yet")
            )
        self._show_page_count(PROBLEMS, count)

    def _show_flags(self, count: int) -> None:
        self._flags = count
        self._show_page_count(FLAGS, count)

    def _show_duplicates(self, count: int) -> None:
        self._duplicates = count
        self._show_page_count(DUPLICATES, count)

    def _show_page_count(self, page: str, count: int) -> None:
        """Append "(count)" to a page's navigation title while the count is above zero."""
        for row, (key, title, _module, _class) in enumerate(self.page_list):
            if key == page:
                text = translate("MainWindow", title)
                if count > 0:
                    text = translate("MainWindow", "{page} ({count})").format(page=text, count=count)
                self.navigation.item(row).setText(text)

    def _show_last_sync(self, when: dt.datetime | None) -> None:
        self._last_sync_at = when
        if when is None:
            text = translate("MainWindow", "Never synced")
        else:
            shown = when.astimezone().strftime("%Y-%m-%d %H:%M")
            text = translate("MainWindow", "Last sync: {time}").format(time=shown)
        self.last_sync_label.setText(text)

    def _show_sync_message(self, message: str) -> None:
        # One line, replaced by the next attempt: a dead network never floods dialogs.
        self.message_label.setText(message)
        self.message_label.setToolTip(message)

    def show_notice(self, text: str, key: str = "notice") -> None:
        """Show a lasting note above the status bar until the user closes it; sync messages do not replace it.

        A later note with the same `key` replaces the earlier one; an empty `text` removes it.
        """
        if text:
            log.info("notice %s shown", key)
        self.notice_bar.show_notice(key, text)

    def request_quit(self) -> None:
        """Quit from the menu or Ctrl+Q, asking first while changes wait for the server."""
        if self._may_quit():
            self._quit_confirmed = True
            self.close()

    def _may_quit(self) -> bool:
        online = self.context.sync.status.value == SyncStatus.ONLINE.value
        choice = ask_before_quit(self, self._unsynced, self._refused, online)
        if choice is QuitChoice.SYNC_FIRST:
            self.context.sync.sync_now()
        return choice is QuitChoice.QUIT

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the user's own close (the title bar's button) asks here: the
        # menu asked already, and a close() from code must not wait for an answer.
        if event.spontaneous() and not self._quit_confirmed and not self._may_quit():
            event.ignore()
            return
        log.info("main window closing")
        super().closeEvent(event)
