"""Plan the demo's orders, deliveries and payments.

Northwind's 830 orders keep their lines, prices and discounts, with every
date moved by the same number of days so the newest order date is today.
The Chinese customers get a year of seeded orders of their own.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from domain.money import round_fen
from server_stub.demo.plan import PlannedLine, PlannedOrder, PlannedPayment
from server_stub.demo.registry import Registry
from server_stub.demo.sources import Northwind

# Share of Northwind deliveries paid within the terms; the others are paid
# 45 to 100 days late, or are still open when that is after today.
NORTHWIND_ON_TIME_SHARE = 0.92
# Share of Chinese settlements a customer skips; the deliveries move to its next settlement.
SKIPPED_SETTLEMENT_SHARE = 0.06
CHINESE_HISTORY_DAYS = 365
# Orders per day: (minimum, maximum) on weekdays and on weekends.
WEEKDAY_ORDERS = (5, 9)
WEEKEND_ORDERS = (1, 4)
# How often a customer of each category orders, relative to the others.
CATEGORY_ACTIVITY = {"KEY": 8.0, "WHOLESALE": 3.0, "CATERING": 2.0, "RETAIL": 1.0}
LINE_COUNT_WEIGHTS = {1: 20, 2: 30, 3: 25, 4: 13, 5: 8, 6: 4}
KEY_ACCOUNT_DISCOUNT = Decimal("0.05")
FULL = Decimal(1)


def date_offset(northwind: Northwind, today: dt.date) -> dt.timedelta:
    """Return the shift that moves the newest Northwind order date to `today`."""
    return today - max(order.order_date for order in northwind.orders)


def plan_northwind_orders(northwind: Northwind, registry: Registry, today: dt.date, seed: int,
                          ) -> tuple[list[PlannedOrder], list[PlannedPayment]]:
    rng = random.Random(f"northwind-{seed}")
    offset = date_offset(northwind, today)
    orders: list[PlannedOrder] = []
    payments: list[PlannedPayment] = []
    for source in northwind.orders:
        customer = registry.customers[source.customer_code]
        ship_date = source.shipped_date + offset if source.shipped_date else None
        order = PlannedOrder(
            key=f"NW{source.order_id}",
            customer_code=source.customer_code,
            warehouse_code=customer.warehouse_code,
            salesperson_id=registry.employees[source.employee_id],
            order_date=source.order_date + offset,
            required_date=source.required_date + offset if source.required_date else None,
            ship_date=min(ship_date, today) if ship_date else None,
            lines=[
                PlannedLine(
                    product_code=f"NW{line.product_id:03d}",
                    quantity=Decimal(line.quantity),
                    unit_name=registry.products[f"NW{line.product_id:03d}"].base_unit,
                    factor=FULL,
                    unit_price=line.unit_price,
                    discount_percent=line.discount,
                )
                for line in source.lines
            ],
            freight=round_fen(source.freight),
            carrier=registry.carriers.get(source.shipper_id),
            shipping_address=source.ship_address,
            note=f"Northwind order {source.order_id}",
        )
        orders.append(order)
        if order.ship_date is None:
            continue
        paid_on = order.ship_date + dt.timedelta(days=rng.randrange(7, 45))
        if rng.random() >= NORTHWIND_ON_TIME_SHARE:
            paid_on += dt.timedelta(days=rng.randrange(45, 100))
        if paid_on > today:
            continue
        payments.append(PlannedPayment(paid_on, source.customer_code, [(order.key, FULL)], "bank_transfer",
                                       "JSH-A17", reference=f"NW{source.order_id}"))
    return orders, payments


def plan_chinese_orders(registry: Registry, customer_codes: list[str], today: dt.date, seed: int,
                        ) -> tuple[list[PlannedOrder], list[PlannedPayment]]:
    rng = random.Random(f"chinese-orders-{seed}")
    customers = [registry.customers[code] for code in customer_codes]
    weights = [CATEGORY_ACTIVITY[c.category_code] * rng.paretovariate(2.0) for c in customers]
    products = sorted(registry.products.values(), key=lambda info: info.code)
    popularity = [rng.paretovariate(1.5) * (3.0 if info.code.startswith("JSH") else 1.0) for info in products]
    line_counts = list(LINE_COUNT_WEIGHTS)
    line_weights = list(LINE_COUNT_WEIGHTS.values())

    orders: list[PlannedOrder] = []
    start = today - dt.timedelta(days=CHINESE_HISTORY_DAYS - 1)
    for day_number in range(CHINESE_HISTORY_DAYS):
        day = start + dt.timedelta(days=day_number)
        low, high = WEEKDAY_ORDERS if day.weekday() < 5 else WEEKEND_ORDERS
        for _ in range(rng.randint(low, high)):
            customer = rng.choices(customers, weights=weights)[0]
            count = rng.choices(line_counts, weights=line_weights)[0]
            chosen: list = []
            while len(chosen) < count:
                info = rng.choices(products, weights=popularity)[0]
                if info not in chosen:
                    chosen.append(info)
            lines = []
            for info in chosen:
                scale = 3 if customer.category_code == "KEY" else 1
                if info.pack_units and rng.random() < 0.4:
                    unit_name, (factor, price) = sorted(info.pack_units.items())[0]
                    quantity = Decimal(rng.randint(1, 5) * scale)
                else:
                    unit_name, factor, price = info.base_unit, FULL, info.list_price
                    quantity = Decimal(rng.randint(2, 24) * scale)
                discount = KEY_ACCOUNT_DISCOUNT if customer.category_code == "KEY" else Decimal(0)
                lines.append(PlannedLine(info.code, quantity, unit_name, factor, price, discount))
            ship_date = day + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
            orders.append(PlannedOrder(
                key=f"CN{len(orders) + 1:06d}",
                customer_code=customer.code,
                warehouse_code=customer.warehouse_code,
                salesperson_id=customer.owner_id,
                order_date=day,
                required_date=day + dt.timedelta(days=3),
                ship_date=ship_date if ship_date <= today else None,
                lines=lines,
                shipping_address=customer.address,
            ))
    return orders, _plan_chinese_payments(registry, orders, today, rng)


def _plan_chinese_payments(registry: Registry, orders: list[PlannedOrder], today: dt.date,
                           rng: random.Random) -> list[PlannedPayment]:
    """Plan settlements: one payment per customer and settlement day, covering that period's deliveries.

    Retail shops settle each Saturday for the week's deliveries (cash or
    mobile payment), key accounts on the 25th of the next month, the others
    on the 10th of the next month, all within their payment terms. Some
    customers skip a settlement and pay those deliveries at the next one.
    """
    settlements: dict[tuple[str, dt.date], list[str]] = {}
    for order in orders:
        if order.ship_date is None:
            continue
        category = registry.customers[order.customer_code].category_code
        shipped = order.ship_date
        if category == "RETAIL":
            paid_on = shipped + dt.timedelta(days=(5 - shipped.weekday()) % 7)
        else:
            day = 25 if category == "KEY" else 10
            paid_on = dt.date(shipped.year + shipped.month // 12, shipped.month % 12 + 1, day)
        if paid_on <= today:
            settlements.setdefault((order.customer_code, paid_on), []).append(order.key)

    payments: list[PlannedPayment] = []
    carried: dict[str, list[str]] = {}
    for (customer_code, paid_on), keys in sorted(settlements.items(), key=lambda item: (item[0][1], item[0][0])):
        keys = carried.pop(customer_code, []) + keys
        if rng.random() < SKIPPED_SETTLEMENT_SHARE:
            carried[customer_code] = keys
            continue
        category = registry.customers[customer_code].category_code
        if category == "RETAIL":
            method = rng.choice(("cash", "wechat_pay", "alipay"))
            account = "CASH" if method == "cash" else "JSH-A18"
        else:
            method, account = "bank_transfer", "JSH-A17"
        payments.append(PlannedPayment(paid_on, customer_code, [(key, FULL) for key in keys], method, account,
                                       reference=f"{paid_on:%Y-%m-%d} 结算"))
    return payments
