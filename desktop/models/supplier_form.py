"""The data behind the supplier editor and detail dialogs: stored values and the duplicate check.

Nothing here touches a widget; the dialogs call these functions in a background task.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.customer_form import DuplicateCandidate
from domain.customer_checks import find_duplicate_suppliers
from domain.models import Supplier, SupplierContact

log = logging.getLogger(__name__)

# The supplier fields the editor shows, in tab order; all of them travel in supplier.create/update.
EDITOR_FIELDS = ("code", "name", "mnemonic", "phone", "address", "uscc", "payment_terms_days", "notes", "active")
CONTACT_FIELDS = ("name", "position", "mobile", "phone", "email", "wechat", "is_primary", "note")
# A changed value in one of these runs the duplicate check before saving an edit.
DUPLICATE_CHECK_FIELDS = frozenset({"name", "uscc", "phone"})


def load_supplier_values(session: Session, supplier_id: str) -> dict[str, Any]:
    """Return the supplier's stored values per EDITOR_FIELDS name; raise LookupError when it is not in the replica."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise LookupError(f"supplier {supplier_id} not found in the replica")
    return {field: getattr(supplier, field) for field in EDITOR_FIELDS}


def load_contact_values(session: Session, contact_id: str) -> dict[str, Any] | None:
    """Return a live supplier contact's values with its supplier_id, or None when it is gone."""
    contact = session.get(SupplierContact, contact_id)
    if contact is None or contact.deleted_at is not None:
        return None
    return {"supplier_id": contact.supplier_id, **{field: getattr(contact, field) for field in CONTACT_FIELDS}}


def find_supplier_duplicates(session: Session, values: dict[str, Any], exclude_id: str | None) -> list[DuplicateCandidate]:
    """Run the duplicate check (domain.customer_checks) on the supplier values about to be saved."""
    matches = find_duplicate_suppliers(
        session, name=values.get("name"), uscc=values.get("uscc"), phones=[values.get("phone")],
        exclude_id=exclude_id,
    )
    phones = {}
    if matches:
        phones = dict(session.execute(
            select(Supplier.id, Supplier.phone).where(Supplier.id.in_([match.supplier_id for match in matches]))
        ).all())
    log.info("supplier duplicate check found %d possible duplicates", len(matches))
    return [DuplicateCandidate(match, phones.get(match.supplier_id)) for match in matches]
