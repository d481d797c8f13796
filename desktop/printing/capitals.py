"""Money amounts in Chinese capitals (大写金额), as printed on delivery notes and receipts."""

from __future__ import annotations

from decimal import Decimal

import cn2an

from domain.money import FEN, to_decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def amount_in_capitals(amount: Decimal | int | str) -> str:
    """Write `amount` (yuan, at most two decimal places) in Chinese capitals.

    The rule, as banks and tax invoices write it:
    - the yuan part in capital numerals (cn2an's "up" mode) followed by 元,
      left out when it is zero and jiao or fen follow (0.56 → 伍角陆分);
    - 整 after 元 when there are neither jiao nor fen (1000 → 壹仟元整,
      0 → 零元整); no 整 after 角 or 分 (1234.50 → 壹仟贰佰叁拾肆元伍角);
    - a zero jiao between yuan and fen is written 零 (1000.05 → 壹仟元零伍分);
    - a negative amount starts with 负.
    Raises ValueError for amounts with more than two decimal places, which
    must be rounded to the fen first.
    """
    value = to_decimal(amount)
    if not value.is_finite():
        raise ValueError(f"amount must be a finite number, got {amount!r}")
    if value != value.quantize(FEN):
        raise ValueError(f"amount {amount!r} has more than two decimal places; round it to the fen first")
    sign = "负" if value < 0 else ""
    fen_total = int(abs(value) * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)

    if yuan == 0 and cents == 0:
        return "零元整"
    parts = [sign]
    if yuan > 0:
        parts.append(cn2an.an2cn(str(yuan), "up") + "元")
    if cents == 0:
        parts.append("整")
        return "".join(parts)
    if jiao > 0:
        parts.append(_DIGITS[jiao] + "角")
    elif yuan > 0:
        parts.append("零")
    if fen > 0:
        parts.append(_DIGITS[fen] + "分")
    return "".join(parts)
