"""Batch and expiry rules that the stock fact handlers share (入库, 调拨).

A product with `batch_tracked` keeps its stock per batch, so a line of
it without a batch number cannot be posted to any balance row. A product
with `expiry_tracked` needs the expiry date of the batch it receives. Such a
line makes the document malformed, the one reason a fact is rejected, so
these checks raise InvalidPayload with a code the desktop translates.
"""

from __future__ import annotations

import datetime as dt

from domain.commands.framework import InvalidPayload
from domain.models import Product


def check_batch(product: Product, batch_no: str, expiry_date: dt.date | None, index: int,
                *, expiry_needed: bool = True) -> str:
    """Return the batch number without surrounding spaces; raise InvalidPayload when the product needs what is missing.

    `index` is the line's position in the payload (0-based); `expiry_needed` is
    False where the expiry can come from the stock already held (a transfer).
    """
    batch = batch_no.strip()
    line = {"line_no": index + 1, "product_code": product.code, "name": product.name}
    if product.batch_tracked and not batch:
        raise InvalidPayload("batch_required", field=f"lines.{index}.batch_no", **line)
    if expiry_needed and product.expiry_tracked and expiry_date is None:
        raise InvalidPayload("expiry_required", field=f"lines.{index}.expiry_date", **line)
    return batch
