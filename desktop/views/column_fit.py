"""Size a list's columns to their content: once when its first rows arrive, or after every load for a detail tab."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

# A column never grows wider than this on its own, so one long name does not push the others out of view.
MAX_FITTED_WIDTH = 360
# Room for the sort arrow next to a header title.
HEADER_PADDING = 16


def stop_stretching_last_section(table: QTableView) -> None:
    """Turn off the stretching of the last column without leaving a blank gap where a hidden column is.

    Measured with Qt 6.11.3 (PySide6 6.11.3): stretching is turned off before
    the table is first shown, and a column is hidden. Then the header keeps
    room for the hidden column, so a blank column without a title appears
    before the next shown one. Hiding the hidden columns again makes the
    header lay them out anew.
    """
    header = table.horizontalHeader()
    if not header.stretchLastSection():
        return
    header.setStretchLastSection(False)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            header.showSection(section)
            header.hideSection(section)


def fit_columns_to_content(table: QTableView, keep: frozenset[int] = frozenset()) -> None:
    """Set each shown column to the width of its header and its loaded rows, up to MAX_FITTED_WIDTH.

    Columns in `keep` (for example widths the user dragged earlier) stay as
    they are. The last column is no longer stretched over the spare width,
    because that would leave the fitted columns narrower than the last one.
    """
    header = table.horizontalHeader()
    stop_stretching_last_section(table)
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
            stop_stretching_last_section(table)
        table.model().loaded.connect(self._loaded)

    def _loaded(self) -> None:
        if self.done or self.table.model().rowCount() == 0:
            return
        self.done = True
        fit_columns_to_content(self.table, self.keep)


class WidenToContent:
    """Widens a detail tab's columns to their loaded rows after every load, and never narrows them.

    The model's column widths are the minimum, so an empty tab keeps its
    layout, and the last column still stretches over the spare width. Unlike
    fit_columns_to_content this measures every loaded row, also before the
    table is shown (sizeHintForColumn measures only the rows in view), and it
    runs again when a contact is added or edited. A column the user resized
    keeps the user's width.
    """

    def __init__(self, table: QTableView) -> None:
        self.table = table
        self.minimum = [column.width for column in table.model().columns]
        self.user_sized: set[int] = set()
        self._fitting = False
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.model().loaded.connect(self.fit)

    def fit(self) -> None:
        table, model = self.table, self.table.model()
        header = table.horizontalHeader()
        last = header.count() - 1
        self._fitting = True
        try:
            for section in range(header.count()):
                if section in self.user_sized or section == last or header.isSectionHidden(section):
                    continue
                # The grid line is part of the column, as in sizeHintForColumn.
                content = max((table.sizeHintForIndex(model.index(row, section)).width()
                               for row in range(model.rowCount())), default=0) + int(table.showGrid())
                title = header.sectionSizeHint(section) + HEADER_PADDING
                width = max(self.minimum[section], min(max(content, title), MAX_FITTED_WIDTH))
                if width > table.columnWidth(section):
                    table.setColumnWidth(section, width)
        finally:
            self._fitting = False

    def _resized(self, section: int, _old: int, _new: int) -> None:
        # After set-up only fit() and the user's drags resize a column other than the stretched last one.
        if not self._fitting and section != self.table.horizontalHeader().count() - 1:
            self.user_sized.add(section)
