"""The printer calibration dialog: print the test page, type where its crosshair landed, store the offset.

The offset is kept for the named printer on this PC only (desktop.printing.
printer_offsets) and shifts every later print on that printer, so pin-feed
forms line up with their pre-printed boxes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, QSizeF
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.layout import page_layout
from desktop.printing.printer_offsets import (
    MAX_OFFSET_MM,
    TEST_MARK_MM,
    load_offset,
    offset_from_test_page,
    paint_test_page,
    store_offset,
)
from domain.print_templates import PAPER_MM

log = logging.getLogger(__name__)


class PrinterCalibrationDialog(QDialog):
    """Calibrate one printer's X/Y offset in millimetres from the printed test page."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrinterCalibrationDialog")
        self.setWindowTitle(self.tr("Printer calibration"))
        self.settings = settings or QSettings()

        self.printer_combo = QComboBox(self)
        self.printer_combo.setObjectName("calibrationPrinter")
        # Editable, so a printer that is switched off or not installed yet can still be named.
        self.printer_combo.setEditable(True)
        self.printer_combo.addItems(QPrinterInfo.availablePrinterNames())
        default = QPrinterInfo.defaultPrinterName()
        if default:
            self.printer_combo.setCurrentText(default)

        self.paper_combo = QComboBox(self)
        self.paper_combo.setObjectName("calibrationPaper")
        for paper, (width, height) in PAPER_MM.items():
            self.paper_combo.addItem(self.tr("{width} × {height} mm").format(width=f"{width:g}", height=f"{height:g}"),
                                     paper)

        self.measured_x = self._millimetre_box("measuredX")
        self.measured_y = self._millimetre_box("measuredY")
        self.current_label = QLabel(self)
        self.current_label.setObjectName("calibrationCurrent")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("calibrationResult")
        self.result_label.setWordWrap(True)

        self.print_button = QPushButton(self.tr("&Print test page"), self)
        self.print_button.setObjectName("printTestPage")
        self.print_button.clicked.connect(lambda: self.print_test_page())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        instructions = QLabel(self.tr(
            "Print the test page on the form paper, measure how far the crosshair is from the left and top "
            "paper edges, and enter both distances. The crosshair should be {mark} mm from each edge."
        ).format(mark=f"{TEST_MARK_MM:g}"), self)
        instructions.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("P&rinter:"), self.printer_combo)
        form.addRow(self.tr("P&aper:"), self.paper_combo)
        form.addRow(self.tr("Crosshair from the &left edge (mm):"), self.measured_x)
        form.addRow(self.tr("Crosshair from the &top edge (mm):"), self.measured_y)
        layout = QVBoxLayout(self)
        layout.addWidget(instructions)
        layout.addLayout(form)
        layout.addWidget(self.current_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.print_button)
        layout.addWidget(self.buttons)

        self.printer_combo.currentTextChanged.connect(self._show_current)
        self.measured_x.valueChanged.connect(self._show_result)
        self.measured_y.valueChanged.connect(self._show_result)
        self._show_current()
        self._show_result()

    def _millimetre_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setDecimals(2)
        box.setSingleStep(0.25)
        box.setRange(TEST_MARK_MM - MAX_OFFSET_MM, TEST_MARK_MM + MAX_OFFSET_MM)
        box.setValue(TEST_MARK_MM)
        return box

    @property
    def printer_name(self) -> str:
        return self.printer_combo.currentText().strip()

    @property
    def offset(self) -> tuple[float, float]:
        return offset_from_test_page(self.measured_x.value(), self.measured_y.value())

    def _show_current(self) -> None:
        x, y = load_offset(self.printer_name, self.settings) if self.printer_name else (0.0, 0.0)
        self.current_label.setText(self.tr("Stored offset: {x} mm right, {y} mm down").format(
            x=f"{x:g}", y=f"{y:g}"))

    def _show_result(self) -> None:
        x, y = self.offset
        self.result_label.setText(self.tr("Saving moves every print on this printer {x} mm right and {y} mm down.")
                                  .format(x=f"{x:g}", y=f"{y:g}"))

    def print_test_page(self, printer: QPrinter | None = None) -> None:
        """Print the test page on the chosen paper to `printer`, by default the printer named in the dialog."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPrinterName(self.printer_name)
        width, height = PAPER_MM[self.paper_combo.currentData()]
        page_mm = QSizeF(width, height)
        printer.setFullPage(True)
        printer.setPageLayout(page_layout(page_mm))
        printer.setDocName(self.tr("Printer calibration"))
        paint_test_page(printer, printer.resolution(), page_mm)
        log.info("printed the calibration test page on %r (%s)", printer.printerName(), self.paper_combo.currentData())

    def accept(self) -> None:
        if not self.printer_name:
            self.result_label.setText(self.tr("Choose or type the printer to calibrate first."))
            self.printer_combo.setFocus()
            return
        x, y = self.offset
        store_offset(self.printer_name, x, y, self.settings)
        super().accept()
