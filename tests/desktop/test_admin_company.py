"""The Administration page's company settings: shown from the replica, validated, saved offline, applied by the server."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from desktop.views.admin_company import CompanySettingsTab, parse_percent, percent_text
from sync.client import sign_in
from tests.desktop.admin_helpers import admin_context, admin_replica, queued  # noqa: F401
from tests.desktop.conftest import PASSWORD

pytestmark = pytest.mark.timeout(180)


def server_settings(database_url: str) -> dict[str, object]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT key, value FROM company_setting")).all()
    finally:
        engine.dispose()
    # The value column is JSON.
    return {row.key: json.loads(row.value) if row.value is not None else None for row in rows}


@pytest.mark.parametrize("typed, fraction", [("20", Decimal("0.2")), ("12.5 %", Decimal("0.125")),
                                              ("0", Decimal(0)), ("100％", Decimal(1)), ("  ", None)])
def test_percent_parsed(english, typed, fraction):
    assert parse_percent(typed) == fraction


@pytest.mark.parametrize("typed, message", [
    ("abc", "abc is not a percentage; enter a number such as 20"),
    ("120", "The discount limit must be from 0 to 100 %; 120 was entered"),
    ("-1", "The discount limit must be from 0 to 100 %; -1 was entered"),
    ("12.345", "Enter the discount limit with at most two decimal places: 12.345"),
])
def test_bad_percent_named(english, typed, message):
    with pytest.raises(ValueError) as raised:
        parse_percent(typed)
    assert str(raised.value) == message


def test_percent_text_of_stored_fraction():
    assert percent_text("0.2") == "20"
    assert percent_text("0.125") == "12.5"
    assert percent_text(None) == ""


def test_settings_saved_and_applied(qtbot, english, admin_context, admin_replica, server, server_db):
    database_url, _ids = server_db
    tab = CompanySettingsTab(admin_context)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=5_000)
    # No rows yet: the server's defaults, approval required and no discount limit.
    qtbot.waitUntil(lambda: tab.credit_combo.currentData() == "approval", timeout=10_000)
    assert tab.discount_edit.text() == ""
    assert not tab.has_unsaved_changes()

    # An invalid field is named, and nothing is queued.
    tab.discount_edit.setFocus()
    tab.discount_edit.setText("150")
    qtbot.keyClick(tab.discount_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.message_label.text() == "The discount limit must be from 0 to 100 %; 150 was entered"
    assert queued(admin_replica, "company_setting.set") == []

    tab.name_edit.setText("  云岭茶业有限公司 ")
    tab.credit_combo.setCurrentIndex(tab.credit_combo.findData("warn"))
    tab.discount_edit.setText("15")
    qtbot.keyClick(tab.discount_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.save_button.isEnabled() and not tab.has_unsaved_changes(), timeout=10_000)
    assert tab.message_label.text() == "Saved. The server applies it at the next sync."
    payloads = {payload["key"]: payload["value"] for payload in queued(admin_replica, "company_setting.set")}
    assert payloads == {"company_name": "云岭茶业有限公司", "credit_check": "warn", "max_discount_percent": "0.15"}

    sync = admin_context.sync
    sync.start(sign_in(admin_replica, server.url, "admin1", PASSWORD))
    qtbot.waitUntil(lambda: tab.message_label.text() == "Saved. The server has applied it.", timeout=20_000)
    assert server_settings(database_url) == {
        "company_name": "云岭茶业有限公司", "credit_check": "warn", "max_discount_percent": "0.15",
    }

    # Emptying the limit removes it, and an unchanged form queues nothing.
    tab.discount_edit.setText("")
    tab.save()
    qtbot.waitUntil(lambda: server_settings(database_url).get("max_discount_percent", "x") is None, timeout=20_000)
    tab.save()
    assert tab.message_label.text() == "Nothing changed."
