"""Command handlers; importing this package registers them all."""

from domain.commands.handlers import (  # noqa: F401
    customers,
    deliveries,
    flags,
    order_flow,
    orders,
    payments,
    receipts,
    transfers,
)
