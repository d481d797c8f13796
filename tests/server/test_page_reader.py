"""The pull's raw-value reader gives the same wire rows as sync.rows.row_to_wire, on every replicated table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select

from domain.models.base import Base
from server_stub.page_reader import scaled_text, table_reader
from sync.protocol import TableRows
from sync.rows import row_to_wire
from tests.server.synthetic_rows import fill_every_table

@pytest.fixture
def filled(database_url):
    engine = create_engine(database_url)
    fill_every_table(engine)
    yield engine
    engine.dispose()


def test_reader_matches_row_to_wire_on_every_table(filled):
    dialect = filled.dialect
    checked = 0
    with filled.connect() as connection:
        for table in Base.metadata.sorted_tables:
            expected = [row_to_wire(table, row) for row in connection.execute(select(table).order_by(table.c.id)).mappings()]
            reader = table_reader(table, dialect)
            result = connection.execute(reader.select().order_by(table.c.id)).all()
            assert reader.wire_rows(result, []) == expected, table.name
            block = TableRows(columns=reader.names, rows=reader.wire_lists(result, []))
            assert [dict(zip(block.columns, values)) for values in block.rows] == expected, table.name
            checked += 1
    assert checked == len(Base.metadata.sorted_tables)


def test_hidden_columns_are_sent_as_null(filled):
    table = Base.metadata.tables["customer"]
    reader = table_reader(table, filled.dialect)
    with filled.connect() as connection:
        rows = reader.wire_rows(connection.execute(reader.select()).all(), ["credit_limit"])
    assert rows and all(row["credit_limit"] is None for row in rows)
    assert any(row["name"] is not None for row in rows)


@pytest.mark.parametrize("count, scale, wire", [
    (0, 2, "0.00"), (5, 2, "0.05"), (-5, 2, "-0.05"), (123456, 2, "1234.56"),
    (-123456, 4, "-12.3456"), (7, 0, "7"), (10**15, 6, "1000000000.000000"),
])
def test_scaled_text(count, scale, wire):
    assert scaled_text(scale)(count) == wire
    assert wire == str(Decimal(count).scaleb(-scale).quantize(Decimal(1).scaleb(-scale)))
