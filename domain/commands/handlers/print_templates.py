"""Saving a print template (an intention of administrators), so every PC prints the same layout.

The desktop sends the whole template, as domain.print_templates builds the
defaults; the row's id is the template's, so saving a default again updates
it. Each save raises the revision that print records name. Positions and
sizes are in millimetres from the paper's top-left corner, fonts in points.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from pydantic import Field
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.admin_org import ADMIN_ROLES
from domain.commands.handlers.fields import Id, Payload
from domain.models import PrintTemplate
from domain.print_templates import ALIGNMENTS, COLUMN_FIELDS, DOCUMENT_TYPES, FIELD_KINDS, PAGE_SETS, SUMMARY_ROWS

log = logging.getLogger(__name__)

# Maximum side of any paper the templates accept (a whole 241 mm form is 279.4 mm long).
MAX_PAPER_MM = 1000
Mm = Annotated[float, Field(ge=0, le=MAX_PAPER_MM)]
PaperMm = Annotated[Decimal, Field(gt=0, le=MAX_PAPER_MM)]
MarginMm = Annotated[Decimal, Field(ge=0, le=100)]


class TemplateField(Payload):
    name: str = Field(min_length=1, max_length=40)
    kind: Literal[FIELD_KINDS] = "text"  # type: ignore[valid-type]
    text: str = Field(default="", max_length=500)
    x_mm: Mm
    y_mm: Mm
    width_mm: Mm
    height_mm: Mm
    font_pt: float = Field(default=9, ge=4, le=72)
    bold: bool = False
    align: Literal[ALIGNMENTS] = "left"  # type: ignore[valid-type]
    pages: Literal[PAGE_SETS] = "all"  # type: ignore[valid-type]
    # Only on the table field: the height of one row and the rows under the lines.
    row_height_mm: float | None = Field(default=None, gt=2, le=50)
    summary: list[Literal[SUMMARY_ROWS]] | None = None  # type: ignore[valid-type]


class TemplateColumn(Payload):
    field: Literal[COLUMN_FIELDS]  # type: ignore[valid-type]
    title: str = Field(default="", max_length=100)
    width_mm: float = Field(gt=0, le=MAX_PAPER_MM)
    align: Literal[ALIGNMENTS] = "left"  # type: ignore[valid-type]
    # A column without a value on any line of the document (a discount) gives its width to the product column.
    hide_when_empty: bool = False


class TextMode(Payload):
    chars_per_inch: int = Field(default=12, ge=5, le=20)
    lines_per_inch: Literal[6, 8] = 6
    form_lines: int = Field(ge=5, le=200)
    line_width: int = Field(ge=20, le=300)
    encoding: Literal["gb18030", "utf-8"] = "gb18030"
    rows_per_page: int | None = Field(default=None, ge=1, le=200)


class PrintTemplateSave(Payload):
    id: Id
    document_type: Literal[DOCUMENT_TYPES]  # type: ignore[valid-type]
    name: str = Field(min_length=1, max_length=100)
    paper_size: Literal["a4", "a5", "continuous_full", "continuous_half", "continuous_third", "custom"]
    paper_width_mm: PaperMm
    paper_height_mm: PaperMm
    orientation: Literal["portrait", "landscape"] = "portrait"
    margin_top_mm: MarginMm = Decimal(0)
    margin_bottom_mm: MarginMm = Decimal(0)
    margin_left_mm: MarginMm = Decimal(0)
    margin_right_mm: MarginMm = Decimal(0)
    fields: list[TemplateField] = Field(max_length=200)
    columns: list[TemplateColumn] = Field(min_length=1, max_length=20)
    rows_per_page: int = Field(ge=1, le=200)
    fill_blank_rows: bool = True
    preprinted_form: bool = False
    # The SHA-256 of the scanned form shown behind the layout while designing. The image itself
    # stays on the designing PC; the hash lets another PC tell whether it has the same scan.
    background_image_sha256: str | None = Field(default=None, pattern="^[0-9a-f]{64}$")
    text_mode: TextMode | None = None
    is_default: bool = False
    active: bool = True


def _millimetres(value: Decimal) -> Decimal:
    # The columns store 2 decimal places; round half up like a ruler reading.
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _check_layout(payload: PrintTemplateSave) -> None:
    width = float(payload.paper_width_mm)
    height = float(payload.paper_height_mm)
    tables = [field for field in payload.fields if field.kind == "table"]
    if len(tables) != 1:
        raise CommandRejected("print_template_needs_one_table", count=len(tables))
    # 0.05 mm of slack absorbs the rounding of positions built from shares of the width.
    for field in payload.fields:
        if field.x_mm + field.width_mm > width + 0.05 or field.y_mm + field.height_mm > height + 0.05:
            raise CommandRejected("print_template_field_off_paper", field=field.name,
                                  width=f"{width:g}", height=f"{height:g}")
    table = tables[0]
    if sum(column.width_mm for column in payload.columns) > table.width_mm + 0.05:
        raise CommandRejected("print_template_columns_too_wide", width=f"{table.width_mm:g}")


@command("print_template.save", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=PrintTemplateSave)
def save_print_template(ctx: CommandContext, payload: PrintTemplateSave) -> dict[str, Any]:
    """Create or replace the template `payload.id`; a default template takes over as its paper's default."""
    _check_layout(payload)
    row = ctx.session.get(PrintTemplate, payload.id)
    if row is None:
        row = PrintTemplate(id=payload.id, revision=1)
        ctx.session.add(row)
    else:
        row.revision = (row.revision or 0) + 1
    row.document_type = payload.document_type
    row.name = payload.name
    row.paper_size = payload.paper_size
    row.paper_width_mm = _millimetres(payload.paper_width_mm)
    row.paper_height_mm = _millimetres(payload.paper_height_mm)
    row.orientation = payload.orientation
    row.margin_top_mm = _millimetres(payload.margin_top_mm)
    row.margin_bottom_mm = _millimetres(payload.margin_bottom_mm)
    row.margin_left_mm = _millimetres(payload.margin_left_mm)
    row.margin_right_mm = _millimetres(payload.margin_right_mm)
    row.fields = [field.model_dump(exclude_none=True) for field in payload.fields]
    row.columns = [column.model_dump() for column in payload.columns]
    row.rows_per_page = payload.rows_per_page
    row.fill_blank_rows = payload.fill_blank_rows
    row.preprinted_form = payload.preprinted_form
    row.background_image_sha256 = payload.background_image_sha256
    row.text_mode = payload.text_mode.model_dump(exclude_none=True) if payload.text_mode else None
    row.is_default = payload.is_default
    row.active = payload.active
    row.deleted_at = None
    if payload.is_default:
        others = ctx.session.execute(
            select(PrintTemplate).where(
                PrintTemplate.document_type == payload.document_type,
                PrintTemplate.paper_size == payload.paper_size,
                PrintTemplate.is_default.is_(True),
                PrintTemplate.id != payload.id,
            )
        ).scalars()
        for other in others:
            other.is_default = False
    log.info("print template %s (%s, %s) saved as revision %d by %s", row.id, row.document_type,
             row.paper_size, row.revision, ctx.actor.user_id)
    return {"id": row.id, "revision": row.revision}
