"""Line discounts, the lowest price warning and the tax breakdown of the entry grid's lines model."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.models.order_lines import parse_discount
from desktop.models.order_models import OrderLinesModel, ProductChoice, UnitChoice
from desktop.views.order_tax_breakdown import TaxBreakdown

TEA = ProductChoice("01900000-0000-7000-8000-0000000000b1", "P001", "普洱茶饼", "饼",
                    (UnitChoice("饼", Decimal(1), Decimal("88.50")), UnitChoice("提", Decimal(7), Decimal("600.00"))),
                    tax_rate=Decimal("0.13"), lowest_price=Decimal("80.0000"))
TOWEL = ProductChoice("01900000-0000-7000-8000-0000000000b2", "E04", "茶巾", "条",
                      (UnitChoice("条", Decimal(1), Decimal("3.33")),), tax_rate=Decimal("0.06"))
D, P, U = OrderLinesModel.DISCOUNT, OrderLinesModel.PRICE, OrderLinesModel.UNIT


def enter_line(model: OrderLinesModel, product: ProductChoice, quantity: str) -> int:
    row = model.rowCount() - 1
    assert model.setData(model.index(row, OrderLinesModel.PRODUCT), product)
    assert model.setData(model.index(row, OrderLinesModel.QUANTITY), quantity)
    return row


@pytest.mark.parametrize("typed, expected", [
    ("", (Decimal(0), Decimal(0))),
    ("12.5", (Decimal("12.5"), Decimal(0))),
    ("5%", (Decimal(0), Decimal("0.05"))),
    ("12.25％", (Decimal(0), Decimal("0.1225"))),
    ("100%", (Decimal(0), Decimal(1))),
    ("1.234", None),
    ("-1", None),
    ("101%", None),
    ("5.125%", None),
    ("abc", None),
])
def test_parse_discount_forms(typed, expected):
    assert parse_discount(typed) == expected


def test_percent_discount_rounds_half_up(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TOWEL, "3")
    # 3 × 3.33 = 9.99; 5 % of it is 0.4995, half-up 0.50; the line is 9.49.
    assert model.setData(model.index(row, D), "5%")
    line = model.line(row)
    assert line.discount_amount == Decimal("0.50")
    assert line.amount == Decimal("9.49")
    assert model.data(model.index(row, D)) == "5%"
    assert model.payload_lines()[0]["discount_percent"] == "0.05"
    assert "discount" not in model.payload_lines()[0]


def test_amount_discount_replaces_percent(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TOWEL, "3")
    assert model.setData(model.index(row, D), "5%")
    assert model.setData(model.index(row, D), "1.99")
    payload = model.payload_lines()[0]
    assert payload["discount"] == "1.99"
    assert "discount_percent" not in payload
    assert model.line(row).amount == Decimal("8.00")


def test_discount_over_amount_flagged(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TOWEL, "1")
    assert model.setData(model.index(row, D), "4")
    assert model.over_discounted_rows() == [row]
    assert "discount" in model.line_warning(row)
    assert model.data(model.index(row, OrderLinesModel.AMOUNT), Qt.ItemDataRole.ForegroundRole) is not None


def test_price_below_lowest_warns(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "2")
    assert model.line_warning(row) == ""
    assert model.setData(model.index(row, P), "79.99")
    assert model.line(row).below_lowest
    assert "80.00" in model.line_warning(row)
    assert model.data(model.index(row, P), Qt.ItemDataRole.BackgroundRole) is not None


def test_pack_price_compared_per_base_unit(qapp):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "1")
    assert model.setData(model.index(row, U), "提")
    # 560 per 提 of 7 is exactly 80 per 饼, the lowest price: no warning; 559.99 is below it.
    assert model.setData(model.index(row, P), "560")
    assert not model.line(row).below_lowest
    assert model.setData(model.index(row, P), "559.99")
    assert model.line(row).below_lowest


def test_tax_bands_inclusive(qapp):
    model = OrderLinesModel()
    enter_line(model, TEA, "3")      # 265.50 at 13 %: tax 30.54
    enter_line(model, TOWEL, "3")    # 9.99 at 6 %: tax 0.57
    totals = model.totals()
    assert [(band.rate, band.amount, band.tax) for band in totals.bands] == [
        (Decimal("0.13"), Decimal("265.50"), Decimal("30.54")),
        (Decimal("0.06"), Decimal("9.99"), Decimal("0.57")),
    ]
    assert totals.tax_amount == Decimal("31.11")
    assert totals.total == Decimal("275.49")


def test_tax_added_when_exclusive(qapp):
    model = OrderLinesModel()
    enter_line(model, TEA, "3")
    enter_line(model, TOWEL, "3")
    model.set_document_terms(Decimal("10.00"), Decimal("5.49"), prices_include_tax=False)
    totals = model.totals()
    # 265.50 × 0.13 = 34.515 → 34.52; 9.99 × 0.06 = 0.5994 → 0.60.
    assert totals.tax_amount == Decimal("35.12")
    assert totals.total == Decimal("275.49") + Decimal("10.00") - Decimal("5.49") + Decimal("35.12")
    assert model.total_amount() == totals.total
    assert model.headerData(P, Qt.Orientation.Horizontal) == "Price excl. tax"


def test_breakdown_shows_each_rate(qapp):
    model = OrderLinesModel()
    enter_line(model, TEA, "3")
    enter_line(model, TOWEL, "3")
    breakdown = TaxBreakdown()
    breakdown.show_totals(model.totals())
    shown = breakdown.text()
    assert "13%" in shown
    assert "6%" in shown
    assert "30.54" in shown
    assert "0.57" in shown
