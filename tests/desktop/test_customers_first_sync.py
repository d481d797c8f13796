"""The customer list of a fresh computer during and right after its first sync."""

from __future__ import annotations

import re

import pytest

from sync.client import open_replica, sign_in
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.desktop.test_search_index_build import loaded_server  # noqa: F401

pytestmark = pytest.mark.timeout(180)


def _gaps(table) -> list[tuple[str, int, int]]:
    """Return (column title, position, expected position) of the shown columns that do not start where the one before ends."""
    header, model = table.horizontalHeader(), table.model()
    gaps, expected = [], 0
    for visual in range(header.count()):
        section = header.logicalIndex(visual)
        if header.isSectionHidden(section):
            continue
        if header.sectionPosition(section) != expected:
            gaps.append((model.columns[section].key, header.sectionPosition(section), expected))
        expected = header.sectionPosition(section) + header.sectionSize(section)
    return gaps


def test_customer_list_during_first_sync(qtbot, english, tmp_path, loaded_server):
    replica = open_replica(tmp_path / "fresh")
    sign_in(replica, loaded_server.url, "manager1", PASSWORD).close()
    context, window = open_window(qtbot, replica, loaded_server.url, "manager1", online=True)
    view = window.show_page("customers")
    counts: list[str] = []

    def rows_shown() -> bool:
        if not counts or counts[-1] != view.count_label.text():
            counts.append(view.count_label.text())
        return view.model.rowCount() > 0 and not view.model.loading

    try:
        qtbot.waitUntil(rows_shown, timeout=60_000)
        # The empty list showed that it was loading, never that there are no customers.
        assert "Loading customers..." in counts, counts
        assert "0 customers" not in counts, counts
        # More customers than the search counts (COUNT_CAP): the capped count of a page of matches, or
        # the exact count of the list with no search text, which a background task replaces it with.
        label = view.count_label.text()
        assert label == "1000+ customers" or re.fullmatch(r"\d+ customers", label), label
        assert label == "1000+ customers" or int(label.split()[0]) > 1000, label
        # No blank gap (a column without a title) where a hidden column is.
        assert view.table.isColumnHidden(view.model.column_number("warehouse"))
        assert _gaps(view.table) == []
    finally:
        close_window(context, window)
        replica.close()
