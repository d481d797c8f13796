"""Checks of the stocktake editor's batch lines before the sheet is saved or posted."""

from __future__ import annotations

from desktop.i18n import translate
from desktop.models.stocktake_queries import SheetLine
from desktop.models.stocktake_sheet_model import StocktakeSheetModel


def sheet_line_error(lines: list[SheetLine]) -> tuple[str, int, int] | None:
    """Return (message, row, column) of the first line whose batch cannot be saved, or None.

    Goods found of a product tracked by batch need a batch line: the server
    would post them to the batch-less row, which such a product should not use.
    """
    seen: dict[tuple[str, str], int] = {}
    for row, line in enumerate(lines):
        key = (line.product_id, line.batch_no)
        if line.added and not line.batch_no:
            message = translate("StocktakeEditor", "Line {line}: type the batch number of the added batch line, "
                                                   "or remove the line with Ctrl+Delete.")
            return message.format(line=row + 1), row, StocktakeSheetModel.BATCH
        if key in seen:
            message = translate("StocktakeEditor", "Line {line}: batch {batch} of {code} is already on line "
                                                   "{other}; count it there.")
            return (message.format(line=row + 1, batch=line.batch_no, code=line.product_code, other=seen[key] + 1),
                    row, StocktakeSheetModel.BATCH)
        seen[key] = row
        if line.batch_tracked and not line.batch_no and line.counted > line.book:
            message = translate("StocktakeEditor", "Line {line}: {code} is tracked by batch; count the goods found "
                                                   "on a batch line, added with Ctrl+B.")
            return message.format(line=row + 1, code=line.product_code), row, StocktakeSheetModel.COUNTED
        if line.added and line.expiry_tracked and line.expiry_date is None:
            message = translate("StocktakeEditor", "Line {line}: {code} is tracked by expiry date; type the "
                                                   "batch's expiry date as YYYY-MM-DD.")
            return message.format(line=row + 1, code=line.product_code), row, StocktakeSheetModel.EXPIRY
    return None
