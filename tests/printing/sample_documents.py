"""Fixed documents for the print template tests and the golden images: one per document type.

Every value is fixed (no today's date, no random ids), so the same template
renders the same pixels on every run. Lines are built with line_amount, so
each row reads quantity × price − discount = amount.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from desktop.models.stock_doc_detail import DetailLine, StockDocumentDetail
from desktop.printing.delivery_note import DeliveryNoteData, PrintLine
from desktop.printing.order_document import SalesOrderPrint
from desktop.printing.quotation import QuotationPrint
from desktop.printing.return_note import ReturnNoteData
from desktop.printing.stock_documents import StockDocumentPrint
from domain.money import ZERO, line_amount

COMPANY = "云岭茶业有限公司"
CUSTOMER = "昆明茶叶商行"
DATE = dt.date(2026, 3, 18)

# (product, unit, quantity, unit price, discount in yuan)
_GOODS = (
    ("P001 普洱茶饼 357克", "饼", "12", "88.50", "0"),
    ("P002 滇红工夫 250克", "盒", "3", "126.00", "18.00"),
    ("P003 茶具套装", "套", "1", "9.06", "0"),
    ("P004 白茶散茶 500克", "袋", "5", "65.80", "0"),
)


def sample_lines(count: int) -> tuple[PrintLine, ...]:
    """Return `count` lines cycling through four products, each quantity raised by its line's position."""
    lines = []
    for index in range(count):
        product, unit, quantity, price, discount = _GOODS[index % len(_GOODS)]
        quantity_value = Decimal(quantity) + index // len(_GOODS)
        price_value, discount_value = Decimal(price), Decimal(discount)
        amount = line_amount(quantity_value, price_value) - discount_value
        lines.append(PrintLine(product, unit, quantity_value, price_value, amount, discount_value))
    return tuple(lines)


def total_of(lines: tuple[PrintLine, ...]) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


def delivery_note(line_count: int = 4, **changes) -> DeliveryNoteData:
    lines = sample_lines(line_count)
    values = dict(
        company=COMPANY, number="DN-A3-20260318-0007", document_date=DATE, customer_name=CUSTOMER,
        address="云南省昆明市五华区青年路1号", phone="0871-63100000", lines=lines, total=total_of(lines),
    )
    values.update(changes)
    return DeliveryNoteData(**values)


def return_note(line_count: int = 3) -> ReturnNoteData:
    lines = sample_lines(line_count)
    return ReturnNoteData(
        company=COMPANY, number="SR-A3-20260318-0002", document_date=DATE, customer_name=CUSTOMER,
        delivery_number="DN-A3-20260318-0007", warehouse_name="退货仓", reason="包装破损，客户拒收",
        lines=lines, total=total_of(lines),
    )


def quotation(line_count: int = 4) -> QuotationPrint:
    """Return a quotation whose third line is a gift, printed with amount zero."""
    lines = list(sample_lines(line_count))
    gift = lines[2]
    lines[2] = dataclasses.replace(gift, amount=ZERO, discount=line_amount(gift.quantity, gift.unit_price))
    lines = tuple(lines)
    total = total_of(lines)
    return QuotationPrint(
        company=COMPANY, number="QT-A3-20260318-0003", document_date=DATE, valid_until=dt.date(2026, 4, 17),
        customer_name=CUSTOMER, address="云南省昆明市五华区青年路1号", phone="0871-63100000", lines=lines,
        prices_include_tax=True, tax_amount=(total * Decimal("13") / Decimal("113")).quantize(Decimal("0.01")),
        total=total, gift_rows=frozenset({2}),
    )


def sales_order(line_count: int = 4) -> SalesOrderPrint:
    """Return an order with freight and a document discount, so the charges row prints."""
    lines = sample_lines(line_count)
    freight, discount = Decimal("20.00"), Decimal("5.00")
    return SalesOrderPrint(
        company=COMPANY, number="SO-A3-20260318-0011", document_date=DATE, delivery_date_wanted=dt.date(2026, 3, 20),
        customer_name=CUSTOMER, address="云南省昆明市五华区青年路1号", phone="0871-63100000", salesperson="李明",
        note="", lines=lines, total=total_of(lines) + freight - discount, freight=freight, document_discount=discount,
    )


# (product code, name, unit, quantity, batch, expiry, unit cost)
_STOCK_GOODS = (
    ("P001", "普洱茶饼 357克", "饼", "120", "B20260301", dt.date(2028, 2, 29), "52.30"),
    ("P002", "滇红工夫 250克", "盒", "36", "B20260305", dt.date(2027, 9, 30), "70.00"),
    ("P003", "茶具套装", "套", "10", "", None, "5.50"),
)


def stock_lines(sees_cost: bool) -> tuple[DetailLine, ...]:
    lines = []
    for number, (code, name, unit, quantity, batch, expiry, cost) in enumerate(_STOCK_GOODS, start=1):
        amount = line_amount(Decimal(quantity), Decimal(cost))
        lines.append(DetailLine(number, code, name, unit, Decimal(quantity), batch, expiry,
                                Decimal(cost) if sees_cost else None, amount if sees_cost else None))
    return tuple(lines)


def goods_receipt(sees_cost: bool = True) -> StockDocumentPrint:
    """Return a receipt as printed for a role allowed to see costs, or without its costs."""
    lines = stock_lines(sees_cost)
    total = sum((line.amount for line in lines), ZERO) if sees_cost else None
    detail = StockDocumentDetail(
        kind="receipt", number="GR-W1-20260318-0004", document_date=DATE, posting_date=DATE,
        supplier="S001  勐海茶厂", warehouse="W1  昆明仓", from_warehouse="", to_warehouse="", note="整车到货",
        posted_by="王库管", lines=lines, total_amount=total, sees_cost=sees_cost,
    )
    return StockDocumentPrint(COMPANY, detail.number, detail, prepared_by="王库管")


def stock_transfer() -> StockDocumentPrint:
    detail = StockDocumentDetail(
        kind="transfer", number="TR-W1-20260318-0002", document_date=DATE, posting_date=DATE, supplier="",
        warehouse="", from_warehouse="W1  昆明仓", to_warehouse="W2  大理仓", note="补大理门店库存",
        posted_by="王库管", lines=stock_lines(False), total_amount=None, sees_cost=False,
    )
    return StockDocumentPrint(COMPANY, detail.number, detail, prepared_by="王库管")
