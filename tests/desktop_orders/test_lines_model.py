"""The entry grid's lines model: amounts rounded half-up to the fen, totals as exact sums."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.models.order_models import OrderLinesModel, ProductChoice, UnitChoice

TEA = ProductChoice("01900000-0000-7000-8000-0000000000a1", "P001", "普洱茶饼", "饼",
                    (UnitChoice("饼", Decimal(1), Decimal("88.50")), UnitChoice("提", Decimal(7), Decimal("600.00"))))
CUP = ProductChoice("01900000-0000-7000-8000-0000000000a2", "P003", "茶杯", "个",
                    (UnitChoice("个", Decimal(1), Decimal("0.3350")),))


def enter_line(model: OrderLinesModel, product: ProductChoice, quantity: str, price: str | None = None) -> int:
    row = model.rowCount() - 1
    assert model.setData(model.index(row, OrderLinesModel.PRODUCT), product)
    assert model.setData(model.index(row, OrderLinesModel.QUANTITY), quantity)
    if price is not None:
        assert model.setData(model.index(row, OrderLinesModel.PRICE), price)
    return row


def test_new_model_has_one_blank_line(qapp):
    model = OrderLinesModel()
    assert model.rowCount() == 1
    assert model.total_amount() == Decimal(0)
    assert model.payload_lines() == []


def test_product_sets_base_unit_and_price(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "3")
    assert model.data(model.index(row, OrderLinesModel.UNIT)) == "饼"
    assert model.data(model.index(row, OrderLinesModel.PRICE)) == "88.50"
    assert model.data(model.index(row, OrderLinesModel.AMOUNT)) == "265.50"
    assert model.rowCount() == 2, "a new blank line follows the typed one"


def test_total_is_sum_of_rounded_lines(qapp):
    model = OrderLinesModel()
    totals = []
    model.totals_changed.connect(totals.append)
    # 0.335 × 1 = 0.335 → 0.34 (half-up), three times: 1.02, not round(1.005) = 1.01.
    for _ in range(3):
        enter_line(model, CUP, "1")
    assert model.total_amount() == Decimal("1.02")
    assert totals[-1] == Decimal("1.02")


def test_float_trap_amount(qapp):
    model = OrderLinesModel()
    # In binary floating point 1.005 × 1000 is 1004.9999…; in Decimal it is exact.
    row = enter_line(model, CUP, "1000", "1.005")
    assert model.line(row).amount == Decimal("1005.00")


def test_unit_change_takes_that_units_price(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "2")
    assert model.setData(model.index(row, OrderLinesModel.UNIT), "提")
    assert model.line(row).unit_price == Decimal("600.00")
    assert model.total_amount() == Decimal("1200.00")


def test_invalid_values_are_refused(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "2")
    assert not model.setData(model.index(row, OrderLinesModel.QUANTITY), "abc")
    assert not model.setData(model.index(row, OrderLinesModel.QUANTITY), "0")
    assert not model.setData(model.index(row, OrderLinesModel.PRICE), "-1")
    assert not model.setData(model.index(row, OrderLinesModel.UNIT), "箱")
    assert model.line(row).quantity == Decimal("2")


def test_remove_line_updates_total(qapp):
    model = OrderLinesModel()
    enter_line(model, TEA, "1")
    second = enter_line(model, CUP, "10", "2.50")
    assert model.total_amount() == Decimal("113.50")
    assert model.remove_line(0)
    assert model.total_amount() == Decimal("25.00")
    assert model.rowCount() == 2
    assert model.data(model.index(second - 1, OrderLinesModel.NUMBER)) == "1"


def test_payload_lines_use_decimal_text(qapp):
    model = OrderLinesModel()
    enter_line(model, TEA, "1.5", "88.5")
    lines = model.payload_lines()
    assert len(lines) == 1
    assert lines[0]["quantity"] == "1.500"
    assert lines[0]["unit_price"] == "88.5000"
    assert lines[0]["product_id"] == TEA.id


def test_incomplete_line_is_reported(qapp):
    model = OrderLinesModel()
    row = model.rowCount() - 1
    model.setData(model.index(row, OrderLinesModel.PRODUCT), TEA)
    assert model.incomplete_rows() == [row]
    assert model.flags(model.index(row, OrderLinesModel.QUANTITY)) & Qt.ItemFlag.ItemIsEditable


def test_tax_rate_column_per_line(qapp):
    model = OrderLinesModel()
    red_tea = ProductChoice("01900000-0000-7000-8000-0000000000a3", "E02", "凤庆滇红", "斤",
                            (UnitChoice("斤", Decimal(1), Decimal("86.40")),), tax_rate=Decimal("0.09"))
    tea_row = enter_line(model, TEA, "1")
    red_row = enter_line(model, red_tea, "2")
    assert model.headerData(OrderLinesModel.TAX_RATE, Qt.Orientation.Horizontal) == "Tax rate"
    assert model.data(model.index(tea_row, OrderLinesModel.TAX_RATE)) == "13%"
    assert model.data(model.index(red_row, OrderLinesModel.TAX_RATE)) == "9%"
    assert model.data(model.index(model.rowCount() - 1, OrderLinesModel.TAX_RATE)) == ""
    assert not model.flags(model.index(red_row, OrderLinesModel.TAX_RATE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(red_row, OrderLinesModel.TAX_RATE), "13%")
    assert model.line(red_row).effective_tax_rate == Decimal("0.09")
