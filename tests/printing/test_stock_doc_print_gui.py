"""Printing a posted goods receipt from its read-only view by keyboard, and stock transfers from their list."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from desktop.printing.output import pdf_text  # noqa: E402
from domain.ids import new_id  # noqa: E402
from domain.models import GoodsReceipt, PrintRecord, StockTransfer  # noqa: E402
from sync.local_commands import submit  # noqa: E402
from tests.desktop_orders import conftest as order_fixtures  # noqa: E402
from tests.desktop_orders.keyboard import press, type_text  # noqa: E402
from tests.desktop_orders.preview_pdf import print_preview_to_pdf  # noqa: E402
from tests.warehouse import test_stock_doc_view_gui as view_gui  # noqa: E402

pytestmark = pytest.mark.timeout(300)

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()

# The keeper's company and replica of the Stock page tests (server stopped after the first sync).
company_template = view_gui.company_template
memory_keyring = view_gui.memory_keyring
keeper_context = view_gui.keeper_context
bundled_font = order_fixtures.bundled_font


def post_receipt(context, ids) -> str:
    receipt_id = new_id()
    # The keeper's own entry keeps the typed cost in the replica; a keeper may not see costs, so none prints.
    submit(context.replica, "goods_receipt.post", {
        "id": receipt_id, "number": "GR-PRINT-1", "warehouse_id": ids["W1"], "supplier_id": ids["S001"],
        "document_date": TODAY.isoformat(), "note": "整车到货",
        "lines": [{"id": new_id(), "product_id": ids["P101"], "quantity": "6", "unit_price": "95.00",
                   "batch_no": "V1", "expiry_date": "2027-04-30"}],
    })
    return receipt_id


def test_receipt_printed_from_viewer(qtbot, tmp_path, keeper_context, bundled_font):
    context, _server, ids = keeper_context
    receipt_id = post_receipt(context, ids)
    view = view_gui.shown_view(qtbot, context)
    tab = view.receipts
    view_gui.focus_first_row(qtbot, view, tab)
    press(qtbot, Qt.Key.Key_Return)
    viewer = view_gui.wait_viewer(qtbot, tab)
    recorded: list[int] = []
    viewer.printing.recorded.connect(lambda document_id, number: recorded.append(number))

    # Ctrl+P: the first print, counted once the preview's pages go to a file.
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: viewer.preview is not None, timeout=10_000)
    first_text = print_preview_to_pdf(viewer.preview, tmp_path / "first.pdf")
    qtbot.waitUntil(lambda: recorded == [1], timeout=10_000)
    assert "GR-PRINT-1" in first_text
    assert "Goods receipt" in first_text
    assert "V1" in first_text
    assert "2027-04-30" in first_text
    # A keeper may not see costs: neither the typed cost nor any money prints.
    assert "Unit cost" not in first_text
    assert "95.00" not in first_text
    assert "¥" not in first_text
    assert "Reprint no." not in first_text

    # Ctrl+P again: the reprint requires a reason, and its pages carry the mark.
    first_preview = viewer.preview
    viewer.activateWindow()
    qtbot.waitUntil(lambda: viewer.table.hasFocus() or viewer.isActiveWindow(), timeout=10_000)
    viewer.table.setFocus()
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: viewer.printing.reprint_dialog is not None
                    and viewer.printing.reprint_dialog.isVisible(), timeout=10_000)
    dialog = viewer.printing.reprint_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "copy for supplier")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: viewer.preview is not first_preview, timeout=10_000)
    second_text = print_preview_to_pdf(viewer.preview, tmp_path / "second.pdf")
    qtbot.waitUntil(lambda: recorded == [1, 2], timeout=10_000)
    assert "Reprint no. 2" in second_text

    with context.read_session() as session:
        assert session.get(GoodsReceipt, receipt_id).print_count == 2
        records = {record.print_number: (record.document_type, record.reason)
                   for record in session.query(PrintRecord)}
    assert records == {1: ("goods_receipt", None), 2: ("goods_receipt", "copy for supplier")}

    # The list shows the count once it reloads after the prints.
    viewer.close()
    tab.reload()
    printed = tab.model.COLUMNS.index("print_count")
    qtbot.waitUntil(lambda: tab.model.index(0, printed).data() == "2", timeout=10_000)


def test_transfers_batch_printed_from_list(qtbot, tmp_path, keeper_context, bundled_font):
    context, _server, ids = keeper_context
    transfer_ids = []
    for number in ("TR-PRINT-1", "TR-PRINT-2"):
        transfer_id = new_id()
        submit(context.replica, "stock_transfer.post", {
            "id": transfer_id, "number": number, "from_warehouse_id": ids["W1"], "to_warehouse_id": ids["W2"],
            "document_date": TODAY.isoformat(), "note": None,
            "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "1"}],
        })
        transfer_ids.append(transfer_id)
    view = view_gui.shown_view(qtbot, context)
    tab = view.transfers
    view_gui.focus_first_row(qtbot, view, tab)
    tab.table.selectAll()
    recorded: list[str] = []
    tab.printing.recorded.connect(lambda document_id, number: recorded.append(document_id))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "transfers.pdf"))

    tab.print_selected(printer)

    qtbot.waitUntil(lambda: len(recorded) == 2, timeout=10_000)
    for number in ("TR-PRINT-1", "TR-PRINT-2"):
        text = pdf_text(tmp_path / f"transfers-{number}.pdf")
        assert number in text
        assert "Stock transfer" in text
        assert "From warehouse:" in text
        assert "¥" not in text
    with context.read_session() as session:
        assert [session.get(StockTransfer, transfer_id).print_count for transfer_id in transfer_ids] == [1, 1]
