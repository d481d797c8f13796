"""Run the planned steps as commands through the real handlers.

Every step becomes one or more commands executed by
`domain.commands.framework.execute` with an administrator actor on the
server side (`authoritative=True`), each with its own ChangeTracker and
change number. Commands are committed in batches for speed; a command the
handlers reject means the plan is wrong, so the build stops there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from domain.commands.framework import Actor, ChangeTracker, CommandContext, CommandError, execute
from domain.models import (
    DeliveryLine,
    DeliveryNote,
    Flag,
    GoodsReceiptLine,
    PaymentAllocation,
    ReceivableEntry,
    StockMovement,
    StockTransferLine,
)
from domain.money import round_fen
from domain.numbers import NumberSequence
from server_stub.changes import finish_command
from server_stub.demo.ids import SeededIds
from server_stub.demo.plan import PlannedOrder, PlannedPayment, PlannedReceipt, PlannedTransfer, Step
from server_stub.demo.registry import Registry
from server_stub.executor import store_flags

log = logging.getLogger(__name__)

SERVER_DEVICE_CODE = "S0"
COMMANDS_PER_COMMIT = 200
# Demo documents are dated 09:00 Beijing time (01:00 UTC) onwards, 20 s apart.
WORKDAY_START_UTC = dt.time(1, 0, tzinfo=dt.timezone.utc)
SECONDS_BETWEEN_COMMANDS = 20


# Append-only rows no later command reads back; every other row is kept loaded.
UNRETAINED_TYPES = (DeliveryLine, Flag, GoodsReceiptLine, PaymentAllocation, ReceivableEntry, StockMovement,
                    StockTransferLine)


class DemoBuildError(RuntimeError):
    """A planned command was rejected; the demo plan and the handlers disagree."""


@dataclasses.dataclass
class _OrderState:
    id: str
    number: str
    line_ids: list[str]
    delivery_id: str | None = None


@dataclasses.dataclass
class PostingCounts:
    commands: int = 0
    orders: int = 0
    approvals: int = 0
    deliveries: int = 0
    payments: int = 0
    receipts: int = 0
    transfers: int = 0
    flags: int = 0


class Poster:
    def __init__(self, session: Session, registry: Registry, ids: SeededIds, admin_id: str,
                 progress: Callable[[str, int, int], None] | None = None) -> None:
        self.session = session
        self.registry = registry
        self.ids = ids
        self.actor = Actor(user_id=admin_id, role="admin", sees_cost=True, all_scope=True)
        self.numbers = NumberSequence(SERVER_DEVICE_CODE)
        self.progress = progress
        self.orders: dict[str, _OrderState] = {}
        self.counts = PostingCounts()
        self._day: dt.date | None = None
        self._in_day = 0
        # The session's identity map references rows weakly. Without these
        # strong references the balances, costs, products and orders that the
        # handlers look up again would be dropped and selected anew.
        self._retained: list[object] = []
        event.listen(session, "pending_to_persistent", self._retain)
        event.listen(session, "loaded_as_persistent", self._retain)

    def _retain(self, session: Session, instance: object) -> None:
        if not isinstance(instance, UNRETAINED_TYPES):
            self._retained.append(instance)

    def close(self) -> None:
        event.remove(self.session, "pending_to_persistent", self._retain)
        event.remove(self.session, "loaded_as_persistent", self._retain)
        self._retained.clear()

    # -- running commands ---------------------------------------------------

    def _moment(self, day: dt.date) -> dt.datetime:
        if day != self._day:
            self._day, self._in_day = day, 0
        self._in_day += 1
        start = dt.datetime.combine(day, WORKDAY_START_UTC)
        return start + dt.timedelta(seconds=SECONDS_BETWEEN_COMMANDS * self._in_day)

    def run_command(self, day: dt.date, name: str, payload: dict[str, Any]) -> dict[str, Any]:
        now = self._moment(day)
        tracker = ChangeTracker(self.session)
        ctx = CommandContext(session=self.session, actor=self.actor, mutation_id=self.ids.new(now),
                             device_id=None, authoritative=True, now=now)
        try:
            outcome = execute(ctx, name, payload)
            if outcome.flags:
                store_flags(self.session, ctx, outcome.flags, now)
                self.counts.flags += len(outcome.flags)
            finish_command(self.session, tracker, now)
        except CommandError as exc:
            raise DemoBuildError(f"demo command {name} dated {day} was rejected: {exc.code} {exc.params}") from exc
        finally:
            tracker.close()
        self.counts.commands += 1
        if self.counts.commands % COMMANDS_PER_COMMIT == 0:
            self.session.commit()
        return outcome.result

    def run(self, steps: list[Step]) -> PostingCounts:
        handlers = {
            "receipt": self.post_receipt,
            "transfer": self.post_transfer,
            "order": self.post_order,
            "ship": self.post_delivery,
            "payment": self.post_payment,
        }
        try:
            for index, step in enumerate(steps):
                handlers[step.kind](step.date, step.item)
                if self.progress is not None and index % 500 == 0:
                    self.progress("documents", index, len(steps))
        finally:
            self.close()
        self.session.commit()
        log.info("demo: posted %d commands: %d orders, %d deliveries, %d payments, %d receipts, %d transfers",
                 self.counts.commands, self.counts.orders, self.counts.deliveries, self.counts.payments,
                 self.counts.receipts, self.counts.transfers)
        if self.progress is not None:
            self.progress("documents", len(steps), len(steps))
        return self.counts

    # -- one step each --------------------------------------------------------

    def post_order(self, day: dt.date, order: PlannedOrder) -> None:
        at = self._moment(day)
        state = _OrderState(id=self.ids.new(at), number=self.numbers.next("sales_order", day),
                            line_ids=[self.ids.new(at) for _ in order.lines])
        lines = []
        for line, line_id in zip(order.lines, state.line_ids):
            product = self.registry.products[line.product_code]
            lines.append({
                "id": line_id, "product_id": product.id, "unit_name": line.unit_name,
                "quantity": str(line.quantity), "unit_price": str(line.unit_price),
                "discount_percent": str(line.discount_percent),
            })
        customer = self.registry.customers[order.customer_code]
        self.run_command(day, "order.create", {
            "id": state.id, "number": state.number, "customer_id": customer.id,
            "warehouse_id": self.registry.warehouses[order.warehouse_code],
            "salesperson_id": order.salesperson_id, "document_date": day.isoformat(),
            "delivery_date_wanted": order.required_date.isoformat() if order.required_date else None,
            "freight_amount": str(order.freight), "carrier": order.carrier,
            "shipping_address": order.shipping_address, "note": order.note, "lines": lines,
        })
        result = self.run_command(day, "order.confirm", {"id": state.id})
        if result.get("status") == "submitted":
            # Over the credit limit or with overdue receivables: a manager approves it.
            self.run_command(day, "order.approve", {"id": state.id, "comment": "老客户，同意发货"})
            self.counts.approvals += 1
        self.orders[order.key] = state
        self.counts.orders += 1

    def post_delivery(self, day: dt.date, order: PlannedOrder) -> None:
        state = self.orders[order.key]
        at = self._moment(day)
        state.delivery_id = self.ids.new(at)
        self.run_command(day, "delivery.ship", {
            "id": state.delivery_id, "number": self.numbers.next("delivery_note", day),
            "customer_id": self.registry.customers[order.customer_code].id,
            "warehouse_id": self.registry.warehouses[order.warehouse_code],
            "salesperson_id": order.salesperson_id, "document_date": day.isoformat(),
            "freight_amount": str(order.freight), "carrier": order.carrier,
            "shipping_address": order.shipping_address,
            "lines": [
                {"id": self.ids.new(at), "order_line_id": line_id, "quantity": str(line.quantity)}
                for line, line_id in zip(order.lines, state.line_ids)
            ],
        })
        self.counts.deliveries += 1

    def post_payment(self, day: dt.date, payment: PlannedPayment) -> None:
        allocations = []
        for key, share in payment.deliveries:
            delivery = self.session.get(DeliveryNote, self.orders[key].delivery_id)
            amount = round_fen(delivery.total_amount * share)
            if amount > 0:
                allocations.append({"delivery_id": delivery.id, "amount": str(amount)})
        if not allocations:
            return
        total = sum((Decimal(a["amount"]) for a in allocations), Decimal(0))
        self.run_command(day, "payment.record", {
            "id": self.ids.new(self._moment(day)), "number": self.numbers.next("payment_received", day),
            "customer_id": self.registry.customers[payment.customer_code].id, "amount": str(total),
            "method": payment.method, "account_id": self.registry.accounts[payment.account_code],
            "reference": payment.reference, "document_date": day.isoformat(), "allocations": allocations,
        })
        self.counts.payments += 1

    def post_receipt(self, day: dt.date, receipt: PlannedReceipt) -> None:
        at = self._moment(day)
        self.run_command(day, "goods_receipt.post", {
            "id": self.ids.new(at), "number": self.numbers.next("goods_receipt", day),
            "supplier_id": self.registry.suppliers[receipt.supplier_code],
            "warehouse_id": self.registry.warehouses[receipt.warehouse_code],
            "document_date": day.isoformat(), "note": receipt.note,
            "lines": [
                {"id": self.ids.new(at), "product_id": self.registry.products[code].id,
                 "quantity": str(quantity), "unit_price": str(price)}
                for code, quantity, price in receipt.lines
            ],
        })
        self.counts.receipts += 1

    def post_transfer(self, day: dt.date, transfer: PlannedTransfer) -> None:
        at = self._moment(day)
        self.run_command(day, "stock_transfer.post", {
            "id": self.ids.new(at), "number": self.numbers.next("stock_transfer", day),
            "from_warehouse_id": self.registry.warehouses[transfer.from_warehouse_code],
            "to_warehouse_id": self.registry.warehouses[transfer.to_warehouse_code],
            "document_date": day.isoformat(),
            "lines": [
                {"id": self.ids.new(at), "product_id": self.registry.products[code].id, "quantity": str(quantity)}
                for code, quantity in transfer.lines
            ],
        })
        self.counts.transfers += 1
