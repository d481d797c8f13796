"""print_template.save: every default template is accepted, bad layouts and other roles are rejected."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from domain.models import PrintTemplate
from domain.print_templates import all_default_templates, default_template, template_id
from tests.domain.conftest import fixed_id, seeded_template, world  # noqa: F401  (fixtures)


def third_delivery() -> dict:
    return json.loads(json.dumps(default_template("delivery_note", "continuous_third")))


def test_every_default_template_saves(world):
    for template in all_default_templates():
        outcome = world.run("print_template.save", json.loads(json.dumps(template)))
        assert outcome.result == {"id": template["id"], "revision": 1}
    row = world.get(PrintTemplate, template_id("delivery_note", "continuous_third"))
    assert row.paper_width_mm == Decimal("241.00")
    assert row.paper_height_mm == Decimal("93.10")
    assert row.rows_per_page == 9
    assert row.text_mode["form_lines"] == 22


def test_save_again_raises_revision(world):
    template = third_delivery()
    world.run("print_template.save", template)
    template["rows_per_page"] = 8
    outcome = world.run("print_template.save", template)

    assert outcome.result["revision"] == 2
    assert world.get(PrintTemplate, template["id"]).rows_per_page == 8


def test_new_default_replaces_old_default(world):
    world.run("print_template.save", third_delivery())
    other = third_delivery()
    other["id"] = fixed_id("template:copy")
    other["name"] = "送货单 三等分 客户联"
    world.run("print_template.save", other)

    assert world.get(PrintTemplate, other["id"]).is_default
    assert not world.get(PrintTemplate, template_id("delivery_note", "continuous_third")).is_default


def test_field_off_paper_rejected(world):
    template = third_delivery()
    template["fields"][0]["y_mm"] = 90.0  # the company name, 5.5 mm high, would end at 95.5 mm

    with pytest.raises(CommandRejected) as caught:
        world.run("print_template.save", template)
    assert caught.value.code == "print_template_field_off_paper"
    assert caught.value.params["field"] == "company"


def test_template_without_table_rejected(world):
    template = third_delivery()
    template["fields"] = [field for field in template["fields"] if field["kind"] != "table"]

    with pytest.raises(CommandRejected) as caught:
        world.run("print_template.save", template)
    assert caught.value.code == "print_template_needs_one_table"


def test_columns_wider_than_table_rejected(world):
    template = third_delivery()
    template["columns"][1]["width_mm"] += 50

    with pytest.raises(CommandRejected) as caught:
        world.run("print_template.save", template)
    assert caught.value.code == "print_template_columns_too_wide"


def test_unknown_column_field_invalid(world):
    template = third_delivery()
    template["columns"][0]["field"] = "weight"

    with pytest.raises(InvalidPayload):
        world.run("print_template.save", template)


def test_clerk_may_not_save_template(world):
    with pytest.raises(NotAuthorized):
        world.run("print_template.save", third_delivery(), who="clerk")


def test_spec_payload_round_trip(world):
    from desktop.printing.template_model import default_spec, template_from_row, template_to_payload

    spec = default_spec("quotation", "a5")
    world.run("print_template.save", template_to_payload(spec))
    saved = template_from_row(world.get(PrintTemplate, spec.id))

    assert saved == spec
