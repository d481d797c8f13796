"""The designer's property panel: the chosen field's place and size in millimetres, its font, text and columns.

Every edit goes straight into the TemplateDesign and is announced by
`changed`, so the canvas and the live preview follow what is typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.views.template_design import FINE_STEP_MM, TemplateDesign

log = logging.getLogger(__name__)


def _millimetre_box(parent: QWidget, name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setObjectName(name)
    box.setDecimals(2)
    box.setRange(0, 1000)
    box.setSingleStep(FINE_STEP_MM)
    box.setSuffix(" mm")
    box.setKeyboardTracking(False)
    return box


def alignment_label(align: str) -> str:
    return {
        "left": translate("TemplatePanel", "Left"),
        "center": translate("TemplatePanel", "Centre"),
        "right": translate("TemplatePanel", "Right"),
    }.get(align, align)


def pages_label(pages: str) -> str:
    return {
        "all": translate("TemplatePanel", "Every page"),
        "first": translate("TemplatePanel", "First page only"),
        "last": translate("TemplatePanel", "Last page only"),
    }.get(pages, pages)


class TemplatePanel(QWidget):
    """Edits one field at a time, chosen in the field list or by clicking its box on the canvas."""

    changed = Signal()
    field_chosen = Signal(str)

    def __init__(self, design: TemplateDesign, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatePanel")
        self.design = design
        self.current: str | None = None

        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("templateFieldCombo")
        self.field_combo.activated.connect(lambda index: self._choose(self.field_combo.itemData(index)))
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("templateFieldText")
        self.text_edit.textEdited.connect(lambda text: self._set("text", text))
        self.placeholder_combo = QComboBox(self)
        self.placeholder_combo.setObjectName("templatePlaceholderCombo")
        self.placeholder_combo.activated.connect(self._insert_placeholder)
        self.x_box = _millimetre_box(self, "templateX")
        self.y_box = _millimetre_box(self, "templateY")
        self.width_box = _millimetre_box(self, "templateWidth")
        self.height_box = _millimetre_box(self, "templateHeight")
        for box in (self.x_box, self.y_box, self.width_box, self.height_box):
            box.valueChanged.connect(self._geometry_typed)
        self.font_box = QDoubleSpinBox(self)
        self.font_box.setObjectName("templateFontPt")
        self.font_box.setRange(4, 72)
        self.font_box.setDecimals(1)
        self.font_box.setSingleStep(0.5)
        self.font_box.setSuffix(" pt")
        self.font_box.setKeyboardTracking(False)
        self.font_box.valueChanged.connect(lambda value: self._set("font_pt", value))
        self.bold_check = QCheckBox(self)
        self.bold_check.setObjectName("templateBold")
        self.bold_check.toggled.connect(lambda on: self._set("bold", on))
        self.align_combo = QComboBox(self)
        self.align_combo.setObjectName("templateAlign")
        for align in ("left", "center", "right"):
            self.align_combo.addItem("", align)
        self.align_combo.activated.connect(lambda index: self._set("align", self.align_combo.itemData(index)))
        self.pages_combo = QComboBox(self)
        self.pages_combo.setObjectName("templatePages")
        for pages in ("all", "first", "last"):
            self.pages_combo.addItem("", pages)
        self.pages_combo.activated.connect(lambda index: self._set("pages", self.pages_combo.itemData(index)))
        self.rows_box = QSpinBox(self)
        self.rows_box.setObjectName("templateRowsPerPage")
        self.rows_box.setRange(1, 200)
        self.rows_box.setKeyboardTracking(False)
        self.rows_box.valueChanged.connect(self._rows_typed)
        self.columns_table = QTableWidget(0, 2, self)
        self.columns_table.setObjectName("templateColumns")
        self.columns_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns_table.itemChanged.connect(self._column_typed)

        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, widget in (("field", self.field_combo), ("text", self.text_edit),
                            ("placeholder", self.placeholder_combo), ("x", self.x_box), ("y", self.y_box),
                            ("width", self.width_box), ("height", self.height_box), ("font", self.font_box),
                            ("bold", self.bold_check), ("align", self.align_combo), ("pages", self.pages_combo),
                            ("rows", self.rows_box)):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, widget)
        self.columns_label = QLabel(self)
        self.columns_label.setBuddy(self.columns_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.columns_table, 1)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        texts = {
            "field": translate("TemplatePanel", "&Field:"),
            "text": translate("TemplatePanel", "&Text:"),
            "placeholder": translate("TemplatePanel", "Insert val&ue:"),
            "x": translate("TemplatePanel", "&X from left:"),
            "y": translate("TemplatePanel", "&Y from top:"),
            "width": translate("TemplatePanel", "&Width:"),
            "height": translate("TemplatePanel", "&Height:"),
            "font": translate("TemplatePanel", "F&ont size:"),
            "bold": translate("TemplatePanel", "&Bold:"),
            "align": translate("TemplatePanel", "&Alignment:"),
            "pages": translate("TemplatePanel", "On pa&ges:"),
            "rows": translate("TemplatePanel", "Li&nes per page:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.columns_label.setText(translate("TemplatePanel", "Table &columns (title and width in mm):"))
        self.columns_table.setHorizontalHeaderLabels(
            [translate("TemplatePanel", "Title"), translate("TemplatePanel", "Width (mm)")])
        self.text_edit.setToolTip(translate(
            "TemplatePanel", "Printed as typed; a name in braces such as {number} prints the document's value."))
        for index in range(self.align_combo.count()):
            self.align_combo.setItemText(index, alignment_label(self.align_combo.itemData(index)))
        for index in range(self.pages_combo.count()):
            self.pages_combo.setItemText(index, pages_label(self.pages_combo.itemData(index)))
        self._fill_placeholders()

    def _fill_placeholders(self) -> None:
        with QSignalBlocker(self.placeholder_combo):
            self.placeholder_combo.clear()
            self.placeholder_combo.addItem(translate("TemplatePanel", "Choose a value to insert…"), None)
            for name in self.design.placeholders():
                self.placeholder_combo.addItem("{" + name + "}", name)

    def set_design(self, design: TemplateDesign) -> None:
        self.design = design
        self._fill_placeholders()
        self.reload()

    def reload(self) -> None:
        """Refill the field list, the columns and the chosen field's values from the design."""
        with QSignalBlocker(self.field_combo):
            self.field_combo.clear()
            for field in self.design.fields:
                self.field_combo.addItem(field["name"], field["name"])
        with QSignalBlocker(self.rows_box):
            self.rows_box.setValue(int(self.design.data.get("rows_per_page", 1)))
        with QSignalBlocker(self.columns_table):
            self.columns_table.setRowCount(len(self.design.columns))
            for row, column in enumerate(self.design.columns):
                self.columns_table.setVerticalHeaderItem(row, QTableWidgetItem(column["field"]))
                self.columns_table.setItem(row, 0, QTableWidgetItem(column["title"]))
                self.columns_table.setItem(row, 1, QTableWidgetItem(f"{float(column['width_mm']):g}"))
        names = [field["name"] for field in self.design.fields]
        if self.current in names:
            self.show_field(self.current)
        elif names:
            self.show_field(names[0])

    def show_field(self, name: str | None) -> None:
        self.current = name
        if name is None:
            return
        field = self.design.field(name)
        blockers = [QSignalBlocker(widget) for widget in (
            self.field_combo, self.text_edit, self.x_box, self.y_box, self.width_box, self.height_box,
            self.font_box, self.bold_check, self.align_combo, self.pages_combo)]
        self.field_combo.setCurrentIndex(self.field_combo.findData(name))
        self.text_edit.setText(field.get("text", ""))
        self.x_box.setValue(field["x_mm"])
        self.y_box.setValue(field["y_mm"])
        self.width_box.setValue(field["width_mm"])
        self.height_box.setValue(field["height_mm"])
        self.font_box.setValue(float(field.get("font_pt", 9)))
        self.bold_check.setChecked(bool(field.get("bold")))
        self.align_combo.setCurrentIndex(max(0, self.align_combo.findData(field.get("align", "left"))))
        self.pages_combo.setCurrentIndex(max(0, self.pages_combo.findData(field.get("pages", "all"))))
        del blockers
        is_table = field["kind"] == "table"
        # A table's height follows its lines per page, and its text is unused.
        self.height_box.setEnabled(not is_table)
        self.text_edit.setEnabled(not is_table)
        self.placeholder_combo.setEnabled(not is_table)

    def _choose(self, name: str | None) -> None:
        self.show_field(name)
        if name is not None:
            self.field_chosen.emit(name)

    def _set(self, key: str, value) -> None:
        if self.current is None:
            return
        self.design.set_property(self.current, key, value)
        self.changed.emit()

    def _geometry_typed(self) -> None:
        if self.current is None:
            return
        self.design.set_geometry(self.current, self.x_box.value(), self.y_box.value(), self.width_box.value(),
                                 self.height_box.value())
        # The model keeps the box on the paper, so show where it really went.
        self.show_field(self.current)
        self._refill_column_widths()
        self.changed.emit()

    def _rows_typed(self, rows: int) -> None:
        self.design.set_rows_per_page(rows)
        if self.current is not None:
            self.show_field(self.current)
        self.changed.emit()

    def _insert_placeholder(self, index: int) -> None:
        name = self.placeholder_combo.itemData(index)
        self.placeholder_combo.setCurrentIndex(0)
        if name is None or self.current is None or not self.text_edit.isEnabled():
            return
        self.text_edit.insert("{" + name + "}")
        self._set("text", self.text_edit.text())
        self.text_edit.setFocus()

    def _column_typed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == 0:
            self.design.set_column_title(row, item.text())
        else:
            try:
                width = float(item.text().replace(",", ".").removesuffix("mm").strip())
            except ValueError:
                with QSignalBlocker(self.columns_table):
                    item.setText(f"{float(self.design.columns[row]['width_mm']):g}")
                return
            self.design.set_column_width(row, width)
        self.changed.emit()

    def _refill_column_widths(self) -> None:
        with QSignalBlocker(self.columns_table):
            for row, column in enumerate(self.design.columns):
                self.columns_table.item(row, 1).setText(f"{float(column['width_mm']):g}")
