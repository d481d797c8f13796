"""The header of a detail dialog: caption and value labels in two columns, and a state line under them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

ALARM_STYLE = "QLabel { color: #b3261e; font-weight: bold; }"


def header_grid(parent: QWidget, keys: Sequence[str], object_prefix: str, left_rows: int,
                right_aligned: Collection[str] = ()) -> tuple[QGridLayout, dict[str, QLabel], dict[str, QLabel]]:
    """Return the grid and the caption and value labels by key.

    The first `left_rows` keys fill the left column pair and the rest the
    right one. Values are selectable with the mouse and named
    "{object_prefix}_{key}"; the keys in `right_aligned` (amounts) align right.
    """
    captions: dict[str, QLabel] = {}
    values: dict[str, QLabel] = {}
    grid = QGridLayout()
    for number, key in enumerate(keys):
        caption = QLabel(parent)
        value = QLabel(parent)
        value.setObjectName(f"{object_prefix}_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if key in right_aligned:
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row, column = (number, 0) if number < left_rows else (number - left_rows, 2)
        grid.addWidget(caption, row, column)
        grid.addWidget(value, row, column + 1)
        captions[key] = caption
        values[key] = value
    grid.setColumnStretch(1, 2)
    grid.setColumnStretch(3, 1)
    return grid, captions, values


def state_label(parent: QWidget, object_name: str) -> QLabel:
    """Return the hidden, bold red line that shows that a record is deleted or inactive."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setStyleSheet(ALARM_STYLE)
    label.hide()
    return label
