"""A print template as the engine reads it: typed, read-only, from a PrintTemplate row or a default dict.

The data itself is domain.print_templates' dict form (the `print_template.save`
payload); this module only gives it types and finds the template to print
with: the replica's saved one for the document type and paper, else the
built-in default.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import PrintTemplate
from domain.print_templates import MM_PER_INCH, default_template

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """A placed box on the page: a text with {placeholders}, a QR code of a value, or the lines table."""

    name: str
    kind: str
    text: str
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    font_pt: float = 9.0
    bold: bool = False
    align: str = "left"
    pages: str = "all"
    row_height_mm: float = 6.0
    summary: tuple[str, ...] = ()

    def prints_on(self, page_index: int, pages: int) -> bool:
        if self.pages == "first":
            return page_index == 0
        if self.pages == "last":
            return page_index == pages - 1
        return True


@dataclasses.dataclass(frozen=True)
class ColumnSpec:
    field: str
    title: str
    width_mm: float
    align: str = "left"
    hide_when_empty: bool = False


@dataclasses.dataclass(frozen=True)
class TextModeSpec:
    """The dot-matrix layout: characters per inch, lines per inch and the form length in lines."""

    chars_per_inch: int
    lines_per_inch: int
    form_lines: int
    line_width: int
    encoding: str = "gb18030"
    rows_per_page: int | None = None

    def characters(self, width_mm: float) -> int:
        """Return how many single-width characters fit in `width_mm` at this pitch."""
        return int(width_mm / MM_PER_INCH * self.chars_per_inch)


@dataclasses.dataclass(frozen=True)
class TemplateSpec:
    id: str
    document_type: str
    name: str
    paper_size: str
    paper_width_mm: float
    paper_height_mm: float
    orientation: str
    fields: tuple[FieldSpec, ...]
    columns: tuple[ColumnSpec, ...]
    rows_per_page: int
    fill_blank_rows: bool
    text_mode: TextModeSpec | None
    revision: int = 1
    # Top, right, bottom and left margins: the area a designer keeps fields inside; fields carry their own positions.
    margins_mm: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    # Printed over a pre-printed form (套打): the engine prints the values only.
    preprinted_form: bool = False
    # SHA-256 of the scanned form the designer shows behind the layout; never printed.
    background_image_sha256: str | None = None

    @property
    def table(self) -> FieldSpec:
        return next(field for field in self.fields if field.kind == "table")


def template_from_dict(data: dict[str, Any], revision: int = 1) -> TemplateSpec:
    """Build a TemplateSpec from the dict form; unknown keys are ignored so newer templates still print."""
    fields = []
    for raw in data.get("fields") or []:
        fields.append(FieldSpec(
            name=str(raw.get("name", "")),
            kind=str(raw.get("kind", "text")),
            text=str(raw.get("text", "")),
            x_mm=float(raw["x_mm"]),
            y_mm=float(raw["y_mm"]),
            width_mm=float(raw["width_mm"]),
            height_mm=float(raw["height_mm"]),
            font_pt=float(raw.get("font_pt", 9)),
            bold=bool(raw.get("bold", False)),
            align=str(raw.get("align", "left")),
            pages=str(raw.get("pages", "all")),
            row_height_mm=float(raw.get("row_height_mm") or 6.0),
            summary=tuple(raw.get("summary") or ()),
        ))
    columns = tuple(
        ColumnSpec(str(raw["field"]), str(raw.get("title", "")), float(raw["width_mm"]), str(raw.get("align", "left")),
                   bool(raw.get("hide_when_empty", False)))
        for raw in data.get("columns") or []
    )
    text_mode = None
    raw_text = data.get("text_mode")
    if raw_text:
        text_mode = TextModeSpec(
            chars_per_inch=int(raw_text.get("chars_per_inch", 12)),
            lines_per_inch=int(raw_text.get("lines_per_inch", 6)),
            form_lines=int(raw_text["form_lines"]),
            line_width=int(raw_text["line_width"]),
            encoding=str(raw_text.get("encoding", "gb18030")),
            rows_per_page=raw_text.get("rows_per_page"),
        )
    if sum(1 for field in fields if field.kind == "table") != 1:
        raise ValueError(f"print template {data.get('id')} must have exactly one table field")
    return TemplateSpec(
        id=str(data.get("id", "")),
        document_type=str(data["document_type"]),
        name=str(data.get("name", "")),
        paper_size=str(data.get("paper_size", "custom")),
        paper_width_mm=float(data["paper_width_mm"]),
        paper_height_mm=float(data["paper_height_mm"]),
        orientation=str(data.get("orientation", "portrait")),
        fields=tuple(fields),
        columns=columns,
        rows_per_page=max(1, int(data.get("rows_per_page", 10))),
        fill_blank_rows=bool(data.get("fill_blank_rows", True)),
        text_mode=text_mode,
        revision=revision,
        margins_mm=tuple(float(data.get(f"margin_{side}_mm") or 0) for side in ("top", "right", "bottom", "left")),
        preprinted_form=bool(data.get("preprinted_form", False)),
        background_image_sha256=data.get("background_image_sha256") or None,
    )


def template_from_row(row: PrintTemplate) -> TemplateSpec:
    data = {column.name: getattr(row, column.key) for column in PrintTemplate.__table__.columns}
    return template_from_dict(data, revision=row.revision or 1)


def default_spec(document_type: str, paper_size: str, custom_mm: tuple[float, float] | None = None) -> TemplateSpec:
    return template_from_dict(default_template(document_type, paper_size, custom_mm))


def load_template(session: Session, document_type: str, paper_size: str) -> TemplateSpec:
    """Return the template to print `document_type` on `paper_size` with.

    The replica's active default template of that type and paper wins, then
    its most recently changed active one, then the built-in default.
    """
    row = session.execute(
        select(PrintTemplate)
        .where(
            PrintTemplate.document_type == document_type,
            PrintTemplate.paper_size == paper_size,
            PrintTemplate.active.is_(True),
            PrintTemplate.deleted_at.is_(None),
        )
        .order_by(PrintTemplate.is_default.desc(), PrintTemplate.updated_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return default_spec(document_type, paper_size)
    try:
        return template_from_row(row)
    except (KeyError, TypeError, ValueError):
        # A damaged template must not stop printing, so log it and print the default.
        log.exception("print template %s is invalid; printing with the default layout", row.id)
        return default_spec(document_type, paper_size)


def load_preferred_template(session: Session, document_type: str) -> TemplateSpec | None:
    """Return the replica's default template of `document_type` on any paper, or None when it has none saved."""
    row = session.execute(
        select(PrintTemplate)
        .where(
            PrintTemplate.document_type == document_type,
            PrintTemplate.is_default.is_(True),
            PrintTemplate.active.is_(True),
            PrintTemplate.deleted_at.is_(None),
        )
        .order_by(PrintTemplate.updated_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    try:
        return template_from_row(row)
    except (KeyError, TypeError, ValueError):
        log.exception("print template %s is invalid; printing with the default layout", row.id)
        return None


def template_to_payload(template: TemplateSpec, *, is_default: bool = True) -> dict[str, Any]:
    """Return the `print_template.save` payload of `template`, so a designer saves what it edited.

    The desktop submits it like any command (context.tasks.submit).
    """
    fields = []
    for field in template.fields:
        data = {
            "name": field.name, "kind": field.kind, "text": field.text,
            "x_mm": field.x_mm, "y_mm": field.y_mm, "width_mm": field.width_mm, "height_mm": field.height_mm,
            "font_pt": field.font_pt, "bold": field.bold, "align": field.align, "pages": field.pages,
        }
        if field.kind == "table":
            data.update(row_height_mm=field.row_height_mm, summary=list(field.summary))
        fields.append(data)
    payload: dict[str, Any] = {
        "id": template.id,
        "document_type": template.document_type,
        "name": template.name,
        "paper_size": template.paper_size,
        # Strings, because the command takes millimetre columns as decimals.
        "paper_width_mm": f"{template.paper_width_mm:.2f}",
        "paper_height_mm": f"{template.paper_height_mm:.2f}",
        "orientation": template.orientation,
        **{f"margin_{side}_mm": f"{value:.2f}" for side, value in zip(("top", "right", "bottom", "left"), template.margins_mm)},
        "fields": fields,
        "columns": [dataclasses.asdict(column) for column in template.columns],
        "rows_per_page": template.rows_per_page,
        "fill_blank_rows": template.fill_blank_rows,
        "preprinted_form": template.preprinted_form,
        "is_default": is_default,
    }
    if template.background_image_sha256:
        payload["background_image_sha256"] = template.background_image_sha256
    if template.text_mode is not None:
        payload["text_mode"] = {key: value for key, value in dataclasses.asdict(template.text_mode).items()
                                if value is not None}
    return payload
