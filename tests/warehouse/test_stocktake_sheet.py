"""The stocktake count sheet model and its checks: live differences, amounts at cost, typed values, batch lines."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from desktop.models.stocktake_checks import sheet_line_error  # noqa: E402
from desktop.models.stocktake_queries import SheetLine, sheet_payload  # noqa: E402
from desktop.models.stocktake_sheet_model import StocktakeSheetModel  # noqa: E402
from domain.ids import new_id  # noqa: E402

COUNTED, BATCH, EXPIRY = StocktakeSheetModel.COUNTED, StocktakeSheetModel.BATCH, StocktakeSheetModel.EXPIRY


def line(code: str, book: str, cost: str | None = "5", **extra) -> SheetLine:
    return SheetLine(f"id-{code}", code, f"Product {code}", "box", extra.pop("batch_no", ""), None, Decimal(book),
                     Decimal(book), Decimal(cost) if cost else None, **extra)


@pytest.fixture
def sheet(qapp):
    model = StocktakeSheetModel()
    model.set_lines([line("P1", "10"), line("P2", "4", cost="2.5"), line("P3", "0", batch_tracked=True,
                                                                        expiry_tracked=True, batch_no="B1")],
                    editable=True)
    return model


def test_counted_sets_difference_and_amount(sheet):
    assert sheet.setData(sheet.index(0, COUNTED), "7")
    assert sheet.setData(sheet.index(1, COUNTED), "5.5")

    assert sheet.index(0, StocktakeSheetModel.DIFFERENCE).data() == "-3"
    assert sheet.index(0, StocktakeSheetModel.AMOUNT).data() == "-15.00"
    assert sheet.index(1, StocktakeSheetModel.DIFFERENCE).data() == "+1.5"
    assert sheet.index(1, StocktakeSheetModel.AMOUNT).data() == "3.75"
    assert sheet.index(2, StocktakeSheetModel.DIFFERENCE).data() == ""
    assert sheet.differing_rows() == [0, 1]
    assert sheet.total_amount() == Decimal("-11.25")
    assert sheet.modified


def test_total_unknown_without_cost(qapp):
    model = StocktakeSheetModel()
    model.set_lines([line("P1", "10", cost=None)], editable=True)
    model.setData(model.index(0, COUNTED), "9")
    assert model.index(0, StocktakeSheetModel.AMOUNT).data() == ""
    assert model.total_amount() is None


@pytest.mark.parametrize("typed", ["-1", "1.2345", "abc", ""])
def test_invalid_counted_rejected(sheet, qtbot, typed):
    with qtbot.waitSignal(sheet.invalid_text) as signal:
        assert not sheet.setData(sheet.index(0, COUNTED), typed)
    assert signal.args == [typed.strip()]
    assert sheet.line_at(0).counted == 10
    assert not sheet.modified


def test_posted_sheet_read_only(qapp):
    model = StocktakeSheetModel()
    model.set_lines([line("P1", "10")], editable=False)
    assert not model.flags(model.index(0, COUNTED)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COUNTED), "3")


def test_added_batch_line_editable(sheet, qtbot):
    assert not sheet.flags(sheet.index(2, BATCH)) & Qt.ItemFlag.ItemIsEditable
    row = sheet.insert_batch_line(2)

    assert row == 3
    assert sheet.flags(sheet.index(row, BATCH)) & Qt.ItemFlag.ItemIsEditable
    assert sheet.flags(sheet.index(row, EXPIRY)) & Qt.ItemFlag.ItemIsEditable
    added = sheet.line_at(row)
    assert (added.product_id, added.batch_no, added.book, added.counted, added.added) == ("id-P3", "", 0, 0, True)
    with qtbot.waitSignal(sheet.invalid_date):
        assert not sheet.setData(sheet.index(row, EXPIRY), "31.12.2027")
    assert sheet.setData(sheet.index(row, EXPIRY), "2027-12-31")
    assert sheet.line_at(row).expiry_date == dt.date(2027, 12, 31)

    assert not sheet.remove_added_line(0)
    assert sheet.remove_added_line(row)
    assert sheet.rowCount() == 3


def test_added_line_checks(sheet):
    row = sheet.insert_batch_line(2)
    assert sheet_line_error(sheet.lines())[1:] == (row, BATCH)

    sheet.setData(sheet.index(row, BATCH), "B1")
    message, problem_row, column = sheet_line_error(sheet.lines())
    assert (problem_row, column) == (row, BATCH)
    assert "already on line 3" in message

    sheet.setData(sheet.index(row, BATCH), "B2")
    assert sheet_line_error(sheet.lines())[1:] == (row, EXPIRY)

    sheet.setData(sheet.index(row, EXPIRY), "2027-12-31")
    assert sheet_line_error(sheet.lines()) is None


def test_payload_line_ids_follow_batch(sheet):
    stocktake_id = new_id()
    row = sheet.insert_batch_line(2)
    sheet.setData(sheet.index(row, BATCH), "B2")
    sheet.setData(sheet.index(row, COUNTED), "3")

    payload = sheet_payload(stocktake_id, "ST-1", "w", None, dt.date(2026, 12, 4), sheet.lines())

    ids = [entry["id"] for entry in payload["lines"]]
    assert len(set(ids)) == 4
    again = sheet_payload(stocktake_id, "ST-1", "w", None, dt.date(2026, 12, 4), sheet.lines())
    assert [entry["id"] for entry in again["lines"]] == ids
    assert payload["lines"][row]["batch_no"] == "B2"
    assert payload["lines"][row]["counted_quantity"] == "3"
    assert payload["lines"][0]["reason"] is None


def test_found_goods_need_batch_line(qapp):
    model = StocktakeSheetModel()
    model.set_lines([line("P1", "0", batch_tracked=True), line("P2", "4", batch_tracked=True)], editable=True)
    model.setData(model.index(1, COUNTED), "3")
    assert sheet_line_error(model.lines()) is None  # fewer goods on the batch-less row is fine

    model.setData(model.index(0, COUNTED), "2")
    message, row, column = sheet_line_error(model.lines())
    assert (row, column) == (0, COUNTED)
    assert "Ctrl+B" in message
