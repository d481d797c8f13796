"""Command handlers; importing this package registers them all."""

from domain.commands.handlers import (  # noqa: F401
    admin_org,
    admin_permissions,
    admin_users,
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
    suppliers,
    transfers,
)
