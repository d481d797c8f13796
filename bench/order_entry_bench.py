"""Time to add one line to an order that has 200 lines, through the order entry grid's Qt model.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.order_entry_bench [--lines 200] [--repeat 50]

Builds an OrderLinesModel shown in an EntryGrid (offscreen) and fills it
with `--lines` lines. Then it times adding one line the way the grid does:
the product, the quantity and the price through setData. The clock stops
after the view has handled the events. The line is removed again
between runs, so every run starts from the same size. The baseline, timed
in the same run, adds a line to a plain list of 200 OrderLine objects and
sums the amounts and tax with desktop.models.order_totals, without Qt. The
last printed line is one JSON object; the goal is add_line_at_200_ms <= 50.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.models.order_lines import OrderLine, ProductChoice, UnitChoice  # noqa: E402
from desktop.models.order_lines_model import OrderLinesModel  # noqa: E402
from desktop.models.order_totals import compute_totals  # noqa: E402
from desktop.views.order_grid import EntryGrid, ProductIndex  # noqa: E402
from domain.ids import new_id  # noqa: E402

GOAL_MS = 50.0


def make_products(count: int = 50) -> tuple[ProductChoice, ...]:
    rates = (Decimal("0.13"), Decimal("0.09"), Decimal("0.06"))
    return tuple(
        ProductChoice(new_id(), f"B{number:04d}", f"Product {number}", "pc",
                      (UnitChoice("pc", Decimal(1), Decimal(number) + Decimal("0.3350")),),
                      tax_rate=rates[number % 3], lowest_price=Decimal(number))
        for number in range(1, count + 1)
    )


def enter_line(model: OrderLinesModel, product: ProductChoice, number: int) -> int:
    row = model.rowCount() - 1
    model.setData(model.index(row, OrderLinesModel.PRODUCT), product)
    model.setData(model.index(row, OrderLinesModel.QUANTITY), str(1 + number % 7))
    model.setData(model.index(row, OrderLinesModel.PRICE), f"{number}.5")
    return row


def time_model(lines: int, repeat: int) -> list[float]:
    """Return the milliseconds of each of `repeat` line additions to a shown grid of `lines` lines."""
    app = QApplication.instance() or QApplication(["order-entry-bench"])
    products = make_products()
    model = OrderLinesModel()
    grid = EntryGrid(model, ProductIndex(products))
    grid.resize(1100, 600)
    grid.show()
    for number in range(lines):
        enter_line(model, products[number % len(products)], number)
    app.processEvents()
    timings = []
    for run in range(repeat):
        started = time.perf_counter()
        row = enter_line(model, products[run % len(products)], run)
        grid.setCurrentIndex(model.index(row + 1, OrderLinesModel.PRODUCT))
        app.processEvents()
        timings.append((time.perf_counter() - started) * 1000)
        model.remove_line(row)
        app.processEvents()
    grid.close()
    return timings


def time_baseline(lines: int, repeat: int) -> list[float]:
    """Return the milliseconds of adding a line to a plain list and computing the totals, without Qt."""
    products = make_products()
    order = [OrderLine(new_id(), products[n % len(products)], "pc", Decimal(1 + n % 7), Decimal(f"{n}.5"))
             for n in range(lines)]
    timings = []
    for run in range(repeat):
        started = time.perf_counter()
        order.append(OrderLine(new_id(), products[run % len(products)], "pc", Decimal(1 + run % 7), Decimal(f"{run}.5")))
        compute_totals(order)
        timings.append((time.perf_counter() - started) * 1000)
        order.pop()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200, help="lines in the order before the timed addition (default: 200)")
    parser.add_argument("--repeat", type=int, default=50, help="timed additions; the median is reported (default: 50)")
    args = parser.parse_args()

    baseline = time_baseline(args.lines, args.repeat)
    model = time_model(args.lines, args.repeat)
    base_median, model_median = statistics.median(baseline), statistics.median(model)
    ratio = model_median / base_median if base_median else float("inf")
    print(f"baseline (list + totals, no Qt): median {base_median:.2f} ms, max {max(baseline):.2f} ms")
    print(f"grid model at {args.lines} lines: median {model_median:.2f} ms, max {max(model):.2f} ms, "
          f"ratio to baseline {ratio:.1f}, goal <= {GOAL_MS:.0f} ms: {'met' if model_median <= GOAL_MS else 'MISSED'}")
    print(json.dumps({
        "lines": args.lines,
        "repeat": args.repeat,
        "add_line_at_200_ms": round(model_median, 3),
        "add_line_max_ms": round(max(model), 3),
        "baseline_median_ms": round(base_median, 3),
        "ratio": round(ratio, 2),
        "goal_ms": GOAL_MS,
    }))


if __name__ == "__main__":
    main()
