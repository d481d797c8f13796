"""The reason a posted sales return shows in the returns list and prints on its note.

A return typed on the return form stores the clerk's own reason. A return
that a receipt confirmation posted stores only the confirmation's number,
so the label around it is built here in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from domain.models import ReceiptConfirmation, ReceiptConfirmationLine


def confirmation_numbers(session: Session, return_ids: Iterable[str]) -> dict[str, str]:
    """Return the number of the receipt confirmation that posted each of `return_ids`, for those a confirmation posted."""
    ids = list(return_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(ReceiptConfirmationLine.sales_return_id, ReceiptConfirmation.number)
        .join(ReceiptConfirmation, ReceiptConfirmation.id == ReceiptConfirmationLine.confirmation_id)
        .where(ReceiptConfirmationLine.sales_return_id.in_(ids))
        .distinct()
    )
    return {return_id: number for return_id, number in rows}


def reason_label(stored_reason: str | None, confirmation_number: str | None) -> str:
    """Return the reason to show: the translated confirmation label, else the stored reason.

    A replica that lacks the confirmation (its warehouse is outside the
    user's scope) still shows the stored confirmation number.
    """
    if confirmation_number is not None:
        return translate("ReturnReason", "Receipt confirmation {number}").format(number=confirmation_number)
    return stored_reason or ""
