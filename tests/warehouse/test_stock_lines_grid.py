"""The receipt and transfer lines grid on its own: typed values, rejections, skipped cells and line removal."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.models.order_lines import ProductChoice, UnitChoice  # noqa: E402
from desktop.models.stock_doc_lines import StockLinesModel, Tracking, parse_expiry  # noqa: E402
from desktop.views.product_entry import ProductIndex  # noqa: E402
from desktop.views.stock_lines_grid import StockLinesGrid  # noqa: E402
from tests.desktop_orders.keyboard import press, type_text  # noqa: E402

SOAP = ProductChoice("p-soap", "P001", "肥皂", "块", (UnitChoice("块", Decimal(1), Decimal("3.50")),
                                                     UnitChoice("箱", Decimal(24), Decimal("80.00"))), mnemonic="fz")
MILK = ProductChoice("p-milk", "P101", "奶粉", "罐", (UnitChoice("罐", Decimal(1), Decimal("120.00")),), mnemonic="nf")


@pytest.mark.parametrize("typed, expected", [
    ("2027-03-31", dt.date(2027, 3, 31)), ("20270331", dt.date(2027, 3, 31)), (" 2027-03-31 ", dt.date(2027, 3, 31)),
    ("2027-02-30", None), ("31/03/2027", None), ("", None),
])
def test_parse_expiry(typed, expected):
    assert parse_expiry(typed) == expected


def test_receipt_amount_rounds_to_fen():
    model = StockLinesModel("receipt")
    model.set_product(0, SOAP)
    model.setData(model.index(0, model.column(model.QUANTITY)), "3")
    model.setData(model.index(0, model.column(model.UNIT_COST)), "1.0050")
    # 3 × 1.005 = 3.015, half-up to the fen: 3.02
    assert model.line(0).amount() == Decimal("3.02")
    assert model.total_amount() == Decimal("3.02")
    assert model.rowCount() == 2


def test_untracked_product_skips_batch_cells():
    model = StockLinesModel("receipt")
    model.tracking = {MILK.id: Tracking(batch=True, expiry=True)}
    model.set_product(0, SOAP)
    model.set_product(1, MILK)
    assert not model.is_editable(0, model.BATCH)
    assert not model.is_editable(0, model.EXPIRY)
    assert model.is_editable(1, model.BATCH)
    assert model.is_editable(1, model.EXPIRY)


def test_transfer_available_per_batch_and_unit():
    model = StockLinesModel("transfer")
    model.set_stock({SOAP.id: {"": (None, Decimal("48")), "B7": (dt.date(2027, 1, 1), Decimal("24"))}})
    model.set_product(0, SOAP)
    assert model.available(model.line(0)) == Decimal("72")
    model.setData(model.index(0, model.column(model.UNIT)), "箱")
    assert model.available(model.line(0)) == Decimal("3")
    model.setData(model.index(0, model.column(model.BATCH)), "B7")
    assert model.available(model.line(0)) == Decimal("1")
    assert model.line(0).expiry_date == dt.date(2027, 1, 1)


@pytest.fixture
def grid(qtbot):
    model = StockLinesModel("receipt")
    model.tracking = {MILK.id: Tracking(batch=True, expiry=True)}
    grid = StockLinesGrid(model)
    grid.set_products(ProductIndex((SOAP, MILK)))
    qtbot.addWidget(grid)
    grid.resize(900, 300)
    grid.show()
    with qtbot.waitActive(grid):
        grid.activateWindow()
    messages: list[str] = []
    grid.delegate.entry_message.connect(messages.append)
    grid.messages = messages
    grid.start_entry()
    return grid


def wait_cell(qtbot, grid, row: int, key: str) -> None:
    model = grid.lines_model
    qtbot.waitUntil(lambda: (grid.currentIndex().row(), grid.currentIndex().column()) == (row, model.column(key))
                    and grid.state() == grid.State.EditingState
                    and QApplication.focusWidget() is grid.indexWidget(grid.currentIndex()), timeout=10_000)


def test_invalid_quantity_reopens_cell(qtbot, grid):
    model = grid.lines_model
    wait_cell(qtbot, grid, 0, model.PRODUCT)
    type_text(qtbot, "fz")
    press(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, model.QUANTITY)
    type_text(qtbot, "-2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.messages and grid.messages[-1] != "", timeout=5_000)
    assert grid.messages[-1] == 'Invalid quantity "-2": enter a number above zero with at most 3 decimals.'
    wait_cell(qtbot, grid, 0, model.QUANTITY)
    assert grid.indexWidget(grid.currentIndex()).text() == "-2"
    grid.indexWidget(grid.currentIndex()).clear()
    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, model.UNIT)
    assert model.line(0).quantity == Decimal("5")
    assert grid.messages[-1] == ""


def test_invalid_expiry_rejected(qtbot, grid):
    model = grid.lines_model
    wait_cell(qtbot, grid, 0, model.PRODUCT)
    type_text(qtbot, "P101")
    press(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, model.QUANTITY)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, model.UNIT)
    press(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, model.UNIT_COST)
    type_text(qtbot, "90")
    press(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, model.BATCH)
    type_text(qtbot, "B1")
    press(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, model.EXPIRY)
    type_text(qtbot, "2027-13-01")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.messages and grid.messages[-1] != "", timeout=5_000)
    assert "2027-13-01" in grid.messages[-1]
    assert model.line(0).expiry_date is None
    assert model.line(0).batch_no == "B1"


def test_delete_removes_line(qtbot, grid):
    model = grid.lines_model
    model.set_product(0, SOAP)
    model.set_product(1, MILK)
    grid.finish_editing()
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)
    grid.setCurrentIndex(model.index(0, model.column(model.NAME)))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert [line.product.code if line.product else None for line in model.lines] == ["P101", None]
    grid.setCurrentIndex(model.index(1, model.column(model.NAME)))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert model.rowCount() == 2  # the blank last line stays
