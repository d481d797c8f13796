"""Document numbers (单号) made offline from the device code and the device's counter.

A number reads "SO-A3-20261204-0007": document type prefix, device code,
a date label, and the device's counter for that prefix. The date is only a
label taken from the client's clock. Uniqueness comes from the device code
(assigned by the server) and the counter. The server keeps each device's
highest counter per prefix and hands it back when a client is rebuilt, so a
counter does not repeat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping

# Prefix per document type. Counters are kept per prefix, so two types never
# share a prefix.
PREFIXES: dict[str, str] = {
    "sales_quotation": "QT",
    "sales_order": "SO",
    "delivery_note": "DN",
    "receipt_confirmation": "RC",
    "sales_return": "SR",
    "order_verification": "OV",
    "purchase_order": "PO",
    "goods_receipt": "GR",
    "purchase_return": "PR",
    "stock_transfer": "TR",
    "stocktake": "ST",
    "payment_received": "PM",
    "payment_made": "PY",
    "receivable_adjustment": "RA",
    "price_adjustment": "PA",
    "invoice": "IV",
    "customer_statement": "CS",
}

COUNTER_MIN_DIGITS = 4

_NUMBER_RE = re.compile(
    r"^(?P<prefix>[A-Z]{2,4})-(?P<device>[A-Z0-9]{1,8})-(?P<date>\d{8})-(?P<counter>\d{4,})$"
)
_DEVICE_CODE_RE = re.compile(r"^[A-Z0-9]{1,8}$")


@dataclasses.dataclass(frozen=True)
class DocumentNumber:
    """The parts of a document number."""

    prefix: str
    device_code: str
    label_date: dt.date
    counter: int

    def __str__(self) -> str:
        return format_number(self.prefix, self.device_code, self.counter, self.label_date)


def prefix_for(document_type: str) -> str:
    """Return the prefix of `document_type` ("sales_order" → "SO")."""
    try:
        return PREFIXES[document_type]
    except KeyError:
        raise ValueError(f"unknown document type {document_type!r}; expected one of {sorted(PREFIXES)}") from None


def format_number(prefix: str, device_code: str, counter: int, label_date: dt.date) -> str:
    """Return the number for `counter` (1 or more) of `prefix` on device `device_code`."""
    if prefix not in PREFIXES.values():
        raise ValueError(f"unknown document prefix {prefix!r}")
    if not _DEVICE_CODE_RE.match(device_code):
        raise ValueError(f"invalid device code {device_code!r}: expected 1 to 8 characters A-Z or 0-9")
    if counter < 1:
        raise ValueError(f"document counter must be 1 or more, got {counter}")
    return f"{prefix}-{device_code}-{label_date:%Y%m%d}-{counter:0{COUNTER_MIN_DIGITS}d}"


def parse_number(number: str) -> DocumentNumber:
    """Split a number into prefix, device code, date label and counter; ValueError if it is not one."""
    match = _NUMBER_RE.match(number)
    if match is None:
        raise ValueError(f"invalid document number {number!r}: expected PREFIX-DEVICE-YYYYMMDD-NNNN")
    if match["prefix"] not in PREFIXES.values():
        raise ValueError(f"invalid document number {number!r}: unknown prefix {match['prefix']!r}")
    try:
        label_date = dt.datetime.strptime(match["date"], "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"invalid document number {number!r}: {match['date']} is not a date") from None
    return DocumentNumber(match["prefix"], match["device"], label_date, int(match["counter"]))


def try_parse_number(number: str) -> DocumentNumber | None:
    """Return the parsed number, or None for numbers not made by a device (imported, typed by hand)."""
    try:
        return parse_number(number)
    except ValueError:
        return None


class NumberSequence:
    """A device's counters per prefix, handing out the next number of each type.

    The client persists `counters` after each number it uses; the server's
    high-water marks seed it when a device registers or is rebuilt.
    """

    def __init__(self, device_code: str, counters: Mapping[str, int] | None = None) -> None:
        if not _DEVICE_CODE_RE.match(device_code):
            raise ValueError(f"invalid device code {device_code!r}: expected 1 to 8 characters A-Z or 0-9")
        self.device_code = device_code
        self.counters: dict[str, int] = dict(counters or {})

    def raise_to(self, high_water: Mapping[str, int]) -> None:
        """Raise each counter to at least the server's high-water mark for its prefix."""
        for prefix, value in high_water.items():
            if value > self.counters.get(prefix, 0):
                self.counters[prefix] = value

    def next(self, document_type: str, label_date: dt.date) -> str:
        """Return the next number of `document_type` and advance its counter."""
        prefix = prefix_for(document_type)
        counter = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = counter
        return format_number(prefix, self.device_code, counter, label_date)


def high_water_marks(numbers: Iterable[str]) -> dict[tuple[str, str], int]:
    """Return the highest counter per (device code, prefix) among `numbers`.

    Numbers that are not device numbers are skipped, so the server can feed
    it every number a push carries.
    """
    marks: dict[tuple[str, str], int] = {}
    for number in numbers:
        parsed = try_parse_number(number)
        if parsed is None:
            continue
        key = (parsed.device_code, parsed.prefix)
        if parsed.counter > marks.get(key, 0):
            marks[key] = parsed.counter
    return marks
