"""The rounding rule through order.create: line = quantity × price − discount, half-up to the fen."""

from __future__ import annotations

import pytest

import domain.models as m
from tests.domain.payloads import order_payload

# (quantity, unit price, discount, expected amount); several are cases where
# binary floats or banker's rounding give another fen.
CASES = [
    ("1", "0.125", "0", "0.13"),       # half-even would give 0.12
    ("1", "2.675", "0", "2.68"),       # float round(2.675, 2) gives 2.67
    ("1", "1.005", "0", "1.01"),       # float round(1.005, 2) gives 1.0
    ("3", "0.335", "0", "1.01"),       # 1.005
    ("7", "0.145", "0", "1.02"),       # 1.015
    ("1", "0.285", "0", "0.29"),
    ("10", "0.1", "0", "1.00"),        # float sum of ten 0.1 is 0.9999999999999999
    ("3", "33.3333", "0", "100.00"),   # 99.9999
    ("3", "0.1", "0", "0.30"),         # float 0.30000000000000004
    ("0.333", "3", "0", "1.00"),       # 0.999
    ("2.5", "0.3", "0", "0.75"),
    ("1.5", "0.0333", "0", "0.05"),    # 0.04995
    ("12", "8.3333", "0", "100.00"),   # 99.9996
    ("6", "1.0075", "0", "6.05"),      # 6.045
    ("5", "12.345", "0", "61.73"),     # 61.725
    ("4", "2.5125", "0", "10.05"),     # 10.05 exactly
    ("9", "1.1111", "0.01", "9.99"),   # 9.9999 − 0.01 = 9.9899
    ("100", "0.0005", "0", "0.05"),
    ("1", "0.005", "0", "0.01"),
    ("1", "0.0049", "0", "0.00"),
    ("2", "19.995", "0.99", "39.00"),  # 39.99 − 0.99
    ("1.001", "999.9999", "0", "1001.00"),  # 1000.9998999
]


@pytest.mark.parametrize(("quantity", "price", "discount", "expected"), CASES)
def test_line_amount_rounding(world, quantity, price, discount, expected):
    label = f"r{CASES.index((quantity, price, discount, expected))}"
    line = {"product": "p1", "quantity": quantity, "unit_price": price, "discount": discount}
    outcome = world.run("order.create", order_payload(label, [line], warehouse="w_allow"), who="clerk")
    order = world.get(m.SalesOrder, outcome.result["id"])
    assert str(order.lines_amount) == expected
    assert str(order.total_amount) == expected
