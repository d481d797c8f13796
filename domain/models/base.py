"""Declarative base and the conventions every replicated table follows.

Every table in `Base.metadata` is replicated: it exists on the server and in
each client's replica with the same columns. Each row carries

- `id`: UUID text (UUIDv7 for records a user creates, derived ids for rows a
  command creates as a side effect, see domain.ids);
- `version`: 1 on insert, +1 for each command that changes the row; the base
  version a client sends with an edit;
- `change_seq`: the server's change sequence number of the command that last
  wrote the row, NULL for a row that so far exists only in a client's replica.

`Replication` on each model says which users receive its rows (its scope).
Columns with `info={"hidden": "cost"}` never reach roles that may not see
cost and purchase prices: the server sends NULL in their place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar, Literal

from sqlalchemy import BigInteger, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from domain.ids import new_id
from domain.types import IdColumnType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ScopeKind = Literal["all", "warehouse", "department", "parent", "admin", "cost", "self"]

HIDDEN_COST = {"hidden": "cost"}

# Table info of append-only ledgers (stock movements, receivable, payable and
# money account entries): each carries a document_date and a posting_date.
LEDGER = {"ledger": True}


@dataclasses.dataclass(frozen=True)
class Replication:
    """Who receives a table's rows.

    kind:
      "all": every signed-in user;
      "warehouse": rows whose `column` names a warehouse in the user's scope
        (NULL passes, a row with no warehouse is not warehouse data);
      "department": rows whose `column` names a department in the user's scope
        (NULL passes);
      "parent": rows whose `column` references a row of `parent` table the user
        receives (order lines follow their order);
      "admin": administrators and managers only;
      "cost": roles that may see cost and purchase prices;
      "self": rows whose `column` is the user's own id, plus all for admins.
    any_of: further warehouse columns for kind "warehouse"; the row is in
      scope when any of `column` and these is (a stock transfer has two
      warehouses, and the keepers of both receive it).
    """

    kind: ScopeKind = "all"
    column: str | None = None
    parent: str | None = None
    any_of: tuple[str, ...] = ()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        Decimal: BigInteger(),  # never used bare: decimal columns name a ScaledDecimal type
    }

    __replication__: ClassVar[Replication] = Replication("all")


class Replicated:
    """Mixin with the columns every replicated row carries."""

    id: Mapped[str] = mapped_column(IdColumnType(), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    change_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


def fk(table_column: str, **kwargs: Any):
    """Return an id column that references `table_column` (e.g. "customer.id")."""
    from sqlalchemy import ForeignKey

    return mapped_column(IdColumnType(), ForeignKey(table_column), **kwargs)


def code_column(length: int = 40, **kwargs: Any):
    return mapped_column(String(length), **kwargs)


def replicated_tables() -> list:
    """Return the replicated tables in dependency order (parents first)."""
    return list(Base.metadata.sorted_tables)


def ledger_tables() -> list:
    """Return the tables marked with LEDGER in their table info."""
    return [t for t in Base.metadata.sorted_tables if t.info.get("ledger")]


def hidden_columns(table) -> list[str]:
    return [c.name for c in table.columns if c.info.get("hidden") == "cost"]
