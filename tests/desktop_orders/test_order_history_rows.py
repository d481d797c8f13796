"""The order form's History tab: shipment rows, verification line texts in Chinese, compact rows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models.order_history_rows import HistoryRecord, describe
from desktop.views.order_history_panel import OrderHistoryPanel
from domain.models import DeliveryLine, DeliveryNote
from tests.desktop_orders.chinese_ui import chinese_from_ts

pytestmark = pytest.mark.timeout(120)


def verification_record(line_count: int) -> HistoryRecord:
    """A verification that corrected `line_count` lines, the first of them product JSH1008."""
    before_lines = [{"order_line_id": f"L{n}", "quantity": "3", "unit_price": "22.00", "amount": "66.00"}
                    for n in range(1, line_count + 1)]
    after_lines = [{"order_line_id": f"L{n}", "quantity": "2", "unit_price": "22.00", "amount": "44.00"}
                   for n in range(1, line_count + 1)]
    labels = {f"L{n}": (n, f"JSH{1007 + n}") for n in range(1, line_count + 1)}
    return HistoryRecord(dt.datetime(2026, 12, 5, 9, 30, tzinfo=dt.timezone.utc), "经理", "verified", "对账",
                         {"lines": before_lines, "total_amount": "660.00"},
                         {"lines": after_lines, "total_amount": "440.00", "verification_number": "OV-1"}, labels)


def test_verified_line_reads_in_chinese(qapp, tmp_path):
    with chinese_from_ts(tmp_path):
        details = describe(verification_record(1)).details
    assert "第 1 行 JSH1008：数量 3 → 2" in details


def test_verified_line_reads_in_english(qapp):
    details = describe(verification_record(1)).details
    assert "Line 1 JSH1008: quantity 3 → 2, price 22.00 → 22.00, amount 66.00 → 44.00" in details


@pytest.fixture
def history_panel(qtbot, shipped_context):
    """The History panel of the shipped order, loaded; yields (panel, delivery note number)."""
    context, delivery_id = shipped_context
    with context.read_session() as session:
        delivery_number = session.scalars(select(DeliveryNote.number).where(DeliveryNote.id == delivery_id)).one()
        order_id = session.scalars(select(DeliveryLine.order_id).where(DeliveryLine.delivery_id == delivery_id)).first()
    panel = OrderHistoryPanel(context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    panel.set_order(order_id)
    qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() > 0, timeout=15_000)
    yield panel, delivery_number
    context.tasks.cancel_all()
    context.tasks.wait_idle()


def test_shipment_rows_split_state_and_note(history_panel):
    panel, delivery_number = history_panel
    rows = {panel.model.row_at(row).what: panel.model.row_at(row).details for row in range(panel.model.rowCount())}
    assert f"Delivery note {delivery_number}" in rows["Delivered"]
    assert "State:" not in rows["Delivered"]
    assert "State:" in rows["Completed"]
    assert "→ Completed" in rows["Completed"]
    assert "Delivery note" not in rows["Completed"]


def test_long_rows_stay_compact(history_panel):
    panel, _number = history_panel
    long_record = verification_record(12)
    panel.show_records([long_record])

    limit = panel.max_row_height()
    assert panel.table.rowHeight(0) <= limit
    assert panel.table.rowHeight(0) < panel.table.viewport().height()
    assert panel.table.rowHeight(0) > panel.table.fontMetrics().lineSpacing()
    details = panel.model.index(0, panel.model.COLUMNS.index("details"))
    assert details.data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignTop)
    assert "Line 12 JSH1019" in details.data(Qt.ItemDataRole.ToolTipRole)

    # Narrower, the wrapped rows are still cut to the limit.
    panel.resize(500, 300)
    assert panel.table.rowHeight(0) <= limit
