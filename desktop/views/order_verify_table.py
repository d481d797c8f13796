"""The verification dialog's lines table: Tab, Shift+Tab and Enter move between the corrected cells only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QStyledItemDelegate, QTableView, QWidget

from desktop.models.order_verify_model import VerifyLinesModel


class NextCellDelegate(QStyledItemDelegate):
    """Ends an edit on Enter the way Tab does, so Enter moves to the next corrected cell."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class VerifyTable(QTableView):
    """The lines table; Tab, Shift+Tab and Enter visit only the corrected quantity and price cells."""

    # Emitted when Tab or Enter leaves the last corrected cell.
    left_forward = Signal()

    def editable_cells(self) -> list[QModelIndex]:
        model = self.model()
        return [model.index(row, column) for row in range(model.rowCount()) for column in VerifyLinesModel.EDITABLE]

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        cells = self.editable_cells()
        if not cells:
            return QModelIndex()
        current = self.currentIndex()
        positions = [(cell.row(), cell.column()) for cell in cells]
        current_position = (current.row(), current.column())
        if action == QAbstractItemView.CursorAction.MoveNext:
            later = [cell for cell, position in zip(cells, positions) if position > current_position]
            return later[0] if later else cells[0]
        earlier = [cell for cell, position in zip(cells, positions) if position < current_position]
        return earlier[-1] if earlier else cells[-1]

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        cells = self.editable_cells()
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and cells and self.currentIndex() == cells[-1]:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.left_forward.emit()
            return
        super().closeEditor(editor, hint)

    def finish_editing(self) -> None:
        """Commit the cell being edited, without moving, before the dialog reads the corrections."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def resume_editing(self) -> None:
        """Open the editor of the current corrected cell again, after a check closed it."""
        current = self.currentIndex()
        if current.column() not in VerifyLinesModel.EDITABLE:
            self.start_editing()
            return
        self.setFocus()
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(current)

    def start_editing(self) -> None:
        """Put the cursor in the first corrected quantity and open its editor."""
        cells = self.editable_cells()
        if cells:
            self.setFocus()
            self.setCurrentIndex(cells[0])
            if self.state() != QAbstractItemView.State.EditingState:
                self.edit(cells[0])
