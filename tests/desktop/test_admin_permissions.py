"""The Permissions tab: defaults from the command registrations, pending edits, and the commands Save queues."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models.command_names import area_of
from desktop.views.admin_permissions import PermissionsTab, parse_percent, percent_text
from domain.commands.framework import REGISTRY, load_handlers
from domain.models import RolePermission
from tests.desktop.admin_helpers import admin_context, admin_replica, queued  # noqa: F401

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def tab(qtbot, english, admin_context):
    tab = PermissionsTab(admin_context)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None, timeout=15_000)
    return tab


def test_matrix_shows_defaults(tab):
    assert tab.value("clerk", "order.create") is True
    assert tab.value("warehouse", "order.create") is False
    assert tab.value("warehouse", "delivery.ship") is True
    assert tab.value("finance", "payment.record") is True
    assert tab.value("clerk", "department.create") is False
    assert tab.cells[("clerk", "order.create")].checkState() == Qt.CheckState.Checked
    assert tab.cells[("warehouse", "order.create")].checkState() == Qt.CheckState.Unchecked
    assert tab.cells[("clerk", "order.create")].toolTip() == "The command's default for this role"


def test_rows_grouped_by_area_with_names(tab):
    titles = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())
              if tab.table.columnSpan(row, 0) > 1]
    assert titles[:7] == ["Customers", "Products", "Prices", "Orders", "Deliveries", "Stock", "Payments"]
    assert "Administration" in titles
    # Commands other tests register (test.*) land under "Other"; every product command has an area.
    load_handlers()
    product_commands = [name for name, spec in REGISTRY.items()
                        if spec.handler.__module__.startswith("domain.commands.handlers.")]
    assert not [name for name in product_commands if area_of(name) == "other"]
    row = tab.cells[("clerk", "order.create")].row()
    assert tab.table.item(row, 0).text() == "Enter sales orders"
    assert tab.table.item(row, 1).text() == "order.create"


def test_admin_commands_locked_for_admin(tab):
    cell = tab.cells[("admin", "role_permission.set")]
    assert cell.checkState() == Qt.CheckState.Checked
    assert not cell.flags() & Qt.ItemFlag.ItemIsEnabled


def test_toggle_and_save_queues_commands(qtbot, tab, admin_replica):
    assert not tab.save_button.isEnabled()
    cell = tab.cells[("clerk", "order.cancel")]
    tab.table.setCurrentItem(cell)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert tab.value("clerk", "order.cancel") is False
    assert cell.toolTip() == "Changed, not saved yet"
    tab.set_value("warehouse", "order.create", True)
    assert tab.pending_label.text() == "Unsaved changes: 2"
    assert queued(admin_replica, "role_permission.set") == []

    qtbot.keyClick(tab.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.message_label.text().startswith("Saved"), timeout=15_000)
    # The window is signed in, so a sync may send the commands, and the pull that brings them back
    # may drop them from the outbox, before this reads it. The rows they wrote stay either way.
    expected = [
        {"role": "clerk", "command": "order.cancel", "allowed": False},
        {"role": "warehouse", "command": "order.create", "allowed": True},
    ]
    submitted = [entry.payload for entry in admin_replica.outbox() if entry.name == "role_permission.set"]
    assert all(payload in expected for payload in submitted)
    with admin_replica.transaction() as session:
        rows = {(row.role, row.command): row.allowed for row in session.scalars(select(RolePermission))}
    assert rows[("clerk", "order.cancel")] is False
    assert rows[("warehouse", "order.create")] is True
    qtbot.waitUntil(lambda: tab.pending_label.text() == "", timeout=10_000)
    assert tab.value("clerk", "order.cancel") is False
    assert tab.cells[("clerk", "order.cancel")].toolTip() == "Set by an administrator"


def test_one_message_at_a_time_after_save(qtbot, tab):
    tab.set_value("clerk", "order.cancel", False)
    tab.save()
    qtbot.waitUntil(lambda: tab.message_label.text().startswith("Saved"), timeout=15_000)
    assert tab.pending_label.text() == ""
    tab.set_value("warehouse", "order.create", True)
    assert tab.pending_label.text() == "Unsaved changes: 1"
    assert tab.message_label.text() == ""


def test_toggling_back_clears_pending(tab):
    tab.set_value("clerk", "order.cancel", False)
    tab.set_value("clerk", "order.cancel", True)
    assert tab.pending_label.text() == ""
    assert tab.pending_payloads() == []


def test_role_profile_saved(qtbot, tab, admin_replica, server):
    assert tab.cost_checks["manager"].isChecked()
    assert not tab.cost_checks["clerk"].isChecked()
    tab.cost_checks["clerk"].setChecked(True)
    tab.limit_edits["clerk"].setText("12.5")
    # Saving starts a sync at once, so the server is stopped first and the command stays in the outbox.
    server.stop()
    tab.save()
    qtbot.waitUntil(lambda: tab.message_label.text().startswith("Saved"), timeout=15_000)
    assert queued(admin_replica, "role_profile.update") == [
        {"role": "clerk", "fields": {"sees_cost": True, "discount_limit": "0.125"}},
    ]


def test_invalid_discount_limit_not_saved(qtbot, tab, admin_replica):
    tab.limit_edits["finance"].setText("120")
    tab.save()
    assert tab.message_label.text() == "finance: The discount limit must be a percentage from 0 to 100; 120 was entered"
    assert queued(admin_replica, "role_profile.update") == []


def test_percent_conversion():
    assert parse_percent("12.5") == (parse_percent("12.50")[0], None)
    assert str(parse_percent("12.5")[0]) == "0.125"
    assert parse_percent("") == (None, None)
    assert parse_percent("1.234")[1] is not None
    assert percent_text(parse_percent("20")[0]) == "20"
    assert percent_text(None) == ""
