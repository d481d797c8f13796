"""Size a list's columns to their content once, when its first rows arrive."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

# A column never grows wider than this on its own, so one long name does not push the others out of view.
MAX_FITTED_WIDTH = 360
# Room for the sort arrow next to a header title.
HEADER_PADDING = 16


def fit_columns_to_content(table: QTableView, keep: frozenset[int] = frozenset()) -> None:
    """Set each shown column to the width of its header and its loaded rows, up to MAX_FITTED_WIDTH.

    Columns in `keep` (for example widths the user dragged earlier) stay as
    they are. The last column is no longer stretched over the spare width,
    because that would leave the fitted columns narrower than the last one.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for section in range(header.count()):
        if section in keep or header.isSectionHidden(section):
            continue
        content = table.sizeHintForColumn(section)
        title = header.sectionSizeHint(section) + HEADER_PADDING
        table.setColumnWidth(section, min(max(content, title), MAX_FITTED_WIDTH))


class FitOnFirstRows:
    """Calls fit_columns_to_content when the model's first non-empty page has arrived, then never again."""

    def __init__(self, table: QTableView, keep: frozenset[int] = frozenset(), enabled: bool = True) -> None:
        self.table = table
        self.keep = keep
        self.done = not enabled
        if enabled:
            table.horizontalHeader().setStretchLastSection(False)
        table.model().loaded.connect(self._loaded)

    def _loaded(self) -> None:
        if self.done or self.table.model().rowCount() == 0:
            return
        self.done = True
        fit_columns_to_content(self.table, self.keep)
