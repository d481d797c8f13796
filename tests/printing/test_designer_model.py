"""TemplateDesign: moves, resizes, paper changes, 套打 texts, checks and the save payload."""

from __future__ import annotations

import json

import pytest

from desktop.printing.output import pdf_text
from desktop.printing.render import write_template_pdf
from desktop.views.template_backgrounds import BackgroundError, BackgroundStore
from desktop.views.template_design import TemplateDesign, placeholders_in, snap
from desktop.views.template_preview import sample_document
from domain.commands.handlers.print_templates import PrintTemplateSave
from domain.print_templates import DOCUMENT_TYPES, PAPER_MM, template_id
from tests.desktop_orders.conftest import bundled_font  # noqa: F401

SAVE_KEYS = frozenset(PrintTemplateSave.model_fields)


@pytest.fixture
def design() -> TemplateDesign:
    return TemplateDesign.default("delivery_note", "continuous_half")


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
@pytest.mark.parametrize("paper", list(PAPER_MM))
def test_defaults_have_no_problems(qapp, document_type, paper):
    problems = TemplateDesign.default(document_type, paper).check()
    assert problems == [], [problem.message for problem in problems]


def test_move_by_changes_position_only(design):
    before = dict(design.field("header_1_1"))
    design.move_by("header_1_1", 0.5, 5)
    field = design.field("header_1_1")
    assert field["x_mm"] == pytest.approx(before["x_mm"] + 0.5)
    assert field["y_mm"] == pytest.approx(before["y_mm"] + 5)
    assert field["width_mm"] == before["width_mm"]
    assert design.is_modified()


def test_move_stays_on_paper(design):
    design.move_by("company", -500, -500)
    assert (design.field("company")["x_mm"], design.field("company")["y_mm"]) == (0, 0)
    design.move_by("company", 1000, 1000)
    field = design.field("company")
    width, height = design.paper_mm
    assert field["x_mm"] + field["width_mm"] == pytest.approx(width)
    assert field["y_mm"] + field["height_mm"] == pytest.approx(height)


def test_resize_keeps_minimum_size(design):
    design.set_geometry("title", 20, 10, 0, 0)
    field = design.field("title")
    assert field["width_mm"] == 1.0
    assert field["height_mm"] == 1.0


def test_table_resize_fits_columns(design):
    table = design.table()
    height = table["height_mm"]
    design.set_geometry("table", table["x_mm"], table["y_mm"], 180, 5)
    assert design.table()["height_mm"] == height
    assert sum(column["width_mm"] for column in design.columns) <= 180
    assert design.check() == []


def test_rows_per_page_sets_table_height(design):
    table = design.table()
    extra = 1 + len(table["summary"])
    design.set_rows_per_page(5)
    assert design.data["rows_per_page"] == 5
    assert design.table()["height_mm"] == pytest.approx((5 + extra) * table["row_height_mm"])


def test_field_off_paper_named(qapp, design):
    design.set_paper("continuous_third")
    names = {problem.field for problem in design.check()}
    assert "page_number" in names
    assert all("mm" in problem.message for problem in design.check())


def test_overlap_with_table_named(qapp, design):
    table = design.table()
    design.set_geometry("header_1_1", table["x_mm"] + 5, table["y_mm"] + 10, 40, 5)
    problems = [problem for problem in design.check() if problem.field == "header_1_1"]
    assert len(problems) == 1
    assert "header_1_1" in problems[0].message


def test_zero_size_named(qapp, design):
    design.field("title")["width_mm"] = 0
    assert any(problem.field == "title" for problem in design.check())


def test_unknown_placeholder_named(qapp, design):
    design.set_property("title", "text", "{not_a_value}")
    problems = [problem for problem in design.check() if problem.field == "title"]
    assert "{not_a_value}" in problems[0].message


def test_columns_wider_than_table(qapp, design):
    design.set_column_width(1, 500)
    assert any(problem.field == "table" for problem in design.check())


def test_preprinted_keeps_labels_in_template(design):
    design.set_preprinted_form(True)
    # The labels stay in the data, so turning 套打 off later brings them back; the engine prints values only.
    assert design.preprinted_form
    assert design.spec().preprinted_form
    assert design.field("header_1_1")["text"] == "Customer: {customer_name}"
    assert design.columns[0]["title"] == "No."
    design.set_preprinted_form(False)
    assert not design.spec().preprinted_form


def test_payload_validates_as_command(design):
    design.move_by("title", 2.5, 0)
    design.background_sha256 = "ab" * 32
    payload = json.loads(json.dumps(design.payload(SAVE_KEYS)))
    saved = PrintTemplateSave.model_validate(payload)
    assert saved.id == template_id("delivery_note", "continuous_half")
    assert str(saved.paper_height_mm) == "139.70"


def test_saved_state_tracks_edits(design):
    assert not design.is_modified()
    design.move_by("title", 1, 0)
    design.mark_saved()
    assert not design.is_modified()
    design.background_sha256 = "cd" * 32
    assert design.is_modified()


def test_snap_to_grid():
    assert snap(10.26) == 10.5
    assert snap(10.24) == 10.0
    assert placeholders_in("No.: {number} {date}") == ["number", "date"]


def test_background_store(qapp, tmp_path):
    image = tmp_path / "form.png"
    image.write_bytes(b"\x89PNG fake bytes are enough for the store")
    store = BackgroundStore(tmp_path / "data")
    digest = store.add(image)
    assert store.has(digest)
    assert store.add(image) == digest
    store.assign("t1", digest)
    assert BackgroundStore(tmp_path / "data").digest_for("t1") == digest
    store.assign("t1", None)
    assert store.digest_for("t1") is None
    (tmp_path / "form.gif").write_bytes(b"GIF89a")
    with pytest.raises(BackgroundError):
        store.add(tmp_path / "form.gif")


def test_preprinted_pdf_prints_values_only(qapp, bundled_font, tmp_path):
    design = TemplateDesign.default("delivery_note", "continuous_half")
    design.set_preprinted_form(True)
    path = tmp_path / "preprinted.pdf"
    document = sample_document("delivery_note", design.data["rows_per_page"])

    assert write_template_pdf(design.spec(), document, "preprinted", path) == 1
    text = pdf_text(path)
    assert document.values["customer_name"] in text
    assert document.values["number"] in text
    assert "Customer:" not in text
    assert "Delivery note" not in text
    assert "Product" not in text
