"""Amounts in Chinese capitals: 元 and 整, zero jiao and fen, large and negative amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.printing.capitals import amount_in_capitals

CASES = [
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),
    ("15", "壹拾伍元整"),
    ("1000", "壹仟元整"),
    ("1000.05", "壹仟元零伍分"),
    ("1234.50", "壹仟贰佰叁拾肆元伍角"),
    ("1234.5", "壹仟贰佰叁拾肆元伍角"),
    ("0.05", "伍分"),
    ("0.50", "伍角"),
    ("0.56", "伍角陆分"),
    ("1004.5", "壹仟零肆元伍角"),
    ("1010", "壹仟零壹拾元整"),
    ("100010.01", "壹拾万零壹拾元零壹分"),
    ("105000", "壹拾万伍仟元整"),
    ("1000000", "壹佰万元整"),
    ("100000000", "壹亿元整"),
    ("20000000.01", "贰仟万元零壹分"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("562.85", "伍佰陆拾贰元捌角伍分"),
    ("-12.50", "负壹拾贰元伍角"),
    ("-0.07", "负柒分"),
]


@pytest.mark.parametrize(("amount", "expected"), CASES)
def test_amount_in_capitals(amount, expected):
    assert amount_in_capitals(Decimal(amount)) == expected


def test_capitals_accepts_int_and_text():
    assert amount_in_capitals(88) == "捌拾捌元整"
    assert amount_in_capitals("9.06") == "玖元零陆分"


@pytest.mark.parametrize("amount", ["1.005", "0.001"])
def test_capitals_rejects_unrounded(amount):
    with pytest.raises(ValueError, match="round it to the fen"):
        amount_in_capitals(Decimal(amount))


def test_capitals_rejects_float():
    with pytest.raises(TypeError):
        amount_in_capitals(1.5)


def test_capitals_rejects_infinity():
    with pytest.raises(ValueError, match="finite"):
        amount_in_capitals(Decimal("Infinity"))
