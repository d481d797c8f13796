"""Print templates (打印模板) of the Administration page: every document type on every paper, saved or built-in.

Enter or a double click opens the template designer on the selected row,
with the replica's saved layout, or the built-in default when none is saved.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget
from sqlalchemy import select

from desktop.context import AppContext
from desktop.errors import show_error
from desktop.i18n import translate
from desktop.views.template_design import TemplateDesign
from desktop.views.template_designer import TemplateDesigner, document_label, paper_label
from domain.models import PrintTemplate
from domain.print_templates import DOCUMENT_TYPES, PAPER_MM, default_template

log = logging.getLogger(__name__)


def saved_templates(session) -> dict[tuple[str, str], tuple[dict[str, Any], int]]:
    """Return {(document type, paper): (dict form, revision)} of the templates the printing code would pick.

    The same order as template_model.load_template: the paper's default first, then the newest.
    """
    rows = session.execute(
        select(PrintTemplate)
        .where(PrintTemplate.active.is_(True), PrintTemplate.deleted_at.is_(None))
        .order_by(PrintTemplate.is_default.asc(), PrintTemplate.updated_at.asc())
    ).scalars()
    found: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
    for row in rows:
        # Later rows win, so the default, most recently changed row is kept.
        data = {column.name: getattr(row, column.key) for column in PrintTemplate.__table__.columns}
        found[(row.document_type, row.paper_size)] = (data, row.revision or 1)
    return found


class PrintTemplatesTab(QWidget):
    """The list of templates; the designer opens over it and the list reloads after a save or a sync."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printTemplatesTab")
        self.context = context
        self.saved: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
        self.designer: TemplateDesigner | None = None
        self.keys = [(document_type, paper) for document_type in DOCUMENT_TYPES for paper in PAPER_MM]
        self.table = QTableWidget(len(self.keys), 3, self)
        self.table.setObjectName("printTemplatesTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda index: self.open_designer(index.row()))
        self.table.installEventFilter(self)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint_label)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.table.selectRow(0)
        self.load()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([translate("PrintTemplatesTab", "Document"),
                                              translate("PrintTemplatesTab", "Paper"),
                                              translate("PrintTemplatesTab", "Layout")])
        self.hint_label.setText(translate(
            "PrintTemplatesTab", "Press Enter to design the selected template. A saved layout prints the same on "
            "every computer after it syncs."))
        self._fill()

    def load(self) -> None:
        context = self.context

        def work(control):
            with context.read_session() as session:
                return saved_templates(session)

        context.tasks.run(work, on_result=self._loaded, on_error=lambda error: show_error(self, error))

    def _loaded(self, saved) -> None:
        self.saved = saved
        self._fill()

    def _fill(self) -> None:
        for row, (document_type, paper) in enumerate(self.keys):
            stored = self.saved.get((document_type, paper))
            if stored is None:
                state = translate("PrintTemplatesTab", "Built-in default")
            else:
                state = translate("PrintTemplatesTab", "Saved, revision {revision}").format(revision=stored[1])
            for column, text in enumerate((document_label(document_type), paper_label(paper), state)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def design(self, row: int) -> TemplateDesign:
        document_type, paper = self.keys[row]
        stored = self.saved.get((document_type, paper))
        if stored is None:
            return TemplateDesign(default_template(document_type, paper), revision=0)
        return TemplateDesign(stored[0], revision=stored[1])

    def open_designer(self, row: int) -> TemplateDesigner | None:
        if row < 0:
            return None
        if self.designer is not None and self.designer.isVisible():
            self.designer.activateWindow()
            return self.designer
        self.designer = TemplateDesigner(self.context, self.design(row), self)
        self.designer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.designer.destroyed.connect(self._designer_gone)
        self.designer.saved.connect(lambda _id: self.load())
        self.designer.show()
        self.designer.canvas.setFocus()
        return self.designer

    def _designer_gone(self) -> None:
        self.designer = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_designer(self.table.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _on_changed(self, changes) -> None:
        if changes.touches("print_template"):
            self.load()
