"""Suppliers, product categories, brands, products and their pack units."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from domain.models import Brand, Product, ProductCategory, ProductUnit, Supplier
from domain.models.supplier_detail import SupplierContact
from domain.money import round_fen, round_price
from server_stub.demo.ids import SeededIds
from server_stub.demo.registry import ProductInfo, Registry
from server_stub.demo.sources import JshErp, Northwind, parse_decimal
from server_stub.demo.stamping import BatchStamper

# Northwind CategoryID -> Chinese category name.
NORTHWIND_CATEGORY_NAMES = {
    1: "饮料", 2: "调味品", 3: "糖果点心", 4: "乳制品", 5: "谷物面食", 6: "肉类禽类", 7: "农产品", 8: "海鲜水产",
}
# jshERP's sample materials and categories carry test names ("商品test1", "目录1"), so the demo gives them
# trade names; ids, units, barcodes, prices and stock stay as jshERP has them.
# Material id -> (name, standard, model).
JSHERP_MATERIAL_NAMES = {
    "568": ("不锈钢保温杯", "500ml", "BW-500"),
    "569": ("陶瓷马克杯", "350ml", "MK-350"),
    "570": ("硅胶隔热垫", "18cm", "GR-18"),
    "577": ("一次性纸杯", "250ml", "ZB-250"),
    "579": ("竹浆抽纸", "3层100抽", "CZ-3C"),
    "586": ("电子计价秤", "30kg", "ACS-30"),
    "587": ("线圈笔记本", "A5 80页", "NB-A5"),
    "588": ("运动水壶", "300ml", "SH-300"),
    "619": ("工作服", None, None),
}
# jshERP category id -> Chinese category name.
JSHERP_CATEGORY_NAMES = {"17": "日用百货", "21": "纸品文具"}
# Unprocessed farm produce, meat and seafood carry the 9 % VAT rate; other goods 13 %.
LOW_TAX_CATEGORIES = {6, 7, 8}
LOW_TAX_RATE = Decimal("0.09")
STANDARD_TAX_RATE = Decimal("0.13")
NORTHWIND_BASE_UNIT = "件"
JSHERP_SUPPLIER_TYPE = "供应商"


def ean13(rng: random.Random, prefix: str = "692") -> str:
    """Return a random EAN-13 with the given prefix and a valid check digit."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(12 - len(prefix)))
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _join(*parts: str | None) -> str | None:
    text = ", ".join(part for part in parts if part)
    return text or None


def insert_catalog(
    stamper: BatchStamper, registry: Registry, ids: SeededIds, at: dt.datetime,
    northwind: Northwind, jsherp: JshErp, seed: int,
) -> None:
    rng = random.Random(f"catalog-{seed}")
    _insert_suppliers(stamper, registry, ids, at, northwind, jsherp)
    stamper.finish_batch()
    categories, brands = _insert_groupings(stamper, ids, at, northwind, jsherp)
    stamper.finish_batch()
    _insert_northwind_products(stamper, registry, ids, at, northwind, categories, brands, rng)
    _insert_jsherp_products(stamper, registry, ids, at, jsherp, categories, brands, rng)
    stamper.finish_batch()


def _insert_suppliers(stamper, registry, ids, at, northwind: Northwind, jsherp: JshErp) -> None:
    for row in northwind.suppliers:
        code = f"NWS{int(row['SupplierID']):02d}"
        supplier_id = ids.new(at)
        stamper.add(Supplier(
            id=supplier_id, code=code, name=row["CompanyName"], phone=row["Phone"],
            address=_join(row["Address"], row["City"], row["Region"], row["PostalCode"], row["Country"]),
            payment_terms_days=45, notes=row["HomePage"],
        ))
        stamper.add(SupplierContact(id=ids.new(at), supplier_id=supplier_id, name=row["ContactName"],
                                    position=row["ContactTitle"], phone=row["Phone"], is_primary=True))
        registry.suppliers[code] = supplier_id
    for row in jsherp.suppliers:
        if row["type"] != JSHERP_SUPPLIER_TYPE:
            continue
        code = f"JSH-S{row['id']}"
        supplier_id = ids.new(at)
        stamper.add(Supplier(id=supplier_id, code=code, name=row["supplier"], phone=row["phone_num"],
                             address=row["address"], payment_terms_days=30, notes=row["description"]))
        if row["contacts"]:
            stamper.add(SupplierContact(id=ids.new(at), supplier_id=supplier_id, name=row["contacts"],
                                        mobile=row["telephone"], phone=row["phone_num"], email=row["email"],
                                        is_primary=True))
        registry.suppliers[code] = supplier_id


def _insert_groupings(stamper, ids, at, northwind: Northwind, jsherp: JshErp):
    """Insert product categories and brands; return code -> id maps for both."""
    categories: dict[str, str] = {}
    for row in northwind.categories:
        code = f"NWC{int(row['CategoryID'])}"
        categories[code] = ids.new(at)
        stamper.add(ProductCategory(id=categories[code], code=code,
                                    name=NORTHWIND_CATEGORY_NAMES.get(int(row["CategoryID"]), row["CategoryName"])))
    # Parents first, so a child's parent_id names a row already added.
    pending = list(jsherp.categories)
    while pending:
        for row in list(pending):
            parent_code = f"JSHC{row['parent_id']}" if row["parent_id"] else None
            if parent_code is not None and parent_code not in categories:
                continue
            code = f"JSHC{row['id']}"
            categories[code] = ids.new(at)
            stamper.add(ProductCategory(id=categories[code], code=code,
                                        name=JSHERP_CATEGORY_NAMES.get(row["id"], row["name"]),
                                        parent_id=categories.get(parent_code)))
            pending.remove(row)

    brands: dict[str, str] = {}
    for row in northwind.suppliers:
        code = f"NWB{int(row['SupplierID']):02d}"
        brands[code] = ids.new(at)
        stamper.add(Brand(id=brands[code], code=code, name=row["CompanyName"]))
    for maker in sorted({row["mfrs"] for row in jsherp.materials if row["mfrs"]}):
        code = f"JSHB-{maker}"
        brands[code] = ids.new(at)
        stamper.add(Brand(id=brands[code], code=code, name=maker))
    return categories, brands


def _insert_northwind_products(stamper, registry, ids, at, northwind: Northwind, categories, brands, rng) -> None:
    # Historical order prices are often below today's list price; the lowest
    # price allows them, so replaying the orders needs no price approval.
    lowest_sold: dict[int, Decimal] = {}
    for order in northwind.orders:
        for line in order.lines:
            known = lowest_sold.get(line.product_id)
            lowest_sold[line.product_id] = line.unit_price if known is None else min(known, line.unit_price)
    for row in northwind.products:
        product_number = int(row["ProductID"])
        code = f"NW{product_number:03d}"
        category = int(row["CategoryID"])
        list_price = round_price(parse_decimal(row["UnitPrice"]))
        purchase_price = round_fen(list_price * Decimal(rng.randrange(55, 73)) / 100)
        tax_rate = LOW_TAX_RATE if category in LOW_TAX_CATEGORIES else STANDARD_TAX_RATE
        supplier_code = f"NWS{int(row['SupplierID']):02d}"
        product_id = ids.new(at)
        stamper.add(Product(
            id=product_id, code=code, name=row["ProductName"], variant=row["QuantityPerUnit"],
            category_id=categories[f"NWC{category}"], brand_id=brands[f"NWB{int(row['SupplierID']):02d}"],
            base_unit=NORTHWIND_BASE_UNIT, barcode=ean13(rng), tax_rate=tax_rate, list_price=list_price,
            lowest_price=round_price(min(list_price * Decimal("0.8"), lowest_sold.get(product_number, list_price))),
            purchase_price=purchase_price,
            active=True, default_supplier_id=registry.suppliers[supplier_code],
        ))
        registry.products[code] = ProductInfo(
            id=product_id, code=code, base_unit=NORTHWIND_BASE_UNIT, list_price=list_price,
            purchase_price=purchase_price, tax_rate=tax_rate, supplier_code=supplier_code,
            reorder_quantity=max(60, int(row["ReorderLevel"] or 0) * 4),
        )
        if row["Discontinued"] == "1":
            # Still active while the order history is replayed; deactivated afterwards.
            registry.discontinued_products.append(code)


def _insert_jsherp_products(stamper, registry, ids, at, jsherp: JshErp, categories, brands, rng) -> None:
    units = {row["id"]: row for row in jsherp.units}
    extends_by_material: dict[str, list[dict]] = {}
    for row in jsherp.material_extends:
        extends_by_material.setdefault(row["material_id"], []).append(row)
    supplier_codes = sorted(code for code in registry.suppliers if code.startswith("JSH-S"))
    stock_by_material: dict[str, list[dict]] = {}
    for row in jsherp.current_stock:
        stock_by_material.setdefault(row["material_id"], []).append(row)

    for material in jsherp.materials:
        extends = sorted(extends_by_material.get(material["id"], []), key=lambda row: int(row["id"]))
        if not extends:
            continue
        unit_group = units.get(material["unit_id"]) if material["unit_id"] else None
        base_unit = unit_group["basic_unit"] if unit_group else (material["unit"] or "个")
        # A row with an SKU is a product of its own (a variant). Rows without
        # one are the base unit and the pack units of a single product.
        if any(row["sku"] for row in extends):
            products = [(row, []) for row in extends]
        else:
            base_rows = [row for row in extends if row["commodity_unit"] == base_unit] or extends[:1]
            pack_rows = [row for row in extends if row not in base_rows]
            products = [(base_rows[0], pack_rows)]
        supplier_code = supplier_codes[int(material["id"]) % len(supplier_codes)]
        for base_row, pack_rows in products:
            code = f"JSH{base_row['bar_code']}"
            list_price = round_price(parse_decimal(base_row["wholesale_decimal"]))
            purchase_price = round_fen(parse_decimal(base_row["purchase_decimal"]))
            low = parse_decimal(base_row["low_decimal"])
            product_id = ids.new(at)
            name, standard, model = JSHERP_MATERIAL_NAMES.get(
                material["id"], (material["name"], material["standard"], material["model"]))
            stamper.add(Product(
                id=product_id, code=code, name=name,
                variant=_join(standard, model, material["color"], base_row["sku"]),
                mnemonic=material["mnemonic"],
                category_id=categories.get(f"JSHC{material['category_id']}") if material["category_id"] else None,
                brand_id=brands.get(f"JSHB-{material['mfrs']}") if material["mfrs"] else None,
                base_unit=base_unit, barcode=base_row["bar_code"], tax_rate=STANDARD_TAX_RATE,
                list_price=list_price, lowest_price=round_price(low) if low else None,
                purchase_price=purchase_price, batch_tracked=material["enable_batch_number"] == "1",
                default_supplier_id=registry.suppliers[supplier_code],
            ))
            info = ProductInfo(id=product_id, code=code, base_unit=base_unit, list_price=list_price,
                               purchase_price=purchase_price, tax_rate=STANDARD_TAX_RATE,
                               supplier_code=supplier_code, reorder_quantity=rng.randrange(150, 400))
            for pack_row in pack_rows:
                factor = parse_decimal(unit_group["ratio"]) if unit_group else Decimal(1)
                price = round_price(parse_decimal(pack_row["wholesale_decimal"]))
                stamper.add(ProductUnit(id=ids.new(at), product_id=product_id,
                                        unit_name=pack_row["commodity_unit"], factor=factor,
                                        barcode=pack_row["bar_code"], price=price))
                info.pack_units[pack_row["commodity_unit"]] = (factor, price)
            registry.products[code] = info
            # jshERP keeps stock per material; a material with SKUs puts it on its first SKU.
            if base_row is products[0][0]:
                for stock in stock_by_material.get(material["id"], []):
                    quantity = parse_decimal(stock["current_number"])
                    if quantity > 0:
                        registry.jsherp_stock[(code, f"JSH-{stock['depot_id']}")] = quantity
