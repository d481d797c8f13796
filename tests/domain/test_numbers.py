"""Document numbers: format, parse, per-prefix counters and high-water marks."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.numbers import NumberSequence, format_number, high_water_marks, parse_number, prefix_for, try_parse_number

DAY = dt.date(2026, 12, 4)


def test_format_number():
    assert format_number("SO", "A3", 7, DAY) == "SO-A3-20261204-0007"
    assert format_number("DN", "B12", 12345, DAY) == "DN-B12-20261204-12345"


def test_parse_round_trip():
    parsed = parse_number("SO-A3-20261204-0007")
    assert parsed.prefix == "SO"
    assert parsed.device_code == "A3"
    assert parsed.label_date == DAY
    assert parsed.counter == 7
    assert str(parsed) == "SO-A3-20261204-0007"


@pytest.mark.parametrize("bad", ["SO-A3-20261204-07", "XX-A3-20261204-0007", "SO-a3-20261204-0007",
                                 "SO-A3-20261340-0007", "SO-A3-0007", ""])
def test_parse_rejects_malformed(bad):
    with pytest.raises(ValueError):
        parse_number(bad)
    assert try_parse_number(bad) is None


def test_sequence_counters_per_prefix():
    sequence = NumberSequence("A3", {"SO": 4})
    assert sequence.next("sales_order", DAY) == "SO-A3-20261204-0005"
    assert sequence.next("delivery_note", DAY) == "DN-A3-20261204-0001"
    sequence.raise_to({"SO": 9, "DN": 0})
    assert sequence.next("sales_order", DAY) == "SO-A3-20261204-0010"
    assert sequence.next("delivery_note", DAY) == "DN-A3-20261204-0002"
    assert sequence.counters == {"SO": 10, "DN": 2}


def test_date_label_does_not_affect_counter():
    sequence = NumberSequence("A3")
    first = sequence.next("payment_received", dt.date(2027, 12, 4))  # clock a year ahead
    second = sequence.next("payment_received", dt.date(2026, 12, 3))
    assert parse_number(first).counter == 1
    assert parse_number(second).counter == 2


def test_high_water_marks_skip_foreign_numbers():
    marks = high_water_marks(["SO-A3-20261204-0007", "SO-A3-20261130-0009", "DN-A3-20261204-0002",
                              "SO-B1-20261204-0001", "10248", "GR-A3-20261204-0003"])
    assert marks == {("A3", "SO"): 9, ("A3", "DN"): 2, ("B1", "SO"): 1, ("A3", "GR"): 3}


def test_prefixes():
    assert prefix_for("stock_transfer") == "TR"
    assert prefix_for("goods_receipt") == "GR"
    with pytest.raises(ValueError):
        prefix_for("nonsense")


def test_invalid_device_code_rejected():
    with pytest.raises(ValueError):
        NumberSequence("a-3")
