"""The Permissions tab: which commands each role may run, and each role's cost visibility and discount limit.

Rows are commands grouped by area, columns are roles, and a check box per
cell shows the stored value (the administrator's row, or the command's
default when none). Space or a click toggles a cell; changed cells show
as pending until Save sends one role_permission.set per cell and one
role_profile.update per changed role. The server enforces the result.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.messages import role_label
from desktop.models.command_names import area_title, command_name
from desktop.models.permission_matrix import (
    ROLES,
    PermissionData,
    Profile,
    load_permissions,
    permission_commands,
    profile_commands,
)

log = logging.getLogger(__name__)

NAME_COLUMN, COMMAND_COLUMN = 0, 1
FIRST_ROLE_COLUMN = 2
ROLE_COLUMN_WIDTH = 90
# Background of a cell changed but not saved yet.
PENDING_COLOUR = "#fff3c4"
# A discount limit is entered in percent with at most two places, so the stored fraction has at most four.
PERCENT = Decimal(100)
PERCENT_PLACES = Decimal("0.01")


def parse_percent(text: str) -> tuple[Decimal | None, str | None]:
    """Return (fraction, None) for a percent text ("" gives None), or (None, error message)."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None, None
    try:
        percent = Decimal(text)
    except InvalidOperation:
        percent = None
    if percent is None or not percent.is_finite() or not 0 <= percent <= PERCENT:
        return None, translate("AdminPermissions", "The discount limit must be a percentage from 0 to 100; {value} was entered").format(value=text)
    if percent != percent.quantize(PERCENT_PLACES):
        return None, translate("AdminPermissions", "The discount limit has more than 2 decimal places: {value}").format(value=text)
    return percent / PERCENT, None


def percent_text(fraction: Decimal | None) -> str:
    if fraction is None:
        return ""
    # Stored with four places, so the percent has at most two; normalize drops the trailing zeros.
    percent = (fraction * PERCENT).quantize(PERCENT_PLACES).normalize()
    return f"{percent:f}"


class PermissionsTab(QWidget):
    """The role-by-command matrix and the role profiles, with pending edits until Save."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("permissionsTab")
        self.context = context
        self.data: PermissionData | None = None
        self.edited: dict[tuple[str, str], bool] = {}
        self.busy = False
        self._filling = False
        # True while message_label shows the "Saved ..." notice of the last save.
        self._saved_message_shown = False
        # The cells and profiles of the save in progress, counted as stored once every command is queued.
        self._sending: tuple[dict[tuple[str, str], bool], dict[str, Profile]] = ({}, {})
        # (role, command) -> table item, and table row -> command.
        self.cells: dict[tuple[str, str], QTableWidgetItem] = {}

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("permissionsTable")
        self.table.setColumnCount(FIRST_ROLE_COLUMN + len(ROLES))
        self.table.verticalHeader().setVisible(False)
        # Sixty-odd commands: compact rows keep a whole area in view.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(self._cell_changed)

        self.profile_box = QGroupBox(self)
        grid = QGridLayout(self.profile_box)
        self.role_labels: dict[str, QLabel] = {}
        self.cost_checks: dict[str, QCheckBox] = {}
        self.limit_edits: dict[str, QLineEdit] = {}
        self.cost_label = QLabel(self.profile_box)
        self.limit_label = QLabel(self.profile_box)
        grid.addWidget(self.cost_label, 1, 0)
        grid.addWidget(self.limit_label, 2, 0)
        for number, role in enumerate(ROLES, start=1):
            label = QLabel(self.profile_box)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            check = QCheckBox(self.profile_box)
            check.setObjectName(f"{role}SeesCost")
            check.toggled.connect(lambda _checked: self._profile_changed())
            edit = QLineEdit(self.profile_box)
            edit.setObjectName(f"{role}DiscountLimit")
            edit.setMaximumWidth(90)
            edit.textChanged.connect(lambda _text: self._profile_changed())
            self.role_labels[role], self.cost_checks[role], self.limit_edits[role] = label, check, edit
            grid.addWidget(label, 0, number)
            grid.addWidget(check, 1, number, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(edit, 2, number, Qt.AlignmentFlag.AlignCenter)
        grid.setColumnStretch(len(ROLES) + 1, 1)

        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingLabel")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("permissionsMessage")
        self.message_label.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("savePermissionsButton")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.setObjectName("revertPermissionsButton")
        self.revert_button.clicked.connect(self.revert)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pending_label)
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.profile_box)
        layout.addLayout(buttons)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.reload()

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        def work(control) -> PermissionData:
            with self.context.read_session() as session:
                return load_permissions(session)

        self.context.tasks.run(work, on_result=self._show, on_error=self._failed_loading)

    def _on_changed(self, changes) -> None:
        if changes.touches("role_permission", "role_profile"):
            self.reload()

    def _failed_loading(self, error: BaseException) -> None:
        log.error("loading the permissions failed", exc_info=(type(error), error, error.__traceback__))
        self.message_label.setText(translate("AdminPermissions", "The permissions could not be loaded."))

    def _show(self, data: PermissionData) -> None:
        """Fill the matrix with `data`; pending edits that still differ from it stay pending."""
        self.data = data
        self.edited = {key: value for key, value in self.edited.items() if data.stored.get(key) != value}
        self._filling = True
        self.table.clearSpans()
        self.cells = {}
        rows: list[tuple[str, str | None]] = []
        area = None
        for command_area, command in data.commands:
            if command_area != area:
                rows.append((command_area, None))
                area = command_area
            rows.append((command_area, command))
        self.table.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for number, (command_area, command) in enumerate(rows):
            if command is None:
                title = QTableWidgetItem(area_title(command_area))
                title.setFont(bold)
                title.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(number, 0, title)
                self.table.setSpan(number, 0, 1, self.table.columnCount())
                continue
            name = QTableWidgetItem(command_name(command))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(number, NAME_COLUMN, name)
            technical = QTableWidgetItem(command)
            technical.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            technical.setForeground(QBrush(QColor("#666666")))
            self.table.setItem(number, COMMAND_COLUMN, technical)
            for offset, role in enumerate(ROLES):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, (role, command))
                flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                if not data.locked(role, command):
                    flags |= Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                self.cells[(role, command)] = item
                self.table.setItem(number, FIRST_ROLE_COLUMN + offset, item)
                self._paint(item, role, command)
        for role in ROLES:
            profile = data.profiles[role]
            self.cost_checks[role].setChecked(profile.sees_cost)
            self.limit_edits[role].setText(percent_text(profile.discount_limit))
        self._filling = False
        self._update_pending()

    def _paint(self, item: QTableWidgetItem, role: str, command: str) -> None:
        """Show a cell's current value, and mark it when it differs from the stored one."""
        stored = self.data.stored[(role, command)]
        value = self.edited.get((role, command), stored)
        item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        pending = value != stored
        item.setBackground(QBrush(QColor(PENDING_COLOUR)) if pending else QBrush())
        if self.data.locked(role, command):
            tip = translate("AdminPermissions", "Administrators always keep this command, so nobody is locked out")
        elif pending:
            tip = translate("AdminPermissions", "Changed, not saved yet")
        elif (role, command) in self.data.defaults:
            tip = translate("AdminPermissions", "The command's default for this role")
        else:
            tip = translate("AdminPermissions", "Set by an administrator")
        item.setToolTip(tip)

    # -- editing ---------------------------------------------------------------------

    def value(self, role: str, command: str) -> bool:
        """Return a cell's current value, pending edits included."""
        return self.edited.get((role, command), self.data.stored[(role, command)])

    def set_value(self, role: str, command: str, allowed: bool) -> None:
        self.cells[(role, command)].setCheckState(Qt.CheckState.Checked if allowed else Qt.CheckState.Unchecked)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if self._filling or self.data is None or not key:
            return
        role, command = key
        allowed = item.checkState() == Qt.CheckState.Checked
        if allowed == self.data.stored[(role, command)]:
            self.edited.pop((role, command), None)
        else:
            self.edited[(role, command)] = allowed
        self._filling = True
        self._paint(item, role, command)
        self._filling = False
        self._update_pending()
        self._clear_saved_message()

    def _clear_saved_message(self) -> None:
        # The label shows one message at a time: a new edit makes "Saved ..." stale next to the unsaved count.
        if self._saved_message_shown:
            self.message_label.clear()
            self._saved_message_shown = False

    def _profile_changed(self) -> None:
        if not self._filling:
            self._update_pending()
            self._clear_saved_message()

    def edited_profiles(self) -> tuple[dict[str, Profile], list[str]]:
        """Return the profiles as edited and the errors of the discount limits typed."""
        profiles: dict[str, Profile] = {}
        errors: list[str] = []
        for role in ROLES:
            limit, error = parse_percent(self.limit_edits[role].text())
            if error is not None:
                errors.append(translate("AdminPermissions", "{role}: {error}").format(role=role_label(role), error=error))
                limit = self.data.profiles[role].discount_limit if self.data else None
            profiles[role] = Profile(self.cost_checks[role].isChecked(), limit)
        return profiles, errors

    def pending_payloads(self) -> list[tuple[str, dict[str, Any]]]:
        """Return the commands Save would send, cells first, then role profiles."""
        if self.data is None:
            return []
        commands = [("role_permission.set", payload) for payload in permission_commands(self.data.stored, self.edited)]
        profiles, _errors = self.edited_profiles()
        commands += [("role_profile.update", payload) for payload in profile_commands(self.data.profiles, profiles)]
        return commands

    def _update_pending(self) -> None:
        count = len(self.pending_payloads())
        self.pending_label.setText(translate("AdminPermissions", "Unsaved changes: {count}").format(count=count)
                                   if count else "")
        self.save_button.setEnabled(count > 0 and not self.busy)
        self.revert_button.setEnabled(count > 0 and not self.busy)

    def revert(self) -> None:
        """Drop the pending edits and show the stored values again."""
        self.edited = {}
        if self.data is not None:
            self._show(self.data)
        self.message_label.clear()

    # -- saving -------------------------------------------------------------------------

    def save(self) -> None:
        """Send the pending edits, one command after the other."""
        if self.busy or self.data is None:
            return
        profiles, errors = self.edited_profiles()
        self._saved_message_shown = False
        if errors:
            self.message_label.setText("\n".join(errors))
            return
        commands = self.pending_payloads()
        if not commands:
            return
        self.busy = True
        self._update_pending()
        self.message_label.clear()
        self._sending = (dict(self.edited), profiles)
        self._send(commands, 0)

    def _mark_sent(self) -> None:
        """Count the sent edits as stored, so the unsaved count drops to 0 at once."""
        cells, profiles = self._sending
        self.data.mark_saved(cells, profiles)
        for key, value in cells.items():
            if self.edited.get(key) == value:
                del self.edited[key]
            if key in self.cells:
                self._filling = True
                self._paint(self.cells[key], *key)
                self._filling = False

    def _send(self, commands: list[tuple[str, dict[str, Any]]], sent: int) -> None:
        if sent == len(commands):
            self.busy = False
            log.info("saved %d permission changes", sent)
            self._mark_sent()
            self.message_label.setText(translate(
                "AdminPermissions", "Saved {count} changes. The server applies them at the next sync.").format(count=sent))
            self._saved_message_shown = True
            self.context.sync.sync_now()
            self._update_pending()
            return
        name, payload = commands[sent]
        self.context.tasks.submit(name, payload, on_result=lambda _result: self._send(commands, sent + 1),
                                  on_error=self._failed, parent=self,
                                  label=translate("AdminPermissions", "Saving..."))

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._update_pending()
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("saving a permission change failed: %s", error)
        self.message_label.setText(message)

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "AdminPermissions",
            "Tick what each role may do. The server checks every change against these rights. Changed cells "
            "are marked until you save them.",
        ))
        headers = [translate("AdminPermissions", "Action"), translate("AdminPermissions", "Command")]
        headers += [role_label(role) for role in ROLES]
        self.table.setHorizontalHeaderLabels(headers)
        header = self.table.horizontalHeader()
        # The action's name takes the spare width; role columns are wide enough for the longest role name.
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COMMAND_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(FIRST_ROLE_COLUMN, self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, max(ROLE_COLUMN_WIDTH, header.sectionSizeHint(column) + 8))
        self.profile_box.setTitle(translate("AdminPermissions", "Role profiles"))
        self.cost_label.setText(translate("AdminPermissions", "Sees cost and purchase prices"))
        self.limit_label.setText(translate("AdminPermissions", "Discount limit (%)"))
        for role in ROLES:
            self.role_labels[role].setText(role_label(role))
            self.limit_edits[role].setPlaceholderText(translate("AdminPermissions", "company"))
            self.limit_edits[role].setToolTip(translate(
                "AdminPermissions",
                "Largest line discount this role may give without approval, in percent; blank uses the company setting",
            ))
        self.save_button.setText(translate("AdminPermissions", "Save (Ctrl+S)"))
        self.revert_button.setText(translate("AdminPermissions", "Undo changes"))
        self._update_pending()
