"""Warehouses (仓库) of the Administration page: owning department and negative-stock policy.

A warehouse's department decides whose computers hold its stock, so moving
it to another department makes the users of both departments rebuild their
local data at the next sync. The dialog warns about it before saving.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from desktop.i18n import translate
from desktop.models.admin_rows import DepartmentChoice, load_warehouses
from desktop.models.customer_form import FieldError
from desktop.models.paged_model import Column
from desktop.views.admin_departments import active_text, add_department_choices
from desktop.views.admin_form import CHECK, CHOICE, TEXT, AdminFormDialog, required
from desktop.views.admin_list_tab import AdminListTab
from domain.ids import new_id
from domain.models.stock import NegativeStockPolicy

CONTEXT = "AdminWarehouses"


def policy_label(policy: str | None) -> str:
    """Return what a negative-stock policy does, in the user's language."""
    labels = {
        NegativeStockPolicy.BLOCK.value: translate("AdminWarehouses", "Block: orders beyond the stock are rejected"),
        NegativeStockPolicy.WARN.value: translate("AdminWarehouses", "Warn: allowed, with a warning"),
        NegativeStockPolicy.ALLOW.value: translate("AdminWarehouses", "Allow: no check"),
    }
    return labels.get(policy or "", policy or "")


class WarehouseDialog(AdminFormDialog):
    fields = (("code", TEXT), ("name", TEXT), ("department_id", CHOICE), ("negative_stock_policy", CHOICE),
              ("address", TEXT), ("active", CHECK))
    code_fields = {"duplicate_code": "code", "department_inactive": "department_id"}

    def __init__(self, context, departments: list[DepartmentChoice], row=None, parent=None) -> None:
        self.departments = departments
        super().__init__(context, row, parent)
        self.setObjectName("warehouseDialog")

    def labels(self) -> dict[str, str]:
        return {
            "code": translate("AdminWarehouses", "&Code:"),
            "name": translate("AdminWarehouses", "&Name:"),
            "department_id": translate("AdminWarehouses", "&Department:"),
            "negative_stock_policy": translate("AdminWarehouses", "Negative &stock:"),
            "address": translate("AdminWarehouses", "&Address:"),
            "active": translate("AdminWarehouses", "Acti&ve"),
        }

    def window_title(self) -> str:
        if self.is_new:
            return translate("AdminWarehouses", "New warehouse")
        return translate("AdminWarehouses", "Edit warehouse {code}").format(code=self.row["code"])

    def fill_choices(self, field: str, combo: QComboBox) -> None:
        if field == "department_id":
            add_department_choices(combo, self.departments, translate("AdminWarehouses", "(choose a department)"))
            return
        for policy in NegativeStockPolicy:
            combo.addItem(policy_label(policy.value), policy.value)

    def initial_values(self) -> dict[str, Any]:
        return {"negative_stock_policy": NegativeStockPolicy.BLOCK.value}

    def check(self, values: dict[str, Any]) -> list[FieldError]:
        texts = {field: values[field].strip() for field in ("code", "name")}
        return required({**texts, "department_id": values["department_id"]}, "code", "name", "department_id")

    def warning(self, changed: dict[str, Any]) -> str | None:
        if "department_id" in changed:
            return translate(
                "AdminWarehouses",
                "Moving the warehouse to another department changes whose computers hold its stock. The users "
                "of both departments download their data again at the next sync. Save anyway?",
            )
        return None

    def command(self, values: dict[str, Any], changed: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if self.is_new:
            fields = {field: values[field] for field in ("negative_stock_policy", "address") if values[field]}
            return "warehouse.create", {"id": new_id(), "code": values["code"], "name": values["name"],
                                        "department_id": values["department_id"], "fields": fields}
        return "warehouse.update", {"id": self.row["id"], "fields": changed}


class WarehousesTab(AdminListTab):
    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Code"), width=100),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Name"), width=180),
        Column("department", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Department"), width=180),
        Column("negative_stock_policy", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Negative stock"), width=250),
        Column("active", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Status"), width=80),
        Column("address", CONTEXT, QT_TRANSLATE_NOOP("AdminWarehouses", "Address")),
    )
    tables = frozenset({"warehouse", "department"})
    update_command = "warehouse.update"
    needs_departments = True

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.setObjectName("warehousesTab")

    def loader(self):
        return load_warehouses

    def formatters(self):
        return {"active": active_text, "negative_stock_policy": lambda row: policy_label(row["negative_stock_policy"])}

    def make_dialog(self, row):
        return WarehouseDialog(self.context, self.departments, row, self)

    def texts(self) -> dict[str, str]:
        return {
            "search": translate("AdminWarehouses", "Search by code, name, department or address"),
            "add": translate("AdminWarehouses", "New warehouse... (Ctrl+N)"),
            "edit": translate("AdminWarehouses", "Edit... (Enter)"),
            "count": translate("AdminWarehouses", "Warehouses: {count}"),
        }
