"""A table of a form whose keyboard moves between its editable cells only."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget


class CellTable(QTableView):
    """Typing edits the current cell. Enter or Tab, also inside an editor, moves to the next editable cell.

    Past the last editable cell the focus moves on to the next widget of the form.
    """

    def __init__(self, model, editable_columns: Sequence[int], stretch_column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable_columns = tuple(editable_columns)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)

    def editable_cells(self) -> list[tuple[int, int]]:
        model = self.model()
        return [(row, column) for row in range(model.rowCount()) for column in self.editable_columns
                if model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable]

    def go_to_next_cell(self) -> bool:
        """Make the editable cell after the current one current; return False at the last one."""
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else (-1, -1)
        following = [cell for cell in self.editable_cells() if cell > here]
        if not following:
            return False
        self.setCurrentIndex(self.model().index(*following[0]))
        return True

    def commit_editing(self) -> None:
        """Store the text still being typed, so a save key pressed in the middle of typing keeps it."""
        if self.state() == QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            # Moving to another cell of the row commits the editor without moving on.
            other = 0 if index.column() != 0 else 1
            self.setCurrentIndex(index.siblingAtColumn(other))
            self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            if self.state() == QAbstractItemView.State.EditingState:
                return  # the editor passed the key on after its delegate queued the commit, which moves on
            if not self.go_to_next_cell():
                # QWidget's own focus chain: QAbstractItemView's override turns the move into a Tab
                # key press for this table again, which would come back here without end.
                QWidget.focusNextPrevChild(self, True)
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.SubmitModelCache):
            self.go_to_next_cell()
