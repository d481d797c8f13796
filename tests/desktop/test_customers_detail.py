"""The customer detail: header figures from the domain's receivable and credit rules, and its read-only tabs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from domain.ids import new_id
from domain.models import (
    Customer,
    CustomerCategory,
    CustomerContact,
    DeliveryNote,
    FollowUp,
    InvoicingDetails,
    PaymentAllocation,
    PaymentReceived,
    Quotation,
    ReceivableEntry,
    SalesOrder,
    SalesOrderLine,
    ShippingAddress,
)
from tests.desktop.helpers import close_window, open_window
from tests.desktop.screen_text import CJK, collect_strings

OFFLINE_URL = "http://127.0.0.1:1"


def _replicated(model, **values):
    return model(id=values.pop("id", None) or new_id(), version=1, change_seq=0, **values)


def _fill(replica, seeded_ids) -> str:
    """Write one customer with a record in every tab, straight into the replica; return its id.

    It owes 100.00 for a delivery due yesterday and paid 40.00 of it, and has
    an approved order of 50.00 not yet delivered.
    """
    today = dt.date.today()
    customer_id, category_id = new_id(), new_id()
    order_id, delivery_id, payment_id = new_id(), new_id(), new_id()
    with replica.transaction() as session:
        session.add(_replicated(CustomerCategory, id=category_id, code="TEA", name="批发"))
        session.flush()
        session.add(_replicated(
            Customer, id=customer_id, code="C9", name="重庆茶馆", category_id=category_id, phone="023-6000",
            credit_limit=Decimal("500.00"), active=True,
        ))
        session.flush()
        session.add_all([
            _replicated(CustomerContact, customer_id=customer_id, name="王芳", mobile="13900000001", is_primary=True),
            _replicated(CustomerContact, customer_id=customer_id, name="李强", position="采购"),
            _replicated(ShippingAddress, customer_id=customer_id, province="重庆", city="重庆", district="渝中区",
                        address="解放碑 1 号", is_default=True),
            _replicated(InvoicingDetails, customer_id=customer_id, title="重庆茶馆有限公司",
                        tax_number="91500000MA5U000000", default_invoice_type="vat_special"),
            _replicated(FollowUp, customer_id=customer_id, channel="visit", content="谈新品",
                        follow_up_date=today - dt.timedelta(days=2)),
            _replicated(Quotation, customer_id=customer_id, number="Q-1", document_date=today, status="sent",
                        total_amount=Decimal("80.00")),
            _replicated(SalesOrder, id=order_id, customer_id=customer_id, number="SO-1", document_date=today,
                        status="approved", warehouse_id=seeded_ids["W1"], total_amount=Decimal("50.00")),
            _replicated(DeliveryNote, id=delivery_id, number="D-9", customer_id=customer_id,
                        warehouse_id=seeded_ids["W1"], status="posted", document_date=today - dt.timedelta(days=31),
                        due_date=today - dt.timedelta(days=1), total_amount=Decimal("100.00")),
            _replicated(PaymentReceived, id=payment_id, number="R-9", customer_id=customer_id,
                        amount=Decimal("40.00"), method="wechat_pay", document_date=today,
                        allocated_amount=Decimal("40.00"), status="posted"),
        ])
        session.flush()
        session.add_all([
            _replicated(SalesOrderLine, order_id=order_id, line_no=1, product_id=seeded_ids["P1"], unit_name="box",
                        quantity=Decimal("10"), base_quantity=Decimal("10"), unit_price=Decimal("5"),
                        amount=Decimal("50.00"), delivered_quantity=Decimal("0")),
            _replicated(PaymentAllocation, payment_id=payment_id, delivery_id=delivery_id, amount=Decimal("40.00"),
                        reversed=False),
            _replicated(ReceivableEntry, customer_id=customer_id, entry_type="delivery", amount=Decimal("100.00"),
                        document_type="delivery_note", document_id=delivery_id, document_date=today,
                        posting_date=today),
            _replicated(ReceivableEntry, customer_id=customer_id, entry_type="payment", amount=Decimal("-40.00"),
                        document_type="payment_received", document_id=payment_id, document_date=today,
                        posting_date=today),
        ])
    return customer_id


def _cells(detail, tab: str) -> list[list[str]]:
    model = detail.models[tab]
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _wait_detail(qtbot, detail) -> None:
    qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
    for model in detail.models.values():
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=10_000)


def test_detail_header_and_tabs(qtbot, english, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        detail = view.open_detail(customer_id)
        _wait_detail(qtbot, detail)

        values = {key: label.text() for key, label in detail.values.items()}
        assert values["code"] == "C9"
        assert values["category"] == "批发"
        assert values["phone"] == "023-6000"
        # 100.00 delivered - 40.00 paid.
        assert values["balance"] == "60.00"
        assert values["overdue"] == "60.00"
        assert values["credit_limit"] == "500.00"
        # The balance plus the undelivered 50.00 of the approved order.
        assert values["credit_used"] == "110.00"

        # The primary contact first.
        assert [row[0] for row in _cells(detail, "contacts")] == ["王芳", "李强"]
        assert _cells(detail, "contacts")[0][-1] == "✓"
        assert _cells(detail, "addresses")[0][3] == "重庆 重庆 渝中区"
        assert _cells(detail, "invoicing")[0][2] == "VAT special invoice"
        assert _cells(detail, "follow_ups")[0][1:4] == ["Visit", "", "谈新品"]
        assert _cells(detail, "quotations")[0][2:] == ["Sent", "", "80.00"]
        assert _cells(detail, "orders")[0][2] == "Approved"
        assert _cells(detail, "deliveries")[0][4:] == ["100.00", "60.00"]
        assert _cells(detail, "payments")[0][2:5] == ["WeChat Pay", "40.00", "40.00"]
    finally:
        close_window(context, window)


def test_detail_actions_bar_refresh_and_new_order(qtbot, english, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        detail = view.open_detail(customer_id)
        _wait_detail(qtbot, detail)

        # Another view can add its own button to the bar.
        extra = QPushButton("extra", detail)
        detail.actions_bar.insertWidget(1, extra)
        qtbot.waitUntil(extra.isVisible, timeout=5_000)

        with synced_replica.transaction() as session:
            session.add(_replicated(CustomerContact, customer_id=customer_id, name="张伟"))
        detail.refresh()
        qtbot.waitUntil(lambda: detail.models["contacts"].rowCount() == 3, timeout=10_000)

        with qtbot.waitSignal(view.new_order_requested, timeout=5_000) as blocker:
            qtbot.keyClick(detail.tables["contacts"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert blocker.args == [customer_id]
    finally:
        close_window(context, window)


def test_detail_opens_quotation_and_order_forms(qtbot, english, synced_replica, seeded_ids):
    from desktop.views.order_editor import OrderEditor
    from desktop.views.quotation_editor import QuotationEditor

    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        detail = view.open_detail(customer_id)
        _wait_detail(qtbot, detail)
        opened = {}
        for key, page, form_class in (("quotations", "quotations", QuotationEditor), ("orders", "orders", OrderEditor)):
            detail.tabs.setCurrentWidget(detail.tables[key])
            table = detail.tables[key]
            table.setCurrentIndex(detail.models[key].index(0, 0))
            document_id = detail.models[key].data(detail.models[key].index(0, 0), Qt.ItemDataRole.UserRole)
            with qtbot.waitSignal(view.document_open_requested, timeout=5_000) as blocker:
                qtbot.keyClick(table, Qt.Key.Key_Return)
            assert blocker.args == [key, document_id]
            editors = window.pages[page].editors
            qtbot.waitUntil(lambda: len(editors) == 1, timeout=5_000)
            form = editors[0]
            assert type(form) is form_class
            qtbot.waitUntil(lambda: form.catalog is not None and form.draft.id == document_id, timeout=10_000)
            opened[key] = form
        assert opened["quotations"].draft.number == "Q-1"
        assert opened["orders"].draft.number == "SO-1"
        for form in opened.values():
            form.close()
    finally:
        close_window(context, window)


def test_detail_translated_in_chinese(qtbot, chinese, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False, language="zh_CN")
    try:
        detail = window.show_page("customers").open_detail(customer_id)
        _wait_detail(qtbot, detail)
        english = [
            (where, text) for where, text in collect_strings(detail)
            if not CJK.search(text) and re.search(r"[A-Za-z]{3,}", text)
        ]
        assert english == []
        assert detail.tabs.tabText(0) == "联系人"
        assert detail.models["follow_ups"].index(0, 1).data() == "拜访"
    finally:
        close_window(context, window)


def _customer_with_contacts(replica, department_id: str, contacts: list[dict]) -> str:
    customer_id = new_id()
    with replica.transaction() as session:
        session.add(_replicated(Customer, id=customer_id, code=f"K{customer_id[-6:]}", name="昆明百货",
                                department_id=department_id, active=True))
        session.flush()
        for values in contacts:
            session.add(_replicated(CustomerContact, customer_id=customer_id, **values))
    return customer_id


def _open_contacts(qtbot, window, customer_id: str, rows: int):
    detail = window.show_page("customers").open_detail(customer_id)
    qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
    contacts = detail.models["contacts"]
    qtbot.waitUntil(lambda: not contacts.loading and contacts.rowCount() == rows, timeout=10_000)
    return detail


def test_contacts_primary_first_then_pinyin(qtbot, english, synced_replica, seeded_ids):
    # By code point 王 (U+738B) < 赵 (U+8D75) < 阿 (U+963F); by pinyin a < wang < zhao.
    customer_id = _customer_with_contacts(synced_replica, seeded_ids["D1"], [
        {"name": "王芳"}, {"name": "赵磊", "is_primary": True}, {"name": "阿伟"}, {"name": "Alice"},
    ])
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = _open_contacts(qtbot, window, customer_id, 4)
        # "a wei" sorts before "alice", because the space between syllables sorts before letters.
        assert [row[0] for row in _cells(detail, "contacts")] == ["赵磊", "阿伟", "Alice", "王芳"]
    finally:
        close_window(context, window)


def test_contact_columns_widen_to_content(qtbot, english, synced_replica, seeded_ids):
    long_email = "purchasing.southwest@kunming-store.example.cn"
    customer_id = _customer_with_contacts(synced_replica, seeded_ids["D1"], [
        {"name": "王芳"}, {"name": "李强"}, {"name": "张伟", "email": long_email},
    ])
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = _open_contacts(qtbot, window, customer_id, 3)
        table, model = detail.tables["contacts"], detail.models["contacts"]
        email = [column.key for column in model.columns].index("email")
        position = [column.key for column in model.columns].index("position")
        # The long e-mail address is in the last row, which sizeHintForColumn skips while the table has no height.
        qtbot.waitUntil(lambda: table.columnWidth(email) > table.sizeHintForIndex(model.index(2, email)).width(),
                        timeout=5_000)
        assert table.columnWidth(email) > model.columns[email].width
        # A column never gets narrower than its set width.
        assert table.columnWidth(position) >= model.columns[position].width

        # A contact added while the detail is open widens its columns too.
        long_position = "Regional purchasing and logistics manager"
        with synced_replica.transaction() as session:
            session.add(_replicated(CustomerContact, customer_id=customer_id, name="陈静", position=long_position))
        detail.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=10_000)
        row = next(number for number in range(4) if model.index(number, 0).data() == "陈静")
        qtbot.waitUntil(
            lambda: table.columnWidth(position) > table.sizeHintForIndex(model.index(row, position)).width(),
            timeout=5_000)
    finally:
        close_window(context, window)


def test_out_of_scope_customer_is_read_only(qtbot, english, synced_replica, seeded_ids):
    # clerk1 works in D1, so a D2 customer can be viewed but not changed.
    other = _customer_with_contacts(synced_replica, seeded_ids["D2"], [{"name": "王芳"}])
    own = _customer_with_contacts(synced_replica, seeded_ids["D1"], [{"name": "李强"}])
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = _open_contacts(qtbot, window, other, 1)
        assert detail.header.in_scope is False
        assert detail.action_buttons
        for button in detail.action_buttons:
            assert not button.isEnabled(), button.objectName()
            assert "outside yours" in button.toolTip(), button.objectName()
        detail.tables["contacts"].setCurrentIndex(detail.models["contacts"].index(0, 0))
        assert not detail.row_delete.button.isEnabled()
        assert "outside yours" in detail.row_delete.button.toolTip()
        detail.close()

        detail = _open_contacts(qtbot, window, own, 1)
        assert detail.header.in_scope is True
        add_contact = detail.findChild(QPushButton, "addContactButton")
        assert add_contact.isEnabled()
        assert add_contact.toolTip() == "Add a contact person (Ctrl+Shift+C)"
        detail.tables["contacts"].setCurrentIndex(detail.models["contacts"].index(0, 0))
        assert detail.row_delete.button.isEnabled()
    finally:
        close_window(context, window)
