"""The replicated schema follows the conventions its sync and money code rely on.

Creates the whole schema on a fresh SQLite file and on a fresh PostgreSQL
database, and checks every table for the replicated columns, exact money
types, ledger dates, line replication and hidden cost columns.
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal

import pytest
from sqlalchemy import Float, Numeric, create_engine, inspect, select
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import Session

import domain.models as models
from domain.models import Base, LEDGER, MoneyAccount, ledger_tables
from domain.types import ScaledDecimal

TABLES = list(Base.metadata.sorted_tables)
REPLICATED_COLUMNS = {"id", "version", "change_seq", "updated_at"}
MONEY_WORDS = {"amount", "price", "cost", "balance", "limit"}
# A money word followed by one of these names something else: price_level, price_rule.
NON_AMOUNT_SUFFIXES = {"level", "rule", "kind", "id", "type", "hash", "note", "reason", "at", "by", "date"}
# Boolean flags about cost (sees_cost) are not amounts.
FLAG_PREFIXES = ("sees_", "is_", "has_")
EXPECTED_LEDGERS = {"stock_movement", "receivable_entry", "payable_entry", "money_account_entry"}
SCOPE_KINDS = {"all", "warehouse", "department", "parent", "admin", "cost", "self"}
AMOUNTS = [
    Decimal("0.01"),
    Decimal("-0.01"),
    Decimal("1234567.89"),
    Decimal("-98765432109.99"),
    Decimal("0.10"),
    Decimal("92233720368547758.07"),  # the largest amount a BIGINT of fen can store
]


def _name_tokens(name: str) -> list[str]:
    return name.split("_")


def _is_money_name(name: str) -> bool:
    tokens = _name_tokens(name)
    if name.startswith(FLAG_PREFIXES):
        return False
    if tokens[-1] in NON_AMOUNT_SUFFIXES:
        return False
    return any(token in MONEY_WORDS for token in tokens)


def _model_for(table):
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise AssertionError(f"no model is mapped to table {table.name}")


def _referenced_tables(column) -> set[str]:
    return {fk.column.table.name for fk in column.foreign_keys}


def test_every_table_has_replicated_columns():
    for table in TABLES:
        missing = REPLICATED_COLUMNS - set(table.columns.keys())
        assert not missing, f"{table.name} lacks {sorted(missing)}"
        assert table.primary_key.columns.keys() == ["id"], f"{table.name} primary key is not id"


def test_no_float_or_numeric_columns():
    for table in TABLES:
        for column in table.columns:
            assert not isinstance(column.type, (Float, Numeric)), f"{table.name}.{column.name} is {column.type}"


def test_money_named_columns_are_scaled_decimal():
    checked = 0
    for table in TABLES:
        for column in table.columns:
            if _is_money_name(column.name):
                checked += 1
                assert isinstance(column.type, ScaledDecimal), (
                    f"{table.name}.{column.name} is {column.type!r}, expected a ScaledDecimal"
                )
    # Guards against a name rule so loose that it checks nothing.
    assert checked > 100


def test_money_name_rule_cases():
    assert _is_money_name("total_amount")
    assert _is_money_name("credit_limit")
    assert _is_money_name("unit_price_before")
    assert _is_money_name("opening_balance")
    assert not _is_money_name("price_level")
    assert not _is_money_name("price_rule")
    assert not _is_money_name("sees_cost")


def test_cost_and_margin_columns_hidden():
    for table in TABLES:
        for column in table.columns:
            tokens = _name_tokens(column.name)
            names_cost = "cost" in tokens or "margin" in tokens or "purchase_price" in column.name
            # Page margins of print templates are lengths in millimetres, not margins on sales.
            is_length = column.name.endswith("_mm")
            if names_cost and not is_length and not column.name.startswith(FLAG_PREFIXES):
                assert column.info.get("hidden") == "cost", f"{table.name}.{column.name} lacks HIDDEN_COST"


def test_line_tables_follow_parent():
    line_tables = [t for t in TABLES if t.name.endswith("_line")]
    assert len(line_tables) >= 15
    for table in line_tables:
        replication = _model_for(table).__replication__
        assert replication.kind == "parent", f"{table.name} replicates as {replication.kind}"
        assert replication.parent in Base.metadata.tables, f"{table.name}: unknown parent {replication.parent}"
        column = table.columns.get(replication.column)
        assert column is not None, f"{table.name} has no column {replication.column}"
        assert _referenced_tables(column) == {replication.parent}, (
            f"{table.name}.{replication.column} does not reference {replication.parent}"
        )


def test_replication_columns_exist():
    expected_targets = {"warehouse": "warehouse", "department": "department", "self": "app_user"}
    for table in TABLES:
        replication = _model_for(table).__replication__
        assert replication.kind in SCOPE_KINDS, f"{table.name}: unknown kind {replication.kind}"
        if replication.kind in ("all", "admin", "cost"):
            continue
        column = table.columns.get(replication.column)
        assert column is not None, f"{table.name}: replication column {replication.column} missing"
        if replication.kind in expected_targets:
            # Warehouse's own id column is its scope column and references nothing.
            if not (table.name == "warehouse" and replication.column == "id"):
                assert _referenced_tables(column) == {expected_targets[replication.kind]}, (
                    f"{table.name}.{replication.column} does not reference {expected_targets[replication.kind]}"
                )
        for extra in replication.any_of:
            assert extra in table.columns, f"{table.name}: any_of column {extra} missing"


def test_scope_of_sensitive_tables():
    assert models.AuditRecord.__replication__.kind == "admin"
    assert models.PayableEntry.__replication__.kind == "cost"
    assert models.StockCost.__replication__.kind == "cost"
    assert models.SavedFilter.__replication__ == models.Replication("self", column="user_id")
    assert models.SalesReturn.__replication__.kind == "warehouse"
    assert models.Quotation.__replication__.kind == "department"


def test_ledger_tables_have_both_dates():
    marked = {t.name for t in ledger_tables()}
    assert marked == EXPECTED_LEDGERS
    named = {t.name for t in TABLES if t.name.endswith(("_entry", "_movement"))}
    assert named <= marked, f"ledger-like tables not marked LEDGER: {sorted(named - marked)}"
    for table in ledger_tables():
        for name in ("document_date", "posting_date"):
            column = table.columns.get(name)
            assert column is not None, f"{table.name} lacks {name}"
            assert not column.nullable, f"{table.name}.{name} is nullable"
    assert LEDGER == {"ledger": True}


def test_master_data_soft_deletes():
    masters = [
        "customer", "supplier", "product", "product_category", "brand", "customer_category",
        "warehouse", "department", "sales_region", "money_account", "app_user",
        "customer_contact", "supplier_contact", "shipping_address", "promotion", "print_template",
    ]
    for name in masters:
        assert "deleted_at" in Base.metadata.tables[name].columns, f"{name} lacks deleted_at"


def test_named_fields_present():
    """Spot checks of fields that features depend on."""
    expected = {
        "customer_statement": {"status", "period_start", "period_end", "opening_balance", "closing_balance",
                               "content_hash", "disputed_amount", "dispute_note", "confirmed_by",
                               "confirmed_at", "number"},
        "customer_statement_line": {"disputed", "disputed_amount", "running_balance", "document_date",
                                    "posting_date"},
        "invoicing_details": {"title", "tax_number", "bank_name", "bank_account", "address", "phone"},
        "invoice": {"number", "invoice_date", "invoice_type", "amount", "tax_amount"},
        "invoice_line": {"invoice_id", "delivery_id", "delivery_line_id"},
        "print_template": {"document_type", "paper_width_mm", "paper_height_mm", "orientation",
                           "margin_top_mm", "fields", "columns", "rows_per_page", "background_image_ref",
                           "revision"},
        "print_record": {"document_id", "print_number", "is_reprint", "reason"},
        "audit_record": {"user_id", "device_id", "occurred_at", "command", "record_id", "before", "after"},
        "follow_up": {"channel", "content", "next_follow_up_date"},
        "quotation": {"valid_until", "status", "order_id"},
        "sales_order_line": {"quotation_line_id", "promotion_id"},
        "order_verification_line": {"quantity_before", "quantity_after", "unit_price_before",
                                    "unit_price_after"},
        "receipt_confirmation_line": {"delivered_quantity", "received_quantity", "difference_reason"},
        "sales_return_line": {"delivery_line_id"},
        "stocktake_line": {"book_quantity", "counted_quantity"},
        "payment_made_allocation": {"payment_id", "receipt_id", "amount"},
        "receivable_adjustment": {"kind", "reason", "amount"},
        "role_profile": {"role", "sees_cost"},
        "role_permission": {"role", "command", "allowed"},
        "sales_target": {"salesperson_id", "year", "month", "target_amount"},
        "reorder_point": {"product_id", "warehouse_id", "reorder_point"},
        "promotion": {"start_date", "end_date", "special_price", "buy_quantity", "gift_quantity"},
    }
    for table_name, columns in expected.items():
        missing = columns - set(Base.metadata.tables[table_name].columns.keys())
        assert not missing, f"{table_name} lacks {sorted(missing)}"


def test_sorted_tables_without_cycle_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ordered = Base.metadata.sorted_tables
    cycle_warnings = [w for w in caught if issubclass(w.category, SAWarning)]
    assert not cycle_warnings, [str(w.message) for w in cycle_warnings]
    assert len(ordered) == len(Base.metadata.tables)


def _check_created_schema(engine) -> None:
    inspector = inspect(engine)
    created = set(inspector.get_table_names())
    assert set(Base.metadata.tables) <= created
    money_columns = {c["name"]: c for c in inspector.get_columns("invoice")}
    assert "BIGINT" in str(money_columns["amount"]["type"]).upper()


def _check_money_round_trip(engine) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with Session(engine) as session:
        for index, amount in enumerate(AMOUNTS):
            session.add(MoneyAccount(code=f"A{index}", name="bank", opening_balance=amount, updated_at=now))
        session.commit()

    with Session(engine) as session:
        rows = session.execute(select(MoneyAccount.code, MoneyAccount.opening_balance)).all()
    loaded = {code: value for code, value in rows}
    for index, amount in enumerate(AMOUNTS):
        value = loaded[f"A{index}"]
        assert isinstance(value, Decimal), f"{amount} came back as {type(value).__name__}"
        assert value == amount
        assert value.as_tuple().exponent == -2, f"{amount} came back as {value}"


def test_schema_on_sqlite_file(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    try:
        Base.metadata.create_all(engine)
        _check_created_schema(engine)
        _check_money_round_trip(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_schema_on_postgres(postgres_url):
    # postgres_url (tests/conftest.py) creates a uniquely named database and drops it afterwards.
    engine = create_engine(postgres_url)
    try:
        Base.metadata.create_all(engine)
        _check_created_schema(engine)
        _check_money_round_trip(engine)
    finally:
        engine.dispose()
