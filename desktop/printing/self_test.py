"""`kaidan --self-test`: prove that this installation can open a replica and print a delivery note.

It catches what a bundle can lose on the way to a clerk's PC (a Qt plugin,
the CJK font, the translations, the replica migrations): it opens a replica,
renders a delivery note with Chinese text to PDF, reads the PDF back with
QtPdf and checks that the customer's name, the document number and the
amount in Chinese capitals came back. Exit status 0 means all of it worked.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pathlib
import sys
import tempfile
from decimal import Decimal

from sqlalchemy import select

log = logging.getLogger(__name__)

SAMPLE_CUSTOMER = "昆明茶叶商行"


def sample_note():
    """Return a three-line delivery note with Chinese text, used when the replica has none."""
    from desktop.printing.delivery_note import DeliveryNoteData, PrintLine
    from domain.money import line_amount

    lines = tuple(
        PrintLine(product, unit, Decimal(quantity), Decimal(price), line_amount(Decimal(quantity), Decimal(price)))
        for product, unit, quantity, price in (
            ("P001 普洱茶饼 357克", "饼", "12", "88.50"),
            ("P002 滇红工夫 250克", "盒", "3", "126.00"),
            ("P003 茶具套装", "套", "1", "9.06"),
        )
    )
    return DeliveryNoteData(
        company="开单示范贸易有限公司",
        number="DN-SELFTEST-20260101-0001",
        document_date=dt.date(2026, 1, 1),
        customer_name=SAMPLE_CUSTOMER,
        address="云南省昆明市五华区青年路 1 号",
        phone="0871-6310 0000",
        lines=lines,
        total=sum((line.amount for line in lines), Decimal(0)),
    )


def _latest_delivery(replica):
    from desktop.printing.delivery_note import load_delivery_note
    from domain.models import DeliveryNote

    with replica.transaction() as session:
        delivery_id = session.scalar(select(DeliveryNote.id).order_by(DeliveryNote.document_date.desc(), DeliveryNote.id.desc()).limit(1))
        return load_delivery_note(session, delivery_id) if delivery_id else None


def run_self_test(data_dir: str | None, language_override: str | None = None) -> int:
    """Run the checks; print what failed to stderr, in the language of `language_override` or the OS
    locale, and return the exit status."""
    # The self-test needs no window, so it also runs on a machine with no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import choose_language, install_translations, register_fonts, translate
    from desktop.printing.capitals import amount_in_capitals
    from desktop.printing.output import pdf_text, write_pdf
    from sync.client import open_replica

    app = QApplication.instance() or QApplication(sys.argv[:1])
    language = choose_language(language_override)
    if not install_translations(app, language):
        # A lost translation is one of the faults this test is for.
        print(f"self-test failed: the {language} translation could not be loaded", file=sys.stderr)
        return 1
    families = register_fonts()
    if not families:
        print(translate("SelfTest", "self-test failed: the bundled CJK font could not be registered"), file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="kaidan-self-test-") as scratch:
        location = pathlib.Path(data_dir) if data_dir else pathlib.Path(scratch) / "replica"
        replica = open_replica(location)
        try:
            note = _latest_delivery(replica) or sample_note()
        finally:
            replica.close()
        pdf_path = pathlib.Path(scratch) / "delivery-note.pdf"
        pages = write_pdf(note, pdf_path)
        text = pdf_text(pdf_path)

    expected = {
        translate("SelfTest", "customer name '{value}'"): note.customer_name,
        translate("SelfTest", "document number '{value}'"): note.number,
        translate("SelfTest", "amount in capitals '{value}'"): amount_in_capitals(note.total),
    }
    missing = [what.format(value=value) for what, value in expected.items() if value and value not in text]
    if missing:
        print(translate("SelfTest", "self-test failed: the delivery note PDF lacks {missing}").format(
            missing=translate("SelfTest", ", ").join(missing)
        ), file=sys.stderr)
        return 1
    if data_dir:
        passed = translate(
            "SelfTest", "self-test passed: replica at {folder}, delivery note {number} rendered to PDF with font {font} "
            "(pages: {pages})")
    else:
        passed = translate(
            "SelfTest", "self-test passed: replica in a temporary folder, delivery note {number} rendered to PDF "
            "with font {font} (pages: {pages})")
    print(passed.format(folder=location, number=note.number, font=families[0], pages=pages))
    del app
    return 0
