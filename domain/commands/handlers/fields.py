"""Field types shared by the command payload models.

Decimals travel as strings ("12.50") or integers. A JSON float is rejected,
because a float cannot carry money exactly. Each type also limits the
decimal places to what its column stores, so a payload with too many
places fails validation rather than the insert.
"""

from __future__ import annotations

from typing import Any

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field


def _reject_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError("must be a decimal string or an integer, not a float")
    return value


def _places(places: int):
    def check(value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError("must be a finite number")
        if value != value.quantize(Decimal(1).scaleb(-places)):
            raise ValueError(f"has more than {places} decimal places")
        return value

    return check


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError("must be greater than zero")
    return value


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("must not be negative")
    return value


Id = Annotated[str, Field(min_length=36, max_length=36)]
Quantity = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(3)), AfterValidator(_positive)]
# A stock level in base units that may be zero, such as a reorder point.
StockLevel = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(3)), AfterValidator(_not_negative)]
# A book quantity in base units as a client saw it, which may be negative.
SignedQuantity = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(3))]
Price = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(4)), AfterValidator(_not_negative)]
Money = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(2)), AfterValidator(_not_negative)]
PositiveMoney = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(2)), AfterValidator(_positive)]
Rate = Annotated[Decimal, BeforeValidator(_reject_float), AfterValidator(_places(4)), AfterValidator(_not_negative)]
DocumentNumber = Annotated[str, Field(min_length=1, max_length=40)]
BatchNo = Annotated[str, Field(max_length=60)]


class Payload(BaseModel):
    """Base of every payload model: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CodeNameCreate(Payload):
    """Base of the create payload of master data that has a code and a name besides its other fields."""

    id: Id
    code: str = Field(max_length=40)
    name: str = Field(max_length=200)


class FieldSet(Payload):
    """Editable fields of a record: an update sends only the fields it changes."""

    def given(self) -> dict[str, Any]:
        """Return the fields the sender set, explicit nulls included."""
        return {name: getattr(self, name) for name in sorted(self.model_fields_set)}
