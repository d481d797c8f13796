"""A Deliveries page on a replica that shipped two delivery notes, offline: the print tests' starting point."""

from __future__ import annotations

import pytest

from desktop.context import AppContext
from desktop.views.deliveries_view import DeliveriesView
from domain.models import DeliveryNote
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.return_data import ship_order


@pytest.fixture
def deliveries(qtbot, tmp_path, sales_server, memory_keyring):
    """The page, with the server stopped after the first sync; the two notes wait in the outbox."""
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    ship_order(replica, sales_server.ids)
    ship_order(replica, sales_server.ids)
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    view = DeliveriesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.deliveries_model.rowCount() == 2, timeout=10_000)
    yield view
    context.close()


def counts(view: DeliveriesView) -> dict[str, int]:
    """Return the print count of each delivery note in the page's replica, by number."""
    with view.context.replica.transaction() as session:
        return {note.number: note.print_count for note in session.query(DeliveryNote)}
