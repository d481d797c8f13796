"""Company settings (CompanySetting rows) as the mapping handlers read from `CommandContext.settings`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models.admin import CompanySetting


def read_company_settings(session: Session) -> dict[str, Any]:
    """Return every company setting as {key: value}, without the keys that have no row."""
    return {key: value for key, value in session.execute(select(CompanySetting.key, CompanySetting.value))}
