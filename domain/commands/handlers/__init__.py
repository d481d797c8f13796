"""Command handlers; importing this package registers them all."""

from domain.commands.handlers import (  # noqa: F401
    categories,
    contacts,
    customer_details,
    customers,
    deliveries,
    flags,
    merge,
    order_flow,
    orders,
    payments,
    prices,
    product_catalog,
    products,
    receipts,
    transfers,
)
