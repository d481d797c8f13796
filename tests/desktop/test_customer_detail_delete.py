"""The customer detail's Delete button: contacts, shipping addresses and invoicing details, after a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from domain.models import CustomerContact, InvoicingDetails, ShippingAddress
from sync.local_tables import OutboxEntry
from tests.desktop.helpers import close_window, open_window
from tests.desktop.test_customers_detail import OFFLINE_URL, _fill, _wait_detail


def _question(qtbot, detail) -> QMessageBox:
    qtbot.waitUntil(lambda: detail.row_delete.question is not None and detail.row_delete.question.isVisible(),
                    timeout=5_000)
    return detail.row_delete.question


def _answer(question: QMessageBox, button: QMessageBox.StandardButton) -> None:
    question.button(button).click()


def _select(detail, tab: str, row: int) -> None:
    table = detail.tables[tab]
    detail.tabs.setCurrentWidget(table)
    table.setCurrentIndex(table.model().index(row, 0))


def _queued(replica, command: str) -> list[dict]:
    with replica.transaction() as session:
        return [entry.payload for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.name == command))]


def test_delete_contact_after_confirmation(qtbot, english, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = window.show_page("customers").open_detail(customer_id)
        _wait_detail(qtbot, detail)
        button = detail.row_delete.button
        assert button.isVisible()
        # The orders tab has no delete.
        _select(detail, "orders", 0)
        assert not button.isEnabled()

        # Row 0 is the primary contact 王芳.
        _select(detail, "contacts", 1)
        assert button.isEnabled()
        contact_id = detail.models["contacts"].row(1)["id"]
        button.click()
        question = _question(qtbot, detail)
        assert question.text() == "Delete the contact 李强?"
        _answer(question, QMessageBox.StandardButton.No)
        qtbot.waitUntil(lambda: detail.row_delete.question is None, timeout=5_000)
        assert _queued(synced_replica, "customer_contact.delete") == []
        assert detail.models["contacts"].rowCount() == 2

        # The Delete key in the table asks the same question.
        detail.tables["contacts"].setFocus()
        qtbot.keyClick(detail.tables["contacts"], Qt.Key.Key_Delete)
        _answer(_question(qtbot, detail), QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: detail.models["contacts"].rowCount() == 1, timeout=10_000)
        assert detail.models["contacts"].index(0, 0).data() == "王芳"
        assert _queued(synced_replica, "customer_contact.delete") == [{"id": contact_id}]
        with synced_replica.transaction() as session:
            assert session.get(CustomerContact, contact_id).deleted_at is not None
    finally:
        close_window(context, window)


def test_delete_primary_contact_warns(qtbot, english, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = window.show_page("customers").open_detail(customer_id)
        _wait_detail(qtbot, detail)
        model = detail.models["contacts"]
        primary = next(number for number in range(model.rowCount()) if model.row(number)["is_primary"])
        assert model.row(primary)["name"] == "王芳"

        _select(detail, "contacts", primary)
        detail.row_delete.button.click()
        question = _question(qtbot, detail)
        assert question.text().startswith("王芳 is the primary contact of this customer.")
        assert "mark another one as primary" in question.text()
        assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
        assert question.button(QMessageBox.StandardButton.Yes).text() == "Delete"
        _answer(question, QMessageBox.StandardButton.Cancel)
        qtbot.waitUntil(lambda: detail.row_delete.question is None, timeout=5_000)
        assert _queued(synced_replica, "customer_contact.delete") == []

        # With the other contact gone, the primary one is the last: the customer would have none.
        other = 1 - primary
        _select(detail, "contacts", other)
        detail.row_delete.button.click()
        question = _question(qtbot, detail)
        assert question.text() == "Delete the contact 李强?"
        _answer(question, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
        _select(detail, "contacts", 0)
        detail.row_delete.button.click()
        question = _question(qtbot, detail)
        assert "the only contact of this customer" in question.text()
        assert "the customer has no contact" in question.text()
        assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
        _answer(question, QMessageBox.StandardButton.Cancel)
    finally:
        close_window(context, window)


def test_delete_address_and_invoicing(qtbot, english, synced_replica, seeded_ids):
    customer_id = _fill(synced_replica, seeded_ids)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        detail = window.show_page("customers").open_detail(customer_id)
        _wait_detail(qtbot, detail)

        _select(detail, "addresses", 0)
        detail.row_delete.button.click()
        question = _question(qtbot, detail)
        assert question.text() == "Delete the shipping address 解放碑 1 号?"
        _answer(question, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: detail.models["addresses"].rowCount() == 0, timeout=10_000)

        # The delete reloaded every tab; select once the invoicing tab is back.
        invoicing_model = detail.models["invoicing"]
        qtbot.waitUntil(lambda: not invoicing_model.loading and invoicing_model.rowCount() == 1, timeout=10_000)
        _select(detail, "invoicing", 0)
        detail.row_delete.button.click()
        question = _question(qtbot, detail)
        assert question.text() == "Delete the invoicing details 重庆茶馆有限公司?"
        _answer(question, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: detail.models["invoicing"].rowCount() == 0, timeout=10_000)

        with synced_replica.transaction() as session:
            addresses = session.scalars(select(ShippingAddress).where(ShippingAddress.customer_id == customer_id)).all()
            invoicing = session.scalars(select(InvoicingDetails).where(InvoicingDetails.customer_id == customer_id)).all()
            assert [row.deleted_at is not None for row in addresses] == [True]
            assert [row.deleted_at is not None for row in invoicing] == [True]
        assert len(_queued(synced_replica, "shipping_address.delete")) == 1
        assert len(_queued(synced_replica, "invoicing_details.delete")) == 1
        # An empty tab leaves nothing to delete.
        assert not detail.row_delete.button.isEnabled()
    finally:
        close_window(context, window)
