"""The lines of one document with their product's code and name, in line order: what every form and printout reads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Product


def lines_with_products(session: Session, line_model: type, parent_column: Any, parent_id: str) -> list[tuple[Any, str, str]]:
    """Return (line, product code, product name) for each row of `line_model` whose `parent_column` is `parent_id`."""
    return [tuple(row) for row in session.execute(
        select(line_model, Product.code, Product.name)
        .join(Product, Product.id == line_model.product_id)
        .where(parent_column == parent_id)
        .order_by(line_model.line_no)
    ).all()]
