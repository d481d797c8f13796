"""The return note PDF (退货单): posted, synced, printed on both papers and read back to the fen."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import QSizeF

from desktop.models.order_format import format_money
from desktop.models.return_queries import load_delivery_for_return
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM
from desktop.printing.output import pdf_page_sizes, pdf_text
from desktop.printing.return_note import load_return_note, write_return_pdf
from domain.ids import new_id
from domain.models import SalesReturn, SalesReturnLine
from sync.client import submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import COMPANY, MANAGER
from tests.desktop_orders.return_data import read_server

pytestmark = pytest.mark.timeout(180)

POINTS_PER_MM = 72 / 25.4
A4_MM = QSizeF(210, 297)
# (delivery line index, quantity returned): 1 of 3 P001 (88.47), 1 of 2 P002 (126.00), 3 of 7 P003 (27.00).
RETURNED = ((0, "1"), (1, "1"), (2, "3"))
REASON = "包装破损，客户拒收"


@pytest.fixture
def synced_return(shipped_context, sales_server):
    """Post RETURNED into W2 on the replica, sync it, and return (context, return id)."""
    context, delivery_id = shipped_context
    replica = context.replica
    with replica.transaction() as session:
        delivery = load_delivery_for_return(session, delivery_id)
    return_id = new_id()
    submit(replica, "sales_return.post", {
        "id": return_id, "number": next_document_number(replica, "sales_return", dt.date.today()),
        "customer_id": delivery.customer_id, "delivery_id": delivery_id, "warehouse_id": sales_server.ids["W2"],
        "document_date": dt.date.today().isoformat(), "reason": REASON,
        "lines": [{"id": new_id(), "delivery_line_id": delivery.lines[index].delivery_line_id, "quantity": quantity}
                  for index, quantity in RETURNED],
    })
    sales_server.start()
    context.sync.stop()
    assert sync(replica, sales_server.url, MANAGER).push.rejected == 0
    return context, return_id


def test_return_note_reconciles_with_server(qapp, tmp_path, synced_return, sales_server):
    context, return_id = synced_return
    with context.replica.transaction() as session:
        note = load_return_note(session, return_id)
    stored = read_server(sales_server.database_url, SalesReturn, SalesReturn.id == return_id)[0]
    stored_lines = read_server(sales_server.database_url, SalesReturnLine, SalesReturnLine.return_id == return_id)

    assert note.total == stored.total_amount == Decimal("241.47")
    assert sum(line.amount for line in note.lines) == stored.total_amount
    assert sorted(line.amount for line in note.lines) == sorted(line.amount for line in stored_lines)

    path = tmp_path / "return.pdf"
    assert write_return_pdf(note, path) == 1
    text = pdf_text(path)
    for expected in (COMPANY, note.number, note.delivery_number, "退货仓", REASON, "昆明茶叶商行",
                     "Sales return note", amount_in_capitals(stored.total_amount), "¥" + format_money(stored.total_amount)):
        assert expected in text, expected
    # Every line prints quantity, price and amount, and quantity × price − discount = amount.
    for line in note.lines:
        assert format_money(line.amount) in text
        assert line.quantity * line.unit_price - line.discount == line.amount
    # Each line's amount is among the figures printed in the table.
    printed = [Decimal(amount.replace(",", "")) for amount in re.findall(r"\d[\d,]*\.\d{2}", text)]
    for line in note.lines:
        assert line.amount in printed
    assert amount_in_capitals(Decimal("241.47")) == "贰佰肆拾壹元肆角柒分"


def test_return_note_page_sizes(qapp, tmp_path, synced_return):
    context, return_id = synced_return
    with context.replica.transaction() as session:
        note = load_return_note(session, return_id)
    for name, page_mm in (("form.pdf", DELIVERY_NOTE_PAGE_MM), ("a4.pdf", A4_MM)):
        path = tmp_path / name
        write_return_pdf(note, path, page_mm)
        width, height = pdf_page_sizes(path)[0]
        assert abs(width - page_mm.width() * POINTS_PER_MM) <= 0.5
        assert abs(height - page_mm.height() * POINTS_PER_MM) <= 0.5
        assert note.number in pdf_text(path)
