"""Batch print of selected delivery notes: one action, each note counted, reprints marked; the printer per type is remembered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from desktop.context import AppContext
from desktop.printing.output import pdf_text
from desktop.views.deliveries_view import DeliveriesView
from desktop.views.document_printing import PrinterMemory
from domain.ids import new_id
from domain.models import DeliveryLine, PrintRecord, SalesReturn
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press, type_text
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.desktop_orders.return_data import ship_order
from tests.printing.delivery_page import counts, deliveries  # noqa: F401  (fixture)

pytestmark = pytest.mark.timeout(240)

# The order tests' fixtures, used here: a seeded server, an in-memory keyring and the bundled CJK font.
_sales_template = order_fixtures._sales_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font


def test_batch_prints_each_selected_note(qtbot, tmp_path, deliveries):
    view = deliveries
    first = view.deliveries_model.row_at(0)
    second = view.deliveries_model.row_at(1)
    recorded: list[tuple[str, int]] = []
    view.printing.recorded.connect(lambda document_id, number: recorded.append((document_id, number)))

    # The first note was printed once already.
    view.printing.preview_document(first.id)
    qtbot.waitUntil(lambda: view.printing.preview is not None, timeout=10_000)
    qtbot.wait(200)
    assert recorded == [], "opening the preview must not count a print"
    print_preview_to_pdf(view.printing.preview, tmp_path / "once.pdf")
    qtbot.waitUntil(lambda: len(recorded) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: view.deliveries_model.row_at(0).print_count == 1, timeout=10_000)

    # Select both with Ctrl+A and print them in one go; only the reprint requires a reason.
    with qtbot.waitActive(view):
        view.activateWindow()
    view.deliveries_table.setFocus()
    qtbot.waitUntil(lambda: view.deliveries_table.hasFocus(), timeout=5_000)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_delivery_ids() == [first.id, second.id]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batch.pdf"))
    view.print_selected(printer)
    qtbot.waitUntil(lambda: view.printing.reprint_dialog is not None and view.printing.reprint_dialog.isVisible(),
                    timeout=10_000)
    dialog = view.printing.reprint_dialog
    assert first.number in dialog.summary.text()
    assert second.number not in dialog.summary.text()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "jammed")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(recorded) == 3, timeout=10_000)

    first_text = pdf_text(tmp_path / f"batch-{first.number}.pdf")
    second_text = pdf_text(tmp_path / f"batch-{second.number}.pdf")
    assert first.number in first_text
    assert "Reprint no. 2" in first_text
    assert second.number in second_text
    assert "Reprint no." not in second_text
    assert recorded[1:] == [(first.id, 2), (second.id, 1)]
    assert counts(view) == {first.number: 2, second.number: 1}
    with view.context.replica.transaction() as session:
        records = {(r.document_number, r.print_number): r.reason for r in session.query(PrintRecord)}
    assert records == {(first.number, 1): None, (first.number, 2): "jammed", (second.number, 1): None}
    assert view.message_label.text().startswith("Printed 2 document")


def test_batch_with_nothing_selected_says_so(qtbot, deliveries):
    view = deliveries
    view.deliveries_table.clearSelection()
    view.print_selected(QPrinter())
    assert view.message_label.text() == "Select the documents to print first."
    assert counts(view) == dict.fromkeys(counts(view), 0)


def test_printer_remembered_per_document_type(tmp_path):
    memory = PrinterMemory(tmp_path)
    memory.remember("delivery_note", "Epson LQ-630K")
    memory.remember("quotation", "HP LaserJet")

    again = PrinterMemory(tmp_path)
    assert again.printer_for("delivery_note") == "Epson LQ-630K"
    assert again.printer_for("quotation") == "HP LaserJet"
    assert again.printer_for("sales_return") == ""


def test_missing_remembered_printer_keeps_default(tmp_path):
    memory = PrinterMemory(tmp_path)
    memory.remember("delivery_note", "no such printer 42")
    printer = QPrinter()
    before = (printer.printerName(), printer.pageLayout().fullRect().size())
    memory.apply("delivery_note", printer)
    assert (printer.printerName(), printer.pageLayout().fullRect().size()) == before


def test_ctrl_shift_p_opens_one_print_dialog(qtbot, deliveries):
    view = deliveries
    with qtbot.waitActive(view):
        view.activateWindow()
    view.deliveries_table.setFocus()
    qtbot.waitUntil(lambda: view.deliveries_table.hasFocus(), timeout=5_000)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    qtbot.waitUntil(lambda: view.printing.print_dialog is not None and view.printing.print_dialog.isVisible(),
                    timeout=10_000)
    assert "2" in view.printing.print_dialog.windowTitle()
    view.printing.print_dialog.reject()
    assert counts(view) == dict.fromkeys(counts(view), 0)


def post_return(replica, delivery_id: str, ids: dict[str, str], line_index: int) -> str:
    """Post a return of 1 unit of the delivery's line `line_index` into W1; return its number."""
    today = dt.date.today()
    with replica.transaction() as session:
        line_id = session.scalars(select(DeliveryLine.id).where(DeliveryLine.delivery_id == delivery_id)
                                  .order_by(DeliveryLine.line_no)).all()[line_index]
    number = next_document_number(replica, "sales_return", today)
    submit(replica, "sales_return.post", {
        "id": new_id(), "number": number, "customer_id": ids["C001"], "delivery_id": delivery_id,
        "warehouse_id": ids["W1"], "document_date": today.isoformat(), "reason": "破损",
        "lines": [{"id": new_id(), "delivery_line_id": line_id, "quantity": "1"}],
    })
    return number


def test_batch_prints_selected_returns(qtbot, tmp_path, sales_server, memory_keyring):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _order_number, delivery_id = ship_order(replica, sales_server.ids)
    numbers = [post_return(replica, delivery_id, sales_server.ids, index) for index in (0, 2)]
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    view = DeliveriesView(context)
    qtbot.addWidget(view)
    view.show()
    returns = view.returns
    qtbot.waitUntil(lambda: returns.model.rowCount() == 2, timeout=10_000)
    recorded: list[tuple[str, int]] = []
    returns.printing.recorded.connect(lambda document_id, number: recorded.append((document_id, number)))

    view.documents_tabs.setCurrentWidget(returns)
    with qtbot.waitActive(view):
        view.activateWindow()
    returns.table.setFocus()
    qtbot.waitUntil(lambda: returns.table.hasFocus(), timeout=5_000)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(returns.selected_return_ids()) == 2
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "returns.pdf"))
    returns.print_selected(printer)
    qtbot.waitUntil(lambda: len(recorded) == 2, timeout=10_000)

    assert returns.printing.reprint_dialog is None
    assert sorted(number for _id, number in recorded) == [1, 1]
    for number in numbers:
        assert number in pdf_text(tmp_path / f"returns-{number}.pdf")
    with replica.transaction() as session:
        assert sorted(r.print_count for r in session.query(SalesReturn)) == [1, 1]
    context.close()


def test_failed_batch_job_counts_nothing(qtbot, tmp_path, deliveries):
    view = deliveries
    with qtbot.waitActive(view):
        view.activateWindow()
    view.deliveries_table.setFocus()
    qtbot.waitUntil(lambda: view.deliveries_table.hasFocus(), timeout=5_000)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    first = view.deliveries_model.row_at(0)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "batch.pdf"))

    view.print_selected(printer)

    qtbot.waitUntil(lambda: "Printing stopped" in view.message_label.text(), timeout=10_000)
    assert first.number in view.message_label.text()
    qtbot.wait(300)
    assert counts(view) == dict.fromkeys(counts(view), 0)
