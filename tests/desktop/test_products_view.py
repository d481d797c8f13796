"""The Products page on a synced replica: search, sort, remembered columns, and the detail by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.models.product_list_model import ProductListModel
from desktop.views.product_detail import ProductDetailDialog
from desktop.views.products_view import ProductsView
from tests.desktop.product_rows import ORDER_NUMBER
from tests.desktop.product_rows import server_db  # noqa: F401 (a fixture)

pytestmark = pytest.mark.timeout(120)


def open_view(qtbot, context) -> ProductsView:
    view = ProductsView(context)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.loading, timeout=10000)
    return view


def codes(view: ProductsView) -> list[str]:
    return [view.model.row(number)["code"] for number in range(view.model.rowCount())]


def test_list_sorts_by_any_column(qtbot, context):
    view = open_view(qtbot, context)
    assert codes(view) == ["P1", "T100", "T101", "T102"]

    view.table.sortByColumn(view.model.column_of("list_price"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not view.model.loading and codes(view)[0] == "T102", timeout=10000)
    assert codes(view) == ["T102", "T101", "T100", "P1"]

    view.table.sortByColumn(view.model.column_of("available"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not view.model.loading and codes(view)[0] == "T100", timeout=10000)
    assert codes(view)[:2] == ["T100", "P1"]


def test_list_pages_lazily(qtbot, context):
    model = ProductListModel(context)
    model.page_size = 2
    model.set_filter(model.filter)
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.loading, timeout=10000)
    assert not model.exhausted
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 4 and not model.loading, timeout=10000)
    assert [model.row(number)["code"] for number in range(4)] == ["P1", "T100", "T101", "T102"]


def test_search_by_pinyin(qtbot, context):
    view = open_view(qtbot, context)

    qtbot.keyClicks(view.search, "pe")
    qtbot.waitUntil(lambda: not view.model.loading and codes(view) == ["T100", "T101"], timeout=10000)


def test_columns_remembered(qtbot, context):
    view = open_view(qtbot, context)
    brand = view.model.column_of("brand")
    view.set_column_visible(brand, False)
    view.table.setColumnWidth(1, 333)
    view.table.sortByColumn(view.model.column_of("name"), Qt.SortOrder.DescendingOrder)
    view.save_columns()
    view.close()

    again = open_view(qtbot, context)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(brand)
    assert again.table.columnWidth(1) == 333
    assert header.sortIndicatorSection() == again.model.column_of("name")
    assert again.model.filter.sort_key == "name"
    assert again.model.filter.descending


def test_detail_opens_by_keyboard(qtbot, context):
    view = open_view(qtbot, context)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "T100")
    qtbot.waitUntil(lambda: not view.model.loading and codes(view) == ["T100"], timeout=10000)

    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 0, timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: view.details and view.details[-1].detail is not None, timeout=10000)
    dialog: ProductDetailDialog = view.details[-1]
    labels = dialog.header_labels
    assert labels["code"].text() == "T100"
    assert "提 = 7 饼" in labels["units"].text()
    assert "6901234567908" in labels["units"].text()
    # A clerk may not see cost, so the replica contains NULL and the purchase price row is hidden.
    assert not dialog.header.isRowVisible(labels["purchase_price"])
    assert labels["lowest_price"].text() == "75.00"

    stock = [[dialog.stock_table.item(row, column).text() for column in range(4)]
             for row in range(dialog.stock_table.rowCount())]
    assert stock == [["W1 W1", "20", "5", "15"], ["W1A W1A", "8", "0", "8"]]

    qtbot.waitUntil(lambda: dialog.history_model.rowCount() == 1, timeout=10000)
    assert dialog.history_model.row(0)["number"] == ORDER_NUMBER
    prices = [dialog.prices_table.item(row, 0).text() for row in range(dialog.prices_table.rowCount())]
    assert prices == ["agreed price"]

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert QApplication.activeModalWidget() is None


def test_cost_row_follows_permission(qtbot, context, synced_replica):
    from domain.ids import new_id
    from domain.models import Product, RoleProfile
    from desktop.tasks import Changes

    context.command_access.load()
    with synced_replica.transaction() as session:
        product_id = session.query(Product.id).filter(Product.code == "T100").scalar()
    dialog = ProductDetailDialog(context, product_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10000)
    row = dialog.header_labels["purchase_price"]
    assert not dialog.header.isRowVisible(row)

    # As a pull that brings the administrator's change of the clerk's cost visibility.
    with synced_replica.transaction() as session:
        session.add(RoleProfile(id=new_id(), version=1, change_seq=0, role="clerk", sees_cost=True))
    dialog.detail = None
    context.tasks.changed.emit(Changes(frozenset({"role_profile"})))
    qtbot.waitUntil(lambda: dialog.detail is not None and dialog.detail.sees_cost, timeout=10000)
    assert dialog.header.isRowVisible(row)
