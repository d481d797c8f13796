"""Put the planned documents in posting order and add the stock they need.

The walk keeps on-hand and reserved quantities per product and warehouse the
way posting does (a receipt adds on hand, a confirmed order reserves, a
delivery takes both back), so before each order it can tell whether the
warehouse covers it. When it cannot, a goods receipt from the product's
supplier (export and headquarters warehouses) or a transfer from the central
warehouse (sales department warehouses) arrives the same day first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from domain.money import round_fen
from server_stub.demo.plan import PHASES, PlannedOrder, PlannedPayment, PlannedReceipt, PlannedTransfer, Step
from server_stub.demo.registry import Registry

CENTRAL_WAREHOUSE = "WH-HQ"
EXPORT_WAREHOUSE = "WH-EXPORT"
# Sales department warehouses are restocked from the central warehouse.
TRANSFER_FED_WAREHOUSES = ("WH-EAST", "WH-SOUTH")
PURCHASE_PRICE_SPREAD = (94, 107)  # percent of the product's purchase price
# A replenishment covers the shortfall plus this many days of the warehouse's average demand.
COVER_DAYS = 180


@dataclasses.dataclass
class _Level:
    on_hand: Decimal = Decimal(0)
    reserved: Decimal = Decimal(0)

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class _StockModel:
    def __init__(self, registry: Registry, rng: random.Random, orders: list[PlannedOrder]) -> None:
        self.registry = registry
        self.rng = rng
        self.levels: dict[tuple[str, str], _Level] = defaultdict(_Level)
        self.lot_sizes = _lot_sizes(registry, orders)

    def lot(self, code: str, warehouse: str) -> Decimal:
        """Return the quantity a replenishment adds on top of the shortfall."""
        size = self.lot_sizes.get((code, warehouse), Decimal(0))
        if warehouse == CENTRAL_WAREHOUSE:
            size = sum((self.lot_sizes.get((code, fed), Decimal(0)) for fed in TRANSFER_FED_WAREHOUSES), size)
        return max(size, Decimal(self.registry.products[code].reorder_quantity))

    def receipt(self, day: dt.date, warehouse: str, quantities: dict[str, Decimal], note: str | None = None,
                ) -> list[Step]:
        by_supplier: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
        for code, quantity in sorted(quantities.items()):
            info = self.registry.products[code]
            price = round_fen(info.purchase_price * Decimal(self.rng.randint(*PURCHASE_PRICE_SPREAD)) / 100)
            by_supplier[info.supplier_code].append((code, quantity, price))
            self.levels[(code, warehouse)].on_hand += quantity
        return [
            Step("receipt", day, PlannedReceipt(day, warehouse, supplier, lines, note))
            for supplier, lines in sorted(by_supplier.items())
        ]

    def transfer(self, day: dt.date, source: str, target: str, quantities: dict[str, Decimal]) -> Step:
        for code, quantity in quantities.items():
            self.levels[(code, source)].on_hand -= quantity
            self.levels[(code, target)].on_hand += quantity
        return Step("transfer", day, PlannedTransfer(day, source, target, sorted(quantities.items())))

    def cover(self, day: dt.date, order: PlannedOrder) -> list[Step]:
        """Return the receipts and transfers that let `order` be confirmed, and reserve its stock."""
        needed: dict[str, Decimal] = defaultdict(Decimal)
        for line in order.lines:
            needed[line.product_code] += line.base_quantity
        warehouse = order.warehouse_code
        shortfalls = {}
        for code, quantity in needed.items():
            available = self.levels[(code, warehouse)].available
            if available < quantity:
                shortfalls[code] = quantity - available + self.lot(code, warehouse)
        steps: list[Step] = []
        if shortfalls and warehouse in TRANSFER_FED_WAREHOUSES:
            central_short = {}
            for code, quantity in shortfalls.items():
                available = self.levels[(code, CENTRAL_WAREHOUSE)].available
                if available < quantity:
                    central_short[code] = quantity - available + self.lot(code, CENTRAL_WAREHOUSE)
            if central_short:
                steps += self.receipt(day, CENTRAL_WAREHOUSE, central_short, "补货")
            steps.append(self.transfer(day, CENTRAL_WAREHOUSE, warehouse, shortfalls))
        elif shortfalls:
            steps += self.receipt(day, warehouse, shortfalls, "补货")
        for code, quantity in needed.items():
            self.levels[(code, warehouse)].reserved += quantity
        return steps

    def ship(self, order: PlannedOrder) -> None:
        for line in order.lines:
            level = self.levels[(line.product_code, order.warehouse_code)]
            level.on_hand -= line.base_quantity
            level.reserved -= line.base_quantity


def _lot_sizes(registry: Registry, orders: list[PlannedOrder]) -> dict[tuple[str, str], Decimal]:
    """Return COVER_DAYS of average demand per product and warehouse, in whole base units."""
    demand: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    for order in orders:
        warehouse = order.warehouse_code
        first[warehouse] = min(first.get(warehouse, order.order_date), order.order_date)
        last[warehouse] = max(last.get(warehouse, order.order_date), order.order_date)
        for line in order.lines:
            demand[(line.product_code, warehouse)] += line.base_quantity
    sizes = {}
    for (code, warehouse), total in demand.items():
        days = (last[warehouse] - first[warehouse]).days + 1
        sizes[(code, warehouse)] = (total * COVER_DAYS / days).to_integral_value()
    return sizes


def schedule(registry: Registry, orders: list[PlannedOrder], payments: list[PlannedPayment],
             opening_date: dt.date, seed: int) -> list[Step]:
    """Return every posting step in order: opening stock, then each day's receipts, orders, deliveries, payments."""
    model = _StockModel(registry, random.Random(f"stock-{seed}"), orders)
    steps: list[Step] = []

    export_opening = {code: Decimal(info.reorder_quantity) for code, info in registry.products.items()
                      if code.startswith("NW")}
    steps += model.receipt(opening_date, EXPORT_WAREHOUSE, export_opening, "期初库存")
    central_opening = {code: Decimal(2 * info.reorder_quantity) for code, info in registry.products.items()}
    steps += model.receipt(opening_date, CENTRAL_WAREHOUSE, central_opening, "期初库存")
    jsherp_opening: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (code, warehouse), quantity in sorted(registry.jsherp_stock.items()):
        jsherp_opening[warehouse][code] = quantity
    for warehouse, quantities in sorted(jsherp_opening.items()):
        steps += model.receipt(opening_date, warehouse, quantities, "期初库存")

    events: list[tuple[dt.date, int, int, Step]] = []
    for number, order in enumerate(orders):
        events.append((order.order_date, PHASES["order"], number, Step("order", order.order_date, order)))
        if order.ship_date is not None:
            events.append((order.ship_date, PHASES["ship"], number, Step("ship", order.ship_date, order)))
    for number, payment in enumerate(payments):
        events.append((payment.date, PHASES["payment"], number, Step("payment", payment.date, payment)))
    events.sort(key=lambda event: event[:3])

    for day, _, _, step in events:
        if step.kind == "order":
            steps += model.cover(day, step.item)
        elif step.kind == "ship":
            model.ship(step.item)
        steps.append(step)
    return steps
