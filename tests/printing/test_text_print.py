"""Delivery notes sent as ESC/P text to a dot-matrix printer: the raw job, the count, the reprint mark, failures."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from domain.models import PrintRecord
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.keyboard import press, type_text
from tests.printing.delivery_page import counts, deliveries  # noqa: F401  (fixture)

pytestmark = pytest.mark.timeout(240)

_sales_template = order_fixtures._sales_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font

PRINTER = "EPSON-LQ-630K"
# A stand-in for CUPS's lp: it keeps each raw job in a file named after the job title, or fails while $JOBS/fail exists.
FAKE_LP = """#!/bin/sh
title=""
while [ $# -gt 0 ]; do
    case "$1" in
        -t) title="$2"; shift 2 ;;
        *) shift ;;
    esac
done
if [ -e "$JOBS/fail" ]; then
    echo "lp: printer is paused" >&2
    exit 1
fi
cat > "$JOBS/$title.prn"
echo "request id is $title-1"
"""


@pytest.fixture
def jobs(tmp_path, monkeypatch):
    """A folder that receives the raw jobs of the fake lp, which comes first on PATH."""
    folder = tmp_path / "jobs"
    folder.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(FAKE_LP)
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("JOBS", str(folder))
    return folder


def test_notes_sent_as_text_and_counted(qtbot, jobs, deliveries):
    view = deliveries
    first, second = view.deliveries_model.row_at(0), view.deliveries_model.row_at(1)

    view.text_printing.print_documents([first.id, second.id], PRINTER)
    qtbot.waitUntil(lambda: counts(view) == {first.number: 1, second.number: 1}, timeout=15_000)

    job = (jobs / f"{first.number}.prn").read_bytes()
    assert job.startswith(b"\x1b@")
    assert b"\x1bC" in job[:8]
    assert first.number.encode() in job
    assert "昆明茶叶商行".encode("gb18030") in job
    assert job.rstrip(b"\r\n").endswith(b"\f")
    assert (jobs / f"{second.number}.prn").exists()
    assert view.message_label.text() == f"Sent to {PRINTER} as text: {first.number}, {second.number}."
    assert view.printing.printers.printer_for("delivery_note_text") == PRINTER

    # A second print is a reprint: it needs a reason and the text carries the mark.
    view.text_printing.print_documents([first.id], PRINTER)
    qtbot.waitUntil(lambda: view.printing.reprint_dialog is not None and view.printing.reprint_dialog.isVisible(),
                    timeout=10_000)
    dialog = view.printing.reprint_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "ribbon ran dry")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counts(view)[first.number] == 2, timeout=15_000)
    assert b"Reprint no. 2" in (jobs / f"{first.number}.prn").read_bytes()
    with view.context.replica.transaction() as session:
        reasons = {(r.document_number, r.print_number): r.reason for r in session.query(PrintRecord)}
    assert reasons[(first.number, 2)] == "ribbon ran dry"


def test_failed_job_counts_nothing(qtbot, jobs, deliveries):
    view = deliveries
    first = view.deliveries_model.row_at(0)
    (jobs / "fail").touch()

    view.text_printing.print_documents([first.id], PRINTER)
    qtbot.waitUntil(lambda: view.message_label.text().startswith("Printing stopped"), timeout=15_000)

    text = view.message_label.text()
    assert first.number in text
    assert PRINTER in text
    assert "printer is paused" in text
    assert counts(view)[first.number] == 0


def test_ctrl_shift_t_without_printers_says_so(qtbot, jobs, deliveries):
    view = deliveries
    view.deliveries_table.selectRow(0)
    action = view.findChild(QAction, "printSelectedAsText")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+T")
    assert action in view.deliveries_table.actions()

    # Triggered as the key does; the offscreen platform has no printers, so the question names what to install.
    action.trigger()

    qtbot.waitUntil(lambda: view.message_label.text().startswith("No printer is installed"), timeout=10_000)
    assert counts(view) == dict.fromkeys(counts(view), 0)
