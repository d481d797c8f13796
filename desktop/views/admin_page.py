"""The Administration page (管理), for administrators: departments, users, warehouses, customer categories,
permissions, company settings and print templates."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.views.admin_categories import CategoriesTab
from desktop.views.admin_company import CompanySettingsTab
from desktop.views.admin_departments import DepartmentsTab
from desktop.views.admin_permissions import PermissionsTab
from desktop.views.admin_print_templates import PrintTemplatesTab
from desktop.views.admin_users import UsersTab
from desktop.views.admin_warehouses import WarehousesTab
from desktop.views.dialog_keys import install_tab_switching


class AdminPage(QWidget):
    """Tabs of master data only administrators edit; Ctrl+Tab moves between them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdminPage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("adminTabs")
        self.departments = DepartmentsTab(context, self.tabs)
        self.users = UsersTab(context, self.tabs)
        self.warehouses = WarehousesTab(context, self.tabs)
        self.categories = CategoriesTab(context, self.tabs)
        self.permissions = PermissionsTab(context, self.tabs)
        self.company = CompanySettingsTab(context, self.tabs)
        self.print_templates = PrintTemplatesTab(context, self.tabs)
        for tab in (self.departments, self.users, self.warehouses, self.categories, self.permissions, self.company,
                    self.print_templates):
            self.tabs.addTab(tab, "")
        install_tab_switching(self, self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        titles = (
            translate("AdminPage", "Departments"),
            translate("AdminPage", "Users"),
            translate("AdminPage", "Warehouses"),
            translate("AdminPage", "Customer categories"),
            translate("AdminPage", "Permissions"),
            translate("AdminPage", "Company settings"),
            translate("AdminPage", "Print templates"),
        )
        for number, title in enumerate(titles):
            self.tabs.setTabText(number, title)
