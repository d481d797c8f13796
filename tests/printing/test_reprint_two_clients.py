"""Print counting across two clients synced through the real server: reprint reasons, marks and offline prints."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.context import AppContext
from desktop.views.document_printing import DELIVERY_NOTE, DocumentPrinting
from domain.models import DeliveryNote, PrintRecord
from sync.client import open_replica, sync
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.desktop_orders.return_data import read_server, ship_order
from tests.pg import backends

pytestmark = pytest.mark.timeout(240)

# The order tests' fixtures, used here: a seeded server, an in-memory keyring and the bundled CJK font.
_sales_template = order_fixtures._sales_template
_sales_pg_template = order_fixtures._sales_pg_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font

LOST_COPY = "客户遗失"
JAMMED = "卡纸"


class Client:
    """One installation: its replica, an app context on it and the delivery note printing of a page."""

    def __init__(self, qtbot, folder, server) -> None:
        self.server = server
        self.replica = open_replica(folder)
        self.sync()
        self.context = AppContext(self.replica, server.url, MANAGER)
        self.owner = QWidget()
        qtbot.addWidget(self.owner)
        self.printing = DocumentPrinting(self.context, DELIVERY_NOTE, self.owner)
        self.recorded: list[tuple[str, int]] = []
        self.printing.recorded.connect(lambda document_id, number: self.recorded.append((document_id, number)))

    def sync(self) -> None:
        result = sync(self.replica, self.server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0

    def print_count(self, delivery_id: str) -> int:
        with self.replica.transaction() as session:
            return session.get(DeliveryNote, delivery_id).print_count

    def close(self) -> None:
        self.context.sync.stop()
        self.context.close()


def type_text(qtbot, text: str) -> None:
    """Type `text` into the focus widget; characters beyond ASCII arrive as an input method commits them."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
    qtbot.wait(20)


def answer_reprint(qtbot, printing: DocumentPrinting, reason: str) -> str:
    """Type `reason` into the open reprint dialog and press Enter; return the dialog's summary."""
    qtbot.waitUntil(lambda: printing.reprint_dialog is not None and printing.reprint_dialog.isVisible(), timeout=10_000)
    dialog = printing.reprint_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    assert not dialog.ok_button.isEnabled(), "a reprint without a reason must not be possible"
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter with an empty reason closed the dialog"
    type_text(qtbot, reason)
    summary = dialog.summary.text()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    return summary


def print_from_preview(qtbot, client: Client, delivery_id: str, pdf_path, reason: str | None = None) -> tuple[str, str]:
    """Open the preview, answer the reprint dialog when `reason` is given, print to `pdf_path`; return (summary, PDF text)."""
    client.printing.preview = None
    before = len(client.recorded)
    client.printing.preview_document(delivery_id)
    summary = answer_reprint(qtbot, client.printing, reason) if reason is not None else ""
    qtbot.waitUntil(lambda: client.printing.preview is not None, timeout=10_000)
    text = print_preview_to_pdf(client.printing.preview, pdf_path)
    qtbot.waitUntil(lambda: len(client.recorded) == before + 1, timeout=10_000)
    return summary, text


def server_records(server, delivery_id: str) -> list[PrintRecord]:
    records = read_server(server.database_url, PrintRecord, PrintRecord.document_id == delivery_id)
    return sorted(records, key=lambda record: record.print_number)


def server_count(server, delivery_id: str) -> int:
    return read_server(server.database_url, DeliveryNote, DeliveryNote.id == delivery_id)[0].print_count


@pytest.fixture
def clients(qtbot, tmp_path, sales_server, memory_keyring):
    client_a = Client(qtbot, tmp_path / "a", sales_server)
    client_b = Client(qtbot, tmp_path / "b", sales_server)
    yield client_a, client_b
    client_a.close()
    client_b.close()


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_reprint_counted_across_clients(qtbot, tmp_path, sales_server, clients):
    client_a, client_b = clients
    _order_number, delivery_id = ship_order(client_a.replica, sales_server.ids)
    client_a.sync()
    client_b.sync()

    # A prints the note for the first time: no reason asked, no reprint mark.
    with chinese_from_ts(tmp_path):
        _summary, first_text = print_from_preview(qtbot, client_a, delivery_id, tmp_path / "first.pdf")
    assert client_a.printing.reprint_dialog is None
    assert "补打" not in first_text
    assert client_a.recorded == [(delivery_id, 1)]
    assert client_a.print_count(delivery_id) == 1
    client_a.sync()
    assert server_count(sales_server, delivery_id) == 1

    # B sees the count, must give a reason, and its page says 补打 第2次.
    client_b.sync()
    assert client_b.print_count(delivery_id) == 1
    with chinese_from_ts(tmp_path):
        summary, reprint_text = print_from_preview(qtbot, client_b, delivery_id, tmp_path / "reprint.pdf", LOST_COPY)
    assert "已打印 1 次" in summary
    assert "补打 第2次" in summary
    assert "补打 第2次" in reprint_text
    assert client_b.recorded == [(delivery_id, 2)]
    client_b.sync()

    records = server_records(sales_server, delivery_id)
    assert [(r.print_number, r.is_reprint, r.reason) for r in records] == [(1, False, None), (2, True, LOST_COPY)]
    assert server_count(sales_server, delivery_id) == 2
    assert records[0].device_id != records[1].device_id

    # A syncs and sees the reprint.
    client_a.sync()
    assert client_a.print_count(delivery_id) == 2
    with client_a.replica.transaction() as session:
        reasons = [record.reason for record in session.query(PrintRecord).filter_by(document_id=delivery_id)]
    assert sorted(reasons, key=str) == sorted([None, LOST_COPY], key=str)


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_offline_prints_on_both_clients_all_count(qtbot, tmp_path, sales_server, clients):
    client_a, client_b = clients
    _order_number, delivery_id = ship_order(client_a.replica, sales_server.ids)
    client_a.sync()
    print_from_preview(qtbot, client_a, delivery_id, tmp_path / "first.pdf")
    client_a.sync()
    client_b.sync()
    assert client_b.print_count(delivery_id) == 1

    # Both reprint before either syncs: each guesses print 2 from its own replica.
    _summary, text_a = print_from_preview(qtbot, client_a, delivery_id, tmp_path / "a.pdf", JAMMED)
    _summary, text_b = print_from_preview(qtbot, client_b, delivery_id, tmp_path / "b.pdf", LOST_COPY)
    assert "Reprint no. 2" in text_a
    assert "Reprint no. 2" in text_b
    assert client_a.print_count(delivery_id) == 2
    assert client_b.print_count(delivery_id) == 2

    # The server numbers them in arrival order: A's first, then B's. Neither is lost.
    client_a.sync()
    client_b.sync()
    client_a.sync()
    records = server_records(sales_server, delivery_id)
    assert [(r.print_number, r.reason) for r in records] == [(1, None), (2, JAMMED), (3, LOST_COPY)]
    assert server_count(sales_server, delivery_id) == 3
    assert client_a.print_count(delivery_id) == 3
    assert client_b.print_count(delivery_id) == 3
