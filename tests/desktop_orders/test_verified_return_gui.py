"""The return form of a delivery whose order was verified (核准) afterwards: verified limits and credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.context import AppContext
from desktop.models.return_lines_model import ReturnLinesModel
from desktop.views.return_editor import ReturnEditor
from domain.ids import new_id
from domain.models import DeliveryLine
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.verification_data import complete_order

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def verified_context(tmp_path, sales_server, memory_keyring):
    """An offline context of the manager whose replica shipped and then verified verification_data's order.

    Line 1 goes from 3 to 2 饼, 2 × 88.50 − 0.67 = 176.33, and line 2 from
    126.00 to 120.00 a 盒, 2 × 120.00 = 240.00. Yields (context, delivery id).
    """
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order = complete_order(replica, sales_server.ids)
    submit(replica, "order.verify", {
        "id": order.id, "verification_id": new_id(),
        "number": next_document_number(replica, "order_verification", dt.date.today()),
        "document_date": dt.date.today().isoformat(), "reason": "客户对账",
        "lines": [{"order_line_id": order.line_ids[0], "quantity": "2"},
                  {"order_line_id": order.line_ids[1], "unit_price": "120.00"}],
    })
    sales_server.stop()
    with replica.transaction() as session:
        delivery_id = session.execute(
            select(DeliveryLine.delivery_id).where(DeliveryLine.order_line_id == order.line_ids[0])
        ).scalar_one()
    context = AppContext(replica, sales_server.url, MANAGER)
    yield context, delivery_id
    context.close()


def test_return_form_uses_verified_line(qtbot, verified_context):
    context, delivery_id = verified_context
    editor = ReturnEditor(context, delivery_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.delivery is not None, timeout=10_000)
    model = editor.lines_model

    assert model.index(0, ReturnLinesModel.DELIVERED).data() == "3"
    assert model.index(0, ReturnLinesModel.RETURNABLE).data() == "2"
    assert model.index(1, ReturnLinesModel.RETURNABLE).data() == "2"
    tooltip = model.index(0, ReturnLinesModel.RETURNABLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "verified" in tooltip
    assert "2 饼" in tooltip

    # 1 of 2 verified 饼 is half of 176.33, 88.165 → 88.17; 2 盒 at the verified 120.00 are 240.00.
    model.set_quantity(0, Decimal("1"))
    model.set_quantity(1, Decimal("2"))
    assert model.index(0, ReturnLinesModel.CREDIT).data() == "88.17"
    assert model.index(1, ReturnLinesModel.CREDIT).data() == "240.00"
    assert "¥328.17" in editor.total_label.text()

    # The third 饼 left the warehouse but was not billed after the verification.
    model.set_quantity(0, Decimal("3"))
    error = editor.validation_error()
    assert error is not None
    assert "type at most 2 饼" in error
    assert model.index(0, ReturnLinesModel.CREDIT).data() == ""
