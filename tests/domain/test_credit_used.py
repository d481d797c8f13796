"""The credit an open order uses: its document total, or the undelivered share of it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.commands.handlers.order_rules import order_open_amount
from domain.models import SalesOrder, SalesOrderLine


def line(amount: str, quantity: str, delivered: str = "0") -> SalesOrderLine:
    return SalesOrderLine(amount=Decimal(amount), base_quantity=Decimal(quantity), delivered_quantity=Decimal(delivered))


# An order of 699.85 in lines, + 20.00 freight − 9.85 document discount = 710.00.
ORDER = SalesOrder(lines_amount=Decimal("699.85"), freight_amount=Decimal("20.00"), discount_amount=Decimal("9.85"),
                   total_amount=Decimal("710.00"))


@pytest.mark.parametrize("lines, expected", [
    ([line("499.85", "5"), line("200.00", "2")], "710.00"),
    # 200.00 of 699.85 still open: 710.00 × 200.00 / 699.85 = 202.9006… → 202.90.
    ([line("499.85", "5", "5"), line("200.00", "2")], "202.90"),
    # Half of the second line open: 710.00 × 100.00 / 699.85 = 101.4503… → 101.45.
    ([line("499.85", "5", "5"), line("200.00", "2", "1")], "101.45"),
    ([line("499.85", "5", "5"), line("200.00", "2", "3")], "0"),
])
def test_open_amount_shares_document_total(lines, expected):
    assert order_open_amount(ORDER, lines) == Decimal(expected)


def test_gift_only_order_counts_total():
    order = SalesOrder(lines_amount=Decimal("0"), freight_amount=Decimal("8.00"), discount_amount=Decimal("0"),
                       total_amount=Decimal("8.00"))
    assert order_open_amount(order, [line("0", "1")]) == Decimal("8.00")
    assert order_open_amount(order, [line("0", "1", "1")]) == Decimal("0")
