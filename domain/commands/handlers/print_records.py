"""Printing a document (a fact): one PrintRecord per print and the document's print count.

A print already happened on paper, so the server never rejects it for a
business rule. The server numbers prints of one document in the order they
arrive and raises the document's print_count to the newest number.

Two clients that print the same document offline each guess the next number
from their own replica and may put the same "补打 第N次" on paper. Both
prints post: the first to arrive keeps N, the second is stored as N + 1, and
each client's count catches up at its next pull. The mark on that second
paper therefore shows a lower number than its stored print_number. A print that a
client took for the first one (so it requested no reason) may be stored as a
reprint with no reason, and it posts with the flag reprint_without_reason for
a manager.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, ScopeRef, command
from domain.commands.handlers.common import require, warehouse_department
from domain.commands.handlers.facts import reject_existing
from domain.commands.handlers.fields import DocumentNumber, Id, Payload
from domain.models import (
    DeliveryNote,
    GoodsReceipt,
    PrintRecord,
    PrintTemplate,
    Quotation,
    SalesOrder,
    SalesReturn,
    StockTransfer,
)

log = logging.getLogger(__name__)

PRINT_ROLES = ("clerk", "warehouse", "finance", "manager", "admin")
MAX_COPIES = 99
MAX_REASON_LENGTH = 200


class PrintedDocument(str, enum.Enum):
    """The document types whose prints are counted; the value is the PrintRecord's document_type."""

    DELIVERY_NOTE = "delivery_note"
    SALES_RETURN = "sales_return"
    QUOTATION = "quotation"
    SALES_ORDER = "sales_order"
    GOODS_RECEIPT = "goods_receipt"
    STOCK_TRANSFER = "stock_transfer"


MODELS: dict[str, type] = {
    PrintedDocument.DELIVERY_NOTE.value: DeliveryNote,
    PrintedDocument.SALES_RETURN.value: SalesReturn,
    PrintedDocument.QUOTATION.value: Quotation,
    PrintedDocument.SALES_ORDER.value: SalesOrder,
    PrintedDocument.GOODS_RECEIPT.value: GoodsReceipt,
    PrintedDocument.STOCK_TRANSFER.value: StockTransfer,
}

# Documents that belong to a sales department; the others belong to the warehouse that ships or stores the goods.
DEPARTMENT_DOCUMENTS = frozenset({PrintedDocument.QUOTATION, PrintedDocument.SALES_ORDER})


def _warehouse_id(payload: PrintRecorded, document: Any) -> str | None:
    """Return the warehouse a warehouse document belongs to: a transfer's is the one the goods leave."""
    if payload.document_type is PrintedDocument.STOCK_TRANSFER:
        return document.from_warehouse_id
    return document.warehouse_id


class PrintRecorded(Payload):
    id: Id  # of the PrintRecord
    document_type: PrintedDocument
    document_id: Id
    # The number the client printed, for the Sync problems page; the handler stores the document's own.
    number: DocumentNumber
    reason: str | None = Field(default=None, max_length=MAX_REASON_LENGTH)
    copies: int = Field(default=1, ge=1, le=MAX_COPIES)
    printed_at: dt.datetime
    template_id: Id | None = None
    template_revision: int | None = Field(default=None, ge=1)


def _document(ctx: CommandContext, payload: PrintRecorded) -> Any:
    return ctx.session.get(MODELS[payload.document_type.value], payload.document_id)


def _scope(ctx: CommandContext, payload: PrintRecorded) -> list[ScopeRef]:
    document = _document(ctx, payload)
    if document is None:
        return []  # the handler rejects the payload
    if payload.document_type in DEPARTMENT_DOCUMENTS:
        return [ScopeRef("department", document.department_id)]
    if payload.document_type is PrintedDocument.STOCK_TRANSFER:
        # The keepers of both warehouses print a transfer: the sending and the receiving one.
        sending = ScopeRef("warehouse", document.from_warehouse_id)
        return [sending] if ctx.actor.allows(sending) else [ScopeRef("warehouse", document.to_warehouse_id)]
    return [ScopeRef("warehouse", document.warehouse_id)]


def _department(ctx: CommandContext, payload: PrintRecorded, document: Any) -> str | None:
    """Return the department whose users receive the record: the warehouse's for warehouse documents."""
    if payload.document_type in DEPARTMENT_DOCUMENTS:
        return document.department_id
    # A transfer has no department of its own: without the warehouse's, the record has none either.
    department = warehouse_department(ctx.session, _warehouse_id(payload, document))
    return department or getattr(document, "department_id", None)


@command("document.record_print", kind=CommandKind.FACT, roles=PRINT_ROLES, payload=PrintRecorded, scope=_scope)
def record_print(ctx: CommandContext, payload: PrintRecorded) -> dict[str, Any]:
    reject_existing(ctx, PrintRecord, payload.id)
    document = require(ctx.session, MODELS[payload.document_type.value], payload.document_id, "document_id")

    # A built-in layout, or a template this side has not received, is not a row: the print still counts.
    template_id = payload.template_id
    if template_id is not None and ctx.session.get(PrintTemplate, template_id) is None:
        template_id = None

    print_number = (document.print_count or 0) + 1
    document.print_count = print_number
    reason = (payload.reason or "").strip() or None
    record = PrintRecord(
        id=payload.id,
        document_type=payload.document_type.value,
        document_id=document.id,
        document_number=document.number,
        print_number=print_number,
        is_reprint=print_number > 1,
        reason=reason,
        template_id=template_id,
        template_revision=payload.template_revision if template_id is not None else None,
        copies=payload.copies,
        printed_by=ctx.actor.user_id or None,
        printed_at=payload.printed_at,
        device_id=ctx.device_id,
        department_id=_department(ctx, payload, document),
    )
    ctx.session.add(record)
    if record.is_reprint and reason is None:
        ctx.flag("reprint_without_reason", MODELS[payload.document_type.value].__tablename__, document.id,
                 document_number=document.number, department_id=record.department_id,
                 number=document.number, print_number=print_number)

    if ctx.authoritative:
        log.info("print %d of %s %s recorded (copies %d, reprint %s)", print_number, payload.document_type.value,
                 document.number, payload.copies, record.is_reprint)
    return {"id": record.id, "number": document.number, "print_number": print_number, "print_count": print_number}

