"""The count sheet table of the stocktake editor: Enter stores a cell and moves on, as a count by keyboard needs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.models.stocktake_sheet_model import StocktakeSheetModel


class SheetTable(QTableView):
    """The count sheet; Enter stores the cell and edits the next cell to type (see closeEditor)."""

    def __init__(self, model: StocktakeSheetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(StocktakeSheetModel.NAME, QHeaderView.ResizeMode.Stretch)

    def go_to(self, row: int, column: int, *, edit: bool) -> None:
        if not 0 <= row < self.model().rowCount():
            return
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if edit:
            # Called while the previous editor closes, when the view cannot open another one yet.
            QTimer.singleShot(0, lambda: self._edit_if_current(index))

    def _edit_if_current(self, index: QModelIndex) -> None:
        if self.currentIndex() == index and self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)

    def commit_editing(self) -> None:
        """Store the value still being typed, so Ctrl+S in the middle of typing saves it."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        index = self.currentIndex()
        self.setCurrentIndex(index.siblingAtColumn(StocktakeSheetModel.CODE))
        self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.state() == QAbstractItemView.State.EditingState:
                return  # the delegate has queued the commit, which moves down
            index = self.currentIndex()
            if index.isValid():
                self.go_to(index.row() + 1, index.column(), edit=bool(index.flags() & Qt.ItemFlag.ItemIsEditable))
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # The delegate ends Enter with SubmitModelCache: store the value and edit the line below. On an
        # added batch line, Enter moves from the batch to the expiry date and on to the counted quantity.
        submitted = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if submitted else hint)
        if not submitted:
            return
        index = self.currentIndex()
        if index.column() == StocktakeSheetModel.BATCH:
            self.go_to(index.row(), StocktakeSheetModel.EXPIRY, edit=True)
        elif index.column() == StocktakeSheetModel.EXPIRY:
            self.go_to(index.row(), StocktakeSheetModel.COUNTED, edit=True)
        else:
            self.go_to(index.row() + 1, index.column(), edit=True)
