"""The order entry grid's lines as order.create / order.update payload lines."""

from __future__ import annotations

from typing import Any

from desktop.models.order_lines import OrderLine


def payload_lines(lines: list[OrderLine]) -> list[dict[str, Any]]:
    """Return the complete lines as order.create / order.update payload lines.

    Gift lines a promotion added are left out, because the order pricing
    computes them again from the bought lines. A special-price line sends
    its promotion and the price without it as the list price.
    """
    payload = []
    for line in lines:
        if line.is_promotion_gift:
            continue
        entry = {
            "id": line.id,
            "product_id": line.product.id,
            "unit_name": line.unit_name,
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
        }
        # One form of discount only: the payload rejects both at once.
        if line.discount_percent:
            entry["discount_percent"] = str(line.discount_percent)
        elif line.discount:
            entry["discount"] = str(line.discount)
        if line.tax_rate is not None:
            entry["tax_rate"] = str(line.tax_rate)
        if line.price_rule is not None:
            entry["price_rule"] = line.price_rule
        if line.has_special_price:
            entry["list_price"] = str(line.original_price)
            entry["promotion_id"] = line.promotion_id
        if line.is_gift:
            entry["is_gift"] = True
        payload.append(entry)
    return payload
