"""Users of the Administration page: display name, role, department, phone, and an online password reset.

Every role but administrator works for a department. A new role or
department changes what the user may see, so the user's computer rebuilds
its local data at the next sync. The dialog warns about it before saving.
Passwords never travel in sync commands: "Set password..." sends one
request to the server and needs a connection.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton

from desktop.i18n import translate
from desktop.messages import role_label
from desktop.models.admin_rows import DepartmentChoice, load_users
from desktop.models.customer_form import FieldError
from desktop.models.paged_model import Column
from desktop.views.admin_departments import active_text, add_department_choices
from desktop.views.admin_form import CHECK, CHOICE, TEXT, AdminFormDialog, required
from desktop.views.admin_list_tab import AdminListTab
from desktop.views.admin_password import PasswordDialog
from domain.commands.framework import CommandRejected
from domain.ids import new_id
from domain.models import Role
from domain.validation import normalized_phone

CONTEXT = "AdminUsers"
# The order of the role drop-down: from the narrowest rights to the widest.
ROLES = (Role.CLERK, Role.WAREHOUSE, Role.FINANCE, Role.MANAGER, Role.ADMIN)


class UserDialog(AdminFormDialog):
    fields = (("username", TEXT), ("display_name", TEXT), ("role", CHOICE), ("department_id", CHOICE),
              ("phone", TEXT), ("active", CHECK))
    code_fields = {"duplicate_username": "username", "department_required": "department_id",
                   "unknown_role": "role", "department_inactive": "department_id", "last_admin": "role"}

    def __init__(self, context, departments: list[DepartmentChoice], row=None, parent=None) -> None:
        self.departments = departments
        super().__init__(context, row, parent)
        self.setObjectName("userDialog")
        if not self.is_new:
            # The user name is how the user signs in; it is fixed once the user exists.
            self.editors["username"].setReadOnly(True)
            self.editors["display_name"].setFocus()

    def labels(self) -> dict[str, str]:
        return {
            "username": translate("AdminUsers", "&User name:"),
            "display_name": translate("AdminUsers", "&Display name:"),
            "role": translate("AdminUsers", "&Role:"),
            "department_id": translate("AdminUsers", "D&epartment:"),
            "phone": translate("AdminUsers", "&Phone:"),
            "active": translate("AdminUsers", "Acti&ve (may sign in)"),
        }

    def window_title(self) -> str:
        if self.is_new:
            return translate("AdminUsers", "New user")
        return translate("AdminUsers", "Edit user {username}").format(username=self.row["username"])

    def fill_choices(self, field: str, combo: QComboBox) -> None:
        if field == "department_id":
            add_department_choices(combo, self.departments, translate("AdminUsers", "(none; administrators only)"))
            return
        for role in ROLES:
            combo.addItem(role_label(role.value), role.value)

    def initial_values(self) -> dict[str, Any]:
        return {"role": Role.CLERK.value}

    def check(self, values: dict[str, Any]) -> list[FieldError]:
        texts = {field: values[field].strip() for field in ("username", "display_name")}
        errors = required(texts, "username", "display_name")
        if values["role"] != Role.ADMIN.value and not values["department_id"]:
            errors.append(FieldError("department_id", "required_field", {"field": "department_id"}))
        try:
            normalized_phone(values["phone"].strip() or None, "phone")
        except CommandRejected as error:
            errors.append(FieldError("phone", error.code, dict(error.params)))
        return errors

    def clean(self, field: str, text: str) -> Any:
        text = text.strip()
        if field == "phone":
            return normalized_phone(text or None, "phone")
        return text or None

    def warning(self, changed: dict[str, Any]) -> str | None:
        if "role" in changed or "department_id" in changed:
            return translate(
                "AdminUsers",
                "A new role or department changes what {username} may see. Their computer downloads its data "
                "again at the next sync. Save anyway?",
            ).format(username=self.row["username"])
        return None

    def command(self, values: dict[str, Any], changed: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if self.is_new:
            fields = {"phone": values["phone"]} if values["phone"] else {}
            return "user.create", {"id": new_id(), "username": values["username"],
                                   "display_name": values["display_name"], "role": values["role"],
                                   "department_id": values["department_id"], "fields": fields}
        changed.pop("username", None)
        return "user.update", {"id": self.row["id"], "fields": changed}


class UsersTab(AdminListTab):
    columns = (
        Column("username", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "User name"), width=130),
        Column("display_name", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "Display name"), width=150),
        Column("role", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "Role"), width=110),
        Column("department", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "Department"), width=180),
        Column("phone", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "Phone"), width=130),
        Column("active", CONTEXT, QT_TRANSLATE_NOOP("AdminUsers", "Status")),
    )
    tables = frozenset({"app_user", "department"})
    update_command = "user.update"
    needs_departments = True

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.setObjectName("usersTab")
        self.password_button = QPushButton(self)
        self.password_button.setObjectName("passwordButton")
        self.password_button.clicked.connect(lambda: self.set_password())
        self.buttons.insertWidget(self.buttons.count() - 1, self.password_button)
        self.password_dialog: PasswordDialog | None = None
        self.retranslate()

    def loader(self):
        return load_users

    def formatters(self):
        return {"active": active_text, "role": lambda row: role_label(row["role"])}

    def make_dialog(self, row):
        return UserDialog(self.context, self.departments, row, self)

    def row_label(self, row: dict[str, Any]) -> str:
        return f"{row['username']} ({row['display_name']})"

    def confirm_deactivate(self, row: dict[str, Any]) -> bool:
        """Ask before deactivating a user, because Ctrl+D is easy to press by mistake and locks the user out."""
        box = QMessageBox(QMessageBox.Icon.Question, translate("AdminUsers", "Deactivate user"), translate(
            "AdminUsers", "Deactivate {user}? The user can no longer sign in.").format(user=self.row_label(row)),
            parent=self)
        deactivate = box.addButton(translate("AdminUsers", "Deactivate"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(translate("AdminUsers", "Back"), QMessageBox.ButtonRole.RejectRole)
        # A second stray Enter must not confirm, so Back is the default.
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is deactivate

    def texts(self) -> dict[str, str]:
        return {
            "search": translate("AdminUsers", "Search by user name, name, role or department"),
            "add": translate("AdminUsers", "New user... (Ctrl+N)"),
            "edit": translate("AdminUsers", "Edit... (Enter)"),
            "count": translate("AdminUsers", "Users: {count}"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        button = getattr(self, "password_button", None)
        if button is not None:
            button.setText(translate("AdminUsers", "Set password..."))
            button.setToolTip(translate("AdminUsers", "Give the selected user a new password; needs a connection to the server"))

    def _update_actions(self) -> None:
        super()._update_actions()
        button = getattr(self, "password_button", None)
        if button is not None:
            button.setEnabled(self.selected_row() is not None)

    def set_password(self) -> PasswordDialog | None:
        """Open the password dialog for the selected user."""
        row = self.selected_row()
        if row is None:
            return None
        dialog = PasswordDialog(self.context, row, self)
        self.password_dialog = dialog
        dialog.finished.connect(lambda _code: setattr(self, "password_dialog", None))
        dialog.accepted.connect(lambda: self.message_label.setText(translate(
            "AdminUsers", "The password of {username} is set; it works now.").format(username=row["username"])))
        dialog.open()
        return dialog
