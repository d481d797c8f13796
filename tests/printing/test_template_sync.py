"""A template edited on one client prints the same on another: saved by command, synced through the real server."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import QSizeF

from desktop.printing.output import pdf_page_texts, write_pdf
from desktop.printing.template_model import load_preferred_template, load_template
from domain.models import PrintTemplate
from domain.print_templates import default_template
from sync.client import open_replica, submit, sync
from tests.desktop_orders.conftest import PASSWORD, _sales_template, bundled_font, memory_keyring, qapp_args, sales_server  # noqa: F401
from tests.desktop_orders.return_data import read_server
from tests.printing import sample_documents
from tests.printing.golden_images import differing_share, rasterise
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(180)

ADMIN = "admin1"
EDITED_TITLE = "送货单（客户联）"
THIRD_MM = QSizeF(241, 93.1)


def edited_template() -> dict:
    """The default 三等分 delivery note with a new title, the customer moved 5 mm right and 8 rows a page."""
    template = json.loads(json.dumps(default_template("delivery_note", "continuous_third")))
    for field in template["fields"]:
        if field["name"] == "title":
            field["text"] = EDITED_TITLE
        if field["name"] == "header_1_1":
            field["x_mm"] += 5
            field["width_mm"] -= 5
    template["rows_per_page"] = 8
    return template


@pytest.fixture
def admin_replicas(tmp_path, sales_server, memory_keyring):
    add_user(sales_server.database_url, ADMIN, "admin", PASSWORD, "D1", create_department=False)
    first = open_replica(tmp_path / "first")
    second = open_replica(tmp_path / "second")
    sync(first, sales_server.url, ADMIN, PASSWORD)
    sync(second, sales_server.url, ADMIN, PASSWORD)
    yield first, second
    first.close()
    second.close()


def test_edited_template_prints_same_on_second_client(qapp, tmp_path, sales_server, admin_replicas):
    first, second = admin_replicas
    template = edited_template()

    submit(first, "print_template.save", template)
    assert sync(first, sales_server.url, ADMIN).push.rejected == 0
    stored = read_server(sales_server.database_url, PrintTemplate, PrintTemplate.id == template["id"])
    assert len(stored) == 1
    assert stored[0].rows_per_page == 8
    sync(second, sales_server.url, ADMIN)

    with first.transaction() as session:
        on_first = load_template(session, "delivery_note", "continuous_third")
    with second.transaction() as session:
        on_second = load_template(session, "delivery_note", "continuous_third")
        preferred = load_preferred_template(session, "delivery_note")
    assert on_second == on_first
    assert on_second.rows_per_page == 8
    assert preferred == on_second

    note = sample_documents.delivery_note(60)
    first_pdf, second_pdf = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert write_pdf(dataclasses.replace(note, template=on_first), first_pdf, THIRD_MM) == 8
    assert write_pdf(dataclasses.replace(note, template=on_second), second_pdf, THIRD_MM) == 8
    texts = pdf_page_texts(second_pdf)
    assert all(EDITED_TITLE in text for text in texts)
    assert all("Delivery note" not in text for text in texts)
    for page in range(len(texts)):
        assert differing_share(rasterise(first_pdf, page), rasterise(second_pdf, page)) == 0


def test_second_save_raises_revision(qapp, sales_server, admin_replicas):
    first, second = admin_replicas
    template = edited_template()

    submit(first, "print_template.save", template)
    template["rows_per_page"] = 7
    submit(first, "print_template.save", template)
    assert sync(first, sales_server.url, ADMIN).push.rejected == 0
    sync(second, sales_server.url, ADMIN)

    with second.transaction() as session:
        on_second = load_template(session, "delivery_note", "continuous_third")
    assert on_second.revision == 2
    assert on_second.rows_per_page == 7
