"""The printer calibration dialog: the test page goes to the printer, the measured crosshair becomes the offset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from desktop.printing.output import pdf_page_sizes, pdf_text
from desktop.printing.printer_offsets import load_offset
from desktop.views.printer_calibration import PrinterCalibrationDialog
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)

POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def dialog(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "printers.ini"), QSettings.Format.IniFormat)
    widget = PrinterCalibrationDialog(None, settings)
    qtbot.addWidget(widget)
    return widget


def test_measured_crosshair_saved_as_offset(dialog):
    dialog.printer_combo.setCurrentText("EPSON LQ-630K")
    dialog.measured_x.setValue(21.5)
    dialog.measured_y.setValue(18.75)
    dialog.accept()

    assert dialog.result() == PrinterCalibrationDialog.DialogCode.Accepted
    assert load_offset("EPSON LQ-630K", dialog.settings) == (-1.5, 1.25)


def test_stored_offset_shown_for_printer(dialog):
    dialog.printer_combo.setCurrentText("EPSON LQ-630K")
    dialog.measured_x.setValue(19)
    dialog.accept()
    reopened = PrinterCalibrationDialog(None, dialog.settings)
    reopened.printer_combo.setCurrentText("EPSON LQ-630K")

    assert "1 mm right" in reopened.current_label.text()
    reopened.deleteLater()


def test_blank_printer_not_saved(dialog):
    dialog.printer_combo.setCurrentText("")
    dialog.accept()

    assert dialog.result() != PrinterCalibrationDialog.DialogCode.Accepted
    assert "printer" in dialog.result_label.text()


def test_test_page_on_chosen_paper(dialog, tmp_path):
    path = tmp_path / "test-page.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("continuous_third"))

    dialog.print_test_page(printer)

    width, height = pdf_page_sizes(path)[0]
    assert abs(width - 241 * POINTS_PER_MM) <= 0.5
    assert abs(height - 93.1 * POINTS_PER_MM) <= 0.5
    assert "crosshair" in pdf_text(path)
