"""Quotation printing from its editor: the first print is counted, the second requires a reason and is marked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.views.quotation_editor import QuotationEditor
from domain.ids import new_id
from domain.models import PrintRecord, Quotation
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press, type_text
from tests.desktop_orders.preview_pdf import print_preview_to_pdf

pytestmark = pytest.mark.timeout(240)

# The order tests' fixtures, used here: a seeded server, an in-memory keyring and the bundled CJK font.
_sales_template = order_fixtures._sales_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font


def create_quotation(replica, ids: dict[str, str]) -> str:
    today = dt.date.today()
    quotation_id = new_id()
    submit(replica, "quotation.create", {
        "id": quotation_id, "number": next_document_number(replica, "sales_quotation", today),
        "customer_id": ids["C001"], "warehouse_id": ids["W1"], "document_date": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=10)).isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "2", "unit_price": "88.50"}],
    })
    return quotation_id


def test_quotation_reprint_from_editor(qtbot, tmp_path, sales_server, memory_keyring):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    quotation_id = create_quotation(replica, sales_server.ids)
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    editor = QuotationEditor(context, quotation_id=quotation_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.draft.id == quotation_id and not editor.busy, timeout=10_000)
    recorded: list[int] = []
    editor.printing.recorded.connect(lambda document_id, number: recorded.append(number))

    editor.print_preview()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10_000)
    first_text = print_preview_to_pdf(editor.preview, tmp_path / "first.pdf")
    qtbot.waitUntil(lambda: recorded == [1], timeout=10_000)
    assert "Reprint no." not in first_text

    first_preview = editor.preview
    editor.print_preview()
    qtbot.waitUntil(lambda: editor.printing.reprint_dialog is not None and editor.printing.reprint_dialog.isVisible(),
                    timeout=10_000)
    dialog = editor.printing.reprint_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "price corrected")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.preview is not first_preview, timeout=10_000)
    second_text = print_preview_to_pdf(editor.preview, tmp_path / "second.pdf")
    qtbot.waitUntil(lambda: recorded == [1, 2], timeout=10_000)

    assert "Reprint no. 2" in second_text
    with replica.transaction() as session:
        assert session.get(Quotation, quotation_id).print_count == 2
        reasons = {record.print_number: record.reason for record in session.query(PrintRecord)}
    assert reasons == {1: None, 2: "price corrected"}
    editor.close()
    context.close()
