"""Departments (部门) of the Administration page: code, name and the department above.

Moving a department under another parent changes which data the users
above its old and new place may see, so their computers rebuild their
local data at the next sync. The dialog warns about it before saving.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from desktop.i18n import translate
from desktop.models.admin_rows import DepartmentChoice, load_departments
from desktop.models.customer_form import FieldError
from desktop.models.paged_model import Column
from desktop.views.admin_form import CHECK, CHOICE, TEXT, AdminFormDialog, required
from desktop.views.admin_list_tab import AdminListTab
from domain.ids import new_id

CONTEXT = "AdminDepartments"


def active_text(row: dict[str, Any]) -> str:
    """Return "Active" or "Inactive" for a row's active flag."""
    if row.get("active", True):
        return translate("AdminList", "Active")
    return translate("AdminList", "Inactive")


def add_department_choices(combo: QComboBox, departments: list[DepartmentChoice], none_text: str | None,
                           exclude: str | None = None) -> None:
    """Fill a department drop-down: an optional "(none)" entry, then the active departments but `exclude`."""
    if none_text is not None:
        combo.addItem(none_text, None)
    for department in departments:
        if department.active and department.id != exclude:
            combo.addItem(department.text, department.id)


class DepartmentDialog(AdminFormDialog):
    fields = (("code", TEXT), ("name", TEXT), ("parent_id", CHOICE), ("active", CHECK))
    code_fields = {"duplicate_code": "code", "department_cycle": "parent_id", "department_inactive": "parent_id"}

    def __init__(self, context, departments: list[DepartmentChoice], row=None, parent=None) -> None:
        self.departments = departments
        super().__init__(context, row, parent)
        self.setObjectName("departmentDialog")

    def labels(self) -> dict[str, str]:
        return {
            "code": translate("AdminDepartments", "&Code:"),
            "name": translate("AdminDepartments", "&Name:"),
            "parent_id": translate("AdminDepartments", "&Parent department:"),
            "active": translate("AdminDepartments", "Acti&ve"),
        }

    def window_title(self) -> str:
        if self.is_new:
            return translate("AdminDepartments", "New department")
        return translate("AdminDepartments", "Edit department {code}").format(code=self.row["code"])

    def fill_choices(self, field: str, combo: QComboBox) -> None:
        add_department_choices(combo, self.departments, translate("AdminDepartments", "(none: top level)"),
                               exclude=None if self.row is None else self.row["id"])

    def check(self, values: dict[str, Any]) -> list[FieldError]:
        return required({field: values[field].strip() for field in ("code", "name")}, "code", "name")

    def warning(self, changed: dict[str, Any]) -> str | None:
        if "parent_id" in changed:
            return translate(
                "AdminDepartments",
                "Moving a department changes what the users of the departments above it may see. Their "
                "computers download their data again at the next sync. Save anyway?",
            )
        return None

    def command(self, values: dict[str, Any], changed: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if self.is_new:
            fields = {"parent_id": values["parent_id"]} if values["parent_id"] else {}
            return "department.create", {"id": new_id(), "code": values["code"], "name": values["name"],
                                         "fields": fields}
        return "department.update", {"id": self.row["id"], "fields": changed}


class DepartmentsTab(AdminListTab):
    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("AdminDepartments", "Code"), width=110),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("AdminDepartments", "Name"), width=220),
        Column("parent", CONTEXT, QT_TRANSLATE_NOOP("AdminDepartments", "Parent department"), width=220),
        Column("active", CONTEXT, QT_TRANSLATE_NOOP("AdminDepartments", "Status")),
    )
    tables = frozenset({"department"})
    update_command = "department.update"
    needs_departments = True

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.setObjectName("departmentsTab")

    def loader(self):
        return load_departments

    def formatters(self):
        return {"active": active_text}

    def make_dialog(self, row):
        return DepartmentDialog(self.context, self.departments, row, self)

    def texts(self) -> dict[str, str]:
        return {
            "search": translate("AdminDepartments", "Search by code or name"),
            "add": translate("AdminDepartments", "New department... (Ctrl+N)"),
            "edit": translate("AdminDepartments", "Edit... (Enter)"),
            "count": translate("AdminDepartments", "Departments: {count}"),
        }
